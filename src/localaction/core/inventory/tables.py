"""Reading a table (CSV or XLSX) the same way for every inventory file format.

Rows keep their spreadsheet number (header = row 1 when it is the first row), cells are text, and headers
match case-, space- and underscore-insensitively. CSV through the standard library's csv module, XLSX
through openpyxl in read-only mode.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from localaction.core.errors import Detail, InputError
from localaction.core.inventory.model import Level, Quality

Row = tuple[int, list[str]]  # (spreadsheet row number, cells as text)
T = TypeVar("T")


@dataclass
class Table:
    """A table read from a file: the header, the data rows, and any leading ``# key: value`` lines."""

    name: str  # the file name, for messages
    header: list[str]
    header_row: int
    rows: list[Row]
    comments: list[Row] = field(default_factory=list)

    def columns(self, aliases: Mapping[str, Sequence[str]]) -> tuple[dict[str, int], list[Detail]]:
        """Map field names to column indexes through their aliases; details for columns given twice."""
        wanted = {normalise_header(a): name for name, names in aliases.items() for a in (name, *names)}
        found: dict[str, int] = {}
        problems: list[Detail] = []
        for index, title in enumerate(self.header):
            name = wanted.get(normalise_header(title))
            if name is None:
                continue
            if name in found:
                problems.append(
                    Detail(
                        (self.name, f"row {self.header_row}", title),
                        f"the column {name!r} appears twice; keep one",
                    )
                )
            found[name] = index
        return found, problems


def normalise_header(title: str) -> str:
    return re.sub(r"[\s_\-]+", " ", title.strip().lower())


def cell_text(value: object) -> str:
    """A cell as text: integral floats without ``.0`` (so XLSX numbers read like their CSV text)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _decode(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path.name} is not UTF-8 text (byte 0x{data[exc.start]:02x} at position {exc.start}); "
            "save it as 'CSV UTF-8' (Excel: File > Save As > CSV UTF-8) and import it again",
            code="invalid_encoding",
        ) from exc


def _csv_rows(path: Path) -> Iterator[list[str]]:
    text = _decode(path)
    # The delimiter is read from the header line (the first line that is not a comment).
    first = next((ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")), "")
    delimiter = max((",", ";", "\t"), key=first.count)
    try:
        yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    except csv.Error as exc:
        raise InputError(f"{path.name} cannot be read as CSV: {exc}", code="invalid_file") from exc


def _pick_sheet(titles: Sequence[str], preferred: Iterable[str]) -> str:
    by_key = {re.sub(r"[^a-z0-9]", "", t.lower()): t for t in titles}
    for want in preferred:
        title = by_key.get(re.sub(r"[^a-z0-9]", "", want.lower()))
        if title is not None:
            return title
    return titles[0]


def read_sheet(path: Path, sheet: str | None = None, preferred: Iterable[str] = ()) -> list[list[str]] | None:
    """The rows of one XLSX sheet as text (``None`` when ``sheet`` is named and absent)."""
    import openpyxl  # imported here: CSV users do not pay for it
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError) as exc:
        raise InputError(
            f"{path.name} cannot be opened as an Excel workbook (.xlsx): {exc}", code="invalid_file"
        ) from exc
    try:
        titles = list(wb.sheetnames)
        if sheet is not None:
            match = [t for t in titles if t.strip().lower() == sheet.lower()]
            if not match:
                return None
            title = match[0]
        else:
            title = _pick_sheet(titles, preferred)
        return [[cell_text(v) for v in row] for row in wb[title].iter_rows(min_row=1, values_only=True)]
    finally:
        wb.close()


def read_table(path: str | Path, preferred_sheets: Iterable[str] = ()) -> Table:
    """Read a CSV or XLSX file (chosen by extension) into a Table; blank rows are dropped.

    Rows before the header whose first cell starts with ``#`` are kept in ``Table.comments``.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.is_file():
        raise InputError(f"file not found: {path}", code="file_not_found")
    if suffix == ".csv":
        raw: Iterable[list[str]] = _csv_rows(path)
    elif suffix in {".xlsx", ".xlsm"}:
        raw = read_sheet(path, preferred=preferred_sheets) or []
    else:
        raise InputError(
            f"{path.name}: unknown file type {suffix or '(none)'!r}; use .csv (UTF-8) or .xlsx",
            code="invalid_file",
        )
    header: list[str] | None = None
    header_row = 0
    rows: list[Row] = []
    comments: list[Row] = []
    for number, cells in enumerate(raw, start=1):
        if not any(c.strip() for c in cells):
            continue
        if header is None:
            if cells[0].lstrip().startswith("#"):
                comments.append((number, cells))
                continue
            header, header_row = [c.strip() for c in cells], number
            continue
        rows.append((number, cells + [""] * (len(header) - len(cells))))
    if header is None:
        raise InputError(f"{path.name} is empty: it has no header row", code="invalid_file")
    return Table(name=path.name, header=header, header_row=header_row, rows=rows, comments=comments)


