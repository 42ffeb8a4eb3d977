"""The open data's data dictionary: one definition per column of each table (unit, meaning, source).

A column that means the same in every table is defined once in ``COLUMNS``; where a name means something
else in one table (``kind`` of a jurisdiction vs of a target, the ``population`` of a year's statistics vs
the one an inventory used, what ``year`` is the year of) ``TABLE_COLUMNS`` defines it for that table. Table
layouts are the insights Arrow schemas (``insights.tables``); the UN-portal file's columns come from
``insights.EXPORT_COLUMNS``. From these: ``data_dictionary.csv``, ``schema.json`` (JSON Schema of a row),
the Table Schemas of ``datapackage.json`` and the Parquet files' column descriptions. A test checks that
every column is defined."""

from __future__ import annotations

from typing import Any, NamedTuple

import pyarrow as pa

from localaction.core.insights import EXPORT_COLUMNS
from localaction.core.insights.tables import SCHEMAS

LICENCE = (
    "Published LocalAction registry data is released under the Creative Commons Attribution 4.0 "
    "International licence (CC BY 4.0): https://creativecommons.org/licenses/by/4.0/. "
    "Figures are as reported by the governments (see each row's verification status)."
)
LICENCE_ID = "CC-BY-4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
CITATION = "LocalAction climate registry, open data (published versions), built {built}."
CDP_CITATION = (
    "This data was collected in partnership by CDP and ICLEI - Local Governments for Sustainability."
)

REG = "registry"
CDP = "registry; CDP open data where the inventory's data source says so"


class Column(NamedTuple):
    unit: str
    meaning: str
    source: str


_JURISDICTION_KINDS = "city, municipality, county, province_state, city_state, region or association"
_TARGET_KINDS = (
    "targets: base_year, fixed_level, baseline_scenario, intensity, intensity_per_capita, intensity_per_gdp, "
    "net_zero, renewable_share, energy_efficiency; other commitments: renewable_energy, energy_efficiency, "
    "adaptation, water, waste, efficiency_gain_10, other"
)
_RATING = "low, medium_low, medium, medium_high or high"

#: column -> definition, where the column means the same in every table that carries it
COLUMNS: dict[str, Column] = {
    "jurisdiction_id": Column("", "the jurisdiction's slug (jurisdictions.id)", REG),
    "name": Column("", "name in its own script", REG),
    "country": Column("ISO 3166-1 alpha-2", "country; empty = not stated", REG),
    "region": Column("", "world region (as the secretariat's offices use it, e.g. Europe)", REG),
    "climate_zone": Column(
        "",
        "climate zone as the jurisdiction's profile records it: a broad zone (e.g. tropical_dry, "
        "temperate) or a Köppen-Geiger code (e.g. Cfb); empty = unknown",
        REG,
    ),
    "income_group": Column("", "World Bank income group; empty = unknown", REG),
    "parent_id": Column(
        "", "the jurisdiction that contains it geographically (jurisdictions.id); empty = none", REG
    ),
    "gdp_musd": Column("million USD, constant prices", "gross domestic product; empty = unknown", REG),
    "level": Column("", "GPC reporting level: BASIC or BASIC+", REG),
    "boundary": Column(
        "",
        "boundary kind (administrative, metropolitan, combined, partial) mapped from the inventory's own "
        "words; empty = unknown",
        REG,
    ),
    "gwp_set": Column("", "global warming potentials used: SAR, AR4, AR5 or AR6", REG),
    "basic_tco2e": Column(
        "tCO2e",
        "BASIC total: computed from GPC lines, else as reported; a headline total counts only when the "
        "source says it covers BASIC",
        CDP,
    ),
    "basic_plus_tco2e": Column("tCO2e", "BASIC+ total: computed, else as reported", CDP),
    "territorial_tco2e": Column(
        "tCO2e", "territorial total (all scope 1): computed, else the reported scope 1", CDP
    ),
    "verification": Column(
        "", "self_reported, validated (desk check by the secretariat) or verified (third party)", REG
    ),
    "sector": Column(
        "GPC sector code", "I stationary energy, II transport, III waste, IV IPPU, V AFOLU, VI other", REG
    ),
    "tco2e": Column("tCO2e", "the sector's emissions at the inventory's level", REG),
    "target_id": Column("", "the target's or commitment's series id (stable across versions)", REG),
    "base_year": Column("year", "base year of the target", REG),
    "base_emissions_tco2e": Column("tCO2e", "base-year emissions", REG),
    "target_year": Column("year", "year the target is to be met", REG),
    "reduction_pct": Column("%", "reduction below the base (or the baseline scenario)", REG),
    "target_emissions_tco2e": Column("tCO2e", "emissions level to reach (fixed-level targets)", REG),
    "year_introduced": Column("year", "year the target or commitment was adopted", REG),
    "aligned_1_5c": Column(
        "", "the government says the target is aligned with 1.5 °C; empty = not stated", REG
    ),
    "action_id": Column("", "the action's series id (stable across versions)", REG),
    "agenda": Column("", "urban agenda the action serves", REG),
    "gpc_sectors": Column(
        "list of GPC sector codes", "sectors the action addresses (a JSON array in CSV)", REG
    ),
    "action_type": Column("", "mitigation, adaptation or both", REG),
    "status": Column("", "planned, in_progress, implemented or monitoring", REG),
    "start_year": Column("year", "year the action started; empty = not stated", REG),
    "cost": Column("currency units", "cost in its own currency (never converted)", REG),
    "currency": Column("ISO 4217", "currency of the cost", REG),
    "funding_source": Column("", "funding source as reported", REG),
    "reduction_tco2e_per_yr": Column(
        "tCO2e/yr", "estimated annual reduction, as reported (not verified)", REG
    ),
    "co_benefits": Column("", "co-benefits named (a JSON array in CSV)", REG),
    "hazard_type": Column("", "climate hazard (CDP level 1, e.g. Extreme hot temperature)", REG),
    "hazard_subtype": Column("", "climate hazard sub-type (CDP level 2, e.g. Heat wave)", REG),
    "probability": Column("rating", _RATING, REG),
    "magnitude": Column("rating", _RATING, REG),
    "framework": Column("", "reporting framework id", REG),
    "indicator": Column("", "indicator id in the framework; score = the framework's total", REG),
    "value": Column("the indicator's unit (column unit)", "value as reported", REG),
    "unit": Column("", "unit of the value", REG),
    "higher_is_better": Column("", "whether a higher value is better", REG),
    "theme": Column("", "theme of the indicator (climate, biodiversity, resilience, mobility …)", REG),
    "data_source": Column(
        "", "where the row came from: entered, or the import (e.g. CDP open data 2019)", REG
    ),
}

