"""GPC-lines files: inventories given line by line, in one of two layouts.

* **long** (C40's long table): one row per city, year and GPC reference number: ``City, Year, gpc_ref,
  value_tco2e, notation_key`` plus optional ``Country, Region, Boundary, Level, Population, Area, GDP,
  explanation, quality_activity, quality_factor, source``;
* **wide** (C40's dashboard workbook, sheet ``GHG Dashboard Data - Inventory``): one row per city and year,
  one column per GPC reference number (``I.1.1`` … ``VI.1``) holding a value or a notation key, context
  columns, and the publisher's own totals (``BASIC``, ``BASIC+``, ``BASIC+S3``, ``Territorial``), which are
  compared with the computed ones (the ``totals.mismatch`` check, as with ``--reported``).

An XLSX file is read from the sheet whose header fits (or ``sheet=``). Numbers follow ``decimal`` (declared) or
are detected where unambiguous (``core.io.numbers``). Only the lines can block a read: a bad city, year, GPC
reference, value or notation key is a problem, and every problem is reported in one InputError
(``invalid_file``) naming file, row and column. A bad value in a context column (population, area, GDP, level,
data quality) is a warning naming the cell; the value is kept as written (``InventoryInput.context``) and the
rest reads. The ``ImportReport`` accounts for every figure of the file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from localaction.core.catalog.gpc import normalise_gpc_ref
from localaction.core.errors import Detail, InputError
from localaction.core.inventory.model import Inventory, Level, ReportedTotals
from localaction.core.io.headers import ColumnSpec, match_columns, normalise_header
from localaction.core.io.numbers import DecimalMark, NumberContext
from localaction.core.io.report import ImportReport
from localaction.core.io.tables import RowLedger, RowReader, Table, problems_error, read_table

Progress = Callable[[int], None]  # advance by n rows

LINE_COLUMNS: dict[str, tuple[str, ...]] = {
    "city": ("jurisdiction", "city name"),
    "year": ("inventory year", "period", "accounting year", "year calendar", "year_calendar"),
    "gpc_ref": ("gpc ref", "gpc reference", "gpc reference number", "gpc ref no", "gpc ref. no."),
    "value_tco2e": ("value", "tco2e", "emissions_tco2e", "value (tco2e)"),
    "notation_key": ("notation key", "notation keys", "notation"),
    "country": (),
    "region": (),
    "boundary": (),
    "level": ("reporting level", "gpc level"),
    "population": (),
    "area": ("area_km2", "area km2", "land area"),
    "gdp": (),
    "explanation": ("notation explanation", "notation key explanation", "comment", "comments"),
    "quality_activity": ("activity data quality", "data quality activity", "quality activity data"),
    "quality_factor": ("emission factor quality", "data quality factor", "quality emission factor"),
    "source": (),
    "latest": ("latest gpc inventory", "latest gpc inventory?", "latest inventory"),
    "raw_value": ("raw value",),
}
REQUIRED_LINE_COLUMNS = ("city", "year", "gpc_ref", "value_tco2e", "notation_key")
# Columns read but whose figures are not kept, with the reason (listed in the report).
NOT_KEPT = {"raw_value": "the cell as the publisher wrote it: value_tco2e and notation_key carry it"}

TOTALS_COLUMNS: dict[str, tuple[str, ...]] = {
    "city": ("jurisdiction",),
    "year": ("inventory year", "period", "year calendar"),
    "basic": ("total basic", "total basic emissions", "basic total", "basic emissions"),
    "basic+": (
        "basic plus",
        "basic_plus",
        "total basic+",
        "total basic+ emissions",
        "basic+ total",
        "basic+ emissions",
    ),
    "basic+s3": (
        "basic+ s3",
        "basic plus s3",
        "basic+ with other scope 3",
        "basic_plus_other_scope3",
        "basic+ other scope 3",
        "basic+ and other scope 3",
    ),
    "territorial": ("territorial total", "scope 1 total", "total territorial", "territorial emissions"),
    "country": (),
    "level": ("reporting level",),
}
REQUIRED_TOTALS_COLUMNS = ("city", "year", "basic", "basic+", "territorial")
TOTAL_FIELDS = ("basic", "basic+", "basic+s3", "territorial")
# Totals columns of unseen spellings, by their words (the C40 workbook's names are not all known).
_TOTAL_RULES = (
    ColumnSpec("basic+s3", all_of=(("basic+", "basic plus"), ("s3", "scope 3", "other"))),
    ColumnSpec("basic+", all_of=(("basic+", "basic plus"),), none_of=("s3", "scope 3", "other")),
    ColumnSpec("basic", all_of=(("basic",),), none_of=("basic+", "basic plus", "s3", "scope 3")),
    ColumnSpec("territorial", all_of=(("territorial",),)),
)
CONTEXT_FIELDS = ("country", "region", "boundary", "level", "population", "area", "gdp", "latest")
_NUMERIC_CONTEXT = ("population", "area", "gdp")
_TEXT_FIELDS = ("country", "region", "boundary", "latest", "explanation", "source", "city", "notation_key")
_REF_HEADER = re.compile(r"^\s*((?:VI|IV|V|III|II|I)\.\d{1,2}(?:\.\d{1,2})?)\.?(?:\s|$)", re.IGNORECASE)
MIN_WIDE_REFS = 3


@dataclass(frozen=True)
class InventoryInput:
    """One inventory read from a lines file: what the file says about it, and the engine's input."""

    city: str
    year_label: str  # the Year cell as written, e.g. "April 2018 - April 2019"
    country: str
    region: str  # the file's region (C40: a world region), not a grid zone
    boundary: str
    level: Level
    population: float | None
    area_km2: float | None
    gdp: float | None
    inventory: Inventory
    first_row: int
    context: dict[str, str] = field(default_factory=dict)  # context cells kept as written (unreadable ones)
    reported: ReportedTotals | None = None  # the publisher's totals given in the same file (wide layout)


