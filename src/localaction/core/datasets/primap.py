"""PRIMAP-hist national historical emissions (Gütschow et al., PIK), CSV: one row per country, IPCC
category, gas (entity) and unit, one column per year.

Two layouts, told apart by the header: v2.2 on (``area (ISO3)``, ``entity``, ``unit``,
``category (IPCC2006_PRIMAP)``, ``scenario (PRIMAP-hist)``) and up to v2.1 (``country``, ``category`` with
codes such as ``IPC1A``, ``entity`` such as ``KYOTOGHGAR4``). Units are pint strings with a gas in front
(``CO2 * gigagram / a``); values are converted to tonnes. Basket entities (``KYOTOGHG (AR5GWP100)``) are
CO2 equivalents and keep their GWP set. Only one scenario is kept (``HISTCR``, country-reported data first,
unless told otherwise), only years from ``first_year`` on, and country groups (EARTH, ANNEXI …) are left
out, each with a warning. An empty cell is "no data", never zero.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection
from pathlib import Path

from localaction.core.datasets.countries import alpha_2
from localaction.core.datasets.files import Problems, stream
from localaction.core.datasets.headers import Columns, match, normalise
from localaction.core.datasets.model import DatasetFile, Figure
from localaction.core.datasets.units import split_gas, tonnes_factor
from localaction.core.errors import Detail, InputError

META = {
    "publisher": "Potsdam Institute for Climate Impact Research (PIK)",
    "title": "PRIMAP-hist national historical emissions time series",
    "licence": "CC BY 4.0",
    "citation": "Gütschow, J. et al.: The PRIMAP-hist national historical emissions time series (Zenodo; "
    "cite the DOI of the version loaded)",
    "source_url": "https://zenodo.org/communities/primap",
}
GASES = {"CO2": "CO2", "CH4": "CH4", "N2O": "N2O", "SF6": "SF6", "NF3": "NF3"}
# Basket entities: CO2 equivalents under a GWP set.
_BASKET = re.compile(r"^(KYOTOGHG|FGASES|HFCS|PFCS)\s*\((SAR|AR4|AR5|AR6)GWP100\)$", re.I)
_OLD_BASKET = re.compile(r"^(KYOTOGHG|FGASES|HFCS|PFCS)(AR4|AR5|AR6)?$", re.I)
_YEAR = re.compile(r"^\d{4}$")

NEW = {
    "area": ("area (iso3)",),
    "entity": (),
    "unit": (),
    "category": (),
    "scenario": (),
}
OLD = {"area": ("country",), "entity": (), "unit": (), "category": (), "scenario": ()}


def _prefixed(header: list[str], prefix: str) -> str | None:
    """``category (IPCC2006_PRIMAP)`` and ``scenario (PRIMAP-hist)``: matched by their prefix."""
    for title in header:
        n = normalise(title)
        if n == prefix or n.startswith(prefix + " ("):
            return title
    return None


def old_category(code: str) -> str:
    """Codes up to v2.1 → v2.2: ``IPC1A`` → ``1.A``, ``IPC1B1`` → ``1.B.1``, ``IPCM0EL`` → ``M.0.EL``,
    ``IPCMAG`` → ``M.AG``, ``IPCMAGELV`` → ``M.AG.ELV``."""
    c = code.strip().upper().removeprefix("IPC")
    named = {"M0EL": "M.0.EL", "MAG": "M.AG", "MAGELV": "M.AG.ELV", "MLULUCF": "M.LULUCF", "M0": "0"}
    if c in named:
        return named[c]
    return ".".join(re.findall(r"\d+|[A-Z]|[a-z]+", c))


def entity_gas(entity: str) -> tuple[str, str] | None:
    """(gas, GWP set) of an entity: ``('CO2', '')``, ``('KYOTOGHG', 'AR5')``; None when not a GHG."""
    e = entity.strip()
    m = _BASKET.match(e)
    if m:
        return m.group(1).upper(), m.group(2).upper()
    m = _OLD_BASKET.match(e)
    if m:
        return m.group(1).upper(), (m.group(2) or "SAR").upper()
    gas = GASES.get(e.upper())
    return (gas, "") if gas else None


def read_primap(
    path: Path,
    *,
    scenario: str = "HISTCR",
    first_year: int = 1990,
    countries: Collection[str] | None = None,
) -> DatasetFile:
    """Read a PRIMAP-hist CSV. ``countries`` (alpha-2) keeps only those (a real file has every country)."""
    rows = stream(path)
    name = path.name
    header_row, header = next(rows, (1, []))
    header = [h.strip() for h in header]
    years = {i: int(h) for i, h in enumerate(header) if _YEAR.match(h.strip())}
    if not years:
        raise InputError(
            f"{name}: no year columns (headers such as 1990, 2021) in the header row",
            code="invalid_header",
            details=[Detail((name, f"row {header_row}"), "is this a PRIMAP-hist CSV? see docs/datasets.md")],
        )
    new = _prefixed(header, "area") is not None
    spellings = dict(NEW if new else OLD)
    for meaning in ("category", "scenario"):
        found = _prefixed(header, meaning)
        if found is not None:
            spellings[meaning] = (found,)
    cols: Columns = match(
        name, header_row, header, spellings, ("area", "entity", "unit", "category"), extra=years
    )
    problems = Problems(name)
    figures: list[Figure] = []
    skipped: Counter[str] = Counter()
    keep = {c.upper() for c in countries} if countries else None
    read = 0
    for number, cells in rows:
        read += 1
        if cols.has("scenario") and scenario and cols.get(cells, "scenario") != scenario:
            skipped[f"scenario {cols.get(cells, 'scenario')}"] += 1
            continue
        area = cols.get(cells, "area")
        country = alpha_2(area) if len(area) == 3 else None
        if country is None:
            skipped[f"area {area} (a group or unknown code)"] += 1
            continue
        if keep is not None and country not in keep:
            continue
        _unit_gas, unit = split_gas(cols.get(cells, "unit"))
        entity = cols.get(cells, "entity")
        gas = entity_gas(entity)
        if gas is None:
            skipped[f"entity {entity}"] += 1
            continue
        try:
            factor = tonnes_factor(unit)
        except ValueError as exc:
            problems.add(number, "unit", f"{exc}; PRIMAP-hist writes units such as 'CO2 * gigagram / a'")
            continue
        raw_cat = cols.get(cells, "category")
        category = raw_cat if new else old_category(raw_cat)
        for i, year in years.items():
            if year < first_year:
                continue
            value = problems.number(number, header[i], cells[i] if i < len(cells) else "")
            if value is None:
                continue
            figures.append(
                Figure(
                    country,
                    year,
                    "emissions",
                    value * factor,
                    "t",
                    category=category,
                    category_label=raw_cat,
                    gas=gas[0],
                    gwp_set=gas[1],
                    row=number,
                )
            )
    problems.raise_if_any("PRIMAP-hist figures")
    warnings = [f"{name}: {n} row(s) of {what} not used" for what, n in sorted(skipped.items())]
    meta = dict(META)
    version = re.search(r"v(\d+(?:\.\d+)+)", name)
    if version:
        meta["version"] = f"{version.group(1)} ({scenario})"
    return DatasetFile("primap", name, figures, read, cols.unused, warnings, meta)
