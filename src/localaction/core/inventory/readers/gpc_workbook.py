"""The GPC reporting workbook (the one LocalAction writes: ``Summary``, one sheet per GPC sector with the
activity records, ``Lines`` with what was entered per GPC reference number), as XLSX, or one of its sheets as
CSV (the ``Lines`` columns, or the records' columns), into what a draft would store (a preview).

Entered columns become records and lines; computed columns (factors applied, gas amounts, CO2e, the Summary's
totals) are listed in the report as not used: the engine computes them again. Problems name sheet, row and
column; only records and lines can block the read.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from localaction.core import clock
from localaction.core.catalog.gpc import normalise_gpc_ref
from localaction.core.errors import Detail, InputError
from localaction.core.inventory.model import ActivityRecord, GpcLineInput, Inventory, Level, Period
from localaction.core.inventory.notation import parse_notation
from localaction.core.inventory.tables import parse_level, parse_quality
from localaction.core.io.headers import ColumnSpec, match_columns
from localaction.core.io.numbers import DecimalMark, NumberContext
from localaction.core.io.report import ImportReport
from localaction.core.io.tables import RowLedger, RowReader, Table, problems_error, read_sheet, read_table

SECTOR_SHEETS = (
    "I Stationary energy",
    "II Transportation",
    "III Waste",
    "IV IPPU",
    "V AFOLU",
    "VI Other scope 3",
)
ENTERED = (
    "record_id",
    "gpc_ref",
    "method",
    "activity",
    "quantity",
    "unit",
    "factor_id",
    "custom_factor",
    "params",
    "quality_activity",
    "quality_factor",
    "source",
    "notes",
)
COMPUTED = ("factor_CO2", "factor_CH4", "factor_N2O", "CO2_t", "CH4_t", "N2O_t", "co2e_t", "biogenic_co2_t")
LINE_FIELDS = (
    "gpc_ref",
    "value_tco2e",
    "notation_key",
    "included_in",
    "explanation",
    "quality_activity",
    "quality_factor",
    "source",
)
SUMMARY_FIELDS = ("jurisdiction", "year", "boundary", "gwp_set", "level", "population")
SUMMARY_TOTALS = ("basic_tco2e", "basic_plus_tco2e", "territorial_tco2e", "biogenic_co2_t")
COMPUTED_REASON = "computed: the engine computes it again from the entered columns"


@dataclass
class WorkbookFile:
    """What the workbook would store: header fields, records and lines, and the report."""

    fields: dict[str, Any]
    records: list[ActivityRecord]
    lines: list[GpcLineInput]
    report: ImportReport
    preview: list[dict[str, Any]] = field(default_factory=list)

    def inventory(self, jurisdiction: str = "", year: int | None = None) -> Inventory:
        y = year or int(self.fields.get("year") or 0) or clock.today().year
        level = self.fields.get("level")
        return Inventory(
            jurisdiction=jurisdiction or str(self.fields.get("jurisdiction", "")),
            period=Period(start=dt.date(y, 1, 1), end=dt.date(y, 12, 31), year=y, label=str(y)),
            boundary=str(self.fields.get("boundary", "")),
            gwp_set=str(self.fields.get("gwp_set") or "AR5"),
            level=level if isinstance(level, Level) else Level.BASIC,
            population=self.fields.get("population"),
            records=self.records,
            lines=self.lines,
        )


def _specs(names: tuple[str, ...]) -> list[ColumnSpec]:
    return [ColumnSpec(n) for n in names]


class _Reader:
    def __init__(self, name: str, decimal: DecimalMark | None) -> None:
        self.report = ImportReport(files=[name])
        self.decimal = decimal
        self.problems: list[Detail] = []
        self.records: list[ActivityRecord] = []
        self.lines: list[GpcLineInput] = []
        self.fields: dict[str, Any] = {}
        self.preview: list[dict[str, Any]] = []

    def _number(self, numbers: NumberContext, row: RowReader, name: str) -> float | None:
        return row.parsed(name, lambda t: numbers.parse(t, row.columns.get(name)))

    def summary(self, name: str, rows: list[list[str]]) -> None:
        numbers = NumberContext(declared=self.decimal)
        for number, cells in enumerate(rows, start=1):
            key, value = (s.strip() for s in [*cells, "", ""][:2])
            loc = (name, f"Summary row {number}", key)
            ledger = RowLedger(self.report, loc[:2], {"value": 1}, cells)
            if key in SUMMARY_TOTALS:
                ledger.drop("value", COMPUTED_REASON)
            elif key in SUMMARY_FIELDS and value:
                try:
                    if key == "population":
                        self.fields[key] = numbers.parse(value)
                    elif key == "year":
                        self.fields[key] = int(float(value))
                    elif key == "level":
                        self.fields[key] = parse_level(value)
                    else:
                        self.fields[key] = value
                    ledger.store("value", key)
                except (InputError, ValueError) as exc:
                    self.report.warn(loc, f"{getattr(exc, 'message', exc)}; not used")
            ledger.drop_rest("a Summary row the workbook does not define")
            self.report.rows += 1

    def records_table(self, table: Table) -> None:
        match = table.match(_specs((*ENTERED, *COMPUTED)))
        numbers = table.numbers(self.decimal)
        for number, cells in table.rows:
            row = RowReader(table, match.found, number, cells)
            ledger = RowLedger(
                self.report, (table.name, f"{table.sheet or 'row'} {number}"), match.found, cells
            )
            data: dict[str, Any] = {}
            for c in ENTERED:
                text = row.text(c)
                if not text:
                    continue
                if c in ("custom_factor", "params"):
                    try:
                        data[c] = json.loads(text)
                    except ValueError:
                        row.problem(c, 'not valid JSON (as the workbook writes it, e.g. {"fuel": "diesel"})')
                elif c == "quantity":
                    data[c] = self._number(numbers, row, c)
                elif c in ("quality_activity", "quality_factor"):
                    data[c] = row.parsed(c, parse_quality)
                elif c == "gpc_ref":
                    data[c] = row.parsed(c, normalise_gpc_ref)
                else:
                    data[c] = text
            for c in COMPUTED:
                ledger.drop(c, COMPUTED_REASON)
            if not row.problems:
                try:
                    self.records.append(ActivityRecord.model_validate({"record_id": f"row{number}", **data}))
                    self.preview.append(
                        {
                            "kind": "record",
                            "row": number,
                            **{k: data.get(k) for k in ("gpc_ref", "method", "quantity", "unit")},
                        }
                    )
                except ValidationError as exc:
                    row.problem("record", "; ".join(f"{e['loc'][0]}: {e['msg']}" for e in exc.errors()))
            if not row.problems:
                ledger.store_rest(ENTERED)
            ledger.drop_rest("row refused: see the problems")
            self.problems += row.problems
        table.account_unrecognised(match, self.report)
        self.report.rows += len(table.rows)

    def lines_table(self, table: Table) -> None:
        match = table.match(_specs(LINE_FIELDS))
        numbers = table.numbers(self.decimal)
        for number, cells in table.rows:
            row = RowReader(table, match.found, number, cells)
            ledger = RowLedger(
                self.report, (table.name, f"{table.sheet or 'row'} {number}"), match.found, cells
            )
            ref = row.parsed("gpc_ref", normalise_gpc_ref)
            value = self._number(numbers, row, "value_tco2e")
            notation = row.parsed("notation_key", parse_notation) if row.text("notation_key") else None
            if ref is not None and not row.problems and (value is not None or notation is not None):
                self.lines.append(
                    GpcLineInput(
                        gpc_ref=ref,
                        value_tco2e=value,
                        notation_keys=notation.keys if notation else (),
                        included_in=row.text("included_in") or (notation.included_in if notation else None),
                        explanation=row.text("explanation") or (notation.explanation if notation else ""),
                        quality_activity=row.parsed("quality_activity", parse_quality),
                        quality_factor=row.parsed("quality_factor", parse_quality),
                        source=row.text("source"),
                        raw_notation=row.text("notation_key"),
                    )
                )
                self.preview.append(
                    {
                        "kind": "line",
                        "row": number,
                        "gpc_ref": ref,
                        "value_tco2e": value,
                        "notation_keys": [k.value for k in notation.keys] if notation else [],
                    }
                )
                ledger.store("value_tco2e")
                ledger.store_rest(LINE_FIELDS)
            ledger.drop_rest(
                "row refused: see the problems" if row.problems else "a line without value or key"
            )
            self.problems += row.problems
        table.account_unrecognised(match, self.report)
        self.report.rows += len(table.rows)


def _workbook_sheets(path: Path) -> list[str]:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True)
    except Exception as exc:  # openpyxl raises many types for a file that is not a workbook
        raise InputError(f"{path.name}: not an XLSX workbook ({exc})", code="invalid_file") from None
    try:
        return list(wb.sheetnames)
    finally:
        wb.close()


def read_gpc_workbook(path: str | Path, *, decimal: DecimalMark | None = None) -> WorkbookFile:
    """Read a GPC reporting workbook (XLSX) or one of its sheets (CSV) without storing anything."""
    path = Path(path)
    reader = _Reader(path.name, decimal)
    if path.suffix.lower() == ".csv":
        table = read_table(path)
        header = set(match_columns(table.header, _specs(("method",))).found)
        (reader.records_table if "method" in header else reader.lines_table)(table)
    else:
        sheets = _workbook_sheets(path)
        known = {"Summary", "Lines", *SECTOR_SHEETS}
        if not known & set(sheets):
            raise InputError(
                f"{path.name} is not a GPC reporting workbook: it needs the sheets Summary, Lines or the sector "
                f"sheets ({', '.join(SECTOR_SHEETS)}); its sheets are {', '.join(map(repr, sheets))}",
                code="invalid_file",
            )
        if "Summary" in sheets:
            reader.summary(path.name, (read_sheet(path, sheet="Summary") or [])[1:])
        for title in SECTOR_SHEETS:
            if title in sheets:
                reader.records_table(read_table(path, sheet=title))
        if "Lines" in sheets:
            reader.lines_table(read_table(path, sheet="Lines"))
        for title in sorted(set(sheets) - known):
            reader.report.warn((path.name, title), "a sheet the GPC workbook does not define: not read")
    if reader.problems:
        raise problems_error(path.name, reader.problems)
    reader.report.add("activity records read", len(reader.records))
    reader.report.add("GPC lines read", len(reader.lines))
    return WorkbookFile(reader.fields, reader.records, reader.lines, reader.report, reader.preview)