@dataclass
class LinesFile:
    """What a lines file holds, and the report of every figure in it."""

    inventories: list[InventoryInput]
    report: ImportReport
    layout: str  # "long" or "wide"


def _specs(aliases: dict[str, tuple[str, ...]]) -> list[ColumnSpec]:
    return [ColumnSpec(name, names) for name, names in aliases.items()]


def ref_of_header(title: str) -> str | None:
    """The GPC reference a wide-layout column stands for (``I.1.1``, ``i.1.1 ``, ``II.5.3 Off-road``)."""
    m = _REF_HEADER.match(title)
    if m is None:
        return None
    try:
        return normalise_gpc_ref(m.group(1))
    except InputError:
        return None


def _fits(cells: Sequence[str]) -> int:
    """How well a row fits as the header of a lines file (0: it does not)."""
    match = match_columns(cells, _specs(LINE_COLUMNS))
    has = set(match.found)
    refs = sum(1 for c in cells if ref_of_header(c))
    if {"city", "year"} <= has and refs >= MIN_WIDE_REFS:
        return 100 + refs + len(has)
    if {"city", "year", "gpc_ref"} <= has and ({"value_tco2e", "notation_key"} & has):
        return 10 + len(has)
    return 0


NEEDS = (
    "GPC lines (long: City, Year, gpc_ref, value_tco2e, notation_key; or wide: City, Year and one column per "
    "GPC reference number such as I.1.1)"
)


def read_lines(
    path: str | Path,
    *,
    decimal: DecimalMark | None = None,
    sheet: str | None = None,
    progress: Progress | None = None,
) -> LinesFile:
    """Every inventory of a GPC-lines file (CSV or XLSX, long or wide), in file order, with its report.

    Raises one InputError ``invalid_file`` listing every problem in the lines; nothing is returned then.
    """
    table = read_table(
        path, preferred_sheets=("GPC lines", "lines", "gpc"), sheet=sheet, fits=_fits, needs=NEEDS
    )
    report = ImportReport(files=[table.name], sheet=table.sheet)
    numbers = table.numbers(decimal)
    refs = {i: r for i, t in enumerate(table.header) if (r := ref_of_header(t))}
    from localaction.core.inventory.readers.lines_layouts import Long, Wide

    reader = Wide if len(refs) >= MIN_WIDE_REFS else Long
    out = reader(table, report, numbers, progress).read()
    report.decimal = decimal or _detected(numbers)
    return LinesFile(out, report, "wide" if reader is Wide else "long")


