"""Reading a table (CSV or XLSX) the same way for every file format the product imports.

Rows keep their spreadsheet number (header = row 1 when it is the first row) and cells are text. CSV through
the standard library's csv module (UTF-8, with or without BOM; the delimiter read from the header line), XLSX
through openpyxl in read-only mode. An XLSX file is read from the sheet that holds the data: the one named
with ``sheet=``, else the one whose header fits the layout best (``fits`` scores a header row), else the
first preferred name; when no sheet fits, the error names every sheet found. Title rows above the header are
skipped when ``fits`` is given. ``RowLedger`` accounts for every figure of a row (see ``report``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from localaction.core.errors import Detail, InputError
from localaction.core.io.headers import ColumnMatch, ColumnSpec, match_columns, specs
from localaction.core.io.numbers import DecimalMark, NumberContext, looks_like_number
from localaction.core.io.report import ImportReport

Row = tuple[int, list[str]]  # (spreadsheet row number, cells as text)
T = TypeVar("T")
HeaderScore = Callable[[Sequence[str]], int]  # > 0 when a row is the header of the wanted layout
SCAN_ROWS = 30
_THREE_DECIMALS = re.compile(r"^-?[1-9]\d{0,2}\.\d{3}$")  # rows searched for the header (title rows above it)


@dataclass
class Table:
    """A table read from a file: the header, the data rows, and any leading ``# key: value`` lines."""

    name: str  # the file name, for messages
    header: list[str]
    header_row: int
    rows: list[Row]
    comments: list[Row] = field(default_factory=list)
    sheet: str = ""  # the XLSX sheet it came from
    sheets: list[str] = field(default_factory=list)  # every sheet of the workbook

    def columns(self, aliases: Mapping[str, Sequence[str]]) -> tuple[dict[str, int], list[Detail]]:
        """Map field names to column indexes through their aliases; details for columns given twice."""
        match = self.match(specs(aliases))
        problems = [
            Detail(
                (self.name, f"row {self.header_row}", self.header[index]),
                f"the column {name!r} appears twice; keep one",
            )
            for index, name in match.duplicates
        ]
        return match.found, problems

    def match(self, wanted: Iterable[ColumnSpec]) -> ColumnMatch:
        return match_columns(self.header, wanted)

    # NumberContext's view of the table: the texts of a column, by index.
    def column_keys(self) -> Sequence[object]:
        return list(range(len(self.header)))

    def column_texts(self, column: object) -> Sequence[str]:
        if not isinstance(column, int):
            return []
        return [cells[column] for _, cells in self.rows if column < len(cells)]

    def numbers(self, decimal: DecimalMark | None) -> NumberContext:
        return NumberContext(declared=decimal, source=self)

    def account_unrecognised(
        self, match: ColumnMatch, report: ImportReport, ignored: Iterable[int] = ()
    ) -> None:
        """List every column the reader did not recognise, with how many values and figures it held."""
        skip = set(ignored)
        for index in match.unrecognised:
            if index in skip:
                continue
            values = figures = 0
            for _, cells in self.rows:
                text = cells[index].strip() if index < len(cells) else ""
                if text:
                    values += 1
                    figures += looks_like_number(text)
            title = self.header[index] or f"(column {index + 1}, no name)"
            if values or self.header[index]:
                report.found(figures)
                report.unrecognised_column(title, values, figures)


def cell_text(value: object) -> str:
    """A cell as text: integral floats without ``.0`` (so XLSX numbers read like their CSV text)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        text = repr(value)
        # A typed number is never ambiguous: 1.234 is written 1.2340 so that no reader takes the point for a
        # thousands separator (the value is the same).
        return text + "0" if _THREE_DECIMALS.match(text) else text
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


def _key(title: str) -> str:
    return re.sub(r"[^a-z0-9]", "", title.lower())


def _open_workbook(path: Path) -> Any:
    import openpyxl  # imported here: CSV users do not pay for it
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError) as exc:
        raise InputError(
            f"{path.name} cannot be opened as an Excel workbook (.xlsx): {exc}", code="invalid_file"
        ) from exc


def _sheet_rows(ws: Any, limit: int | None = None) -> list[list[str]]:
    return [[cell_text(v) for v in row] for row in ws.iter_rows(min_row=1, max_row=limit, values_only=True)]


def read_sheet(path: Path, sheet: str | None = None, preferred: Iterable[str] = ()) -> list[list[str]] | None:
    """The rows of one XLSX sheet as text (``None`` when ``sheet`` is named and absent)."""
    wb = _open_workbook(path)
    try:
        titles = list(wb.sheetnames)
        if sheet is not None:
            title = _find_sheet(titles, sheet)
            if title is None:
                return None
        else:
            by_key = {_key(t): t for t in titles}
            title = next((by_key[_key(w)] for w in preferred if _key(w) in by_key), titles[0])
        return _sheet_rows(wb[title])
    finally:
        wb.close()


def _find_sheet(titles: Sequence[str], wanted: str) -> str | None:
    exact = [t for t in titles if t.strip().lower() == wanted.strip().lower()]
    if exact:
        return exact[0]
    loose = [t for t in titles if _key(t) == _key(wanted)]
    return loose[0] if loose else None


def _header_index(rows: Sequence[list[str]], fits: HeaderScore | None) -> tuple[int, int]:
    """(index of the header row among ``rows``, its score): the best-fitting row in the first rows, else the
    first non-blank row that is not a ``#`` comment."""
    best, best_score = -1, 0
    first = -1
    for i, cells in enumerate(rows[:SCAN_ROWS]):
        if not any(c.strip() for c in cells) or cells[0].lstrip().startswith("#"):
            continue
        if first < 0:
            first = i
        if fits is None:
            break
        score = fits(cells)
        if score > best_score:
            best, best_score = i, score
    if best >= 0:
        return best, best_score
    return first, 0


