"""One file into one draft inventory: activity data (the activity template), GPC lines, the CRF / GCoM table,
or the GPC reporting workbook. ``preview_file`` says what would be stored (and accounts for every figure);
``import_into`` stores it, all or nothing."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from localaction.core.errors import Detail
from localaction.core.inventory.readers.preview import KINDS, Preview, preview
from localaction.core.io.numbers import DecimalMark
from localaction.core.io.report import ImportReport
from localaction.registry.base.access import Actor
from localaction.registry.base.errors import ValidationFailed
from localaction.registry.inventories import services
from localaction.registry.inventories.editing import import_activity
from localaction.registry.inventories.models import Inventory

__all__ = ["KINDS", "ImportResult", "import_file", "import_into", "preview_file"]


@dataclass
class ImportResult:
    inventory: Inventory
    records: int
    lines: int
    report: ImportReport


def preview_file(
    inventory: Inventory,
    path: Path,
    *,
    kind: str | None = None,
    decimal: DecimalMark | None = None,
    sheet: str | None = None,
) -> Preview:
    """What ``path`` would store in ``inventory`` (nothing is stored). Raises InputError for an unreadable
    file and ValidationFailed when it is for another year."""
    found = preview(
        path,
        "lines" if kind == "lines" else kind,
        decimal=decimal,
        sheet=sheet,
        jurisdiction=inventory.jurisdiction.name,
        year=inventory.year,
    )
    year = found.year if found.kind != "activity" else found.inventory.period.year
    if found.kind in ("lines", "crf", "gpc-workbook") and year is not None and year != inventory.year:
        raise ValidationFailed(
            f"{path.name} is for {year}; this inventory is {inventory.year}",
            details=[Detail((path.name, "Year"), f"expected {inventory.year}")],
        )
    return found


def import_file(
    user: Actor,
    inventory: Inventory,
    path: Path,
    *,
    kind: str | None,
    revision: int,
    decimal: DecimalMark | None = None,
    sheet: str | None = None,
) -> ImportResult:
    """Replace the draft's contents with the file's (all or nothing), with the report of every figure."""
    found = preview_file(inventory, path, kind=kind, decimal=decimal, sheet=sheet)
    parsed = found.inventory
    if found.kind == "activity":
        inv = import_activity(user, inventory, parsed, revision=revision, source=path.name)
    else:
        inv = services.replace_contents(
            user, inventory, revision=revision, records=parsed.records, lines=parsed.lines, source=path.name
        )
    found.report.add("activity records stored", len(parsed.records))
    found.report.add("GPC lines stored", len(parsed.lines))
    return ImportResult(inv, len(parsed.records), len(parsed.lines), found.report)


def import_into(
    user: Actor,
    inventory: Inventory,
    path: Path,
    *,
    kind: str,
    revision: int,
    decimal: DecimalMark | None = None,
    sheet: str | None = None,
) -> tuple[Inventory, int, int]:
    """Replace the draft's contents with the file's (all or nothing). Returns the version, records, lines."""
    r = import_file(user, inventory, path, kind=kind, revision=revision, decimal=decimal, sheet=sheet)
    return r.inventory, r.records, r.lines
