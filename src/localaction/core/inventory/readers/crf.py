"""An existing inventory in the Common Reporting Framework layouts that CDP and the Global Covenant of Mayors
use, as CSV or XLSX, into the GPC lines it would store (a preview: nothing is stored here).

Two layouts, found by their columns (matched by meaning, see ``COLUMNS``):

* **detail** (the eCRF sheet ``eCRF_3``, one row per GPC reference and activity): ``Inventory year``,
  ``GPC ref. no.``, ``CRF - Sector``, ``CRF - Sub-sector``, ``Scope``, ``Notation key``,
  ``GHGs (metric tonnes CO2e) - CO2 | CH4 | N2O | Total CO2e | Biogenic CO2``, activity data and factors;
* **table** (the city-wide CRF / GCoM table, one row per sector and sub-sector): ``sector``, ``subsector`` and
  per scope column (direct = scope 1, indirect = scope 2, outside = scope 3) the emissions in tCO2e and a
  notation key, and an explanation.

A row without a GPC reference is placed by its sector, sub-sector and scope (``data/crf_rows.csv``: every
spelling seen, CRF and GPC); rows that fall on the same reference are summed (CRF splits what GPC joins,
e.g. commercial and institutional buildings). A line stores CO2e: per-gas amounts, biogenic CO2, activity
data and factors are listed in the report as not used, with the reason. Only the emissions and notation keys
can block the read; every problem names its row and column.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from localaction.core.catalog.gpc import gpc_refs, normalise_gpc_ref
from localaction.core.errors import Detail, InputError
from localaction.core.inventory.model import GpcLineInput, NotationKey
from localaction.core.inventory.notation import parse_notation
from localaction.core.io.headers import ColumnSpec, match_columns, normalise_header
from localaction.core.io.numbers import DecimalMark
from localaction.core.io.report import ImportReport
from localaction.core.io.tables import RowLedger, RowReader, Table, problems_error, read_table

SCOPE_COLUMNS = {"direct": 1, "indirect": 2, "outside": 3}
GASES = ("co2", "ch4", "n2o")
_GHG = "ghgs metric tonnes co2e"
COLUMNS: list[ColumnSpec] = [
    ColumnSpec("year", ("Inventory year", "Year", "Reporting year", "Accounting year")),
    ColumnSpec("jurisdiction", ("City", "Jurisdiction", "geoname", "City name", "Organization")),
    ColumnSpec("gpc_ref", ("GPC ref. no.", "GPC ref", "GPC reference number", "Reference number", "gpc_ref")),
    ColumnSpec("sector", ("CRF - Sector", "Sector", "CRF sector")),
    ColumnSpec("subsector", ("CRF - Sub-sector", "Sub-sector", "Subsector", "CRF sub-sector")),
    ColumnSpec("scope", ("Scope",)),
    ColumnSpec("activity", ("Fuel type or activity", "Activity")),
    ColumnSpec("notation_key", ("Notation key", "Notation keys")),
    ColumnSpec(
        "explanation",
        ("Explanation", "Notation key explanation", "Comment", "Comments", "Explanatory comments", "notes"),
    ),
    *(
        ColumnSpec(
            g,
            (f"GHGs (metric tonnes CO2e) - {g.upper()}", f"{g.upper()} (tCO2e)", f"{g}_tco2e"),
            all_of=((g,), ("ghgs", "emissions", "tco2e")),
            none_of=("emission factor", "biogenic", "total"),
        )
        for g in GASES
    ),
    ColumnSpec(
        "total",
        ("GHGs (metric tonnes CO2e) - Total CO2e", "Total CO2e", "Total emissions (tCO2e)", "total_tco2e"),
        all_of=(("total co2e", "total emissions", "total"),),
        none_of=("emission factor", "biogenic", "conversion"),
    ),
    ColumnSpec(
        "biogenic",
        ("GHGs (metric tonnes CO2e) - Biogenic CO2", "Biogenic CO2", "biogenic_co2_t"),
        all_of=(("biogenic",),),
        none_of=("emission factor",),
    ),
    *(
        ColumnSpec(
            f"{col}_tco2e",
            (f"{col}_tco2e", f"{col}_emissions_tco2e", f"{col} emissions"),
            all_of=((phrase,),),
            none_of=("notation", "gpc ref", "key"),
        )
        for col, phrase in (("direct", "direct"), ("indirect", "indirect"), ("outside", "outside"))
    ),
    *(
        ColumnSpec(
            f"{col}_notation_key",
            (f"{col}_notation_key", f"{col}_emissions_notation"),
            all_of=((col,), ("notation",)),
        )
        for col in SCOPE_COLUMNS
    ),
    *(ColumnSpec(f"{col}_gpc_ref", (f"{col}_gpc_ref",)) for col in SCOPE_COLUMNS),
]
# eCRF columns read but not stored in a GPC line (activity data, factors, conversions): why, for the report.
_ACTIVITY_WORDS = ("activity data", "emission factor", "oxidation factor", "activity data conversion")
NOT_STORED = {
    "co2": "per-gas amount: a GPC line stores CO2e (the CRF row's total is kept)",
    "ch4": "per-gas amount: a GPC line stores CO2e (the CRF row's total is kept)",
    "n2o": "per-gas amount: a GPC line stores CO2e (the CRF row's total is kept)",
    "biogenic": "biogenic CO2 is reported apart: a line entered as a value carries none",
    "activity data and factors": "activity data and factors of a CRF row: its CO2e is stored (enter activity "
    "records to compute it instead)",
}
_SECTORS = (
    ("G", ("generation of grid supplied energy", "grid supplied energy", "energy generation")),
    ("VI", ("other scope 3",)),
    ("V", ("afolu", "agriculture forestry and other land use", "agriculture forestry")),
    ("IV", ("ippu", "industrial processes and product use", "industrial process")),
    ("III", ("waste",)),
    ("II", ("transportation", "transport")),
    ("I", ("stationary energy", "stationary")),
)


@dataclass(frozen=True)
class CrfRow:
    sector_code: str
    subsector: str
    refs: dict[int, str]  # scope → GPC ref


def _key(text: str) -> str:
    return normalise_header(text.replace("&", " and "))


@cache
def crf_rows() -> dict[tuple[str, str], CrfRow]:
    text = (
        resources.files("localaction.core.inventory.readers").joinpath("data/crf_rows.csv").read_text("utf-8")
    )
    out: dict[tuple[str, str], CrfRow] = {}
    for r in csv.DictReader(line for line in text.splitlines() if not line.startswith("#")):
        refs = {s: r[col] for col, s in SCOPE_COLUMNS.items() if r[col]}
        out[(r["sector_code"], _key(r["subsector"]))] = CrfRow(r["sector_code"], r["subsector"], refs)
    return out


def sector_code(text: str) -> str | None:
    key = f" {_key(text)} "
    for code, phrases in _SECTORS:
        if any(f" {p} " in key for p in phrases):
            return code
    m = re.match(r"^\s*(VI|IV|V|III|II|I)\b", text.strip())
    return m.group(1) if m else None


def resolve(sector: str, subsector: str, scope: int) -> str | None:
    """The GPC reference of a CRF row's scope column, or None when the row is not known (or has no such
    scope)."""
    code = sector_code(sector) if sector else None
    key = _key(subsector)
    candidates = [r for (c, k), r in crf_rows().items() if k == key and (code is None or c == code)]
    refs = {r.refs.get(scope) for r in candidates} - {None}
    return refs.pop() if len(refs) == 1 else None


def parse_scope(text: str) -> int | None:
    """``1``, ``Scope 2``, ``Direct emissions`` (1), ``Indirect emissions`` (2), ``Emissions occurring outside
    …`` (3); None when blank; ValueError otherwise."""
    t = _key(text)
    if not t:
        return None
    if m := re.search(r"\b([123])\b", t):
        return int(m.group(1))
    if t.startswith("indirect"):
        return 2
    if t.startswith("direct"):
        return 1
    if "outside" in t:
        return 3
    raise ValueError(f"{text!r} is not a scope; write 1, 2 or 3 (or Direct, Indirect, Outside)")


@dataclass
class _Line:
    value: float | None = None
    keys: list[NotationKey] = field(default_factory=list)
    included_in: str | None = None
    explanations: list[str] = field(default_factory=list)
    raw: list[str] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)


@dataclass
class CrfFile:
    """What an existing CRF inventory would store: its lines, and the report of every figure."""

    jurisdiction: str
    year: int | None
    lines: list[GpcLineInput]
    report: ImportReport
    layout: str  # "detail" or "table"
    preview: list[dict[str, Any]] = field(default_factory=list)


def _fits(cells: Sequence[str]) -> int:
    found = set(match_columns(cells, COLUMNS).found)
    table = {"sector", "subsector"} <= found and any(f"{c}_tco2e" in found for c in SCOPE_COLUMNS)
    detail = ({"gpc_ref"} & found or {"sector", "subsector", "scope"} <= found) and (
        {"total", "notation_key", *GASES} & found
    )
    return len(found) if table or detail else 0


NEEDS = (
    "a CRF table (detail: GPC ref. no. or CRF - Sector, CRF - Sub-sector, Scope, with GHGs … - Total CO2e or a "
    "Notation key; or the city-wide table: sector, subsector, direct/indirect/outside emissions)"
)


def read_crf(path: str | Path, *, decimal: DecimalMark | None = None, sheet: str | None = None) -> CrfFile:
    """Read a CRF table (CSV or XLSX; the sheet ``eCRF_3`` or any whose header fits) without storing anything.

    Raises one InputError ``invalid_file`` listing every problem."""
    table = read_table(
        path, preferred_sheets=("eCRF_3", "City-wide emissions"), sheet=sheet, fits=_fits, needs=NEEDS
    )
    if _fits(table.header) == 0:
        where = f" (sheet {table.sheet!r})" if table.sheet else ""
        raise InputError(f"{table.name}{where}: the header does not fit {NEEDS}", code="invalid_file")
    return _Reader(table, decimal).read()


class _Reader:
    def __init__(self, table: Table, decimal: DecimalMark | None) -> None:
        self.table = table
        self.numbers = table.numbers(decimal)
        self.report = ImportReport(files=[table.name], sheet=table.sheet)
        self.match = match_columns(table.header, COLUMNS)
        self.columns = dict(self.match.found)
        self.layout = "table" if any(f"{c}_tco2e" in self.columns for c in SCOPE_COLUMNS) else "detail"
        # eCRF activity and factor columns: recognised (not "unrecognised"), their figures not used.
        self.activity_cols: dict[str, int] = {}
        for index in list(self.match.unrecognised):
            key = normalise_header(table.header[index])
            if any(w in key for w in _ACTIVITY_WORDS):
                self.activity_cols[table.header[index]] = index
                self.match.unrecognised.remove(index)
        self.problems: list[Detail] = []
        self.lines: dict[str, _Line] = {}
        self.years: dict[str, int] = {}
        self.jurisdiction = ""
        self.preview: list[dict[str, Any]] = []
        self.report.columns = {n: table.header[i] for n, i in self.columns.items()}

    def number(self, row: RowReader, name: str) -> float | None:
        return row.parsed(name, lambda t: self.numbers.parse(t, self.columns.get(name)))

    def read(self) -> CrfFile:
        for number, cells in self.table.rows:
            row = RowReader(self.table, self.columns, number, cells)
            ledger = RowLedger(
                self.report, (self.table.name, f"row {number}"), {**self.columns, **self.activity_cols}, cells
            )
            self.jurisdiction = self.jurisdiction or row.text("jurisdiction")
            if row.text("year"):
                self.years.setdefault(row.text("year"), number)
                ledger.store("year")
            if self.layout == "table":
                self._table_row(row, ledger)
            else:
                self._detail_row(row, ledger)
            for name in (*GASES, "biogenic"):
                ledger.drop(name, NOT_STORED[name])
            for title in self.activity_cols:
                ledger.drop(title, NOT_STORED["activity data and factors"])
            if not row.problems:
                ledger.store_rest(
                    ("scope", "jurisdiction", "sector", "subsector", "activity", "explanation", "gpc_ref")
                )
            ledger.drop_rest(
                "row refused: see the problems" if row.problems else "not used by the CRF import"
            )
            self.problems += row.problems
        self.table.account_unrecognised(self.match, self.report)
        self.report.rows = len(self.table.rows)
        year = self._year()
        if self.problems:
            raise problems_error(self.table.name, self.problems)
        lines = [
            self._line(ref, ln)
            for ref, ln in sorted(self.lines.items(), key=lambda kv: list(gpc_refs()).index(kv[0]))
        ]
        self.report.add("GPC lines read", len(lines))
        return CrfFile(self.jurisdiction, year, lines, self.report, self.layout, self.preview)

    def _year(self) -> int | None:
        if len(self.years) > 1:
            self.problems.append(
                Detail(
                    (self.table.name, "year"), f"one inventory year per file; found {', '.join(self.years)}"
                )
            )
            return None
        if not self.years:
            return None
        ((text, number),) = self.years.items()
        try:
            value = float(text)
        except ValueError:
            self.problems.append(
                Detail((self.table.name, f"row {number}", "year"), f"{text!r} is not a year")
            )
            return None
        return int(value)

    def _add(self, row: RowReader, ref: str, value: float | None, key_text: str, key_col: str) -> None:
        notation = row.parsed(key_col, parse_notation) if key_text else None
        if value is None and notation is None:
            return
        line = self.lines.setdefault(ref, _Line())
        if value is not None:
            line.value = (line.value or 0.0) + value
        if notation is not None:
            line.keys += [k for k in notation.keys if k not in line.keys]
            line.included_in = line.included_in or notation.included_in
            if notation.explanation:
                line.explanations.append(notation.explanation)
            line.raw.append(key_text)
        # A row's explanation explains its notation keys; with no key in the row, it describes the values.
        row_has_keys = bool(row.text("notation_key")) or any(
            row.text(f"{c}_notation_key") for c in SCOPE_COLUMNS
        )
        text = row.text("explanation")
        if text and text not in line.explanations and (notation is not None or not row_has_keys):
            line.explanations.append(text)
        line.rows.append(row.number)
        self.preview.append(
            {
                "row": row.number,
                "gpc_ref": ref,
                "value_tco2e": value,
                "notation_keys": [k.value for k in notation.keys] if notation else [],
                "from": " / ".join(
                    t for t in (row.text("sector"), row.text("subsector"), row.text("activity")) if t
                ),
            }
        )

    def _detail_row(self, row: RowReader, ledger: RowLedger) -> None:
        ref = self._ref(row, "gpc_ref", row.parsed("scope", parse_scope))
        total = self.number(row, "total")
        if total is None and any(row.text(g) for g in GASES):  # no total: the gases (in tCO2e) add up to it
            gases = [self.number(row, g) for g in GASES]
            total = sum(g for g in gases if g is not None)
            self.report.note(row.loc("total"), "no Total CO2e: the sum of CO2, CH4 and N2O (tCO2e) is used")
            for g in GASES:
                ledger.store(g, "value_tco2e")
        if ref is None:
            if total is not None or row.text("notation_key"):
                row.problem("gpc_ref", self._where_msg(row))
            return
        self._add(row, ref, total, row.text("notation_key"), "notation_key")
        ledger.store("total", "value_tco2e")

    def _table_row(self, row: RowReader, ledger: RowLedger) -> None:
        for col, scope in SCOPE_COLUMNS.items():
            value_col, key_col = f"{col}_tco2e", f"{col}_notation_key"
            value, key_text = self.number(row, value_col), row.text(key_col)
            if value is None and not key_text:
                continue
            ref = self._ref(row, f"{col}_gpc_ref", scope)
            if ref is None:
                row.problem(value_col, self._where_msg(row, scope))
                continue
            self._add(row, ref, value, key_text, key_col)
            ledger.store(value_col, "value_tco2e")

    def _ref(self, row: RowReader, ref_col: str, scope: int | None) -> str | None:
        if row.text(ref_col):
            return row.parsed(ref_col, normalise_gpc_ref)
        if scope is None or not row.text("subsector"):
            return None
        return resolve(row.text("sector"), row.text("subsector"), scope)

    def _where_msg(self, row: RowReader, scope: int | None = None) -> str:
        what = " / ".join(t for t in (row.text("sector"), row.text("subsector")) if t) or "this row"
        s = f" scope {scope}" if scope else ""
        return (
            f"cannot place {what}{s} on a GPC reference number: give the GPC ref. no. (e.g. I.1.1), or a sector "
            "and sub-sector as the CRF spells them with the scope"
        )

    def _line(self, ref: str, ln: _Line) -> GpcLineInput:
        keys = tuple(ln.keys) if ln.value is None else tuple(k for k in ln.keys if k == NotationKey.C)
        return GpcLineInput(
            gpc_ref=ref,
            value_tco2e=ln.value,
            notation_keys=keys,
            included_in=ln.included_in if NotationKey.IE in keys else None,
            explanation=" | ".join(dict.fromkeys(ln.explanations)),
            raw_notation="; ".join(ln.raw)[:100],
            source=f"{self.table.name} rows {', '.join(map(str, ln.rows))}"[:300],
        )
