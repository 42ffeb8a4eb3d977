"""GPC-lines files (long ``City, Year, gpc_ref, value_tco2e, notation_key …`` or wide, one column per GPC
reference; see ``core.inventory.lines_io``) into inventories of named jurisdictions: published self-reported
versions (or drafts), computed by the engine. Totals given in the file are stored as reported totals, so the
engine's ``totals.mismatch`` check compares them.

The City cell names an existing jurisdiction (slug, name or ASCII name, ignoring case and accents); an
unknown one is a problem of its first row. All or nothing; a file imported again is skipped per inventory.
The report accounts for every figure (area and GDP are read but not stored: the registry keeps them with the
jurisdiction's statistics, not with an inventory).
"""

from __future__ import annotations

from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from localaction.core import clock
from localaction.core.errors import Detail, InputError
from localaction.core.inventory.lines_io import InventoryInput, read_lines
from localaction.core.io.numbers import DecimalMark
from localaction.registry.base.models import Jurisdiction, State, VerificationStatus
from localaction.registry.inventories import recompute as engine
from localaction.registry.inventories.imports.common import ImportSummary, Progress, fold, record_created
from localaction.registry.inventories.models import GpcLine, Inventory


def _find(city: str, jurisdictions: list[Jurisdiction]) -> Jurisdiction | None:
    key, slug = fold(city), slugify(city)
    for j in jurisdictions:
        if j.slug in (city, slug) or fold(j.name) == key or fold(j.name_ascii) == key:
            return j
    return None


def import_gpc_lines(
    path: Path,
    *,
    publish: bool = True,
    progress: Progress | None = None,
    decimal: DecimalMark | None = None,
    sheet: str | None = None,
) -> ImportSummary:
    read = read_lines(path, decimal=decimal, sheet=sheet)  # raises InputError listing every bad cell
    found = read.inventories
    summary = read.report
    for name in ("area", "gdp"):
        summary.drop_field(
            name, f"{name}: kept with the jurisdiction's statistics, not imported with an inventory"
        )
    jurisdictions = list(Jurisdiction.objects.all())
    problems = []
    targets: list[tuple[InventoryInput, Jurisdiction]] = []
    for f in found:
        jur = _find(f.city, jurisdictions)
        if jur is None:
            problems.append(
                Detail(
                    (path.name, f"row {f.first_row}", "City"),
                    f"no jurisdiction named {f.city!r}: create it first (or use its slug)",
                )
            )
        else:
            targets.append((f, jur))
    if problems:
        raise InputError(
            f"{len(problems)} row(s) name unknown jurisdictions; nothing was imported",
            code="invalid_file",
            details=problems,
        )
    with transaction.atomic():
        for f, jur in targets:
            _one(path, f, jur, publish, summary)
            if progress:
                progress(1)
    return summary


def _one(path: Path, f: InventoryInput, jur: Jurisdiction, publish: bool, summary: ImportSummary) -> None:
    external_id = f"lines:{path.name}:{f.city}:{f.year_label}"[:100]
    if Inventory.all_objects.filter(jurisdiction=jur, external_id=external_id).exists():
        summary.add("inventories already imported")
        reason = "this inventory was imported before"
        summary.unstore(
            "value_tco2e", sum(1 for ln in f.inventory.lines if ln.value_tco2e is not None), reason
        )
        return
    rep = f.reported
    p = f.inventory.period
    inv = Inventory.objects.create(
        jurisdiction=jur,
        year=p.year,
        period_start=p.start,
        period_end=p.end,
        period_label=f.year_label[:100],
        boundary=f.boundary,
        level=f.level.value,
        population=f.population,
        reported_basic_tco2e=rep.basic if rep else None,
        reported_basic_plus_tco2e=rep.basic_plus if rep else None,
        reported_basic_plus_other_scope3_tco2e=rep.basic_plus_other_scope3 if rep else None,
        reported_territorial_tco2e=rep.territorial if rep else None,
        state=State.PUBLISHED if publish else State.DRAFT,
        verification_status=VerificationStatus.SELF_REPORTED,
        published_at=clock.now() if publish else None,
        data_source=f"file {path.name}"[:200],
        external_id=external_id,
    )
    GpcLine.objects.bulk_create(
        [
            GpcLine(inventory=inv, gpc_ref=line.gpc_ref, **engine.line_fields(line))
            for line in f.inventory.lines
        ]
    )
    engine.recompute(inv)
    inv.save()
    record_created([inv], f"GPC lines from {path.name}")
    summary.add("inventories created")
    summary.add("GPC lines", len(f.inventory.lines))
