"""Output of CLI results as a Rich table, JSON or CSV (the standard library's writer)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from localaction.core.catalog.gpc import gpc_refs
from localaction.core.inventory import InventoryResult
from localaction.core.io.writers import csv_text
from localaction.faces.cli import output


def totals_row(city: str, year: str, res: InventoryResult) -> dict[str, Any]:
    """The documented JSON object of one inventory's totals (keys are a public contract: see README)."""
    inv, t = res.inventory, res.totals
    return {
        "city": city,
        "year": year,
        "inventory_year": inv.period.year,
        "period_start": inv.period.start.isoformat(),
        "period_end": inv.period.end.isoformat(),
        "level": inv.level.value,
        "gwp_set": inv.gwp_set if inv.records else None,  # lines arrive as tCO2e: no GWP applied here
        "population": inv.population,
        "basic": t.basic,
        "basic_plus": t.basic_plus,
        "basic_plus_other_scope3": t.basic_plus_other_scope3,
        "territorial": t.territorial,
        "biogenic_co2_t": t.biogenic_co2_t,
        "by_scope": {str(k): v for k, v in t.by_scope.items()},
        "by_sector": t.by_sector,
        "checks": [
            {
                "code": c.code,
                "severity": c.severity.value,
                "message": c.message,
                **({"gpc_ref": c.gpc_ref} if c.gpc_ref else {}),
            }
            for c in res.checks
        ],
    }


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.4g}"
    if isinstance(value, list):
        return str(len(value))
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_cell(v)}" for k, v in value.items())
    return "" if value is None else str(value)


HEADERS = {
    "basic": "BASIC",
    "basic_plus": "BASIC+",
    "basic_plus_other_scope3": "BASIC+ & other S3",
    "territorial": "territorial",
    "period_start": "from",
    "period_end": "to",
}
TABLE_COLUMNS = {
    "GPC totals (tCO2e)": [
        "city",
        "year",
        "period_start",
        "period_end",
        "basic",
        "basic_plus",
        "basic_plus_other_scope3",
        "territorial",
        "checks",
    ],
}


def emit_rows(console: Console, rows: Sequence[dict[str, Any]], fmt: str, title: str = "") -> None:
    if fmt == "json":
        console.file.write(json.dumps(list(rows), ensure_ascii=False, indent=2) + "\n")
        return
    flat = [
        {k: (json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v) for k, v in r.items()}
        for r in rows
    ]
    if fmt == "csv":
        if flat:  # the one writer (formula guard), without the BOM on a terminal or a pipe
            console.file.write(csv_text(list(flat[0]), flat, bom=False))
        return
    columns = TABLE_COLUMNS.get(title) or (list(rows[0]) if rows else [])
    table = Table(title=title, show_lines=False)
    for col in columns:
        numeric = bool(rows) and isinstance(rows[0].get(col), int | float) and col != "year"
        table.add_column(
            HEADERS.get(col, col.replace("_", " ")),
            justify="right" if numeric else "left",
            no_wrap=numeric,
            overflow="fold",
        )
    for r in rows:
        table.add_row(*[Text(_cell(r.get(c))) for c in columns])  # file contents are never Rich markup
    console.print(table)


def result_document(res: InventoryResult) -> dict[str, Any]:
    """Everything about one computed inventory, as plain JSON-able data."""
    doc: dict[str, Any] = totals_row(res.inventory.jurisdiction, res.inventory.period.label, res)
    doc["records"] = [r.model_dump(mode="json") for r in res.records]
    doc["lines"] = [ln.model_dump(mode="json") for ln in res.lines]
    return doc


def emit_result(console: Console, res: InventoryResult, fmt: str) -> None:
    if fmt == "json":
        console.file.write(json.dumps(result_document(res), ensure_ascii=False, indent=2) + "\n")
        return
    if fmt == "csv":
        rows = [
            {
                "gpc_ref": ln.gpc_ref,
                "scope": ln.scope,
                "value_tco2e": ln.value_tco2e,
                "notation_keys": ";".join(k.value for k in ln.notation_keys),
                "explanation": ln.explanation,
                "biogenic_co2_t": ln.biogenic_co2_t,
                "records": ";".join(ln.record_ids),
            }
            for ln in res.lines
        ]
        emit_rows(console, rows, "csv")
        return
    recs = Table(title="Activity records")
    for col in ("record", "GPC ref", "method", "gases (t)", "tCO2e", "factors"):
        recs.add_column(col, overflow="fold")
    for r in res.records:
        gases = ", ".join(f"{g} {t:,.4g}" for g, t in r.gases_t.items())
        recs.add_row(
            *map(
                Text,
                (
                    r.record_id,
                    r.gpc_ref,
                    r.method.value,
                    gases,
                    f"{r.co2e_t:,.2f}",
                    "; ".join(f"{f.factor_id} = {f.value:g} {f.unit}" for f in r.factors),
                ),
            )
        )
    console.print(recs)
    lines = Table(title="GPC table (tCO2e)")
    for col in ("GPC ref", "sub-sector", "scope", "value", "notation", "records"):
        lines.add_column(col, overflow="fold")
    meta = gpc_refs()
    for ln in res.lines:
        if ln.value_tco2e is None and not ln.notation_keys:
            continue
        lines.add_row(
            *map(
                Text,
                (
                    ln.gpc_ref,
                    meta[ln.gpc_ref].subsector,
                    str(ln.scope),
                    "" if ln.value_tco2e is None else f"{ln.value_tco2e:,.2f}",
                    ";".join(k.value for k in ln.notation_keys),
                    ", ".join(ln.record_ids),
                ),
            )
        )
    console.print(lines)
    t = res.totals
    console.print(
        f"BASIC {t.basic:,.1f}  BASIC+ {t.basic_plus:,.1f}  BASIC+ with other scope 3 "
        f"{t.basic_plus_other_scope3:,.1f}  territorial {t.territorial:,.1f} tCO2e  "
        f"(biogenic CO2 apart: {t.biogenic_co2_t:,.1f} t)",
        markup=False,
    )
    for c in res.checks:
        colour = "red" if c.severity.value == "error" else "yellow"
        console.print(output.styled(c.severity.value, colour, f" {c.code}: {c.message}"))
