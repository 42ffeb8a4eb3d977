"""The open data's data dictionary: one definition per fact (column name → unit, meaning, source), shared
by every table that carries the column. Table layouts are the insights Arrow schemas (``insights.tables``);
the UN-portal file's columns come from ``insights.EXPORT_COLUMNS``. A test checks every column is defined."""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from localaction.core.insights import EXPORT_COLUMNS
from localaction.core.insights.tables import SCHEMAS

LICENCE = (
    "Published LocalAction registry data is released under the Creative Commons Attribution 4.0 "
    "International licence (CC BY 4.0): https://creativecommons.org/licenses/by/4.0/. "
    "Figures are as reported by the governments (see each row's verification status)."
)
CITATION = "LocalAction climate registry, open data (published versions), built {built}."
CDP_CITATION = (
    "This data was collected in partnership by CDP and ICLEI - Local Governments for Sustainability."
)

REG = "registry"
CDP = "registry; CDP open data where the inventory's data source says so"

#: column -> (unit, meaning, source)
COLUMNS: dict[str, tuple[str, str, str]] = {
    "id": ("", "the jurisdiction's slug: its stable id in LocalAction", REG),
    "jurisdiction_id": ("", "the jurisdiction's slug (jurisdictions.id)", REG),
    "name": ("", "name in its own script", REG),
    "kind": ("", "city, municipality, county, province_state, city_state, region, association", REG),
    "country": ("ISO 3166-1 alpha-2", "country", REG),
    "region": ("", "world region (as the secretariat's offices use it, e.g. Europe)", REG),
    "climate_zone": ("Köppen-Geiger code", "climate zone; empty = unknown", REG),
    "income_group": ("", "World Bank income group; empty = unknown", REG),
    "parent_id": ("", "the jurisdiction that contains it geographically; empty = none", REG),
    "year": ("year", "the year the row is about (inventory year, statistics year, assessment year)", REG),
    "population": (
        "people",
        "population (the jurisdiction's for the year, or the one the inventory used)",
        CDP,
    ),
    "gdp_musd": ("million USD, constant prices", "gross domestic product; empty = unknown", REG),
    "level": ("", "GPC reporting level: BASIC or BASIC+", REG),
    "boundary": (
        "",
        "boundary kind (administrative, metropolitan, combined, partial) mapped from the inventory's own "
        "words; empty = unknown",
        REG,
    ),
    "gwp_set": ("", "global warming potentials used: SAR, AR4, AR5 or AR6", REG),
    "basic_tco2e": (
        "tCO2e",
        "BASIC total: computed from GPC lines, else as reported; a headline total counts only when the "
        "source says it covers BASIC",
        CDP,
    ),
    "basic_plus_tco2e": ("tCO2e", "BASIC+ total: computed, else as reported", CDP),
    "territorial_tco2e": (
        "tCO2e",
        "territorial total (all scope 1): computed, else the reported scope 1",
        CDP,
    ),
    "verification": (
        "",
        "self_reported, validated (desk check by the secretariat) or verified (third party)",
        REG,
    ),
    "sector": (
        "GPC sector code",
        "I stationary energy, II transport, III waste, IV IPPU, V AFOLU, VI other",
        REG,
    ),
    "tco2e": ("tCO2e", "the sector's emissions at the inventory's level", REG),
    "target_id": ("", "the target's or commitment's series id (stable across versions)", REG),
    "base_year": ("year", "base year of the target", REG),
    "base_emissions_tco2e": ("tCO2e", "base-year emissions", REG),
    "target_year": ("year", "year the target is to be met", REG),
    "reduction_pct": ("%", "reduction below the base (or the baseline scenario)", REG),
    "target_emissions_tco2e": ("tCO2e", "emissions level to reach (fixed-level targets)", REG),
    "year_introduced": ("year", "year the target or commitment was adopted", REG),
    "aligned_1_5c": ("", "the government says the target is aligned with 1.5 °C; empty = not stated", REG),
    "action_id": ("", "the action's series id (stable across versions)", REG),
    "agenda": ("", "urban agenda the action serves", REG),
    "gpc_sectors": ("list of GPC sector codes", "sectors the action addresses", REG),
    "action_type": ("", "mitigation, adaptation or both", REG),
    "status": ("", "planned, in_progress, implemented or monitoring", REG),
    "start_year": ("year", "year the action started; empty = not stated", REG),
    "cost": ("currency units", "cost in its own currency (never converted)", REG),
    "currency": ("ISO 4217", "currency of the cost", REG),
    "funding_source": ("", "funding source as reported", REG),
    "reduction_tco2e_per_yr": ("tCO2e/yr", "estimated annual reduction, as reported (not verified)", REG),
    "co_benefits": ("list", "co-benefits named", REG),
    "hazard_type": ("", "climate hazard (CDP level 1, e.g. Extreme hot temperature)", REG),
    "hazard_subtype": ("", "climate hazard sub-type (CDP level 2, e.g. Heat wave)", REG),
    "probability": ("rating", "low, medium_low, medium, medium_high, high", REG),
    "magnitude": ("rating", "low, medium_low, medium, medium_high, high", REG),
    "framework": ("", "reporting framework id", REG),
    "indicator": ("", "indicator id in the framework; score = the framework's total", REG),
    "value": ("the indicator's unit", "value as reported", REG),
    "unit": ("", "unit of the value", REG),
    "higher_is_better": ("", "whether a higher value is better", REG),
    "theme": ("", "theme of the indicator (climate, biodiversity, resilience, mobility …)", REG),
    "data_source": ("", "where the row came from: entered, or the import (e.g. CDP open data 2019)", REG),
}

