"""CDP city-wide emissions open data (2016 …): self-reported totals of the cities that reported them,
imported as published, self-reported inventories (totals only, no GPC lines).

Jurisdictions are matched across years by the CDP account number (identifier scheme ``cdp_account``) and
created when new. Column names drift between years (case, spaces, zero-width spaces, units in brackets,
renamed columns): ``COLUMNS`` lists the aliases seen. Numbers may be text with thousands commas; blanks,
"Question not applicable", "Not Applicable" and "Do not know" are empty. A value that cannot be read fails
the whole import (every such cell listed with file, row and column) and nothing is written. Rows that hold
no inventory (no figures, or no accounting year) add the jurisdiction and its population only, with a
warning; a repeated account in one file keeps the most recently updated row.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from localaction.core import clock
from localaction.core.errors import Detail, InputError
from localaction.core.inventory.periods import parse_period
from localaction.core.inventory.tables import read_table
from localaction.registry.base.models import (
    Jurisdiction,
    JurisdictionIdentifier,
    JurisdictionStat,
    State,
    VerificationStatus,
)
from localaction.registry.inventories.imports.common import (
    ImportSummary,
    Progress,
    any_value,
    ascii_name,
    cell,
    country_code,
    match_columns,
    number,
    record_created,
)
from localaction.registry.inventories.models import Inventory

SCHEME = "cdp_account"
COLUMNS: dict[str, tuple[str, ...]] = {
    "account": ("account number", "account no", "account", "cdp account number", "account id"),
    "organization": ("organization", "organisation", "city name", "organization name"),
    "city": ("city short name", "city"),
    "country": ("country name",),
    "region": ("cdp region", "region"),
    "reporting_year": ("year reported to cdp", "reporting year", "year reported"),
    "accounting_year": ("accounting year", "measurement year", "inventory year", "accounting period"),
    "boundary": ("inventory boundary", "boundary"),
    "total": (
        "total city wide emissions",
        "total emissions",
        "total city-wide emissions",
        "total citywide emissions",
    ),
    "total_scope": ("scopes included",),
    "scope1": ("total scope 1 emissions",),
    "scope2": ("total scope 2 emissions",),
    "scope3": ("total scope 3 emissions",),
    "basic": ("total basic emissions", "total basic emissions gpc", "basic emissions"),
    "basic_plus": ("total basic+ emissions", "total basic+ emissions gpc", "basic+ emissions"),
    "population": ("current population",),
    "population_year": ("current population year", "population year"),
    "land_area": ("land area", "land area in square km", "land area km2"),
    "location": ("city location", "location"),
    "last_update": ("last update", "last updated"),
}
REQUIRED = ("account", "country", "reporting_year")
FIGURES = ("total", "scope1", "scope2", "scope3", "basic", "basic_plus")
_US_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_PAIR = re.compile(r"^\(?\s*(-?[\d.]+)\s*,\s*(-?[\d.]+)\s*\)?$")
_POINT = re.compile(r"^POINT\s*\(\s*(-?[\d.]+)\s+(-?[\d.]+)\s*\)$", re.I)


@dataclass
class CdpRow:
    file: str
    row: int
    account: str
    name: str
    city: str
    country: str
    region: str
    reporting_year: int
    year: int | None
    period: tuple[dt.date, dt.date, str] | None
    boundary: str
    figures: dict[str, float | None]
    total_scope: str
    population: int | None
    population_year: int | None
    land_area: float | None
    lat_lon: tuple[float, float] | None
    last_update: str


def _year_of(label: str) -> tuple[int | None, tuple[dt.date, dt.date, str] | None]:
    """The inventory year of an accounting period as CDP writes it: ``2015-01-01 - 2015-12-31``,
    ``12/31/2013 12:00:00 AM`` (the period's end), ``- 2017-12-31`` (end only), ``-`` (none)."""
    text = label.strip()
    if not text or text.strip("- ") == "":
        return None, None
    us = _US_DATE.search(text)
    if us:
        return int(us.group(3)), None
    try:
        p = parse_period(text)
        return p.year, (p.start, p.end, text)
    except (InputError, ValueError):
        dates = _ISO_DATE.findall(text) or re.findall(r"\b(19\d\d|20\d\d)\b", text)
        if not dates:
            raise ValueError(
                f"{label!r} is not an accounting period (e.g. 2015-01-01 - 2015-12-31)"
            ) from None
        last = dates[-1]
        return int(last[0] if isinstance(last, tuple) else last), None


def _location(text: str) -> tuple[float, float] | None:
    m = _PAIR.match(text)
    lat_lon = (float(m.group(1)), float(m.group(2))) if m else None
    p = _POINT.match(text)
    if p:
        lat_lon = (float(p.group(2)), float(p.group(1)))
    if lat_lon and -90 <= lat_lon[0] <= 90 and -180 <= lat_lon[1] <= 180:
        return lat_lon
    return None


def _year(text: str) -> int | None:
    value = number(text)
    if value is None or not value.is_integer() or not 1900 <= value <= 2100:
        return None
    return int(value)


def read_cdp_file(path: Path, problems: list[Detail], summary: ImportSummary) -> list[CdpRow]:
    """Every row of one file (problems and warnings appended; nothing raised for a bad cell)."""
    table = read_table(path)
    columns = match_columns(table.header, COLUMNS)
    missing = [c for c in REQUIRED if c not in columns]
    if missing or not ({"organization", "city"} & set(columns)):
        problems += [
            Detail((table.name, f"row {table.header_row}", c), f"no column for {c!r} (aliases: {COLUMNS[c]})")
            for c in missing or ["city"]
        ]
        return []
    out: list[CdpRow] = []
    for number_, cells in table.rows:
        summary.rows += 1
        out.extend(_read_row(table.name, number_, cells, columns, problems, summary))
    return out


def _read_row(
    name: str,
    row: int,
    cells: list[str],
    columns: dict[str, int],
    problems: list[Detail],
    summary: ImportSummary,
) -> list[CdpRow]:
    def where(col: str) -> tuple[str, str, str]:
        return (name, f"row {row}", col)

    def num(col: str) -> float | None:
        try:
            return number(cell(cells, columns, col))
        except ValueError as exc:
            problems.append(Detail(where(col), str(exc)))
            return None

    account = cell(cells, columns, "account").removesuffix(".0")
    if not account.isdigit():
        problems.append(Detail(where("account"), f"{account!r}: the CDP account number must be a number"))
        return []
    country_text = cell(cells, columns, "country")
    country = country_code(country_text)
    if country is None:
        problems.append(
            Detail(where("country"), f"unknown country {country_text!r}: add it to countries.csv")
        )
    reporting_year = _year(cell(cells, columns, "reporting_year"))
    if reporting_year is None:
        problems.append(Detail(where("reporting_year"), "give the year reported to CDP, e.g. 2019"))
    figures = {f: num(f) for f in FIGURES}
    try:
        year, period = _year_of(cell(cells, columns, "accounting_year"))
    except ValueError as exc:
        year, period = None, None
        if any_value(figures.values()):
            problems.append(Detail(where("accounting_year"), str(exc)))
    if year is not None and not 1990 <= year <= 2100:
        problems.append(Detail(where("accounting_year"), f"inventory year {year} is outside 1990-2100"))
    if any_value(figures.values()) and year is None:
        summary.warnings.append(
            Detail(
                where("accounting_year"),
                "figures without an accounting year: the jurisdiction is imported, the inventory is not",
            )
        )
    population = num("population")
    land = num("land_area")
    org, city = cell(cells, columns, "organization"), cell(cells, columns, "city")
    if country is None or reporting_year is None:
        return []
    return [
        CdpRow(
            file=name,
            row=row,
            account=account,
            name=org or city,
            city=city or org,
            country=country,
            region=cell(cells, columns, "region"),
            reporting_year=reporting_year,
            year=year,
            period=period,
            boundary=cell(cells, columns, "boundary"),
            figures=figures,
            total_scope=cell(cells, columns, "total_scope"),
            population=int(population) if population is not None and population > 0 else None,
            population_year=_year(cell(cells, columns, "population_year")),
            land_area=land if land is not None and land > 0 else None,
            lat_lon=_location(cell(cells, columns, "location")),
            last_update=cell(cells, columns, "last_update"),
        )
    ]


def _dedupe(rows: list[CdpRow], summary: ImportSummary) -> list[CdpRow]:
    """One row per (account, reporting year): the most recently updated, else the last in the file."""
    keep: dict[tuple[str, int], CdpRow] = {}
    for r in rows:
        key = (r.account, r.reporting_year)
        old = keep.get(key)
        if old is not None:
            winner = r if r.last_update >= old.last_update else old
            loser = old if winner is r else r
            summary.warnings.append(
                Detail(
                    (loser.file, f"row {loser.row}", "account"),
                    f"account {r.account} appears again in row {winner.row}; that row is kept",
                )
            )
            keep[key] = winner
        else:
            keep[key] = r
    return list(keep.values())


def import_cdp(paths: list[Path], progress: Progress | None = None) -> ImportSummary:
    """Import CDP files (all or nothing). Raises InputError ``invalid_file`` listing every unreadable cell."""
    summary = ImportSummary(files=[p.name for p in paths])
    problems: list[Detail] = []
    rows: list[CdpRow] = []
    for path in paths:
        rows += read_cdp_file(path, problems, summary)
    if problems:
        raise InputError(
            f"{len(problems)} value(s) could not be read; nothing was imported. Fix them and try again",
            code="invalid_file",
            details=problems,
        )
    rows = _dedupe(rows, summary)
    rows.sort(key=lambda r: (r.reporting_year, r.file, r.row))  # later reports update the profile last
    with transaction.atomic():
        _write(rows, summary, progress)
    return summary


def _jurisdiction(r: CdpRow, known: dict[str, Jurisdiction], summary: ImportSummary) -> Jurisdiction:
    jur = known.get(r.account)
    if jur is not None:
        summary.add("jurisdictions matched")
        return jur
    base = slugify(ascii_name(r.city))[:80] or f"cdp-{r.account}"
    slug = base if not Jurisdiction.all_objects.filter(slug=base).exists() else f"{base}-cdp-{r.account}"
    jur = Jurisdiction.objects.create(
        slug=slug,
        name=r.name[:200],
        name_ascii=ascii_name(r.city)[:200],
        kind="city",
        country=r.country,
        region=r.region[:100],
        latitude=r.lat_lon[0] if r.lat_lon else None,
        longitude=r.lat_lon[1] if r.lat_lon else None,
    )
    JurisdictionIdentifier.objects.create(jurisdiction=jur, scheme=SCHEME, value=r.account)
    record_created([jur], f"CDP account {r.account}")
    known[r.account] = jur
    summary.add("jurisdictions created")
    return jur


def _stat(jur: Jurisdiction, r: CdpRow, summary: ImportSummary) -> None:
    if r.population is None and r.land_area is None:
        return
    year = r.population_year or r.reporting_year
    stat = JurisdictionStat.objects.filter(jurisdiction=jur, year=year).first()
    source = f"CDP open data {r.reporting_year}"
    if stat is None:
        JurisdictionStat.objects.create(
            jurisdiction=jur, year=year, population=r.population, area_km2=r.land_area, source=source
        )
        summary.add("population figures")
    elif (stat.population, stat.area_km2) != (r.population, r.land_area):
        stat.population = r.population if r.population is not None else stat.population
        stat.area_km2 = r.land_area if r.land_area is not None else stat.area_km2
        stat.source, stat.revision = source, stat.revision + 1
        stat.save()


def _inventory(jur: Jurisdiction, r: CdpRow, now: dt.datetime) -> Inventory:
    assert r.year is not None
    f = r.figures
    start, end, label = r.period if r.period else (None, None, "")
    return Inventory(
        jurisdiction=jur,
        year=r.year,
        period_start=start,
        period_end=end,
        period_label=label[:100],
        boundary=r.boundary,
        reporting_year=r.reporting_year,
        population=r.population,
        reported_scope1_tco2e=f["scope1"],
        reported_scope2_tco2e=f["scope2"],
        reported_scope3_tco2e=f["scope3"],
        reported_basic_tco2e=f["basic"],
        reported_basic_plus_tco2e=f["basic_plus"],
        reported_total_tco2e=f["total"],
        reported_total_scope=(r.total_scope or ("as reported to CDP" if f["total"] is not None else ""))[
            :200
        ],
        state=State.PUBLISHED,
        verification_status=VerificationStatus.SELF_REPORTED,
        published_at=now,
        data_source=f"CDP open data {r.reporting_year}",
        external_id=f"cdp:{r.account}:{r.reporting_year}",
    )


def _write(rows: list[CdpRow], summary: ImportSummary, progress: Progress | None) -> None:
    known = {
        i.value: i.jurisdiction
        for i in JurisdictionIdentifier.objects.filter(scheme=SCHEME).select_related("jurisdiction")
        if i.jurisdiction.deleted_at is None
    }
    existing = set(
        Inventory.all_objects.filter(external_id__startswith="cdp:").values_list("external_id", flat=True)
    )
    now = clock.now()
    new: list[Inventory] = []
    for r in rows:
        jur = _jurisdiction(r, known, summary)
        _stat(jur, r, summary)
        if r.year is not None and any_value(r.figures.values()):
            inv = _inventory(jur, r, now)
            if inv.external_id in existing:
                summary.add("inventories already imported")
            else:
                existing.add(inv.external_id)
                new.append(inv)
        if progress:
            progress(1)
    created = Inventory.objects.bulk_create(new, batch_size=500)
    if created and created[0].pk is None:  # backends without RETURNING: read the ids back
        created = list(Inventory.objects.filter(external_id__in=[i.external_id for i in new]))
    record_created(created, "CDP open data import")
    summary.add("inventories created", len(created))
