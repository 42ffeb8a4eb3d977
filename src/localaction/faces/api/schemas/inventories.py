"""Inventory outputs (summary, detail with the GPC table, activity records) and inputs."""

from __future__ import annotations

from typing import Any

from ninja import Schema
from pydantic import Field

from localaction.core.inventory.model import ActivityRecord as EngineRecord
from localaction.faces.api.schemas.common import Population, RevisionIn, SubmissionOut
from localaction.faces.api.schemas.derive import input_schema, model_schema
from localaction.faces.api.schemas.submissions import JurisdictionIn
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
# The engine's record and its results; the model's ``co2e_t`` is shown as ``emissions_tco2e`` (until
# 2026 the API called it co2e_t: units are in field names one way, ``*_tco2e``).
_RECORD_MODEL_FIELDS = (*EngineRecord.model_fields, "gases_t", "biogenic_co2_t")
RECORD_FIELDS = (*EngineRecord.model_fields, "emissions_tco2e", "gases_t", "biogenic_co2_t")


class _PopulationOut(SubmissionOut):
    population: Population = None


_InventoryOut = model_schema(
    Inventory,
    "InventoryOut",
    [f for f in SUMMARY_FIELDS if hasattr(Inventory, f) and f != "population"],
    base_class=_PopulationOut,
)


class InventoryOut(_InventoryOut):  # type: ignore[valid-type,misc]
    pass


GpcLineOut = model_schema(GpcLine, "GpcLineOut", LINE_FIELDS)
_RecordOut = model_schema(ActivityRecord, "RecordOutFields", _RECORD_MODEL_FIELDS)


class RecordOut(_RecordOut):  # type: ignore[valid-type,misc]
    emissions_tco2e: float | None = Field(description="the record's emissions (tCO2e)")

    @staticmethod
    def resolve_emissions_tco2e(obj: Any) -> float | None:
        return obj.co2e_t  # type: ignore[no-any-return]


class CheckOut(Schema):
    code: str
    severity: str
    message: str
    gpc_ref: str | None = None
    record_id: str | None = None


class InventoryDetailOut(InventoryOut):
    by_scope_tco2e: dict[str, Any]
    by_sector_tco2e: dict[str, Any]
    checks: list[CheckOut]
    gpc_table: list[GpcLineOut]  # type: ignore[valid-type]


_EDITABLE = [f for f in INVENTORY_FIELDS if hasattr(Inventory, f)]
_NARROW: dict[str, tuple[Any, dict[str, Any]]] = {
    "year": (int, {"ge": 1990, "le": 2100}),
    "reporting_year": (int, {"ge": 1990, "le": 2100}),
    "population": (int, {"ge": 0, "le": 10**11}),
}
InventoryCreateIn = input_schema(
    Inventory, "InventoryCreateIn", _EDITABLE, mode="create", base_class=JurisdictionIn, overrides=_NARROW
)
InventoryUpdateIn = input_schema(
    Inventory, "InventoryUpdateIn", _EDITABLE, mode="update", base_class=RevisionIn, overrides=_NARROW
)
InventoryUpdateIn.__doc__ = "Only the fields you send change; null clears a field that may be empty."


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


class ImportReplaced(Schema):
    records: int = Field(description="The draft's activity records the import replaced (or would replace).")
    lines: int = Field(description="The draft's entered GPC lines the import replaced (or would replace).")


class ImportOut(Schema):
    inventory: InventoryOut
    dry_run: bool = Field(False, description="True: nothing was stored; this is what the import would do.")
    kind: str = Field(description="How the file was read: activity, lines, crf or gpc-workbook.")
    records: int = Field(description="Activity records stored (or that would be stored).")
    lines: int = Field(description="GPC lines (values or notation keys) stored (or that would be stored).")
    replaced: ImportReplaced
    report: dict[str, Any] = Field(
        description="The import report: rows read; figures found, stored and not used by reason; every "
        "unrecognised column with how many values it held; warnings naming the cell; the number format used."
    )
