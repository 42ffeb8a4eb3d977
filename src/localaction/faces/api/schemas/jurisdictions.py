"""Jurisdiction outputs (the directory row and the public profile)."""

from __future__ import annotations

from typing import Any

from ninja import Schema

from localaction.faces.api.schemas.common import Population
from localaction.faces.api.schemas.derive import model_schema
from localaction.registry.base.models import Jurisdiction, JurisdictionStat

_PROFILE = (
    "slug",
    "name",
    "name_ascii",
    "kind",
    "country",
    "subdivision",
    "unlocode",
    "region",
    "climate_zone",
    "latitude",
    "longitude",
    "revision",
)


class _JurisdictionBase(Schema):
    parent: str | None = None

    @staticmethod
    def resolve_parent(obj: Any) -> str | None:
        return obj.parent.slug if obj.parent_id else None


JurisdictionOut = model_schema(Jurisdiction, "JurisdictionOut", _PROFILE, base_class=_JurisdictionBase)


class _StatBase(Schema):
    population: Population = None


StatOut = model_schema(JurisdictionStat, "StatOut", ("year", "area_km2", "source"), base_class=_StatBase)


class DirectoryRowOut(JurisdictionOut):  # type: ignore[valid-type,misc]
    population: Population = None
    population_year: int | None = None
    latest_inventory_id: int | None = None
    latest_inventory_year: int | None = None
    latest_emissions_tco2e: float | None = None


class IdentifierOut(Schema):
    scheme: str
    value: str


class InventoryBrief(Schema):
    id: int
    year: int
    version: int
    data_source: str
    verification_status: str
    basic_tco2e: float | None
    basic_plus_tco2e: float | None
    reported_basic_tco2e: float | None
    reported_total_tco2e: float | None = None


class ProfileOut(JurisdictionOut):  # type: ignore[valid-type,misc]
    identifiers: list[IdentifierOut]
    stats: list[StatOut]  # type: ignore[valid-type]
    children: list[str]
    inventories: list[InventoryBrief]
    published: dict[str, int]