_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(?:([, ])\d{3})+(?:\.\d+)?$")


def parse_number(text: str) -> float | None:
    """A number as written in a file: ``1234.5``, ``1,234.5``, ``1 234.5``, ``2.1e6``; blank is None.

    Raises ValueError (with a message for people) for anything else, including decimal commas.
    """
    t = text.strip().replace("\u00a0", " ").replace("\u202f", " ")
    if not t:
        return None
    if _THOUSANDS.match(t):
        t = t.replace(",", "").replace(" ", "")
    elif "," in t:
        raise ValueError(
            f"{text!r}: write decimals with a dot and commas only between thousands, e.g. 1,234.5"
        )
    try:
        value = float(t)
    except ValueError:
        raise ValueError(f"{text!r} is not a number") from None
    if not math.isfinite(value):
        raise ValueError(f"{text!r} is not a finite number")
    return value


_QUALITY = {
    "high": Quality.HIGH,
    "h": Quality.HIGH,
    "medium": Quality.MEDIUM,
    "m": Quality.MEDIUM,
    "med": Quality.MEDIUM,
    "low": Quality.LOW,
    "l": Quality.LOW,
}


def parse_quality(text: str) -> Quality | None:
    """``High``/``Medium``/``Low`` (or ``H``/``M``/``L``); blank is None; ValueError otherwise."""
    t = text.strip().lower()
    if not t:
        return None
    if t not in _QUALITY:
        raise ValueError(f"{text!r} is not a data-quality rating; use high, medium or low")
    return _QUALITY[t]


def parse_level(text: str) -> Level:
    """``BASIC`` or ``BASIC+`` (``basic plus`` too); blank is BASIC; ValueError otherwise."""
    key = text.strip().upper().replace(" ", "").replace("PLUS", "+")
    if not key:
        return Level.BASIC
    try:
        return Level(key)
    except ValueError:
        raise ValueError(f"{text!r} is not a reporting level; use BASIC or BASIC+") from None


def problems_error(name: str, details: list[Detail]) -> InputError:
    """The one error for a file with problems: every detail, nothing imported."""
    count = len(details)
    return InputError(
        f"{name}: {count} problem{'s' if count != 1 else ''} found; nothing was imported. "
        "Fix each one and import the file again.",
        code="invalid_file",
        details=details,
    )


class RowReader:
    """Reads cells of one row by field name, collecting a Detail for each cell that fails."""

    def __init__(self, table: Table, columns: dict[str, int], number: int, cells: list[str]) -> None:
        self.table, self.columns, self.number, self.cells = table, columns, number, cells
        self.problems: list[Detail] = []

    def text(self, name: str) -> str:
        index = self.columns.get(name)
        return self.cells[index].strip() if index is not None and index < len(self.cells) else ""

    def loc(self, name: str) -> tuple[str, str, str]:
        return (self.table.name, f"row {self.number}", name)

    def problem(self, name: str, msg: str) -> None:
        self.problems.append(Detail(self.loc(name), msg))

    def parsed(self, name: str, parse: Callable[[str], T]) -> T | None:
        try:
            return parse(self.text(name))
        except InputError as exc:
            self.problem(name, exc.message)
        except ValueError as exc:
            self.problem(name, str(exc))
        return None
