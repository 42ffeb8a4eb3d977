"""Inventory outputs (summary, detail with the GPC table, activity records) and inputs."""

from __future__ import annotations

from typing import Any

from ninja import Schema
from pydantic import Field

from localaction.core.inventory.model import ActivityRecord as EngineRecord
from localaction.faces.api.schemas.common import SLUG, RevisionIn, SubmissionOut
from localaction.faces.api.schemas.derive import model_schema
from localaction.registry.inventories.models import ActivityRecord, GpcLine, Inventory
from localaction.registry.services import INVENTORY_FIELDS

TOTALS = (
    "basic_tco2e",
    "basic_plus_tco2e",
    "basic_plus_other_scope3_tco2e",
    "territorial_tco2e",
    "biogenic_co2_t",
    "check_errors",
    "check_warnings",
)
SUMMARY_FIELDS = (*INVENTORY_FIELDS, *TOTALS)
LINE_FIELDS = (
    "gpc_ref",
    "sector_code",
    "scope",
    "value_tco2e",
    "biogenic_co2_t",
    "is_entered",
    "entered_value_tco2e",
    "notation_keys",
    "included_in",
    "explanation",
    "quality_activity",
    "quality_factor",
    "source",
    "record_ids",
)
RECORD_FIELDS = (*EngineRecord.model_fields, "co2e_t", "gases_t", "biogenic_co2_t")  # engine record + results

InventoryOut = model_schema(
    Inventory, "InventoryOut", [f for f in SUMMARY_FIELDS if hasattr(Inventory, f)], base_class=SubmissionOut
)
GpcLineOut = model_schema(GpcLine, "GpcLineOut", LINE_FIELDS)
RecordOut = model_schema(ActivityRecord, "RecordOut", RECORD_FIELDS)


class CheckOut(Schema):
    code: str
    severity: str
    message: str
    gpc_ref: str | None = None
    record_id: str | None = None


class InventoryDetailOut(InventoryOut):  # type: ignore[valid-type,misc]
    by_scope_tco2e: dict[str, Any]
    by_sector_tco2e: dict[str, Any]
    checks: list[CheckOut]
    gpc_table: list[GpcLineOut]  # type: ignore[valid-type]


_EDITABLE = [f for f in INVENTORY_FIELDS if hasattr(Inventory, f)]
_InventoryFields = model_schema(Inventory, "InventoryFields", _EDITABLE, optional=True)


class InventoryCreateIn(_InventoryFields):  # type: ignore[valid-type,misc]
    jurisdiction: str = Field(description="slug or id of the jurisdiction", max_length=100, pattern=SLUG)
    year: int = Field(ge=1990, le=2100)


class InventoryUpdateIn(_InventoryFields, RevisionIn):  # type: ignore[valid-type,misc]
    """Only the fields you send change."""


class LineIn(RevisionIn):
    value_tco2e: float | None = Field(None, allow_inf_nan=False)
    notation_keys: list[str] = Field(default_factory=list, max_length=4)
    included_in: str | None = Field(None, max_length=20)
    explanation: str = Field("", max_length=10_000)
    quality_activity: str | None = Field(None, max_length=8)
    quality_factor: str | None = Field(None, max_length=8)
    source: str = Field("", max_length=300)


class RecordIn(RevisionIn):
    record: dict[str, Any] = Field(
        description="an activity record (gpc_ref, method, quantity, unit, factor_id or custom_factor, params …)"
    )


class ChecksOut(Schema):
    revision: int
    check_errors: int
    check_warnings: int
    checks: list[CheckOut]


class ImportOut(Schema):
    inventory: InventoryOut  # type: ignore[valid-type]
    records: int
    lines: int
