"""The activity-data file: one row per activity record, plus an inventory header.

See docs/activity-template.md. CSV: leading ``# key: value`` lines carry the header (jurisdiction, period,
gwp_set, level, region, population, boundary, reporting_year), then the column row, then the records.
XLSX: the records on the first sheet (or one named "activity"), the header on a sheet named "inventory"
(two columns: key, value) or as ``# key: value`` rows above the column row. Any ``param:<name>`` column
lands in ``ActivityRecord.params[name]`` (numbers as float), so the engine's method parameters need no
change here. Numbers follow the declared ``decimal`` mark or are detected where unambiguous
(``core.io.numbers``); a quantity may carry its unit (``12 kWh``) when the unit column is empty or agrees.
Reading is all-or-nothing: one InputError (``invalid_file``) lists every problem with its file, row and
column. A column the reader does not know is not an error: the ``ImportReport`` lists it (with how many values
it held) beside the count of every figure read. ``progress`` is called every 1000 rows (large files).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from localaction.core.catalog.gpc import normalise_gpc_ref
from localaction.core.catalog.gwp import normalise_gas, normalise_gwp_set
from localaction.core.catalog.units import parse_unit
from localaction.core.errors import Detail, InputError
from localaction.core.inventory.activity_template import (
    COLUMNS,
    HEADER_FIELDS,
    PARAM_PREFIX,
    write_activity_template,
)
from localaction.core.inventory.model import ActivityRecord, CustomFactor, GpcLineInput, Inventory, Method
from localaction.core.inventory.notation import parse_notation
from localaction.core.inventory.periods import parse_period
from localaction.core.inventory.tables import (
    RowReader,
    Table,
    normalise_header,
    parse_level,
    parse_quality,
    problems_error,
    read_sheet,
    read_table,
)
from localaction.core.io.numbers import DecimalMark, NumberContext, parse_number, split_quantity
from localaction.core.io.report import ImportReport
from localaction.core.io.tables import RowLedger

Progress = Callable[[int], None]  # advance by n rows

REQUIRED_COLUMNS = ("gpc_ref", "method", "quantity", "unit")
_CUSTOM = ("custom_factor_value", "custom_factor_unit", "custom_factor_gas", "custom_factor_justification")
_DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+$")

__all__ = [
    "ActivityFile",
    "param_value",
    "parse_method",
    "read_activity",
    "read_activity_file",
    "write_activity_template",
]


@dataclass
class ActivityFile:
    """An activity file read: the inventory and the report of every figure and column."""

    inventory: Inventory
    report: ImportReport


def parse_method(text: str) -> Method:
    key = text.strip().lower().replace(" ", "_").replace("-", "_")
    for method in Method:
        if key in {method.value, method.name.lower()}:
            return method
    raise ValueError(f"unknown method {text!r}; use one of {', '.join(m.value for m in Method)}")


def param_value(text: str, numbers: NumberContext | None = None, column: object = None) -> float | str:
    """A ``param:`` cell: a number becomes a float, anything else stays text (``DE``, ``l/100km``)."""
    try:
        value = numbers.parse(text, column) if numbers is not None else parse_number(text, "point")
    except ValueError as exc:
        code = getattr(exc, "code", "")
        if code in {"ambiguous_number", "mixed_number_format"} or _DECIMAL_COMMA.match(text.strip()):
            raise
        return text.strip()
    return text.strip() if value is None else value


def _header_rows(table: Table, path: Path) -> list[tuple[tuple[str, ...], str, str]]:
    """(loc, key, value) for each header entry: ``# key: value`` rows, then the XLSX "inventory" sheet."""
    out: list[tuple[tuple[str, ...], str, str]] = []
    for number, cells in table.comments:
        text = ",".join(cells).rstrip(", ").lstrip().lstrip("#").strip()
        if ":" in text:  # lines without a colon are free comments
            key, value = text.split(":", 1)
            out.append(((table.name, f"row {number}"), key, value))
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        for number, cells in enumerate(read_sheet(path, sheet="inventory") or [], start=1):
            cells = [*cells, "", ""]
            if cells[0].strip() and cells[0].strip().lower() not in {"key", "field"}:
                out.append(((table.name, f"inventory sheet row {number}"), cells[0], cells[1]))
    return out


