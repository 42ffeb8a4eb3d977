"""GPC-lines files: one row per city, year and GPC reference number, with a value in tCO2e and/or
notation keys.

The layout is C40's long table (``City, Year, gpc_ref, value_tco2e, notation_key`` plus optional ``Country,
Region, Boundary, Level, Population, Area, GDP, explanation, quality_activity, quality_factor, source``);
other columns are ignored. Reading is all-or-nothing: every problem in the file is reported in one
InputError (code ``invalid_file``), each naming the file, the spreadsheet row and the column.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from localaction.core.catalog.gpc import normalise_gpc_ref
from localaction.core.errors import Detail
from localaction.core.inventory.model import GpcLineInput, Inventory, Level, Period, ReportedTotals
from localaction.core.inventory.notation import parse_notation
from localaction.core.inventory.periods import parse_period
from localaction.core.inventory.tables import (
    RowReader,
    Table,
    parse_level,
    parse_number,
    parse_quality,
    problems_error,
    read_table,
)

LINE_COLUMNS: dict[str, tuple[str, ...]] = {
    "city": ("jurisdiction", "city name"),
    "year": ("inventory year", "period", "accounting year"),
    "gpc_ref": ("gpc ref", "gpc reference", "gpc reference number"),
    "value_tco2e": ("value", "tco2e", "emissions_tco2e", "value (tco2e)"),
    "notation_key": ("notation key", "notation keys", "notation"),
    "country": (),
    "region": (),
    "boundary": (),
    "level": (),
    "population": (),
    "area": ("area_km2",),
    "gdp": (),
    "explanation": ("notation explanation", "notation key explanation"),
    "quality_activity": ("activity data quality", "data quality activity", "quality activity data"),
    "quality_factor": ("emission factor quality", "data quality factor", "quality emission factor"),
    "source": (),
}
REQUIRED_LINE_COLUMNS = ("city", "year", "gpc_ref", "value_tco2e", "notation_key")

TOTALS_COLUMNS: dict[str, tuple[str, ...]] = {
    "city": ("jurisdiction",),
    "year": ("inventory year", "period"),
    "basic": (),
    "basic+": ("basic plus", "basic_plus"),
    "basic+s3": ("basic+ s3", "basic plus s3", "basic+ with other scope 3", "basic_plus_other_scope3"),
    "territorial": ("territorial total", "scope 1 total"),
}
REQUIRED_TOTALS_COLUMNS = ("city", "year", "basic", "basic+", "territorial")

# Inventory-wide fields: every row of one (city, year) must agree on them.
_INVENTORY_FIELDS = ("country", "region", "boundary", "level", "population", "area", "gdp")


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


def _missing_columns(table: Table, found: dict[str, int], required: tuple[str, ...]) -> list[Detail]:
    return [
        Detail(
            (table.name, f"row {table.header_row}", name),
            f"the column {name!r} is missing; the header needs {', '.join(required)}",
        )
        for name in required
        if name not in found
    ]


def _boundary(text: str) -> str:
    return " ".join(text.split())  # real files carry tabs and trailing spaces


@dataclass
class _Group:
    fields: dict[str, object]
    first_row: int
    period: Period | None
    lines: list[GpcLineInput]


def _inventory_fields(row: RowReader) -> dict[str, object]:
    return {
        "country": row.text("country"),
        "region": row.text("region"),
        "boundary": _boundary(row.text("boundary")),
        "level": row.parsed("level", parse_level),
        "population": row.parsed("population", parse_number),
        "area": row.parsed("area", parse_number),
        "gdp": row.parsed("gdp", parse_number),
    }


def _line(row: RowReader, gpc_ref: str) -> GpcLineInput | None:
    value = row.parsed("value_tco2e", parse_number)
    raw_key = row.text("notation_key")
    notation = row.parsed("notation_key", parse_notation) if raw_key else None
    if (value is None and notation is None) or not gpc_ref:
        return None
    explanation = " ".join(
        t for t in (notation.explanation if notation else "", row.text("explanation")) if t
    )
    return GpcLineInput(
        gpc_ref=gpc_ref,
        value_tco2e=value,
        notation_keys=notation.keys if notation else (),
        included_in=notation.included_in if notation else None,
        explanation=explanation,
        quality_activity=row.parsed("quality_activity", parse_quality),
        quality_factor=row.parsed("quality_factor", parse_quality),
        source=row.text("source"),
        raw_notation=raw_key,
    )


def read_lines_file(path: str | Path) -> list[InventoryInput]:
    """Every inventory in a GPC-lines file (CSV or XLSX), grouped by (City, Year) in file order.

    Rows with neither a value nor a notation key are left out; a row with both keeps both. Raises one
    InputError ``invalid_file`` listing every problem; nothing is returned then.
    """
    table = read_table(path, preferred_sheets=("GPC lines", "lines", "gpc"))
    columns, problems = table.columns(LINE_COLUMNS)
    problems += _missing_columns(table, columns, REQUIRED_LINE_COLUMNS)
    if problems:
        raise problems_error(table.name, problems)

    groups: dict[tuple[str, str], _Group] = {}
    periods: dict[str, Period | None] = {}
    seen: dict[tuple[str, str, str], int] = {}
    for number, cells in table.rows:
        row = RowReader(table, columns, number, cells)
        city, label = row.text("city"), row.text("year")
        if not city:
            row.problem("city", "the city is empty; give the name of the city or region")
        if not label:
            row.problem("year", "the year is empty; give the inventory year, e.g. 2019 or 2019/20")
        elif label not in periods:  # a bad period is reported once, at its first row
            periods[label] = row.parsed("year", parse_period)
        gpc_ref = row.parsed("gpc_ref", normalise_gpc_ref)
        if city and label:
            fields = _inventory_fields(row)
            group = groups.get((city, label))
            if group is None:
                group = groups[(city, label)] = _Group(fields, number, periods.get(label), [])
            else:
                for name in _INVENTORY_FIELDS:
                    if fields[name] != group.fields[name] and row.text(name):
                        row.problem(
                            name,
                            f"{row.text(name)!r} differs from {group.fields[name]!r} in row "
                            f"{group.first_row} for {city} {label}; one inventory has one {name}",
                        )
            if gpc_ref is None:
                _line(row, "")  # still report the row's other problems (value, key) at once
            else:
                first = seen.setdefault((city, label, gpc_ref), number)
                if first != number:
                    row.problem("gpc_ref", f"{gpc_ref} for {city} {label} is already given in row {first}")
                elif (line := _line(row, gpc_ref)) is not None:
                    group.lines.append(line)
        problems += row.problems
    if problems:
        raise problems_error(table.name, problems)

    out: list[InventoryInput] = []
    for (city, label), group in groups.items():
        assert group.period is not None  # a missing period is a problem above
        f = group.fields
        level = f["level"] if isinstance(f["level"], Level) else Level.BASIC
        population = _float_or_none(f["population"])
        inventory = Inventory(
            jurisdiction=city,
            period=group.period,
            boundary=str(f["boundary"]),
            level=level,
            population=population,
            lines=group.lines,
        )
        out.append(
            InventoryInput(
                city=city,
                year_label=label,
                country=str(f["country"]),
                region=str(f["region"]),
                boundary=str(f["boundary"]),
                level=level,
                population=population,
                area_km2=_float_or_none(f["area"]),
                gdp=_float_or_none(f["gdp"]),
                inventory=inventory,
                first_row=group.first_row,
            )
        )
    return out


def _float_or_none(value: object) -> float | None:
    return value if isinstance(value, float) else None


def read_reported_totals(path: str | Path) -> dict[tuple[str, str], ReportedTotals]:
    """Reported totals per (city, year label): columns ``City, Year, BASIC, BASIC+, Territorial`` and
    optionally ``BASIC+S3`` (BASIC+ with other scope 3). Blank cells are None. All-or-nothing like
    :func:`read_lines_file`."""
    table = read_table(path, preferred_sheets=("reported totals", "totals"))
    columns, problems = table.columns(TOTALS_COLUMNS)
    problems += _missing_columns(table, columns, REQUIRED_TOTALS_COLUMNS)
    if problems:
        raise problems_error(table.name, problems)
    out: dict[tuple[str, str], ReportedTotals] = {}
    first_rows: dict[tuple[str, str], int] = {}
    for number, cells in table.rows:
        row = RowReader(table, columns, number, cells)
        key = (row.text("city"), row.text("year"))
        if not key[0] or not key[1]:
            row.problem("city" if not key[0] else "year", "give both the city and the year")
        elif key in first_rows:
            row.problem("year", f"{key[0]} {key[1]} is already given in row {first_rows[key]}")
        values = {
            name: row.parsed(name, parse_number) for name in ("basic", "basic+", "basic+s3", "territorial")
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
    if problems:
        raise problems_error(table.name, problems)
    return out
