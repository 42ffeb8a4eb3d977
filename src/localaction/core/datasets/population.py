"""Population and context tables: people, GDP and floor area of a country or a city in a year, for the
years a city has no figure of its own and for the national side of a downscaling share.

Three layouts, told apart by the header:
- UN World Population Prospects CSV (``ISO2_code``, ``Time``, ``Variant``, ``PopTotal`` in thousands):
  countries only, one variant (``Medium`` unless told otherwise);
- World Bank indicators CSV (title rows, then ``Country Name``, ``Country Code``, ``Indicator Name``,
  ``Indicator Code``, one column per year): ``SP.POP.TOTL`` (people) and ``NY.GDP.MKTP.CD`` (GDP, US$);
- a plain long table (national statistics, our template): ``country``, optional place (``unlocode``,
  ``slug`` or ``place`` name; blank = the whole country), ``year``, and any of ``population``, ``gdp`` (with
  ``currency``), ``residential floor area (m2)``, ``commercial floor area (m2)``.
Regions and aggregates without a country code are left out with a count.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from localaction.core.datasets.countries import alpha_2
from localaction.core.datasets.files import Grid, Problems, grid
from localaction.core.datasets.headers import Columns, find_header, match, normalise
from localaction.core.datasets.model import DatasetFile, Figure, Place

WPP_META = {
    "publisher": "United Nations, Department of Economic and Social Affairs, Population Division",
    "title": "World Population Prospects",
    "licence": "CC BY 3.0 IGO",
    "citation": "United Nations, DESA, Population Division: World Population Prospects (edition as loaded)",
    "source_url": "https://population.un.org/wpp/downloads",
}
WB_META = {
    "publisher": "World Bank",
    "title": "World Development Indicators",
    "licence": "CC BY 4.0",
    "citation": "World Bank, World Development Indicators (indicator and date of download as loaded)",
    "source_url": "https://data.worldbank.org",
}
WB_INDICATORS = {"SP.POP.TOTL": ("population", "people"), "NY.GDP.MKTP.CD": ("gdp", "USD")}
LONG: dict[str, tuple[str, ...]] = {
    "country": ("country code", "iso country", "iso2", "iso3"),
    "unlocode": ("un/locode", "locode"),
    "slug": (),
    "place": ("city", "municipality", "jurisdiction", "name"),
    "year": (),
    "population": ("population (people)", "inhabitants"),
    "gdp": ("gdp (local currency)",),
    "currency": ("gdp currency",),
    "floor_area_residential": ("residential floor area (m2)", "residential floor area"),
    "floor_area_commercial": ("commercial floor area (m2)", "commercial floor area"),
}
_YEAR = re.compile(r"^\d{4}$")


def _wpp(name: str, rows: Grid, variant: str) -> DatasetFile:
    header_row, header = rows[0]
    spell = {"iso2": ("iso2_code",), "time": (), "variant": (), "poptotal": ()}
    cols = match(name, header_row, header, spell, ("iso2", "time", "poptotal"))
    problems = Problems(name)
    figures: list[Figure] = []
    skipped: Counter[str] = Counter()
    for number, cells in rows[1:]:
        if cols.has("variant") and variant and cols.get(cells, "variant") != variant:
            skipped[f"variant {cols.get(cells, 'variant')}"] += 1
            continue
        country = alpha_2(cols.get(cells, "iso2"))
        if country is None:
            skipped["regions and aggregates (no ISO2 code)"] += 1
            continue
        year = problems.number(number, "Time", cols.get(cells, "time"))
        pop = problems.number(number, "PopTotal", cols.get(cells, "poptotal"))
        if year is None or pop is None:
            continue
        # WPP gives PopTotal in thousands of people (1 July of the year).
        figures.append(
            Figure(
                country,
                int(year),
                "population",
                pop * 1000,
                "people",
                row=number,
                note="UN WPP PopTotal (thousands) × 1000",
            )
        )
    problems.raise_if_any("population figures")
    warnings = [f"{name}: {n} row(s) of {w} not used" for w, n in sorted(skipped.items())]
    meta = dict(WPP_META)
    if m := re.search(r"WPP(\d{4})", name):
        meta["version"] = f"WPP{m.group(1)} ({variant})"
    return DatasetFile("population", name, figures, len(rows) - 1, cols.unused, warnings, meta)


def _world_bank(name: str, rows: Grid) -> DatasetFile:
    pos = find_header(name, rows, ["Country Code", "Indicator Code"])
    header_row, header = rows[pos]
    years = {i: int(h) for i, h in enumerate(header) if _YEAR.match(h.strip())}
    spell = {
        "code": ("country code",),
        "indicator": ("indicator code",),
        "cname": ("country name",),
        "iname": ("indicator name",),
    }
    cols = match(name, header_row, header, spell, ("code", "indicator"), extra=years)
    problems = Problems(name)
    figures: list[Figure] = []
    skipped: Counter[str] = Counter()
    for number, cells in rows[pos + 1 :]:
        indicator = WB_INDICATORS.get(cols.get(cells, "indicator"))
        if indicator is None:
            skipped[f"indicator {cols.get(cells, 'indicator')}"] += 1
            continue
        country = alpha_2(cols.get(cells, "code"))
        if country is None:
            skipped["regions and aggregates"] += 1
            continue
        for i, year in years.items():
            value = problems.number(number, header[i], cells[i] if i < len(cells) else "")
            if value is not None:
                figures.append(Figure(country, year, indicator[0], value, indicator[1], row=number))
    problems.raise_if_any("indicator figures")
    warnings = [f"{name}: {n} row(s) of {w} not used" for w, n in sorted(skipped.items())]
    return DatasetFile("population", name, figures, len(rows) - pos - 1, cols.unused, warnings, dict(WB_META))


def _long(name: str, rows: Grid) -> DatasetFile:
    header_row, header = rows[0]
    cols: Columns = match(name, header_row, header, LONG, ("country", "year"))
    measures = [
        m for m in ("population", "gdp", "floor_area_residential", "floor_area_commercial") if cols.has(m)
    ]
    if not measures:
        match(name, header_row, header, LONG, ("population",))  # raises: names the missing column
    problems = Problems(name)
    figures: list[Figure] = []
    for number, cells in rows[1:]:
        country = alpha_2(cols.get(cells, "country"))
        if country is None:
            problems.add(number, "country", f"unknown country {cols.get(cells, 'country')!r} (use ISO codes)")
            continue
        year = problems.number(number, "year", cols.get(cells, "year"))
        if year is None or not 1900 <= year <= 2100:
            problems.add(number, "year", f"{cols.get(cells, 'year')!r} is not a year")
            continue
        place = Place()
        for scheme in ("unlocode", "slug", "place"):
            text = cols.get(cells, scheme)
            if text:
                ident = text.upper() if scheme == "unlocode" else text
                place = Place("name" if scheme == "place" else scheme, ident, text)
                break
        for m in measures:
            value = problems.number(number, m, cols.get(cells, m))
            if value is None:
                continue
            if value < 0:
                problems.add(number, m, f"{value} is negative")
                continue
            unit = {"population": "people", "gdp": cols.get(cells, "currency").upper() or "?"}.get(m, "m2")
            if m == "gdp" and unit == "?":
                problems.add(number, "currency", "a GDP needs its currency (e.g. BRL)")
                continue
            figures.append(Figure(country, int(year), m, value, unit, place=place, row=number))
    problems.raise_if_any("context figures")
    meta = {"title": f"Population and context table {name}"}
    return DatasetFile("population", name, figures, len(rows) - 1, cols.unused, [], meta)


def read_population(path: Path, *, variant: str = "Medium") -> DatasetFile:
    rows = grid(path)
    first = {normalise(c) for c in rows[0][1]}
    if {"poptotal", "iso2_code"} <= first:
        return _wpp(path.name, rows, variant)
    if any({"country code", "indicator code"} <= {normalise(c) for c in cells} for _n, cells in rows[:10]):
        return _world_bank(path.name, rows)
    return _long(path.name, rows)
