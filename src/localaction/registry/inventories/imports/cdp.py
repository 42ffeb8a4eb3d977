"""CDP city-wide emissions open data (any year from 2016): self-reported totals of the cities that reported
them, imported as published, self-reported inventories (totals only, no GPC lines).

Reading is ``core.inventory.readers.cdp`` (columns found by meaning; see there). Jurisdictions are matched
across years by the CDP account number (identifier scheme ``cdp_account``) and created when new. Stored per
inventory: scope 1/2/3 totals and their parts (generation of grid-supplied energy, and excluding it), BASIC,
BASIC+, the headline total, protocol, boundary, gases, population and its year, change and reason; a scope
total derived from its parts says so in ``reported_notes``; the reader's checks (BASIC+ below BASIC, a 0 for
"not reported", totals against their parts) are stored in ``checks`` like the engine's. An unreadable
account, reporting year or emission figure fails the whole import (every such cell listed) and nothing is
written; a bad population, area, GDP … is a warning. Rows that hold no inventory add the jurisdiction and
its population only; a repeated account in one file keeps the most recently updated row. The report
accounts for every figure of every file.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from localaction.core import clock
from localaction.core.errors import Detail, InputError
from localaction.core.inventory.readers.cdp import FIGURES, CdpRow, read_cdp
from localaction.core.io.numbers import DecimalMark
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
    ascii_name,
    country_code,
    record_created,
)
from localaction.registry.inventories.models import Inventory

SCHEME = "cdp_account"
# Text columns kept (in the jurisdiction or the inventory); a number in any other text column is not used.
STORED_TEXT = (
    "accounting_year",
    "organization",
    "city",
    "country",
    "region",
    "boundary",
    "protocol",
    "protocol_comment",
    "gases",
    "change",
    "change_reason",
    "total_scope",
    "location",
)
# Figures the registry has no field for (read for their warnings, reported as not used).
NO_FIELD = {
    "gdp": "GDP: the registry keeps no GDP",
    "gdp_year": "GDP year: the registry keeps no GDP",
    "temperature": "average temperature: the registry keeps no climate data",
    "altitude": "altitude: the registry keeps no altitude",
}


def read_cdp_files(
    paths: list[Path], decimal: DecimalMark | None = None, progress: Progress | None = None
) -> tuple[list[CdpRow], list[ImportSummary]]:
    """Every row of the files and each file's report (InputError ``invalid_file`` listing every blocking
    cell). The rows' figures are settled in the reports as the rows are stored."""
    reports: list[ImportSummary] = []
    problems: list[Detail] = []
    rows: list[CdpRow] = []
    for path in paths:
        read = read_cdp(path, decimal=decimal, progress=progress)
        reports.append(read.report)
        problems += read.problems
        for r in read.rows:
            if country_code(r.country) is None:
                problems.append(
                    Detail(
                        (r.file, f"row {r.row}", "country"),
                        f"unknown country {r.country!r}: add it to countries.csv",
                    )
                )
        rows += read.rows
    if problems:
        raise InputError(
            f"{len(problems)} value(s) could not be read; nothing was imported. Fix them and try again",
            code="invalid_file",
            details=problems,
        )
    return rows, reports


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
            loser.ledger.drop_rest(
                f"superseded by another row of the same account and year (row {winner.row})"
            )
            keep[key] = winner
        else:
            keep[key] = r
    return list(keep.values())


def import_cdp(
    paths: list[Path], progress: Progress | None = None, *, decimal: DecimalMark | None = None
) -> ImportSummary:
    """Import CDP files (all or nothing). Raises InputError ``invalid_file`` listing every unreadable cell."""
    rows, reports = read_cdp_files(paths, decimal)
    summary = ImportSummary()
    rows = _dedupe(rows, summary)
    rows.sort(key=lambda r: (r.reporting_year, r.file, r.row))  # later reports update the profile last
    with transaction.atomic():
        _write(rows, summary, progress)
    total = ImportSummary()
    for report in reports:  # the files' accounting (settled by _write), then what the import did
        total.merge(report)
    total.merge(summary)
    return total


