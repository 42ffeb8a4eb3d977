"""The one CSV and XLSX writer. Every download, export, template and open-data file goes through it.

- CSV: UTF-8 with a byte-order mark (so spreadsheets read accents and Hangul right), CRLF line ends
  (RFC 4180), booleans written ``true``/``false``, ``None`` as an empty cell.
- CSV: a text cell that a spreadsheet would evaluate as a formula (it starts with ``=``, ``+``, ``-``,
  ``@``, a tab or a carriage return) is written with a leading ``'`` so no spreadsheet runs it (OWASP's
  advice against CSV injection). Numbers stay numbers: only text is guarded, and text that reads as a plain
  number (``-12.5``) is left alone.
- XLSX: every text cell is stored as a string cell (never a formula), so it shows exactly as written.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

BOM = "\ufeff"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def guard_text(value: str) -> str:
    """``value`` made safe from formula evaluation in spreadsheets (a leading ``'`` where needed)."""
    if value.startswith(_FORMULA_START) and not _PLAIN_NUMBER.match(value):
        return "'" + value
    return value


def cell(value: Any) -> Any:
    """A value as written in a cell: text guarded, booleans as ``true``/``false``, None empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return guard_text(value)
    if isinstance(value, list | tuple):
        return guard_text("; ".join(str(v) for v in value))
    return value


Row = Sequence[Any] | Mapping[str, Any]


def _values(columns: Sequence[str], row: Row) -> list[Any]:
    if isinstance(row, Mapping):
        return [row.get(c) for c in columns]
    return list(row)


def csv_text(
    columns: Sequence[str], rows: Iterable[Row], *, bom: bool = True, preamble: Sequence[str] = ()
) -> str:
    """The CSV document as text (with the BOM unless ``bom=False``, e.g. for a terminal); ``preamble``: lines
    written above the column row, one cell each (the activity template's ``# key: value`` lines)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    for line in preamble:
        writer.writerow([guard_text(line)])
    writer.writerow([guard_text(str(c)) for c in columns])
    for row in rows:
        writer.writerow([cell(v) for v in _values(columns, row)])
    return (BOM if bom else "") + buf.getvalue()


def csv_bytes(columns: Sequence[str], rows: Iterable[Row]) -> bytes:
    """The CSV document as UTF-8 bytes with the BOM."""
    return csv_text(columns, rows).encode("utf-8")


def csv_chunks(columns: Sequence[str], batches: Iterable[Iterable[Row]]) -> Iterator[bytes]:
    """The same document as ``csv_bytes``, one piece per batch of rows (the BOM and column row first), so that
    a large table is written without holding it: ``b"".join(csv_chunks(c, [rows])) == csv_bytes(c, rows)``."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([guard_text(str(c)) for c in columns])
    yield (BOM + buf.getvalue()).encode("utf-8")
    for rows in batches:
        buf.seek(0)
        buf.truncate()
        for row in rows:
            writer.writerow([cell(v) for v in _values(columns, row)])
        yield buf.getvalue().encode("utf-8")


@dataclass
class Sheet:
    """One worksheet: a title (Excel allows 31 characters), the header, the rows, optional column widths."""

    title: str
    columns: Sequence[str]
    rows: Iterable[Row]
    widths: Mapping[str, float] = field(default_factory=dict)
    header_rows: Sequence[Sequence[Any]] = ()  # lines above the header (a title, a source note)


def _xlsx_cell(value: Any) -> Any:
    if value is None or (
        isinstance(value, int | float | dt.date | dt.datetime) and not isinstance(value, bool)
    ):
        return value  # numbers and dates stay typed
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    return str(value)


def append_row(ws: Any, values: Sequence[Any]) -> None:
    """Append to an openpyxl worksheet with this module's rules (for workbooks styled by hand)."""
    _append(ws, [_xlsx_cell(v) for v in values])


def _append(ws: Any, values: Sequence[Any]) -> None:
    ws.append(values)
    for c in ws[ws.max_row]:
        if isinstance(c.value, str):
            c.data_type = "s"  # text, never a formula (openpyxl reads "=…" as one)


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    """An XLSX workbook with these sheets, the header in bold, text stored as text."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    bold = Font(bold=True)
    for sheet in sheets:
        ws = wb.create_sheet(title=sheet.title[:31])
        for line in sheet.header_rows:
            _append(ws, [_xlsx_cell(v) for v in line])
        _append(ws, [str(c) for c in sheet.columns])
        for c in ws[ws.max_row]:
            c.font = bold
        for row in sheet.rows:
            _append(ws, [_xlsx_cell(v) for v in _values(sheet.columns, row)])
        for i, name in enumerate(sheet.columns, start=1):
            if name in sheet.widths:
                ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = sheet.widths[name]
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