def _inventory_header(
    table: Table,
    path: Path,
    problems: list[Detail],
    decimal: DecimalMark | None,
    defaults: Mapping[str, object] | None = None,
) -> dict[str, object]:
    fields: dict[str, object] = {}
    seen: dict[str, tuple[str, ...]] = {}
    for loc, raw_key, raw_value in _header_rows(table, path):
        key, value = normalise_header(raw_key).replace(" ", "_"), raw_value.strip()
        where = (*loc, key)
        if key not in HEADER_FIELDS:
            problems.append(
                Detail(where, f"unknown header field {raw_key.strip()!r}; use {', '.join(HEADER_FIELDS)}")
            )
            continue
        if key in seen:
            problems.append(Detail(where, f"{key} is already given ({', '.join(seen[key])})"))
            continue
        seen[key] = loc
        try:
            fields[key] = _header_value(key, value, decimal)
        except InputError as exc:
            problems.append(Detail(where, exc.message))
        except ValueError as exc:
            problems.append(Detail(where, str(exc)))
    for name, given in (defaults or {}).items():  # a draft's own jurisdiction and year, for an upload into it
        if not fields.get(name) and given:
            fields[name] = given
    for key in ("jurisdiction", "period"):
        if not fields.get(key):
            problems.append(
                Detail(
                    (table.name, "header", key),
                    f"give the inventory's {key} in a '# {key}: …' line above the column row "
                    "(CSV) or on the 'inventory' sheet (XLSX)",
                )
            )
    return fields


def _header_value(key: str, value: str, decimal: DecimalMark | None) -> object:
    if key == "period":
        return parse_period(value) if value else None
    if key == "gwp_set":
        return normalise_gwp_set(value) if value else None
    if key == "level":
        return parse_level(value)
    if key == "population":
        return parse_number(value, decimal)
    if key == "reporting_year":
        number = parse_number(value, "point")
        if number is not None and not number.is_integer():
            raise ValueError(f"{value!r} is not a year")
        return None if number is None else int(number)
    return value


def _columns(table: Table, problems: list[Detail]) -> tuple[dict[str, int], dict[str, int], list[int]]:
    """Known columns, ``param:`` columns, and the indexes of columns the template does not know."""
    known = {normalise_header(c): c for c in COLUMNS}
    columns: dict[str, int] = {}
    params: dict[str, int] = {}
    unknown: list[int] = []
    for index, title in enumerate(table.header):
        loc = (table.name, f"row {table.header_row}", title)
        if title.lower().startswith(PARAM_PREFIX):
            name, target = title[len(PARAM_PREFIX) :].strip(), params
            if not name:
                problems.append(Detail(loc, "a parameter column needs a name, e.g. param:fuel"))
                continue
        elif (name := known.get(normalise_header(title), "")) != "":
            target = columns
        else:
            unknown.append(index)
            continue
        if name in target:
            problems.append(Detail(loc, f"the column {title!r} appears twice; keep one"))
        target[name] = index
    for name in REQUIRED_COLUMNS:
        if name not in columns:
            titles = [table.header[i] for i in unknown]
            close = difflib.get_close_matches(name, titles, n=1, cutoff=0.75)
            hint = f" (is the column {close[0]!r} meant to be it? rename it to {name})" if close else ""
            problems.append(
                Detail((table.name, f"row {table.header_row}", name), f"the column {name!r} is missing{hint}")
            )
    return columns, params, unknown


def _custom_factor(row: RowReader, numbers: NumberContext) -> CustomFactor | None:
    if not any(row.text(name) for name in _CUSTOM):
        return None
    value = row.parsed(
        "custom_factor_value", lambda t: numbers.parse(t, row.columns.get("custom_factor_value"))
    )
    if value is None and not row.text("custom_factor_value"):
        row.problem("custom_factor_value", "a custom factor needs its value")
    unit = row.text("custom_factor_unit")
    if not unit:
        row.problem("custom_factor_unit", "a custom factor needs its unit, e.g. kg/kWh or t/MWh")
    else:
        row.parsed("custom_factor_unit", parse_unit)
    gas = row.parsed("custom_factor_gas", lambda t: normalise_gas(t) if t else "CO2e")
    justification = row.text("custom_factor_justification")
    if len(justification) < 3:
        row.problem(
            "custom_factor_justification",
            "a custom factor needs a justification: where it comes from and why it fits better "
            "than the default",
        )
    if value is None or not unit or gas is None or len(justification) < 3:
        return None
    return CustomFactor(
        gas=gas, value=value, unit=unit, justification=justification, source=row.text("source")
    )


