"""An inventory's downloads: CSV, JSON and XLSX of the GPC table and totals."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpResponse
from django.utils.text import slugify

from localaction.core.io.writers import Sheet, csv_bytes, xlsx_bytes
from localaction.faces.web.downloads import attachment
from localaction.faces.web.inventories.tables import LineRow, gpc_rows, totals
from localaction.registry.inventories.models import Inventory

COLUMNS = (
    "jurisdiction",
    "country",
    "year",
    "version",
    "state",
    "verification_status",
    "data_source",
    "gpc_ref",
    "sector_code",
    "subsector",
    "scope",
    "value_tco2e",
    "notation_keys",
    "included_in",
    "explanation",
    "quality_activity",
    "quality_factor",
    "in_basic",
    "in_basic_plus",
    "in_territorial",
    "source",
)


def _row(inv: Inventory, r: LineRow) -> list[Any]:
    return [
        inv.jurisdiction.name,
        inv.jurisdiction.country,
        inv.year,
        inv.version,
        inv.state,
        inv.verification_status,
        inv.data_source,
        r.gpc_ref,
        r.sector_code,
        r.subsector,
        r.scope,
        r.value,
        " ".join(r.notation_keys),
        r.included_in,
        r.explanation,
        r.quality_activity,
        r.quality_factor,
        r.in_basic,
        r.in_basic_plus,
        r.in_territorial,
        r.source,
    ]


def filename(inv: Inventory, ext: str) -> str:
    return f"{inv.jurisdiction.slug or slugify(inv.jurisdiction.name_ascii)}-{inv.year}-v{inv.version}.{ext}"


def inventory_csv(inv: Inventory) -> HttpResponse:
    body = csv_bytes(COLUMNS, [_row(inv, r) for r in gpc_rows(inv)])
    return attachment(body, "text/csv; charset=utf-8", filename(inv, "csv"))


def inventory_dict(inv: Inventory) -> dict[str, Any]:
    return {
        "jurisdiction": {
            "name": inv.jurisdiction.name,
            "slug": inv.jurisdiction.slug,
            "country": inv.jurisdiction.country,
        },
        "year": inv.year,
        "version": inv.version,
        "state": inv.state,
        "verification_status": inv.verification_status,
        "data_source": inv.data_source,
        "level": inv.level,
        "gwp_set": inv.gwp_set,
        "population": inv.population,
        "published_at": inv.published_at.isoformat() if inv.published_at else None,
        "totals_tco2e": {t["key"]: t["value"] for t in totals(inv)},
        "by_sector_tco2e": inv.by_sector_tco2e,
        "lines": [dict(zip(COLUMNS[7:], _row(inv, r)[7:], strict=True)) for r in gpc_rows(inv)],
    }


def inventory_json(inv: Inventory) -> HttpResponse:
    body = json.dumps(inventory_dict(inv), ensure_ascii=False, indent=2)
    return attachment(body, "application/json; charset=utf-8", filename(inv, "json"))


def inventory_xlsx(inv: Inventory) -> HttpResponse:
    body = xlsx_bytes(
        [
            Sheet("gpc", COLUMNS, [_row(inv, r) for r in gpc_rows(inv)]),
            Sheet(
                "totals",
                ["total", "tCO2e", "reported by source (tCO2e)"],
                [[str(t["label"]), t["value"], t["reported"]] for t in totals(inv)],
            ),
        ]
    )
    return attachment(
        body,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        filename(inv, "xlsx"),
    )


FORMATS = {"csv": inventory_csv, "json": inventory_json, "xlsx": inventory_xlsx}
