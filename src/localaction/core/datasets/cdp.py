"""CDP-ICLEI open data, "City-wide Emissions" (reporting years 2016–2021): a city's own earlier report.

Each row is one city's answer in one reporting year: account number, names, country, the accounting year
of its inventory, and the totals it reported (total, scope 1, 2, 3, BASIC, BASIC+), plus its population.
Headers drift every year (see docs/datasets.md): they are matched by meaning. When the ``TOTAL`` scope
cells are blank (2020, 2021) and the two parts ("for Total generation of grid supplied energy" and "for
Total emissions (excluding generation …)") are given, the scope total is their sum, and the figure says so.
A row without an accounting year or without any figure is skipped with a warning (the city reported no
inventory). A cell that is not a number fails the file (every such cell listed).
"""

from __future__ import annotations

import re
from pathlib import Path

from localaction.core.datasets.countries import alpha_2
from localaction.core.datasets.files import Problems, grid
from localaction.core.datasets.headers import match
from localaction.core.datasets.model import DatasetFile, Figure, Place
from localaction.core.errors import InputError
from localaction.core.inventory.periods import parse_period

_GEN = "for total generation of grid supplied energy"
_GEN_2020 = "for total generation of grid-supplied energy"
_EXCL = "for total emissions (excluding generation of grid-supplied energy)"

SPELLINGS: dict[str, tuple[str, ...]] = {
    "reporting_year": ("reporting year", "year reported to cdp"),
    "account": ("account number",),
    "organization": ("organization", "city name", "organization name"),
    "city": ("city", "city short name"),
    "country": ("country",),
    "accounting_year": ("accounting year", "measurement year"),
    "boundary": (
        "boundary",
        "inventory boundary",
        "inventory boundary (compared to administrative city boundary)",
    ),
    "protocol": ("primary protocol", "primary methodology", "protocol"),
    "total": ("total city-wide emissions (metric tonnes co2e)", "total emissions (metric tonnes co2e)"),
    "scopes_included": ("scopes included",),
    "scope1_generation": (
        f"direct emissions/ scope 1 (metric tonnes co2e) {_GEN}",
        f"direct emissions (metric tonnes co2e) {_GEN_2020}",
    ),
    "scope1_other": (
        f"direct emissions/ scope 1 (metric tonnes co2e) {_EXCL}",
        f"direct emissions (metric tonnes co2e) {_EXCL}",
    ),
    "scope2_generation": (
        f"indirect emissions from use of grid supplied energy/scope 2 (metric tonnes co2e) {_GEN}",
        f"indirect emissions from use of grid supplied energy (metric tonnes co2e) {_GEN}",
    ),
    "scope2_other": (
        f"indirect emissions from use of grid supplied energy/scope 2 (metric tonnes co2e) {_EXCL}",
        f"indirect emissions from use of grid supplied energy (metric tonnes co2e) {_EXCL}",
    ),
    "scope3_generation": (
        f"emissions occurring outside city boundary/ scope 3 (metric tonnes co2e) {_GEN}",
        f"emissions occurring outside city boundary (metric tonnes co2e) {_GEN}",
    ),
    "scope3_other": (
        f"emissions occurring outside city boundary/ scope 3 (metric tonnes co2e) {_EXCL}",
        f"emissions occurring outside city boundary (metric tonnes co2e) {_EXCL}",
    ),
    "scope1": ("total scope 1 emissions (metric tonnes co2e)",),
    "scope2": ("total scope 2 emissions (metric tonnes co2e)",),
    "scope3": ("total scope 3 emissions (metric tonnes co2e)", "total scope 3 emissions"),
    "basic": ("total basic emissions (gpc)",),
    "basic_plus": ("total basic+ emissions (gpc)",),
    "population": ("population", "current population"),
    "population_year": ("population year", "current population year"),
}
REQUIRED = ("reporting_year", "account", "country", "accounting_year")
FIGURES = ("total", "scope1", "scope2", "scope3", "basic", "basic_plus")
_US_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})\b")
_END_ONLY = re.compile(r"^-\s*(\d{4})-\d{2}-\d{2}$")

META = {
    "publisher": "CDP Worldwide and ICLEI – Local Governments for Sustainability",
    "licence": "CDP Open Database Licence",
    "citation": "This data was collected in partnership by CDP and ICLEI - Local Governments for Sustainability",
    "source_url": "https://data.cdp.net",
}


