"""GPC-lines files (``City, Year, gpc_ref, value_tco2e, notation_key …``, see ``inventory.lines_io``) into
inventories of named jurisdictions: published self-reported versions (or drafts), computed by the engine.

The City cell names an existing jurisdiction (slug, name or ASCII name, ignoring case and accents); an
unknown one is a problem of its first row. All or nothing; a file imported again is skipped per inventory.
"""

from __future__ import annotations

from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from localaction.core import clock
from localaction.core.errors import Detail, InputError
from localaction.core.inventory.lines_io import InventoryInput, read_lines_file
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


def import_gpc_lines(path: Path, *, publish: bool = True, progress: Progress | None = None) -> ImportSummary:
    found = read_lines_file(path)  # raises InputError listing every bad cell
    summary = ImportSummary(files=[path.name], rows=sum(len(f.inventory.lines) for f in found))
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
        return
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
