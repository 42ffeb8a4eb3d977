"""The GPC reporting workbook (XLSX): a Summary sheet (the inventory and its totals), one sheet per GPC
sector with its activity records (activity data, the factor applied per gas, gas amounts, CO2e, biogenic CO2,
data quality) and a Lines sheet with what was entered per GPC reference number (values, notation keys).

Reading it back gives the records and lines of a draft: computed columns are ignored (the engine recomputes).
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from typing import Any

from openpyxl import load_workbook

from localaction.core.catalog import gpc_refs
from localaction.core.errors import Detail, InputError
from localaction.core.inventory.model import ActivityRecord as EngineRecord
from localaction.core.inventory.notation import parse_notation
from localaction.core.io.writers import Sheet, xlsx_bytes
from localaction.registry.frameworks.exports.gcom import notation_text
from localaction.registry.inventories.models import ActivityRecord, GpcLine, Inventory

GASES = ("CO2", "CH4", "N2O")
SECTOR_SHEETS = {
    "I": "I Stationary energy",
    "II": "II Transportation",
    "III": "III Waste",
    "IV": "IV IPPU",
    "V": "V AFOLU",
    "VI": "VI Other scope 3",
}
RECORD_COLUMNS = [
    "record_id",
    "gpc_ref",
    "method",
    "activity",
    "quantity",
    "unit",
    "factor_id",
    "custom_factor",
    "params",
    *[f"factor_{g}" for g in GASES],
    *[f"{g}_t" for g in GASES],
    "co2e_t",
    "biogenic_co2_t",
    "quality_activity",
    "quality_factor",
    "source",
    "notes",
]
ENTERED_RECORD_COLUMNS = tuple(EngineRecord.model_fields)  # one definition: the engine's activity record
LINE_COLUMNS = [
    "gpc_ref",
    "value_tco2e",
    "notation_key",
    "included_in",
    "explanation",
    "quality_activity",
    "quality_factor",
    "source",
]
SUMMARY_FIELDS = ("jurisdiction", "year", "boundary", "gwp_set", "level", "population")
TOTALS = ("basic_tco2e", "basic_plus_tco2e", "territorial_tco2e", "biogenic_co2_t")


def _factor(rec: ActivityRecord, gas: str) -> str:
    uses = [f for f in rec.factors_used or [] if isinstance(f, dict) and f.get("gas") == gas]
    return "; ".join(f"{u.get('value')} {u.get('unit', '')}".strip() for u in uses)


def _json_cell(value: Any) -> str:
    return "" if value in (None, {}, []) else json.dumps(value, sort_keys=True)


def write_gpc_workbook(inv: Inventory) -> bytes:
    values = {"jurisdiction": inv.jurisdiction.name, "year": inv.year}
    summary = [[name, values.get(name, getattr(inv, name, ""))] for name in SUMMARY_FIELDS]
    summary += [[name, getattr(inv, name, None)] for name in TOTALS]
    sheets = [Sheet("Summary", ["field", "value"], summary)]
    refs = gpc_refs()
    records = list(inv.activity_records.filter(deleted_at__isnull=True).order_by("position", "id"))
    for code, title in SECTOR_SHEETS.items():
        rows = []
        for rec in records:
            if refs[rec.gpc_ref].sector_code != code:
                continue
            row: dict[str, Any] = {c: getattr(rec, c, None) for c in ENTERED_RECORD_COLUMNS}
            row["custom_factor"] = _json_cell(rec.custom_factor)
            row["params"] = _json_cell(rec.params)
            for g in GASES:
                row[f"factor_{g}"] = _factor(rec, g)
                row[f"{g}_t"] = (rec.gases_t or {}).get(g)
            row.update(co2e_t=rec.co2e_t, biogenic_co2_t=rec.biogenic_co2_t)
            rows.append(row)
        sheets.append(Sheet(title, RECORD_COLUMNS, rows))
    lines = [
        [
            ln.gpc_ref,
            ln.entered_value_tco2e,
            notation_text(list(ln.notation_keys), ln.included_in),
            ln.included_in or "",
            ln.explanation,
            ln.quality_activity or "",
            ln.quality_factor or "",
            ln.source,
        ]
        for ln in GpcLine.objects.filter(inventory=inv, is_entered=True).order_by("id")
    ]
    sheets.append(Sheet("Lines", LINE_COLUMNS, lines))
    return xlsx_bytes(sheets)


@dataclass
class WorkbookImport:
    fields: dict[str, Any] = field(default_factory=dict)
    records: list[dict[str, Any]] = field(default_factory=list)
    lines: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Detail] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _rows(ws: Any) -> tuple[list[str], list[tuple[int, list[Any]]]]:
    it = ws.iter_rows(values_only=True)
    header = [str(c or "").strip() for c in next(it, [])]
    rows = [(i, list(r)) for i, r in enumerate(it, start=2) if any(c not in (None, "") for c in r)]
    return header, rows


def read_gpc_workbook(data: bytes, filename: str = "workbook.xlsx") -> WorkbookImport:
    """Parse a GPC workbook without writing anything; every problem names its sheet, row and column."""
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a file that is not a workbook
        raise InputError(f"{filename}: not an XLSX workbook ({exc})", code="invalid_file") from None
    out = WorkbookImport()
    if "Summary" in wb.sheetnames:
        for _, (key, value, *_rest) in _rows(wb["Summary"])[1]:
            if key in SUMMARY_FIELDS and value not in (None, ""):
                out.fields[str(key)] = value
    for title in SECTOR_SHEETS.values():
        if title not in wb.sheetnames:
            continue
        header, rows = _rows(wb[title])
        for number, cells in rows:
            row = dict(zip(header, cells, strict=False))
            rec: dict[str, Any] = {}
            for c in ENTERED_RECORD_COLUMNS:
                v = row.get(c)
                if v in (None, ""):
                    continue
                if c in ("custom_factor", "params"):
                    try:
                        v = json.loads(str(v))
                    except ValueError:
                        out.problems.append(Detail((title, f"row {number}", c), "not valid JSON"))
                        continue
                rec[c] = v
            out.records.append(rec)
    if "Lines" in wb.sheetnames:
        header, rows = _rows(wb["Lines"])
        for number, cells in rows:
            row = dict(zip(header, cells, strict=False))
            line: dict[str, Any] = {"gpc_ref": str(row.get("gpc_ref") or "")}
            if row.get("value_tco2e") not in (None, ""):
                line["value_tco2e"] = row["value_tco2e"]
            if row.get("notation_key"):
                try:
                    parsed = parse_notation(str(row["notation_key"]))
                except InputError as exc:
                    out.problems.append(Detail(("Lines", f"row {number}", "notation_key"), exc.message))
                    continue
                line["notation_keys"] = [k.value for k in parsed.keys]
                line["included_in"] = row.get("included_in") or parsed.included_in
            for c in ("explanation", "quality_activity", "quality_factor", "source"):
                if row.get(c) not in (None, ""):
                    line[c] = row[c]
            out.lines.append(line)
    return out