def _detected(numbers: NumberContext) -> str:
    marks = {c.mark for c in numbers.columns.values() if c.mark}
    return f"detected: decimal {marks.pop()}" if len(marks) == 1 else ("mixed" if marks else "")


def read_lines_file(
    path: str | Path, *, decimal: DecimalMark | None = None, sheet: str | None = None
) -> list[InventoryInput]:
    """The inventories of :func:`read_lines` (warnings and the report are dropped)."""
    return read_lines(path, decimal=decimal, sheet=sheet).inventories


def _missing_columns(table: Table, found: dict[str, int], required: tuple[str, ...]) -> list[Detail]:
    return [
        Detail(
            (table.name, f"row {table.header_row}", name),
            f"the column {name!r} is missing; the header needs {', '.join(required)}",
        )
        for name in required
        if name not in found
    ]


def _float_or_none(value: object) -> float | None:
    return value if isinstance(value, float) else None


def read_reported_totals(
    path: str | Path, *, decimal: DecimalMark | None = None, report: ImportReport | None = None
) -> dict[tuple[str, str], ReportedTotals]:
    """Reported totals per (city, year label): columns ``City, Year, BASIC, BASIC+, Territorial`` and
    optionally ``BASIC+S3`` (BASIC+ with other scope 3). Blank cells are None. All-or-nothing like
    :func:`read_lines`; ``report`` (when given) accounts for every figure."""
    table = read_table(path, preferred_sheets=("reported totals", "totals"))
    report = report if report is not None else ImportReport()
    report.files.append(table.name)
    match = table.match([*_specs(TOTALS_COLUMNS), *_TOTAL_RULES])
    columns = match.found
    problems = [
        Detail(
            (table.name, f"row {table.header_row}", table.header[i]),
            f"the column {n!r} appears twice; keep one",
        )
        for i, n in match.duplicates
    ]
    problems += _missing_columns(table, columns, REQUIRED_TOTALS_COLUMNS)
    if problems:
        raise problems_error(table.name, problems)
    numbers = table.numbers(decimal)
    out: dict[tuple[str, str], ReportedTotals] = {}
    first_rows: dict[tuple[str, str], int] = {}
    for number, cells in table.rows:
        row = RowReader(table, columns, number, cells)
        ledger = RowLedger(report, (table.name, f"row {number}"), columns, cells)
        key = (row.text("city"), row.text("year"))
        if not key[0] or not key[1]:
            row.problem("city" if not key[0] else "year", "give both the city and the year")
        elif key in first_rows:
            row.problem("year", f"{key[0]} {key[1]} is already given in row {first_rows[key]}")
        values = {
            name: row.parsed(name, partial(numbers.parse, column=columns.get(name))) for name in TOTAL_FIELDS
        }
        problems += row.problems
        if not row.problems:
            first_rows[key] = number
            out[key] = ReportedTotals(
                basic=values["basic"],
                basic_plus=values["basic+"],
                basic_plus_other_scope3=values["basic+s3"],
                territorial=values["territorial"],
            )
            ledger.store_rest(("year", *TOTAL_FIELDS))
        ledger.drop_rest("row not read: see the problems")
    table.account_unrecognised(match, report)
    report.rows += len(table.rows)
    if problems:
        raise problems_error(table.name, problems)
    return out


__all__ = [
    "LINE_COLUMNS",
    "InventoryInput",
    "LinesFile",
    "normalise_header",
    "read_lines",
    "read_lines_file",
    "read_reported_totals",
    "ref_of_header",
]