#: the open data's extra table: inventories' provenance (data source per jurisdiction and year)
EXTRA_TABLES: dict[str, pa.Schema] = {
    "inventory_sources": pa.schema(
        [("jurisdiction_id", pa.string()), ("year", pa.int32()), ("data_source", pa.string())]
    )
}
TABLE_MEANING: dict[str, str] = {
    "jurisdictions": "one row per jurisdiction",
    "jurisdiction_years": "one row per jurisdiction and year with statistics",
    "inventories": "one row per jurisdiction and inventory year: the current published inventory",
    "inventory_sectors": "one row per inventory and GPC sector",
    "targets": "one row per published target or commitment",
    "actions": "one row per published action",
    "hazards": "one row per published hazard assessment",
    "indicators": "one row per framework indicator value (none stored yet)",
    "inventory_sources": "one row per inventory: its data source",
    "un_portal": "one row per country: the UN-portal aggregate export for the latest inventory year",
}


def all_schemas() -> dict[str, pa.Schema]:
    return {**SCHEMAS, **EXTRA_TABLES}


def dictionary() -> list[dict[str, str]]:
    """Rows of the data dictionary: table, column, type, unit, meaning, source."""
    rows = []
    for table, schema in all_schemas().items():
        for f in schema:
            unit, meaning, source = COLUMNS[f.name]
            rows.append(
                {
                    "table": table,
                    "column": f.name,
                    "type": str(f.type),
                    "unit": unit,
                    "meaning": meaning,
                    "source": source,
                }
            )
    for name, (unit, meaning) in EXPORT_COLUMNS.items():
        rows.append(
            {
                "table": "un_portal",
                "column": name,
                "type": "",
                "unit": unit,
                "meaning": meaning,
                "source": "computed by localaction.core.insights.export",
            }
        )
    return rows


def _json_type(t: pa.DataType) -> dict[str, Any]:
    if pa.types.is_list(t):
        return {"type": ["array", "null"], "items": _json_type(t.value_type)}
    if pa.types.is_integer(t):
        return {"type": ["integer", "null"]}
    if pa.types.is_floating(t):
        return {"type": ["number", "null"]}
    if pa.types.is_boolean(t):
        return {"type": ["boolean", "null"]}
    return {"type": ["string", "null"]}


def json_schema() -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) of one row of each table, keyed by table name under ``$defs``."""
    defs = {}
    for table, schema in all_schemas().items():
        props = {}
        for f in schema:
            unit, meaning, _source = COLUMNS[f.name]
            props[f.name] = _json_type(f.type) | {"description": meaning + (f" ({unit})" if unit else "")}
        defs[table] = {
            "type": "object",
            "description": TABLE_MEANING[table],
            "properties": props,
            "required": list(schema.names),
            "additionalProperties": False,
        }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://localaction.org/opendata/schema.json",
        "title": "LocalAction open data: one row of each table",
        "$defs": defs,
    }