def _inventory_year(text: str) -> tuple[int | None, str]:
    """The inventory year of an accounting period as CDP writes it, and how it was read."""
    t = text.strip()
    if not t or t.strip("- ") == "":
        return None, ""
    us = _US_DATE.match(t)  # 2016: the period's end, US style ("12/31/2013 12:00:00 AM")
    if us:
        return int(us.group(3)), f"year of the period's end ({t})"
    end = _END_ONLY.match(t)
    if end:
        return int(end.group(1)), f"year of the period's end; no start given ({t})"
    period = parse_period(t)  # raises InputError naming the accepted forms
    return period.year, "" if period.start.month == 1 and period.start.day == 1 else f"period {t}"


def read_cdp(path: Path) -> DatasetFile:
    """Read one CDP city-wide emissions CSV (2016–2021 layouts)."""
    rows = grid(path)
    name = path.name
    header_row, header = rows[0]
    cols = match(name, header_row, header, SPELLINGS, REQUIRED)
    problems = Problems(name)
    figures: list[Figure] = []
    warnings: list[str] = []
    reporting_years: set[int] = set()
    for number, cells in rows[1:]:
        account = cols.get(cells, "account")
        if not account:
            problems.add(number, cols.title("account"), "no account number; every CDP row has one")
            continue
        ry = problems.number(number, cols.title("reporting_year"), cols.get(cells, "reporting_year"))
        if ry is not None:
            reporting_years.add(int(ry))
        country_text = cols.get(cells, "country")
        country = alpha_2(country_text)
        if country is None:
            problems.add(number, cols.title("country"), f"unknown country {country_text!r}")
            continue
        org = cols.get(cells, "organization")
        city = cols.get(cells, "city") or org
        place = Place("cdp_account", account, city.strip() or org)
        values = {
            m: problems.number(number, cols.title(m), cols.get(cells, m)) for m in FIGURES if cols.has(m)
        }
        notes: dict[str, str] = {}
        for scope in ("scope1", "scope2", "scope3"):
            parts = [
                problems.number(number, cols.title(f"{scope}_{p}"), cols.get(cells, f"{scope}_{p}"))
                for p in ("generation", "other")
                if cols.has(f"{scope}_{p}")
            ]
            given = [p for p in parts if p is not None]
            if values.get(scope) is None and given:
                values[scope] = sum(given)
                notes[scope] = "sum of the two parts reported (grid generation and all other emissions)"
        scope_note = cols.get(cells, "scopes_included")
        if scope_note:
            notes["total"] = f"covers, as the city wrote: {scope_note}"
        try:
            year, how = _inventory_year(cols.get(cells, "accounting_year"))
        except InputError as exc:  # real files hold multi-year periods: that row's figures are not used
            warnings.append(f"{name}, row {number}: {city or account}: {exc.message}; figures not used")
            year = None
        present = {m: v for m, v in values.items() if v is not None and v != 0}
        if year is None:
            pass
        elif not present:
            warnings.append(f"{name}, row {number}: {city or account} reported no inventory figures; skipped")
        else:
            for measure, value in present.items():
                note = "; ".join(n for n in (how, notes.get(measure, "")) if n)
                figures.append(
                    Figure(
                        country,
                        year,
                        measure,
                        value,
                        "t",
                        category=measure,
                        gas="CO2e",
                        place=place,
                        row=number,
                        note=note,
                    )
                )
        pop = problems.number(number, cols.title("population"), cols.get(cells, "population"))
        pop_year = problems.number(number, cols.title("population_year"), cols.get(cells, "population_year"))
        if pop and pop > 0:
            if pop_year is not None and 1900 <= pop_year <= 2100:
                figures.append(
                    Figure(
                        country,
                        int(pop_year),
                        "population",
                        pop,
                        "people",
                        place=place,
                        row=number,
                        note="as the city reported it to CDP",
                    )
                )
            else:
                warnings.append(
                    f"{name}, row {number}: population {pop:.0f} has no readable year "
                    f"({cols.get(cells, 'population_year')!r}); not used"
                )
    problems.raise_if_any("CDP figures")
    meta = dict(META)
    if reporting_years:
        span = sorted(reporting_years)
        meta["version"] = f"reporting year {span[0]}" + (f"–{span[-1]}" if len(span) > 1 else "")
        meta["title"] = f"CDP-ICLEI city-wide emissions, reporting year {span[-1]}"
    return DatasetFile("cdp", name, figures, len(rows) - 1, cols.unused, warnings, meta)
