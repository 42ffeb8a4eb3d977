"""What a file would store, before anything is stored: one function for every inventory file the product
reads into one draft (the web upload and the API show it; ``import_into`` stores it).

Kinds: ``activity`` (the activity template), ``lines`` (GPC lines, long or wide, one inventory), ``crf``
(the CRF / GCoM table), ``gpc-workbook`` (the GPC reporting workbook). ``detect_kind`` tells them apart by
their columns and sheets when the caller does not say.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from localaction.core.errors import Detail, InputError
from localaction.core.inventory.model import Inventory
from localaction.core.io.headers import normalise_header
from localaction.core.io.numbers import DecimalMark
from localaction.core.io.report import ImportReport

KINDS = ("activity", "lines", "crf", "gpc-workbook")


@dataclass
class Preview:
    """The records and lines a file would store, the rows to show, and the report of every figure."""

    kind: str
    inventory: Inventory
    report: ImportReport
    rows: list[dict[str, Any]] = field(default_factory=list)
    year: int | None = None  # the year the file names, when it names one
    jurisdiction: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "year": self.year,
            "jurisdiction": self.jurisdiction,
            "records": len(self.inventory.records),
            "lines": len(self.inventory.lines),
            "rows": self.rows,
            "report": self.report.as_dict(),
        }


def detect_kind(path: str | Path) -> str:
    """The kind of an inventory file, from its sheets and header."""
    from localaction.core.inventory.readers import crf
    from localaction.core.inventory.readers.gpc_workbook import SECTOR_SHEETS
    from localaction.core.io.tables import read_table

    path = Path(path)
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        from localaction.core.inventory.readers.gpc_workbook import _workbook_sheets

        sheets = set(_workbook_sheets(path))
        if {"Summary", "Lines"} & sheets or set(SECTOR_SHEETS) & sheets:
            return "gpc-workbook"
    table = read_table(path, fits=lambda cells: max(_score(cells), crf._fits(cells)))
    header = {normalise_header(h) for h in table.header}
    if "method" in header:
        return "activity"
    from localaction.core.inventory.lines_io import _fits as lines_fit

    if lines_fit(table.header) == 0 and crf._fits(table.header):
        return "crf"
    return "lines"


def _score(cells: Any) -> int:
    from localaction.core.inventory.lines_io import _fits

    header = {normalise_header(h) for h in cells}
    return _fits(cells) + (50 if {"method", "quantity", "unit"} <= header else 0)


def preview(
    path: str | Path,
    kind: str | None = None,
    *,
    decimal: DecimalMark | None = None,
    sheet: str | None = None,
    jurisdiction: str = "",
    year: int | None = None,
) -> Preview:
    """Read ``path`` as ``kind`` (detected when None) into what one draft would store; nothing is stored.

    Raises the reader's InputError (every problem named) when the file cannot be read."""
    kind = kind or detect_kind(path)
    if kind == "activity":
        from localaction.core.inventory.activity_io import read_activity
        from localaction.core.io.numbers import parse_period

        defaults: dict[str, object] = {"jurisdiction": jurisdiction}
        if year is not None:
            defaults["period"] = parse_period(str(year))
        act = read_activity(path, decimal=decimal, sheet=sheet, defaults=defaults)
        rows = [
            {
                "kind": "record",
                "record_id": r.record_id,
                "gpc_ref": r.gpc_ref,
                "method": r.method.value,
                "quantity": r.quantity,
                "unit": r.unit,
            }
            for r in act.inventory.records
        ] + [
            {"kind": "line", "gpc_ref": ln.gpc_ref, "notation_keys": [k.value for k in ln.notation_keys]}
            for ln in act.inventory.lines
        ]
        return Preview(
            kind, act.inventory, act.report, rows, act.inventory.period.year, act.inventory.jurisdiction
        )
    if kind == "lines":
        from localaction.core.inventory.lines_io import read_lines

        read = read_lines(path, decimal=decimal, sheet=sheet)
        if len(read.inventories) != 1:
            raise InputError(
                f"{Path(path).name} holds {len(read.inventories)} inventories; upload the lines of one city and year",
                code="invalid_file",
                details=[
                    Detail((Path(path).name, "City"), f"{i.city} {i.year_label}")
                    for i in read.inventories[:20]
                ],
            )
        one = read.inventories[0]
        rows = [_line_row(ln) for ln in one.inventory.lines]
        return Preview(kind, one.inventory, read.report, rows, one.inventory.period.year, one.city)
    if kind == "crf":
        from localaction.core.inventory.readers.crf import read_crf

        c = read_crf(path, decimal=decimal, sheet=sheet)
        y = year or c.year
        inv = _bare_inventory(jurisdiction or c.jurisdiction, y).model_copy(update={"lines": c.lines})
        return Preview(kind, inv, c.report, [_line_row(ln) for ln in c.lines], c.year, c.jurisdiction)
    if kind == "gpc-workbook":
        from localaction.core.inventory.readers.gpc_workbook import read_gpc_workbook

        w = read_gpc_workbook(path, decimal=decimal)
        inv = w.inventory(jurisdiction, year)
        file_year = w.fields.get("year")
        return Preview(
            kind,
            inv,
            w.report,
            w.preview,
            int(file_year) if file_year else None,
            str(w.fields.get("jurisdiction", "")),
        )
    raise InputError(f"unknown file kind {kind!r}; use one of {', '.join(KINDS)}", code="invalid_input")


def _line_row(ln: Any) -> dict[str, Any]:
    return {
        "kind": "line",
        "gpc_ref": ln.gpc_ref,
        "value_tco2e": ln.value_tco2e,
        "notation_keys": [k.value for k in ln.notation_keys],
        "explanation": ln.explanation,
    }


def _bare_inventory(jurisdiction: str, year: int | None) -> Inventory:
    import datetime as dt

    from localaction.core import clock
    from localaction.core.inventory.model import Period

    y = year or clock.today().year
    return Inventory(
        jurisdiction=jurisdiction, period=Period(start=dt.date(y, 1, 1), end=dt.date(y, 12, 31), year=y)
    )
