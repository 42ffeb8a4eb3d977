"""The two layouts of a GPC-lines file (long and wide), read row by row; ``lines_io.read_lines`` picks one.

What both share (columns, context cells that warn instead of blocking, periods, the figure accounting) is
``_Reader``; ``_Long`` reads one row per GPC reference, ``_Wide`` one row per inventory with a column per GPC
reference and the publisher's totals.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from localaction.core.catalog.gpc import gpc_refs, normalise_gpc_ref
from localaction.core.errors import Detail, InputError
from localaction.core.inventory.lines_io import (
    _NUMERIC_CONTEXT,
    _TEXT_FIELDS,
    _TOTAL_RULES,
    CONTEXT_FIELDS,
    LINE_COLUMNS,
    NOT_KEPT,
    REQUIRED_LINE_COLUMNS,
    TOTAL_FIELDS,
    TOTALS_COLUMNS,
    InventoryInput,
    Progress,
    _float_or_none,
    _missing_columns,
    _specs,
    ref_of_header,
)
from localaction.core.inventory.model import GpcLineInput, Inventory, Level, Period, ReportedTotals
from localaction.core.inventory.notation import parse_notation
from localaction.core.inventory.periods import parse_period
from localaction.core.inventory.tables import parse_level, parse_quality
from localaction.core.io.headers import ColumnMatch, ColumnSpec
from localaction.core.io.numbers import NumberContext
from localaction.core.io.report import ImportReport
from localaction.core.io.tables import RowLedger, RowReader, Table, problems_error


@dataclass
class _Group:
    fields: dict[str, object]
    context: dict[str, str]
    first_row: int
    period: Period | None
    lines: list[GpcLineInput]
    reported: ReportedTotals | None = None


class _Reader:
    """What both layouts share: columns, context cells, periods, problems, the report."""

    specs: list[ColumnSpec]

    def __init__(
        self, table: Table, report: ImportReport, numbers: NumberContext, progress: Progress | None
    ) -> None:
        self.table, self.report, self.numbers, self.progress = table, report, numbers, progress
        self.match: ColumnMatch = table.match(self.specs)
        self.columns = dict(self.match.found)
        self.problems: list[Detail] = [
            Detail(
                (table.name, f"row {table.header_row}", table.header[i]),
                f"the column {n!r} appears twice; keep one",
            )
            for i, n in self.match.duplicates
        ]
        self.periods: dict[str, Period | None] = {}
        self.groups: dict[tuple[str, str], _Group] = {}
        self.warned: set[tuple[str, str, str]] = set()
        report.columns = {n: table.header[i] for n, i in self.columns.items()}

    def number(self, row: RowReader, name: str) -> float | None:
        return row.parsed(name, lambda t: self.numbers.parse(t, self.columns.get(name)))

    def context(
        self, row: RowReader, ledger: RowLedger, key: tuple[str, str]
    ) -> tuple[dict[str, object], dict[str, str]]:
        """The row's inventory-wide fields; a bad cell is a warning (once per inventory and column) and its
        text is kept as written."""
        fields: dict[str, object] = {
            "country": row.text("country"),
            "region": row.text("region"),
            "boundary": " ".join(row.text("boundary").split()),  # real files carry tabs and trailing spaces
            "latest": row.text("latest"),
        }
        raw: dict[str, str] = {}
        for name in _NUMERIC_CONTEXT:
            text = row.text(name)
            try:
                fields[name] = self.numbers.parse(text, self.columns.get(name))
            except (InputError, ValueError) as exc:
                fields[name], raw[name] = None, text
                if (*key, name) not in self.warned:
                    self.warned.add((*key, name))
                    self.report.warn(row.loc(name), f"{_msg(exc)}; kept as written, not used in any total")
                ledger.drop(name, f"{name} cell unreadable: kept as written")
        try:
            fields["level"] = parse_level(row.text("level"))
        except ValueError as exc:
            fields["level"], raw["level"] = Level.BASIC, row.text("level")
            if (*key, "level") not in self.warned:
                self.warned.add((*key, "level"))
                self.report.warn(row.loc("level"), f"{exc}; BASIC is assumed")
        return fields, raw

    def period(self, row: RowReader, label: str) -> Period | None:
        if label not in self.periods:  # a bad period is reported once, at its first row
            self.periods[label] = row.parsed("year", parse_period)
        return self.periods[label]

    def group(self, row: RowReader, ledger: RowLedger, city: str, label: str) -> _Group:
        key = (city, label)
        fields, raw = self.context(row, ledger, key)
        group = self.groups.get(key)
        if group is None:
            group = self.groups[key] = _Group(fields, raw, row.number, self.periods.get(label), [])
            ledger.store_rest(("year", *(n for n in _NUMERIC_CONTEXT if n not in raw)))
            return group
        ledger.store("year")
        for name in CONTEXT_FIELDS:
            if row.text(name) and fields[name] != group.fields[name] and name not in raw:
                if (*key, f"{name} differs") in self.warned:
                    ledger.drop(name, f"{name} differs from the inventory's first row")
                    continue
                self.warned.add((*key, f"{name} differs"))
                self.report.warn(
                    row.loc(name),
                    f"{row.text(name)!r} differs from {group.fields[name]!r} in row {group.first_row} for "
                    f"{city} {label}; one inventory has one {name}: the first is kept",
                )
                ledger.drop(name, f"{name} differs from the inventory's first row")
        ledger.store_rest(_NUMERIC_CONTEXT)  # the same value again: it is the inventory's
        return group

    def quality(self, row: RowReader, name: str) -> object:
        try:
            return parse_quality(row.text(name))
        except ValueError as exc:
            self.report.warn(row.loc(name), f"{exc}; the rating is left out")
            return None

    def line(self, row: RowReader, gpc_ref: str) -> GpcLineInput | None:
        value = self.number(row, "value_tco2e")
        key_text = row.text("notation_key")
        notation = row.parsed("notation_key", parse_notation) if key_text else None
        if value is None and notation is None:
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
            quality_activity=self.quality(row, "quality_activity"),  # type: ignore[arg-type]
            quality_factor=self.quality(row, "quality_factor"),  # type: ignore[arg-type]
            source=row.text("source"),
            raw_notation=key_text,
        )

    def city_and_year(self, row: RowReader) -> tuple[str, str]:
        city, label = row.text("city"), row.text("year")
        if not city:
            row.problem("city", "the city is empty; give the name of the city or region")
        if not label:
            row.problem("year", "the year is empty; give the inventory year, e.g. 2019 or 2019/20")
        else:
            self.period(row, label)
        return city, label

    def settle(self, row: RowReader, ledger: RowLedger) -> None:
        """Figures left in a read row's text columns are kept with it; a refused row keeps none."""
        if not row.problems:
            ledger.store_rest(_TEXT_FIELDS)
        ledger.drop_rest(
            "row refused: see the problems" if row.problems else "a figure where text is expected"
        )

    def advance(self, done: int) -> None:
        if self.progress is not None and done % 1000 == 0:
            self.progress(1000)

    def finish(self, ignored: Sequence[int] = ()) -> list[InventoryInput]:
        self.table.account_unrecognised(self.match, self.report, ignored)
        if self.progress is not None:
            self.progress(len(self.table.rows) % 1000)
        if self.problems:
            raise problems_error(self.table.name, self.problems)
        out: list[InventoryInput] = []
        for (city, label), group in self.groups.items():
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
                reported=group.reported,
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
                    context={k: v for k, v in {**group.context, "latest": str(f["latest"])}.items() if v},
                    reported=group.reported,
                )
            )
        self.report.rows = len(self.table.rows)
        self.report.add("inventories read", len(out))
        self.report.add("GPC lines read", sum(len(i.inventory.lines) for i in out))
        return out


