"""The GCoM / CDP-ICLEI city-wide inventory table: one row per GPC sub-sector, columns for direct (scope 1),
indirect (scope 2) and outside-boundary (scope 3) emissions, each with its notation key, and an explanation.

Which GPC reference number each cell is comes from ``data/gcom_rows.csv`` (one cell is one reference, so the
table reads back into the same lines). Reading is all-or-nothing: every problem names its row and column.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from localaction.core.errors import Detail, InputError
from localaction.core.inventory.notation import parse_notation
from localaction.core.inventory.tables import parse_number, read_table
from localaction.core.io.writers import Sheet, csv_bytes, xlsx_bytes
from localaction.registry.frameworks.exports.layouts import SCOPE_COLUMNS, gcom_columns, gcom_rows
from localaction.registry.inventories.models import GpcLine, Inventory

SHEET = "City-wide emissions"


def notation_text(keys: list[str], included_in: str | None) -> str:
    """``IE (II.1.1)``, ``NO``, ``NE; C``: what parse_notation reads back."""
    text = "; ".join(keys)
    return f"{text} ({included_in})" if text and included_in else text


def _number(value: float | None) -> float | str:
    return "" if value is None else round(float(value), 6)


def gcom_table(inv: Inventory) -> list[dict[str, Any]]:
    """The table of one inventory version, row for row as ``gcom_rows.csv``."""
    lines = {ln.gpc_ref: ln for ln in GpcLine.objects.filter(inventory=inv)}
    out = []
    for row in gcom_rows():
        rec: dict[str, Any] = {
            "jurisdiction": inv.jurisdiction.name,
            "year": inv.year,
            "sector": row.sector,
            "subsector": row.subsector,
        }
        explanations: list[str] = []
        for col, ref in row.cells.items():
            ln = lines.get(ref) if ref else None
            rec[f"{col}_gpc_ref"] = ref
            rec[f"{col}_tco2e"] = _number(ln.value_tco2e if ln else None)
            rec[f"{col}_notation_key"] = notation_text(list(ln.notation_keys), ln.included_in) if ln else ""
            if ln is not None and ln.explanation and ln.explanation not in explanations:
                explanations.append(ln.explanation)
        rec["explanation"] = " | ".join(explanations)
        out.append({c: rec.get(c, "") for c in gcom_columns()})
    return out


def to_csv(rows: list[dict[str, Any]]) -> bytes:
    return csv_bytes(gcom_columns(), rows)


def to_xlsx(rows: list[dict[str, Any]]) -> bytes:
    return xlsx_bytes([Sheet(SHEET, gcom_columns(), rows)])


@dataclass
class GcomImport:
    """A read table: what would be imported (the preview) and every problem, by row and column."""

    jurisdiction: str = ""
    year: int | None = None
    lines: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Detail] = field(default_factory=list)
    preview: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def read_gcom(data: bytes, filename: str) -> GcomImport:
    """Parse a GCoM table (CSV or XLSX, by the file name) without writing anything."""
    suffix = Path(filename).suffix.lower()
    if suffix not in {".csv", ".xlsx"}:
        raise InputError(f"{filename}: give a .csv or .xlsx file", code="invalid_file")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"upload{suffix}"
        path.write_bytes(data)
        table = read_table(path, preferred_sheets=[SHEET])
    table.name = Path(filename).name
    aliases = {c: () for c in gcom_columns()}
    columns, problems = table.columns(aliases)
    result = GcomImport(problems=list(problems))
    missing = [c for c in ("sector", "subsector", *[f"{s}_tco2e" for s in SCOPE_COLUMNS]) if c not in columns]
    if missing:
        result.problems.append(Detail((table.name, "header"), f"missing column(s): {', '.join(missing)}"))
        return result
    layout = {(r.sector.casefold(), r.subsector.casefold()): r for r in gcom_rows()}
    years: set[str] = set()
    for number, cells in table.rows:

        def cell(name: str, cells: list[str] = cells) -> str:
            i = columns.get(name)
            return cells[i].strip() if i is not None and i < len(cells) else ""

        loc = (table.name, f"row {number}")
        result.jurisdiction = result.jurisdiction or cell("jurisdiction")
        if cell("year"):
            years.add(cell("year"))
        row = layout.get((cell("sector").casefold(), cell("subsector").casefold()))
        if row is None:
            result.problems.append(
                Detail(
                    (*loc, "subsector"),
                    f"unknown sector / sub-sector {cell('sector')!r} / {cell('subsector')!r}",
                )
            )
            continue
        explanation = cell("explanation")
        row_lines = []
        for col, ref in row.cells.items():
            value_text, key_text = cell(f"{col}_tco2e"), cell(f"{col}_notation_key")
            if not ref:
                if value_text or key_text:
                    result.problems.append(
                        Detail((*loc, f"{col}_tco2e"), "the GPC has no line here: leave it empty")
                    )
                continue
            line: dict[str, Any] = {"gpc_ref": ref}
            try:
                line["value_tco2e"] = parse_number(value_text) if value_text else None
            except ValueError as exc:
                result.problems.append(Detail((*loc, f"{col}_tco2e"), str(exc)))
                continue
            if key_text:
                try:
                    parsed = parse_notation(key_text)
                except InputError as exc:
                    result.problems.append(Detail((*loc, f"{col}_notation_key"), exc.message))
                    continue
                line["notation_keys"] = [k.value for k in parsed.keys]
                line["included_in"] = parsed.included_in
            if line.get("value_tco2e") is None and not line.get("notation_keys"):
                continue  # an empty cell: nothing reported
            row_lines.append(line)
        if explanation and row_lines:
            with_keys = [ln for ln in row_lines if ln.get("notation_keys")] or row_lines[:1]
            for ln in with_keys:
                ln["explanation"] = explanation
        result.lines += row_lines
        result.preview += [{"row": number, "subsector": row.subsector, **ln} for ln in row_lines]
    if len(years) > 1:
        result.problems.append(
            Detail((table.name, "year"), f"one inventory year per file, found {sorted(years)}")
        )
    elif years:
        try:
            result.year = int(float(years.pop()))
        except ValueError:
            result.problems.append(Detail((table.name, "year"), "give the inventory year, e.g. 2022"))
    return result
