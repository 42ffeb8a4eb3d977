"""One file into one draft inventory: activity data (the activity template), GPC lines, the CRF / GCoM table,
or the GPC reporting workbook. ``preview_file`` says what would be stored (and accounts for every figure);
``import_into`` stores it, all or nothing."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from localaction.core.errors import Detail, InputError
from localaction.core.inventory import model as im
from localaction.core.inventory.readers.preview import KINDS, Preview, preview
from localaction.core.io.numbers import DecimalMark
from localaction.core.io.report import ImportReport
from localaction.registry.base.access import Actor
from localaction.registry.base.errors import ValidationFailed
from localaction.registry.base.services.common import require_edit
from localaction.registry.inventories import services
from localaction.registry.inventories.editing import IMPORTED_HEADER
from localaction.registry.inventories.models import Inventory
from localaction.registry.inventories.staged import Progress, current_contents, replace_staged

__all__ = [
    "KINDS",
    "FilePreview",
    "ImportResult",
    "import_file",
    "import_into",
    "plan_import",
    "preview_file",
]


@dataclass
class ImportResult:
    inventory: Inventory
    records: int
    lines: int
    report: ImportReport
    kind: str = "activity"
    replaced_records: int = 0
    replaced_lines: int = 0
    lock_seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "records": self.records,
            "lines": self.lines,
            "replaced": {"records": self.replaced_records, "lines": self.replaced_lines},
            "report": self.report.as_dict(),
        }


@dataclass
class FilePreview:
    """What importing a file would do to a draft: the file's preview and what it would replace."""

    found: Preview
    replaces_records: int
    replaces_lines: int

    def as_dict(self) -> dict[str, Any]:
        return {
            **self.found.as_dict(),
            "replaces": {"records": self.replaces_records, "lines": self.replaces_lines},
        }


def preview_file(
    inventory: Inventory,
    path: Path,
    *,
    kind: str | None = None,
    decimal: DecimalMark | None = None,
    sheet: str | None = None,
    name: str | None = None,
) -> Preview:
    """What ``path`` would store in ``inventory`` (nothing is stored). Raises InputError for an unreadable
    file and ValidationFailed when it is for another year. ``name`` is the file's name as the user gave it
    (messages name it, not a temporary copy)."""
    shown = name or path.name
    try:
        found = preview(
            path,
            "lines" if kind == "lines" else kind,
            decimal=decimal,
            sheet=sheet,
            jurisdiction=inventory.jurisdiction.name,
            year=inventory.year,
        )
    except InputError as exc:
        if shown != path.name:
            exc.details = [_renamed(d, path.name, shown) for d in exc.details]
            exc.message = exc.message.replace(path.name, shown)
        raise
    if shown != path.name:
        r = found.report
        r.files = [shown if f == path.name else f for f in r.files]
        r.warnings = [_renamed(d, path.name, shown) for d in r.warnings]
        r.notes = [_renamed(d, path.name, shown) for d in r.notes]
        r.not_used_cells = [_renamed(d, path.name, shown) for d in r.not_used_cells]
        for u in r.unrecognised:
            u.file = shown if u.file == path.name else u.file
    year = found.year if found.kind != "activity" else found.inventory.period.year
    if found.kind in ("lines", "crf", "gpc-workbook") and year is not None and year != inventory.year:
        raise ValidationFailed(
            f"{shown} is for {year}; this inventory is {inventory.year}",
            details=[Detail((shown, "Year"), f"expected {inventory.year}")],
        )
    return found


def _renamed(d: Detail, old: str, new: str) -> Detail:
    loc = tuple(new if part == old else part for part in d.loc)
    return type(d)(loc, d.msg)


def plan_import(
    user: Actor,
    inventory: Inventory,
    path: Path,
    *,
    kind: str | None = None,
    decimal: DecimalMark | None = None,
    sheet: str | None = None,
    name: str | None = None,
) -> FilePreview:
    """The preview the web and the API show before an import: the file's report and rows, and how many of
    the draft's records and entered lines it would replace. Nothing is stored."""
    inv = services.get_inventory(user, inventory)
    require_edit(user, inv)
    found = preview_file(inv, path, kind=kind, decimal=decimal, sheet=sheet, name=name)
    records, lines = current_contents(inv)
    return FilePreview(found, records, lines)


def header_changes(inventory: Inventory, parsed: im.Inventory) -> dict[str, Any]:
    """The header fields an activity file gives that differ from the draft's (the year stays the draft's)."""
    changes: dict[str, Any] = {}
    for field in IMPORTED_HEADER:
        value: Any = getattr(parsed, field, None)
        value = getattr(value, "value", value)  # enums (level) as their text
        if value not in (None, "") and value != getattr(inventory, field):
            changes[field] = value
    return changes


def import_file(
    user: Actor,
    inventory: Inventory,
    path: Path,
    *,
    kind: str | None,
    revision: int,
    decimal: DecimalMark | None = None,
    sheet: str | None = None,
    name: str | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Replace the draft's contents with the file's (all or nothing), with the report of every figure.

    The one use-case behind the web upload, the API's import and ``localaction import inventory``: read and
    account for every figure, compute, stage the rows, then swap them in under the row lock (``staged``)."""
    inv = services.get_inventory(user, inventory)
    require_edit(user, inv)
    found = preview_file(inv, path, kind=kind, decimal=decimal, sheet=sheet, name=name)
    parsed = found.inventory
    header = header_changes(inv, parsed) if found.kind == "activity" else {}
    done = replace_staged(
        user,
        inv,
        revision=revision,
        records=parsed.records,
        lines=parsed.lines,
        header=header,
        source=name or path.name,
        progress=progress,
    )
    found.report.add("activity records stored", len(parsed.records))
    found.report.add("GPC lines stored", len(parsed.lines))
    found.report.add("activity records replaced", done.records_before)
    found.report.add("entered lines replaced", done.lines_before)
    return ImportResult(
        done.inventory,
        len(parsed.records),
        len(parsed.lines),
        found.report,
        found.kind,
        done.records_before,
        done.lines_before,
        done.lock_seconds,
    )


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