#: (table, column) -> definition, where the column means something of its own in that table
TABLE_COLUMNS: dict[tuple[str, str], Column] = {
    ("jurisdictions", "id"): Column("", "the jurisdiction's slug: its stable id in LocalAction", REG),
    ("jurisdictions", "kind"): Column("", f"kind of government: {_JURISDICTION_KINDS}", REG),
    ("targets", "kind"): Column("", f"kind of target or commitment: {_TARGET_KINDS}", REG),
    ("jurisdiction_years", "year"): Column("year", "the year of the statistics", REG),
    ("jurisdiction_years", "population"): Column(
        "people", "population of the jurisdiction in the year (its statistics)", REG
    ),
    ("inventories", "year"): Column("year", "the inventory year", REG),
    ("inventories", "population"): Column(
        "people", "population the inventory used (as reported with it; may differ from the statistics)", CDP
    ),
    ("inventory_sectors", "year"): Column("year", "the inventory year", REG),
    ("inventory_sources", "year"): Column("year", "the inventory year", REG),
    ("hazards", "year"): Column("year", "the year of the assessment", REG),
    ("inventory_lines", "year"): Column("year", "the inventory year", REG),
    ("inventory_lines", "gpc_ref"): Column("GPC reference number", "the GPC line, e.g. I.1.1", REG),
    ("inventory_lines", "scope"): Column("", "GPC scope of the line: 1, 2 or 3", REG),
    ("inventory_lines", "value_tco2e"): Column(
        "tCO2e", "the line's emissions (computed from activity records, or as entered or imported)", CDP
    ),
    ("inventory_lines", "co2_t"): Column("t", "fossil CO2 from the line's activity records", REG),
    ("inventory_lines", "ch4_t"): Column("t", "CH4 from the line's activity records", REG),
    ("inventory_lines", "n2o_t"): Column("t", "N2O from the line's activity records", REG),
    ("inventory_lines", "other_gases_tco2e"): Column(
        "tCO2e", "other gases (HFCs, PFCs, SF6, NF3 …) from the line's activity records", REG
    ),
    ("inventory_lines", "co2e_not_split_tco2e"): Column(
        "tCO2e", "emissions from factors given in CO2e only (e.g. grid electricity): not split by gas", REG
    ),
    ("inventory_lines", "entered_tco2e"): Column(
        "tCO2e", "emissions entered or imported as tCO2e for the line, without their gases", CDP
    ),
    ("inventory_lines", "biogenic_co2_t"): Column("t", "biogenic CO2 of the line, outside the totals", REG),
    ("inventory_lines", "notation_keys"): Column(
        "", "GPC notation keys of the line: NO, IE, NE or C, separated by '; '", REG
    ),
    ("inventory_lines", "included_in"): Column(
        "GPC reference number", "for IE: the line that includes it", REG
    ),
    ("inventory_lines", "explanation"): Column("", "why the notation key applies, as reported", REG),
    ("indicators", "year"): Column("year", "the year the value is about", REG),
}