def _msg(exc: Exception) -> str:
    return exc.message if isinstance(exc, InputError) else str(exc)


class Long(_Reader):
    specs = _specs(LINE_COLUMNS)

    def read(self) -> list[InventoryInput]:
        missing = [n for n in REQUIRED_LINE_COLUMNS if n not in self.columns]
        if missing:
            self.problems += _missing_columns(self.table, self.columns, REQUIRED_LINE_COLUMNS)
            raise problems_error(self.table.name, self.problems)
        seen: dict[tuple[str, str, str], int] = {}
        for done, (number, cells) in enumerate(self.table.rows, start=1):
            row = RowReader(self.table, self.columns, number, cells)
            ledger = RowLedger(self.report, (self.table.name, f"row {number}"), self.columns, cells)
            city, label = self.city_and_year(row)
            gpc_ref = row.parsed("gpc_ref", normalise_gpc_ref)
            if city and label:
                group = self.group(row, ledger, city, label)
                if gpc_ref is None:
                    self.line(row, "")  # report its other problems too
                else:
                    first = seen.setdefault((city, label, gpc_ref), number)
                    if first != number:
                        row.problem(
                            "gpc_ref", f"{gpc_ref} for {city} {label} is already given in row {first}"
                        )
                    elif (ln := self.line(row, gpc_ref)) is not None:
                        group.lines.append(ln)
                        ledger.store("value_tco2e")
            for name, reason in NOT_KEPT.items():
                ledger.drop(name, reason)
            self.settle(row, ledger)
            self.problems += row.problems
            self.advance(done)
        return self.finish()