def _jurisdiction(r: CdpRow, known: dict[str, Jurisdiction], summary: ImportSummary) -> Jurisdiction:
    jur = known.get(r.account)
    if jur is not None:
        summary.add("jurisdictions matched")
        return jur
    base = slugify(ascii_name(r.city))[:80] or f"cdp-{r.account}"
    slug = base if not Jurisdiction.all_objects.filter(slug=base).exists() else f"{base}-cdp-{r.account}"
    country = country_code(r.country)
    assert country is not None  # checked on reading
    jur = Jurisdiction.objects.create(
        slug=slug,
        name=r.name[:200],
        name_ascii=ascii_name(r.city)[:200],
        kind="city",
        country=country,
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
    ledger = r.ledger
    if r.population is None and r.land_area is None:
        ledger.drop("population_year", "a population year without a population or area")
        return
    ledger.store("population", "stat.population")
    ledger.store("land_area", "stat.area_km2")
    ledger.store("population_year", "stat.year")
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
    f, t = r.figures, r.text
    start, end, label = r.period if r.period else (None, None, "")
    checks = [c.model_dump(mode="json") for c in r.checks]
    errors = sum(1 for c in checks if c["severity"] == "error")
    return Inventory(
        jurisdiction=jur,
        year=r.year,
        period_start=start,
        period_end=end,
        period_label=label[:100],
        boundary=t.get("boundary", ""),
        reporting_year=r.reporting_year,
        population=r.population,
        population_year=r.population_year,
        reported_scope1_tco2e=f["scope1"],
        reported_scope2_tco2e=f["scope2"],
        reported_scope3_tco2e=f["scope3"],
        reported_scope1_grid_tco2e=f["scope1_grid"],
        reported_scope2_grid_tco2e=f["scope2_grid"],
        reported_scope3_grid_tco2e=f["scope3_grid"],
        reported_scope1_excl_grid_tco2e=f["scope1_excl_grid"],
        reported_scope2_excl_grid_tco2e=f["scope2_excl_grid"],
        reported_scope3_excl_grid_tco2e=f["scope3_excl_grid"],
        reported_basic_tco2e=f["basic"],
        reported_basic_plus_tco2e=f["basic_plus"],
        reported_total_tco2e=f["total"],
        reported_total_scope=(
            t.get("total_scope") or ("as reported to CDP" if f["total"] is not None else "")
        )[:200],
        reported_protocol=t.get("protocol", "")[:300],
        reported_protocol_comment=t.get("protocol_comment", ""),
        reported_gases=t.get("gases", "")[:200],
        reported_change=t.get("change", "")[:100],
        reported_change_reason=t.get("change_reason", ""),
        reported_notes=r.derivation_note(),
        checks=checks,
        check_errors=errors,
        check_warnings=len(checks) - errors,
        checked_at=now if checks else None,
        state=State.PUBLISHED,
        verification_status=VerificationStatus.SELF_REPORTED,
        published_at=now,
        data_source=f"CDP open data {r.reporting_year}",
        external_id=f"cdp:{r.account}:{r.reporting_year}",
    )


def _settle(r: CdpRow, inventory: str) -> None:
    """What became of each figure of the row: ``inventory`` is "created", or why none was."""
    ledger = r.ledger
    for name in FIGURES:
        if inventory == "created":
            ledger.store(name, f"reported_{name}")
        else:
            ledger.drop(name, inventory)
    for name, reason in NO_FIELD.items():
        ledger.drop(name, reason)
    ledger.store("account", "identifier cdp_account")
    ledger.store("reporting_year", "reporting_year")
    ledger.store_rest(STORED_TEXT)  # kept as text (names, boundary, protocol …)
    ledger.drop_rest("a column the CDP import reads but does not store")


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
        if r.year is None:
            outcome = "no accounting year: the inventory is not imported"
        elif not r.has_figures():
            outcome = "no emission figures"
        else:
            inv = _inventory(jur, r, now)
            if inv.external_id in existing:
                summary.add("inventories already imported")
                outcome = "this inventory was imported before (same account and reporting year)"
            else:
                existing.add(inv.external_id)
                new.append(inv)
                outcome = "created"
                if r.derived:
                    summary.add("inventories with scope totals derived from their parts")
                if r.checks:
                    summary.add("inventories with checks to review")
        if r.year is None and r.has_figures():
            summary.warnings.append(
                Detail(
                    (r.file, f"row {r.row}", "accounting_year"),
                    "figures without an accounting year: the jurisdiction is imported, the inventory is not",
                )
            )
        _settle(r, outcome)
        if progress:
            progress(1)
    created = Inventory.objects.bulk_create(new, batch_size=500)
    if created and created[0].pk is None:  # backends without RETURNING: read the ids back
        created = list(Inventory.objects.filter(external_id__in=[i.external_id for i in new]))
    record_created(created, "CDP open data import")
    summary.add("inventories created", len(created))