def _quantity(row: RowReader, numbers: NumberContext) -> tuple[float | None, str | None]:
    """The quantity, and the unit it carries in its cell (``12 kWh``) when there is one (None: a unit that
    cannot be read, already reported)."""
    text = row.text("quantity")
    column = row.columns.get("quantity")
    number, unit = split_quantity(text)
    if unit and not _is_unit(unit):
        row.problem(
            "quantity",
            f"{text!r}: {unit!r} after the number is not a unit we know; write the number alone and the unit in "
            "the unit column (kWh, litre, m3, tonne, vehicle_km …)",
        )
        return None, None
    return row.parsed("quantity", lambda _: numbers.parse(number, column)), unit


def _is_unit(text: str) -> bool:
    try:
        parse_unit(text)
    except (InputError, ValueError):
        return False
    return True


def _record(row: RowReader, params: dict[str, int], numbers: NumberContext) -> ActivityRecord | None:
    gpc_ref = row.parsed("gpc_ref", normalise_gpc_ref)
    method = row.parsed("method", parse_method)
    activity = row.text("activity")
    quantity, cell_unit = _quantity(row, numbers)
    unit = row.text("unit")
    if cell_unit:
        if unit and not _same_unit(unit, cell_unit):
            row.problem(
                "quantity",
                f"the quantity says {cell_unit!r} but the unit column says {unit!r}: keep one unit, in the unit "
                "column",
            )
        unit = unit or cell_unit
    # Direct entry may carry its amounts only in param:<GAS>_t columns: quantity and unit are then unused.
    amounts_in_params = method is Method.DIRECT and not activity
    if quantity is None and not row.text("quantity"):
        if amounts_in_params:
            quantity = 0.0
        else:
            row.problem("quantity", "the quantity is empty; give the amount of activity in the unit column")
    elif quantity is not None and quantity < 0 and method is not Method.DIRECT:
        row.problem("quantity", "an activity quantity cannot be negative (removals go in direct_entry rows)")
    if not unit and amounts_in_params:
        unit = "t"
    elif not unit and cell_unit is None:
        pass  # the quantity's unit could not be read: reported with the quantity
    elif not unit:
        row.problem("unit", "the unit is empty; give one such as kWh, litre, m3, tonne, vehicle_km")
    else:
        row.parsed(
            "unit", lambda _: parse_unit(unit)
        )  # the unit column's, or the one written with the quantity
    factor_id = row.text("factor_id") or None
    custom = _custom_factor(row, numbers)
    if factor_id and custom is not None:
        row.problem("factor_id", "give either factor_id or a custom factor, not both")
    values = {}
    for name, index in params.items():
        cell = row.cells[index].strip() if index < len(row.cells) else ""
        if cell:
            try:
                values[name] = param_value(cell, numbers, index)
            except ValueError as exc:
                row.problem(f"{PARAM_PREFIX}{name}", str(exc))
    quality_activity = row.parsed("quality_activity", parse_quality)
    quality_factor = row.parsed("quality_factor", parse_quality)
    if row.problems or gpc_ref is None or method is None or quantity is None:
        return None
    try:
        return ActivityRecord(
            record_id=row.text("record_id") or f"row{row.number}",
            gpc_ref=gpc_ref,
            method=method,
            activity=activity,
            quantity=quantity,
            unit=unit,
            factor_id=factor_id,
            custom_factor=custom,
            params=values,
            quality_activity=quality_activity,
            quality_factor=quality_factor,
            source=row.text("source"),
            notes=row.text("notes"),
        )
    except ValidationError as exc:
        row.problem("record", "; ".join(e["msg"] for e in exc.errors()))
        return None


def _notation_line(row: RowReader) -> GpcLineInput | None:
    """A row that only says why a GPC line has no value: a notation key and its explanation."""
    gpc_ref = row.parsed("gpc_ref", normalise_gpc_ref)
    parsed = row.parsed("notation_key", parse_notation)
    if gpc_ref is None or parsed is None:
        return None
    explanation = row.text("explanation") or parsed.explanation
    return GpcLineInput(
        gpc_ref=gpc_ref,
        notation_keys=parsed.keys,
        included_in=parsed.included_in,
        explanation=explanation,
        source=row.text("source"),
        raw_notation=row.text("notation_key"),
    )


