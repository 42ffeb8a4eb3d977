"""CDP Cities "City-wide Emissions" open data, any year (2016 …): one row per city and reporting year.

Columns are found by meaning (``data/cdp_columns.yaml``: every spelling seen 2016-2021, and the words that
say each field for spellings not seen yet), so case, spacing (also ``\\xa0`` and zero-width spaces),
punctuation, a unit in brackets, and words that come and go between years (``TOTAL``, ``Scope 1``) do not
matter. A column that fits no field is listed in the report as unrecognised, with its values and figures.

Per row: the account number, names, country, region, reporting year, accounting period, boundary, protocol,
gases, the scope 1/2/3 totals and their parts (for generation of grid-supplied energy, and excluding it),
BASIC, BASIC+, the headline total, change and its reason, population and its year, land area, location. In the
2020/2021 layouts the ``TOTAL Scope …`` cells are usually blank and the parts filled: the scope total is then
derived as the sum of its parts, and the row says so (``derived``, and a note in the report). Blank, ``-``,
``Question not applicable``, ``Not Applicable`` and ``Do not know`` are empty, never zero. ``checks`` flags
BASIC+ below BASIC, a 0 that stands for "not reported", and scope totals that disagree with their parts.

Only the account number, the reporting year and the emission figures can block a row (a problem naming the
cell); a bad population, area, GDP, temperature … is a warning and is not used. Pure: no database here; the
registry's ``imports.cdp`` stores the rows.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import yaml

from localaction.core.errors import Detail, InputError
from localaction.core.inventory.checks.base import thresholds
from localaction.core.inventory.model import CheckResult, Severity
from localaction.core.inventory.periods import parse_period
from localaction.core.io.headers import ColumnMatch, ColumnSpec, match_columns
from localaction.core.io.numbers import DecimalMark, NumberContext
from localaction.core.io.report import ImportReport
from localaction.core.io.tables import RowLedger, Table, read_table

Progress = Callable[[int], None]
REQUIRED = ("account", "country", "reporting_year")
SCOPES = (1, 2, 3)
FIGURES = (
    "total",
    *(f"scope{s}" for s in SCOPES),
    *(f"scope{s}_grid" for s in SCOPES),
    *(f"scope{s}_excl_grid" for s in SCOPES),
    "basic",
    "basic_plus",
)
CONTEXT_FIGURES = ("population", "population_year", "land_area", "gdp", "gdp_year", "temperature", "altitude")
TEXT_FIELDS = (
    "organization",
    "city",
    "region",
    "boundary",
    "admin_boundary",
    "protocol",
    "protocol_comment",
    "gases",
    "change",
    "change_reason",
    "comment",
    "total_scope",
    "has_inventory",
    "crf_format",
    "c40",
    "access",
    "reporting_authority",
    "gdp_currency",
    "gdp_source",
    "location",
    "country_location",
    "last_update",
)
NULL_TOKENS = frozenset(
    {
        "",
        "-",
        "--",
        "n/a",
        "na",
        "n.a.",
        "none",
        "null",
        "nan",
        "question not applicable",
        "not applicable",
        "do not know",
        "don't know",
        "unknown",
        "not available",
        "not reported",
        "not known",
        "#n/a",
    }
)
_US_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_PAIR = re.compile(r"^\(?\s*(-?[\d.]+)\s*,\s*(-?[\d.]+)\s*\)?$")
_POINT = re.compile(r"^POINT\s*\(\s*(-?[\d.]+)\s+(-?[\d.]+)\s*\)$", re.I)
_LONG_FORMAT = ("question number", "response answer")
# The checks on self-reported totals (stable codes; the engine's own are in core.inventory.checks).
CHECK_CODES = {
    "totals.basic_plus_below_basic": "BASIC+ is at least BASIC",
    "values.zero_not_reported": "a 0 among non-zero totals is flagged: CDP files write 0 for 'not reported'",
    "totals.scope_parts_disagree": "a scope total equals the sum of its parts (grid generation + the rest)",
}


@cache
def column_specs() -> tuple[ColumnSpec, ...]:
    """The synonym table (data): meaning → spellings and words."""
    text = (
        resources.files("localaction.core.inventory.readers")
        .joinpath("data/cdp_columns.yaml")
        .read_text("utf-8")
    )
    data = yaml.safe_load(text)
    return tuple(ColumnSpec.from_data(name, spec or {}) for name, spec in data.items())


@dataclass
class CdpRow:
    """One row of a CDP file, read; ``ledger`` holds its figures until the importer says what it keeps."""

    file: str
    row: int
    account: str
    name: str
    city: str
    country: str  # as written: the registry maps it to an ISO code
    region: str
    reporting_year: int
    year: int | None
    period: tuple[dt.date, dt.date, str] | None
    figures: dict[str, float | None]
    derived: list[str]  # figures derived from their parts (the TOTAL cell was blank)
    text: dict[str, str]  # the text fields, cleaned (boundary, protocol, gases, change, change_reason …)
    population: int | None
    population_year: int | None
    land_area: float | None
    lat_lon: tuple[float, float] | None
    last_update: str
    ledger: RowLedger
    checks: list[CheckResult] = field(default_factory=list)

    def has_figures(self) -> bool:
        return any(v is not None for v in self.figures.values())

    def derivation_note(self) -> str:
        return "; ".join(
            f"scope {name[-1]} total derived as the sum of its parts (excluding generation of grid-supplied "
            "energy + generation of grid-supplied energy): the TOTAL cell is blank"
            for name in self.derived
        )


@dataclass
class CdpFile:
    rows: list[CdpRow]
    problems: list[Detail]
    report: ImportReport


def clean(text: str) -> str:
    """A cell without zero-width characters and with plain, single spaces."""
    t = text.translate(dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None))
    return " ".join(t.replace("\u00a0", " ").split())


def is_null(text: str) -> bool:
    t = clean(text).lower()
    return t in NULL_TOKENS or t.rstrip(".") in NULL_TOKENS


def year_of(label: str) -> tuple[int | None, tuple[dt.date, dt.date, str] | None]:
    """The inventory year of an accounting period as CDP writes it: ``2015-01-01 - 2015-12-31``,
    ``12/31/2013 12:00:00 AM`` (the period's end), ``- 2017-12-31`` (end only), ``-`` (none)."""
    text = label.strip()
    if not text or text.strip("- ") == "":
        return None, None
    us = _US_DATE.search(text)
    if us:
        return int(us.group(3)), None
    try:
        p = parse_period(text)
        return p.year, (p.start, p.end, text)
    except (InputError, ValueError):
        dates = _ISO_DATE.findall(text) or re.findall(r"\b(19\d\d|20\d\d)\b", text)
        if not dates:
            raise ValueError(
                f"{label!r} is not an accounting period (e.g. 2015-01-01 - 2015-12-31)"
            ) from None
        last = dates[-1]
        return int(last[0] if isinstance(last, tuple) else last), None


def location(text: str) -> tuple[float, float] | None:
    """(lat, lon) from ``(lat, lon)`` (2016/2017) or WKT ``POINT (lon lat)`` (2018 on)."""
    m = _PAIR.match(text)
    lat_lon = (float(m.group(1)), float(m.group(2))) if m else None
    p = _POINT.match(text)
    if p:
        lat_lon = (float(p.group(2)), float(p.group(1)))
    if lat_lon and -90 <= lat_lon[0] <= 90 and -180 <= lat_lon[1] <= 180:
        return lat_lon
    return None


class _Row:
    def __init__(self, reader: _Reader, number: int, cells: list[str]) -> None:
        self.reader, self.number, self.cells = reader, number, cells
        self.ledger = RowLedger(
            reader.report, (reader.table.name, f"row {number}"), reader.figure_columns, cells
        )

    def text(self, name: str) -> str:
        i = self.reader.columns.get(name)
        return clean(self.cells[i]) if i is not None and i < len(self.cells) else ""

    def loc(self, name: str) -> tuple[str, str, str]:
        return (self.reader.table.name, f"row {self.number}", name)

    def figure(self, name: str, *, blocking: bool) -> float | None:
        text = self.text(name)
        if is_null(text):
            return None
        try:
            return self.reader.numbers.parse(text, self.reader.columns.get(name))
        except (InputError, ValueError) as exc:
            msg = exc.message if isinstance(exc, InputError) else str(exc)
            if blocking:
                self.reader.problems.append(Detail(self.loc(name), msg))
            else:
                self.reader.report.warn(self.loc(name), f"{msg}; not used")
                self.ledger.drop(name, f"{name} unreadable")
            return None


class _Reader:
    def __init__(self, table: Table, numbers: NumberContext, report: ImportReport) -> None:
        self.table, self.numbers, self.report = table, numbers, report
        self.match: ColumnMatch = match_columns(table.header, column_specs())
        self.columns = self.match.found
        self.figure_columns = dict(
            self.columns
        )  # every recognised column: a figure anywhere is accounted for
        self.problems: list[Detail] = []
        report.columns = {n: table.header[i] for n, i in self.columns.items()}
        for name, index in self.match.by_meaning.items():
            report.note(
                (table.name, f"row {table.header_row}", table.header[index]),
                f"read as {name} (matched by meaning: not a spelling seen before)",
            )
        for index, names in self.match.ambiguous.items():
            report.warn(
                (table.name, f"row {table.header_row}", table.header[index]),
                f"this column could be any of {', '.join(names)}: not used; rename it to one of their spellings",
            )

    def check_header(self) -> None:
        header = {h.strip().lower() for h in self.table.header}
        if all(h in header for h in _LONG_FORMAT):
            raise InputError(
                f"{self.table.name} is CDP's long 'Full Cities Dataset' (one row per answer: Question Number, "
                "Response Answer): it is not read yet. Download the year's 'City-wide Emissions' table instead",
                code="invalid_file",
            )
        missing = [c for c in REQUIRED if c not in self.columns]
        if not ({"organization", "city"} & set(self.columns)):
            missing.append("organization")
        if missing:
            raise InputError(
                f"{self.table.name}: no column for {', '.join(missing)}; nothing was imported",
                code="invalid_file",
                details=[
                    Detail((self.table.name, f"row {self.table.header_row}", c), f"no column for {c!r}")
                    for c in missing
                ],
            )

    def row(self, number: int, cells: list[str]) -> CdpRow | None:
        r = _Row(self, number, cells)
        account = r.text("account").removesuffix(".0")
        if not account.isdigit():
            self.problems.append(
                Detail(r.loc("account"), f"{account!r}: the CDP account number must be a number")
            )
        reporting_year = _year(r.text("reporting_year"))
        if reporting_year is None:
            self.problems.append(Detail(r.loc("reporting_year"), "give the year reported to CDP, e.g. 2019"))
        figures = {f: r.figure(f, blocking=True) for f in FIGURES}
        derived = _derive(figures)
        try:
            year, period = year_of(r.text("accounting_year"))
        except ValueError as exc:
            year, period = None, None
            if any(v is not None for v in figures.values()):
                self.report.warn(r.loc("accounting_year"), f"{exc}: the inventory is not imported")
        if year is not None and not 1990 <= year <= 2100:
            self.report.warn(
                r.loc("accounting_year"), f"inventory year {year} is outside 1990-2100: not imported"
            )
            year = None
        population = _positive(r, "population", r.figure("population", blocking=False))
        land = _positive(r, "land_area", r.figure("land_area", blocking=False))
        population_year = None
        if not is_null(r.text("population_year")):
            population_year = _year(r.text("population_year"))
            if population_year is None:
                self.report.warn(
                    r.loc("population_year"),
                    f"{r.text('population_year')!r} is not a year: the reporting year is used",
                )
                r.ledger.drop("population_year", "population year is not a year (1900-2100)")
        for name in ("gdp", "gdp_year", "temperature", "altitude"):
            r.figure(name, blocking=False)  # read for its warning only: the registry has no field for these
        if not account.isdigit() or reporting_year is None:
            r.ledger.drop_rest("row refused: see the problems")
            return None
        org, city = r.text("organization"), r.text("city")
        row = CdpRow(
            file=self.table.name,
            row=number,
            account=account,
            name=org or city,
            city=city or org,
            country=r.text("country"),
            region=r.text("region"),
            reporting_year=reporting_year,
            year=year,
            period=period,
            figures=figures,
            derived=derived,
            text={name: r.text(name) for name in TEXT_FIELDS if r.text(name)},
            population=int(population) if population is not None else None,
            population_year=population_year,
            land_area=land,
            lat_lon=location(r.text("location")),
            last_update=r.text("last_update"),
            ledger=r.ledger,
        )
        row.checks = checks(row.figures, row.derived)
        if derived:
            self.report.note(r.loc("scope totals"), row.derivation_note())
        return row


def _year(text: str) -> int | None:
    try:
        value = float(clean(text))
    except ValueError:
        return None
    if not value.is_integer() or not 1900 <= value <= 2100:
        return None
    return int(value)


def _positive(r: _Row, name: str, value: float | None) -> float | None:
    if value is not None and value <= 0:
        r.ledger.drop(name, f"{name} {value:g}: stands for not reported")
        return None
    return value


def _derive(figures: dict[str, float | None]) -> list[str]:
    """Fill a blank scope total from its parts; the names of the totals derived."""
    derived = []
    for s in SCOPES:
        total, grid, excl = figures[f"scope{s}"], figures[f"scope{s}_grid"], figures[f"scope{s}_excl_grid"]
        if total is None and (grid is not None or excl is not None):
            figures[f"scope{s}"] = (grid or 0.0) + (excl or 0.0)
            derived.append(f"scope{s}")
    return derived


def _t(value: float) -> str:
    return f"{value:,.0f} tCO2e"


def checks(figures: dict[str, float | None], derived: Sequence[str] = ()) -> list[CheckResult]:
    """Checks on self-reported totals (stable codes, stored with the inventory like the engine's checks)."""
    out: list[CheckResult] = []
    basic, plus = figures.get("basic"), figures.get("basic_plus")
    if basic is not None and plus is not None and 0 < plus < basic:
        out.append(
            CheckResult(
                code="totals.basic_plus_below_basic",
                severity=Severity.WARNING,
                message=f"reported BASIC+ {_t(plus)} is below BASIC {_t(basic)}: BASIC+ adds sources to BASIC, "
                "so it cannot be smaller unless AFOLU removals explain it; check both figures with the city",
            )
        )
    labels = {
        "basic": "BASIC",
        "basic_plus": "BASIC+",
        "total": "the total",
        "scope1": "scope 1",
        "scope2": "scope 2",
        "scope3": "scope 3",
    }
    others = [v for k, v in figures.items() if k in labels and v]
    for name, label in labels.items():
        value = figures.get(name)
        if value == 0 and name not in derived and any(v > 0 for v in others):
            out.append(
                CheckResult(
                    code="values.zero_not_reported",
                    severity=Severity.WARNING,
                    message=f"{label} is reported as 0 while other totals of this inventory are not: CDP files "
                    "write 0 for 'not reported'. It is kept as reported; read it as not reported unless the "
                    "city confirms a true zero",
                )
            )
    for s in SCOPES:
        total, grid, excl = (
            figures.get(f"scope{s}"),
            figures.get(f"scope{s}_grid"),
            figures.get(f"scope{s}_excl_grid"),
        )
        if f"scope{s}" in derived or total is None or (grid is None and excl is None):
            continue
        parts = (grid or 0.0) + (excl or 0.0)
        tol = max(thresholds("totals")["abs_tolerance_t"], thresholds("totals")["rel_tolerance"] * abs(total))
        if abs(total - parts) > tol:
            out.append(
                CheckResult(
                    code="totals.scope_parts_disagree",
                    severity=Severity.WARNING,
                    message=f"reported scope {s} total {_t(total)} differs from the sum of its parts {_t(parts)} "
                    f"(excluding generation of grid-supplied energy {_t(excl or 0.0)} + generation "
                    f"{_t(grid or 0.0)}): check which figure is right",
                )
            )
    return out


def read_cdp(
    path: str | Path, *, decimal: DecimalMark | None = None, progress: Progress | None = None
) -> CdpFile:
    """Every row of one CDP file, with the problems (blocking cells) and the report (figures, columns).

    CDP publishes its numbers with a decimal point (``1,234.5``): that is the default; ``decimal="comma"`` reads
    a file that a spreadsheet re-saved with decimal commas."""
    decimal = decimal or "point"
    table = read_table(path)
    report = ImportReport(files=[table.name])
    reader = _Reader(table, table.numbers(decimal), report)
    reader.check_header()
    rows: list[CdpRow] = []
    for done, (number, cells) in enumerate(table.rows, start=1):
        if (row := reader.row(number, cells)) is not None:
            rows.append(row)
        if progress is not None and done % 200 == 0:
            progress(200)
    if progress is not None:
        progress(len(table.rows) % 200)
    report.rows = len(table.rows)
    table.account_unrecognised(reader.match, report)
    marks = {c.mark for c in reader.numbers.columns.values() if c.mark}
    report.decimal = decimal or (f"detected: decimal {marks.pop()}" if len(marks) == 1 else "")
    return CdpFile(rows, reader.problems, report)


def settle_as_read(rows: Sequence[CdpRow]) -> None:
    """Count every figure of the rows as read (a preview, or a test without a database)."""
    for r in rows:
        r.ledger.store_rest(list(r.ledger.figures))
