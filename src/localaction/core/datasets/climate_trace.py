"""Climate TRACE CSV downloads: emissions by source (assets and area sources such as a city's road
transport) and by country, per sub-sector, gas and month.

Layouts told apart by the header: v4 (``sector`` + ``subsector``, ``source_id``, ``source_name``), v3
(``original_inventory_sector`` instead of the two), v2 (``asset_id``, ``asset_name``, ``st_astext``), and the
country files (no source column: national figures). Months are summed into calendar years by
``start_time``. Kept gases: ``co2e_100yr`` (CO2e under AR6, as Climate TRACE computes it), ``co2``, ``ch4``,
``n2o``; air pollutants and ``co2e_20yr`` are left out with a count. An empty quantity is "not available"
(no figure), ``0`` is "not emitted"; negative values (removals) keep their sign. Quantities are tonnes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

from localaction.core.datasets.countries import alpha_2
from localaction.core.datasets.files import Problems, stream
from localaction.core.datasets.headers import match
from localaction.core.datasets.model import DatasetFile, Figure, Place

META = {
    "publisher": "Climate TRACE coalition",
    "title": "Climate TRACE emissions inventory",
    "licence": "CC BY 4.0",
    "citation": "Climate TRACE - Tracking Real-time Atmospheric Carbon Emissions (climatetrace.org)",
    "source_url": "https://climatetrace.org/data",
}
SPELLINGS: dict[str, tuple[str, ...]] = {
    "source_id": ("asset_id",),
    "source_name": ("asset_name",),
    "country": ("iso3_country",),
    "sector": (),
    "subsector": ("original_inventory_sector",),
    "start_time": (),
    "lat": (),
    "lon": (),
    "wkt": ("st_astext",),
    "geometry_ref": (),
    "gas": (),
    "quantity": ("emissions_quantity",),
}
GASES = {"co2e_100yr": ("CO2e", "AR6"), "co2": ("CO2", ""), "ch4": ("CH4", ""), "n2o": ("N2O", "")}
_POINT = re.compile(r"^\s*POINT\s*\(\s*(-?[\d.]+)\s+(-?[\d.]+)\s*\)\s*$", re.I)


def _year(text: str) -> int:
    t = text.strip().replace("Z", "+00:00")
    return dt.datetime.fromisoformat(t).year if "-" in t else int(t)


def read_climate_trace(path: Path) -> DatasetFile:
    rows = stream(path)
    name = path.name
    header_row, header = next(rows, (1, []))
    header = [h.strip() for h in header]
    cols = match(
        name, header_row, header, SPELLINGS, ("country", "subsector", "start_time", "gas", "quantity")
    )
    problems = Problems(name)
    totals: dict[tuple[str, int, str, str, str], float] = {}
    first_row: dict[tuple[str, int, str, str, str], int] = {}
    places: dict[str, Place] = {}
    labels: dict[str, str] = {}
    skipped: Counter[str] = Counter()
    read = 0
    for number, cells in rows:
        read += 1
        gas_text = cols.get(cells, "gas").casefold()
        if gas_text not in GASES:
            skipped[f"gas {gas_text}"] += 1
            continue
        country = alpha_2(cols.get(cells, "country"))
        if country is None:
            problems.add(number, "iso3_country", f"unknown country code {cols.get(cells, 'country')!r}")
            continue
        try:
            year = _year(cols.get(cells, "start_time"))
        except ValueError:
            problems.add(
                number, "start_time", f"{cols.get(cells, 'start_time')!r} is not a date (2022-01-01)"
            )
            continue
        value = problems.number(number, "emissions_quantity", cols.get(cells, "quantity"))
        if value is None:
            continue
        source = cols.get(cells, "source_id")
        if source and source not in places:
            lat = problems.number(number, "lat", cols.get(cells, "lat")) if cols.has("lat") else None
            lon = problems.number(number, "lon", cols.get(cells, "lon")) if cols.has("lon") else None
            point = _POINT.match(cols.get(cells, "wkt"))
            if point and lat is None:
                lon, lat = float(point.group(1)), float(point.group(2))  # WKT is (lon lat)
            places[source] = Place(
                "climate_trace",
                source,
                cols.get(cells, "source_name"),
                lat,
                lon,
                ref=cols.get(cells, "geometry_ref"),
            )
        subsector = cols.get(cells, "subsector")
        sector = cols.get(cells, "sector")
        labels[subsector] = f"{sector} / {subsector}" if sector else subsector
        key = (country, year, source, subsector, gas_text)
        totals[key] = totals.get(key, 0.0) + value
        first_row.setdefault(key, number)
    problems.raise_if_any("Climate TRACE figures")
    figures = []
    for (country, year, source, subsector, gas_text), value in totals.items():
        gas, gwp_set = GASES[gas_text]
        figures.append(
            Figure(
                country,
                year,
                "emissions",
                value,
                "t",
                category=subsector,
                category_label=labels[subsector],
                gas=gas,
                gwp_set=gwp_set,
                place=places[source] if source else Place(),
                row=first_row[(country, year, source, subsector, gas_text)],
                note="sum of the year's rows (months)",
            )
        )
    warnings = [f"{name}: {n} row(s) of {what} not used" for what, n in sorted(skipped.items())]
    meta = dict(META)
    version = re.search(r"_v(\d+(?:_\d+)+)", name)
    if version:
        meta["version"] = "v" + version.group(1).replace("_", ".")
    return DatasetFile("climate_trace", name, figures, read, cols.unused, warnings, meta)
