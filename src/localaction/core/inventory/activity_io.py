"""The activity-data file: one row per activity record, plus an inventory header.

See docs/activity-template.md. CSV: leading ``# key: value`` lines carry the header (jurisdiction, period,
gwp_set, level, region, population, boundary, reporting_year), then the column row, then the records.
XLSX: the records on the first sheet (or one named "activity"), the header on a sheet named "inventory"
(two columns: key, value) or as ``# key: value`` rows above the column row. Any ``param:<name>`` column
lands in ``ActivityRecord.params[name]`` (numbers as float), so the engine's method parameters need no
change here. Reading is all-or-nothing: one InputError (``invalid_file``) lists every problem with its
file, row and column.
"""

from __future__ import annotations

import re
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
    parse_number,
    parse_quality,
    problems_error,
    read_sheet,
    read_table,
)

REQUIRED_COLUMNS = ("gpc_ref", "method", "quantity", "unit")
_CUSTOM = ("custom_factor_value", "custom_factor_unit", "custom_factor_gas", "custom_factor_justification")
_DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+$")

__all__ = ["param_value", "parse_method", "read_activity_file", "write_activity_template"]


def parse_method(text: str) -> Method:
    key = text.strip().lower().replace(" ", "_").replace("-", "_")
    for method in Method:
        if key in {method.value, method.name.lower()}:
            return method
    raise ValueError(f"unknown method {text!r}; use one of {', '.join(m.value for m in Method)}")


def param_value(text: str) -> float | str:
    """A ``param:`` cell: a number becomes a float, anything else stays text (``DE``, ``l/100km``)."""
    try:
        value = parse_number(text)
    except ValueError:
        if _DECIMAL_COMMA.match(text.strip()):
            raise ValueError(f"{text!r}: write decimals with a dot, e.g. 0.5") from None
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


def _inventory_header(table: Table, path: Path, problems: list[Detail]) -> dict[str, object]:
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
            fields[key] = _header_value(key, value)
        except InputError as exc:
            problems.append(Detail(where, exc.message))
        except ValueError as exc:
            problems.append(Detail(where, str(exc)))
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


def _header_value(key: str, value: str) -> object:
    if key == "period":
        return parse_period(value) if value else None
    if key == "gwp_set":
        return normalise_gwp_set(value) if value else None
    if key == "level":
        return parse_level(value)
    if key == "population":
        return parse_number(value)
    if key == "reporting_year":
        number = parse_number(value)
        if number is not None and not number.is_integer():
            raise ValueError(f"{value!r} is not a year")
        return None if number is None else int(number)
    return value


def _columns(table: Table, problems: list[Detail]) -> tuple[dict[str, int], dict[str, int]]:
    known = {normalise_header(c): c for c in COLUMNS}
    columns: dict[str, int] = {}
    params: dict[str, int] = {}
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
            problems.append(
                Detail(loc, f"unknown column {title!r}; rename it (to notes, or param:<name>) or delete it")
            )
            continue
        if name in target:
            problems.append(Detail(loc, f"the column {title!r} appears twice; keep one"))
        target[name] = index
    for name in REQUIRED_COLUMNS:
        if name not in columns:
            problems.append(
                Detail((table.name, f"row {table.header_row}", name), f"the column {name!r} is missing")
            )
    return columns, params


def _custom_factor(row: RowReader) -> CustomFactor | None:
    if not any(row.text(name) for name in _CUSTOM):
        return None
    value = row.parsed("custom_factor_value", parse_number)
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


def _record(row: RowReader, params: dict[str, int]) -> ActivityRecord | None:
    gpc_ref = row.parsed("gpc_ref", normalise_gpc_ref)
    method = row.parsed("method", parse_method)
    activity = row.text("activity")
    quantity = row.parsed("quantity", parse_number)
    unit = row.text("unit")
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
    elif not unit:
        row.problem("unit", "the unit is empty; give one such as kWh, litre, m3, tonne, vehicle_km")
    else:
        row.parsed("unit", parse_unit)
    factor_id = row.text("factor_id") or None
    custom = _custom_factor(row)
    if factor_id and custom is not None:
        row.problem("factor_id", "give either factor_id or a custom factor, not both")
    values = {}
    for name, index in params.items():
        cell = row.cells[index].strip() if index < len(row.cells) else ""
        if cell:
            try:
                values[name] = param_value(cell)
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


def read_activity_file(path: str | Path) -> Inventory:
    """Read an activity-data file (CSV or XLSX) into an Inventory with its records.

    A blank ``record_id`` becomes ``row<N>``. Raises one InputError ``invalid_file`` listing every problem.
    """
    path = Path(path)
    table = read_table(path, preferred_sheets=("activity", "records", "data"))
    problems: list[Detail] = []
    fields = _inventory_header(table, path, problems)
    columns, params = _columns(table, problems)
    if any(name not in columns for name in REQUIRED_COLUMNS):
        raise problems_error(table.name, problems)
    records: list[ActivityRecord] = []
    lines: list[GpcLineInput] = []
    first_rows: dict[str, int] = {}
    for number, cells in table.rows:
        row = RowReader(table, columns, number, cells)
        if "notation_key" in columns and row.text("notation_key") and not row.text("method"):
            line = _notation_line(row)
            problems += row.problems
            if line is not None:
                lines.append(line)
            continue
        record = _record(row, params)
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
    if problems:
        raise problems_error(table.name, problems)
    header = {k: v for k, v in fields.items() if v is not None}
    try:
        return Inventory.model_validate({**header, "records": records, "lines": lines})
    except ValidationError as exc:  # header values are checked above; this is a safety net
        raise problems_error(
            table.name, [Detail((table.name, "header", str(e["loc"][0])), e["msg"]) for e in exc.errors()]
        ) from exc