#: the open data's extra table: inventories' provenance (data source per jurisdiction and year)
EXTRA_TABLES: dict[str, pa.Schema] = {
    "inventory_sources": pa.schema(
        [("jurisdiction_id", pa.string()), ("year", pa.int32()), ("data_source", pa.string())]
    ),
    "inventory_lines": pa.schema(
        [
            ("jurisdiction_id", pa.string()),
            ("year", pa.int32()),
            ("gpc_ref", pa.string()),
            ("sector", pa.string()),
            ("scope", pa.int32()),
            ("value_tco2e", pa.float64()),
            ("co2_t", pa.float64()),
            ("ch4_t", pa.float64()),
            ("n2o_t", pa.float64()),
            ("other_gases_tco2e", pa.float64()),
            ("co2e_not_split_tco2e", pa.float64()),
            ("entered_tco2e", pa.float64()),
            ("biogenic_co2_t", pa.float64()),
            ("notation_keys", pa.string()),
            ("included_in", pa.string()),
            ("explanation", pa.string()),
        ]
    ),
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
    "inventory_lines": "one row per published inventory and GPC line with a value or a notation key: the "
    "emissions by gas",
    "un_portal": "one row per country: the UN-portal aggregate export for the latest inventory year",
}
#: a table's key and its references to the jurisdictions (Table Schema ``primaryKey`` / ``foreignKeys``)
PRIMARY_KEYS: dict[str, list[str]] = {
    "jurisdictions": ["id"],
    "jurisdiction_years": ["jurisdiction_id", "year"],
    "inventories": ["jurisdiction_id", "year"],
    "inventory_sectors": ["jurisdiction_id", "year", "sector"],
    "inventory_sources": ["jurisdiction_id", "year"],
    "inventory_lines": ["jurisdiction_id", "year", "gpc_ref"],
}
_COUNTS = {"population_covered", "emissions_covered_tco2e", "estimated_reduction_tco2e_per_yr"}


def all_schemas() -> dict[str, pa.Schema]:
    return {**SCHEMAS, **EXTRA_TABLES}


def describe(table: str, column: str) -> Column:
    """The definition of ``column`` in ``table`` (KeyError when there is none: a test makes sure)."""
    return TABLE_COLUMNS.get((table, column)) or COLUMNS[column]


def table_schema_type(t: pa.DataType) -> str:
    """The Table Schema (Frictionless) type of an Arrow type."""
    if pa.types.is_list(t):
        return "array"
    if pa.types.is_integer(t):
        return "integer"
    if pa.types.is_floating(t):
        return "number"
    if pa.types.is_boolean(t):
        return "boolean"
    return "string"


def un_portal_type(column: str) -> str:
    if column == "country":
        return "string"
    return "number" if column in _COUNTS else "integer"


def dictionary() -> list[dict[str, str]]:
    """Rows of the data dictionary: table, column, type (Table Schema), Parquet type, unit, meaning, source."""
    rows = []
    for table, schema in all_schemas().items():
        for f in schema:
            col = describe(table, f.name)
            rows.append(
                {
                    "table": table,
                    "column": f.name,
                    "type": table_schema_type(f.type),
                    "parquet_type": str(f.type),
                    "unit": col.unit,
                    "meaning": col.meaning,
                    "source": col.source,
                }
            )
    for name, (unit, meaning) in EXPORT_COLUMNS.items():
        rows.append(
            {
                "table": "un_portal",
                "column": name,
                "type": un_portal_type(name),
                "parquet_type": "",
                "unit": unit,
                "meaning": meaning,
                "source": "computed by localaction.core.insights.export",
            }
        )
    return rows


def table_schema(table: str) -> dict[str, Any]:
    """The Frictionless Table Schema of a table's CSV: types, descriptions, units, keys."""
    fields: list[dict[str, Any]] = []
    if table == "un_portal":
        for name, (unit, meaning) in EXPORT_COLUMNS.items():
            fields.append({"name": name, "type": un_portal_type(name), "description": meaning, "unit": unit})
    else:
        for f in all_schemas()[table]:
            col = describe(table, f.name)
            field: dict[str, Any] = {
                "name": f.name,
                "type": table_schema_type(f.type),
                "description": col.meaning,
            }
            if col.unit:
                field["unit"] = col.unit
            if field["type"] == "boolean":
                field |= {"trueValues": ["true"], "falseValues": ["false"]}
            fields.append(field)
    out: dict[str, Any] = {"fields": fields, "missingValues": [""]}
    if table in PRIMARY_KEYS:
        out["primaryKey"] = PRIMARY_KEYS[table]
    names = {f["name"] for f in fields}
    refs = [("jurisdiction_id", "jurisdictions")] if "jurisdiction_id" in names else []  # resource names
    if table == "jurisdictions":
        refs = [("parent_id", "")]  # "" = this same resource
    out_refs = [{"fields": [c], "reference": {"resource": r, "fields": ["id"]}} for c, r in refs]
    if out_refs:
        out["foreignKeys"] = out_refs
    return out


def arrow_schema(table: str) -> pa.Schema:
    """The table's Arrow schema with every column's description and unit as field metadata (what Parquet
    readers show), and the table's meaning and licence as schema metadata."""
    schema = all_schemas()[table]
    fields = []
    for f in schema:
        col = describe(table, f.name)
        fields.append(f.with_metadata({"description": col.meaning, "unit": col.unit, "source": col.source}))
    return pa.schema(fields, metadata={"description": TABLE_MEANING[table], "licence": LICENCE_ID})


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
            col = describe(table, f.name)
            props[f.name] = _json_type(f.type) | {
                "description": col.meaning + (f" ({col.unit})" if col.unit else "")
            }
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