def _same_unit(a: str, b: str) -> bool:
    try:
        return bool(parse_unit(a) == parse_unit(b))
    except (InputError, ValueError):
        return a.strip().lower() == b.strip().lower()


_TEXT_COLUMNS = (
    "record_id",
    "activity",
    "factor_id",
    "source",
    "notes",
    "explanation",
    "custom_factor_justification",
)


def read_activity(
    path: str | Path,
    *,
    decimal: DecimalMark | None = None,
    sheet: str | None = None,
    progress: Progress | None = None,
    defaults: Mapping[str, object] | None = None,
) -> ActivityFile:
    """Read an activity-data file (CSV or XLSX) into an Inventory with its records, and its report.

    ``defaults`` (``jurisdiction``, ``period``) stand in for header lines the file does not give (an upload
    into a draft that knows both). A blank ``record_id`` becomes ``row<N>``. Raises one InputError
    ``invalid_file`` listing every problem.
    """
    path = Path(path)
    table = read_table(path, preferred_sheets=("activity", "records", "data"), sheet=sheet)
    report = ImportReport(files=[table.name], sheet=table.sheet)
    numbers = table.numbers(decimal)
    problems: list[Detail] = []
    fields = _inventory_header(table, path, problems, decimal, defaults)
    columns, params, unknown = _columns(table, problems)
    if any(name not in columns for name in REQUIRED_COLUMNS):
        raise problems_error(table.name, problems)
    report.columns = {n: table.header[i] for n, i in columns.items()}
    figure_columns = {**columns, **{f"{PARAM_PREFIX}{n}": i for n, i in params.items()}}
    records: list[ActivityRecord] = []
    lines: list[GpcLineInput] = []
    first_rows: dict[str, int] = {}
    for done, (number, cells) in enumerate(table.rows, start=1):
        row = RowReader(table, columns, number, cells)
        ledger = RowLedger(report, (table.name, f"row {number}"), figure_columns, cells)
        if "notation_key" in columns and row.text("notation_key") and not row.text("method"):
            line = _notation_line(row)
            problems += row.problems
            if line is not None:
                lines.append(line)
                ledger.store_rest(figure_columns)  # text columns of a notation row (ids, sources)
            ledger.drop_rest("row refused: see the problems")
            continue
        record = _record(row, params, numbers)
        record_id = row.text("record_id") or f"row{number}"
        # a file with a param:year column holds several years: an id is unique within its year
        year_index = params.get("year")
        key = (
            record_id
            if year_index is None
            else f"{record_id}\x00{row.cells[year_index].strip() if year_index < len(row.cells) else ''}"
        )
        if key in first_rows:
            row.problem("record_id", f"{record_id!r} is already used in row {first_rows[key]}")
        first_rows.setdefault(key, number)
        problems += row.problems
        if record is not None and not row.problems:
            records.append(record)
            ledger.store("quantity")
            ledger.store("custom_factor_value")
            ledger.store_rest(figure_columns)  # parameters, and figures in text columns kept as text
        ledger.drop_rest("row refused: see the problems")
        if progress is not None and done % 1000 == 0:
            progress(1000)
    if progress is not None:
        progress(len(table.rows) % 1000)
    match = table.match([])
    match.unrecognised = unknown
    table.account_unrecognised(match, report)
    report.rows = len(table.rows)
    if problems:
        raise problems_error(table.name, problems)
    header = {k: v for k, v in fields.items() if v is not None}
    try:
        inventory = Inventory.model_validate({**header, "records": records, "lines": lines})
    except ValidationError as exc:  # header values are checked above; this is a safety net
        raise problems_error(
            table.name, [Detail((table.name, "header", str(e["loc"][0])), e["msg"]) for e in exc.errors()]
        ) from exc
    report.add("activity records read", len(records))
    report.add("notation-key lines read", len(lines))
    marks = {c.mark for c in numbers.columns.values() if c.mark}
    report.decimal = decimal or (f"detected: decimal {marks.pop()}" if len(marks) == 1 else "")
    return ActivityFile(inventory, report)


def read_activity_file(
    path: str | Path, *, decimal: DecimalMark | None = None, sheet: str | None = None
) -> Inventory:
    """The inventory of :func:`read_activity` (the report is dropped)."""
    return read_activity(path, decimal=decimal, sheet=sheet).inventory