class Wide(_Reader):
    specs = [
        *_specs(
            {k: v for k, v in LINE_COLUMNS.items() if k not in ("gpc_ref", "value_tco2e", "notation_key")}
        ),
        *(
            ColumnSpec(rule.name, TOTALS_COLUMNS[rule.name], all_of=rule.all_of, none_of=rule.none_of)
            for rule in _TOTAL_RULES
        ),
    ]

    def __init__(
        self, table: Table, report: ImportReport, numbers: NumberContext, progress: Progress | None
    ) -> None:
        super().__init__(table, report, numbers, progress)
        self.refs: dict[str, int] = {}
        for index, title in enumerate(table.header):
            ref = ref_of_header(title)
            if ref is None:
                continue
            if ref in self.refs:
                self.problems.append(
                    Detail((table.name, f"row {table.header_row}", title), f"{ref} has two columns; keep one")
                )
                continue
            self.refs[ref] = index
            self.columns[ref] = index
        self.match.unrecognised = [i for i in self.match.unrecognised if i not in self.refs.values()]
        self.report.columns.update({r: table.header[i] for r, i in self.refs.items()})

    def read(self) -> list[InventoryInput]:
        if not {"city", "year"} <= set(self.columns):
            self.problems += _missing_columns(self.table, self.columns, ("city", "year"))
            raise problems_error(self.table.name, self.problems)
        order = list(gpc_refs())
        refs = sorted(self.refs, key=order.index)
        for done, (number, cells) in enumerate(self.table.rows, start=1):
            row = RowReader(self.table, self.columns, number, cells)
            ledger = RowLedger(self.report, (self.table.name, f"row {number}"), self.columns, cells)
            city, label = self.city_and_year(row)
            if city and label:
                if (city, label) in self.groups:
                    first = self.groups[(city, label)].first_row
                    row.problem(
                        "year", f"{city} {label} is already given in row {first}; one row per inventory"
                    )
                else:
                    group = self.group(row, ledger, city, label)
                    for ref in refs:
                        text = row.text(ref)
                        if not text:
                            continue
                        value = self._value_or_key(row, ref, text)
                        if value is not None:
                            group.lines.append(value)
                            ledger.store(ref, "value_tco2e")
                    group.reported = self._totals(row, ledger)
            self.settle(row, ledger)
            self.problems += row.problems
            self.advance(done)
        return self.finish()

    def _value_or_key(self, row: RowReader, ref: str, text: str) -> GpcLineInput | None:
        try:
            value = self.numbers.parse(text, self.columns[ref])
        except (InputError, ValueError) as number_error:
            try:
                notation = parse_notation(text)
            except InputError:
                row.problem(ref, f"{_msg(number_error)}; nor is it a notation key (NO, IE, NE, C)")
                return None
            return GpcLineInput(
                gpc_ref=ref,
                notation_keys=notation.keys,
                included_in=notation.included_in,
                explanation=notation.explanation,
                raw_notation=text,
            )
        return GpcLineInput(gpc_ref=ref, value_tco2e=value)

    def _totals(self, row: RowReader, ledger: RowLedger) -> ReportedTotals | None:
        values: dict[str, float | None] = {}
        for name in TOTAL_FIELDS:
            text = row.text(name)
            try:
                values[name] = self.numbers.parse(text, self.columns.get(name))
                ledger.store(name, f"reported {name}")
            except (InputError, ValueError) as exc:
                values[name] = None
                self.report.warn(row.loc(name), f"{_msg(exc)}; this total is not compared")
                ledger.drop(name, "reported total unreadable")
        if all(v is None for v in values.values()):
            return None
        return ReportedTotals(
            basic=values["basic"],
            basic_plus=values["basic+"],
            basic_plus_other_scope3=values["basic+s3"],
            territorial=values["territorial"],
        )