def _pick_xlsx(
    path: Path, sheet: str | None, preferred: Iterable[str], fits: HeaderScore | None, needs: str
) -> tuple[str, list[list[str]], list[str]]:
    wb = _open_workbook(path)
    try:
        titles = list(wb.sheetnames)
        if sheet is not None:
            title = _find_sheet(titles, sheet)
            if title is None:
                raise InputError(
                    f"{path.name} has no sheet {sheet!r}; its sheets are {', '.join(map(repr, titles))}",
                    code="no_such_sheet",
                )
            return title, _sheet_rows(wb[title]), titles
        if fits is not None:
            scored = []
            for t in titles:
                head = _sheet_rows(wb[t], SCAN_ROWS)
                scored.append((_header_index(head, fits)[1], t))
            best = max((s for s, _ in scored), default=0)
            if best <= 0:
                raise InputError(
                    f"{path.name}: no sheet holds {needs}; the sheets found are "
                    f"{', '.join(map(repr, titles))}. Name the sheet with --sheet NAME, or check its header row",
                    code="no_matching_sheet",
                )
            title = next(t for s, t in scored if s == best)
            return title, _sheet_rows(wb[title]), titles
        by_key = {_key(t): t for t in titles}
        title = next((by_key[_key(w)] for w in preferred if _key(w) in by_key), titles[0])
        return title, _sheet_rows(wb[title]), titles
    finally:
        wb.close()


def read_table(
    path: str | Path,
    preferred_sheets: Iterable[str] = (),
    *,
    sheet: str | None = None,
    fits: HeaderScore | None = None,
    needs: str = "the expected columns",
) -> Table:
    """Read a CSV or XLSX file (chosen by extension) into a Table; blank rows are dropped.

    Rows before the header whose first cell starts with ``#`` are kept in ``Table.comments``; other rows above
    the header (titles) are skipped when ``fits`` finds the header below them.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.is_file():
        raise InputError(f"file not found: {path}", code="file_not_found")
    title, titles = "", list[str]()
    if suffix == ".csv":
        if sheet is not None:
            raise InputError(
                f"{path.name} is a CSV file: it has no sheets (drop --sheet)", code="invalid_input"
            )
        raw: list[list[str]] = list(_csv_rows(path))
    elif suffix in {".xlsx", ".xlsm"}:
        title, raw, titles = _pick_xlsx(path, sheet, preferred_sheets, fits, needs)
    else:
        raise InputError(
            f"{path.name}: unknown file type {suffix or '(none)'!r}; use .csv (UTF-8) or .xlsx",
            code="invalid_file",
        )
    start, _ = _header_index(raw, fits)
    if start < 0:
        where = f" (sheet {title!r})" if title else ""
        raise InputError(f"{path.name}{where} is empty: it has no header row", code="invalid_file")
    comments = [
        (i + 1, cells) for i, cells in enumerate(raw[:start]) if cells and cells[0].lstrip().startswith("#")
    ]
    header = [c.strip() for c in raw[start]]
    width = len(header)
    rows: list[Row] = []
    for i in range(start + 1, len(raw)):
        cells = raw[i]
        if not any(c.strip() for c in cells):
            continue
        if len(cells) < width:
            cells = cells + [""] * (width - len(cells))
        rows.append((i + 1, cells))
    return Table(
        name=path.name,
        header=header,
        header_row=start + 1,
        rows=rows,
        comments=comments,
        sheet=title,
        sheets=titles,
    )


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


class RowLedger:
    """The figures of one row in the recognised columns: each is stored or not used, exactly once."""

    __slots__ = ("figures", "loc", "report", "settled", "titles")

    def __init__(
        self, report: ImportReport, loc: tuple[str, str], columns: Mapping[str, int], cells: Sequence[str]
    ) -> None:
        self.report, self.loc = report, loc
        self.figures: dict[str, str] = {}
        for name, index in columns.items():
            text = cells[index].strip() if index < len(cells) else ""
            if text and looks_like_number(text):
                self.figures[name] = text
        self.settled: set[str] = set()
        report.found(len(self.figures))

    def has(self, name: str) -> bool:
        return name in self.figures and name not in self.settled

    def store(self, name: str, as_field: str | None = None) -> None:
        if self.has(name):
            self.settled.add(name)
            self.report.stored(as_field or name)

    def drop(self, name: str, reason: str) -> None:
        if self.has(name):
            self.settled.add(name)
            self.report.not_used_figure((*self.loc, name), self.figures[name], reason)

    def store_rest(self, names: Iterable[str]) -> None:
        for name in names:
            self.store(name)

    def drop_rest(self, reason: str) -> None:
        for name in list(self.figures):
            self.drop(name, reason)
