"""An inventory's exports as tables (columns and rows), written by ``core.io.writers`` in the faces.

* **records**: the activity file (``activity_io`` reads it back): the ``# key: value`` header, one row per
  activity record with everything entered (method, quantity, unit, factor id, custom factor, quality, source,
  parameters) and what the engine made of it (the factors used with their value, unit and citation, tonnes of
  CO2, CH4, N2O and other gases, tCO2e, biogenic CO2 apart), then one row per notation key line with its
  explanation; a value entered on a GPC line as tCO2e is a ``direct_entry`` row of CO2e (id ``line-<ref>``).
  Result columns are read back as "not used" (the engine recomputes them).
* **lines**: the GPC table with per-gas columns: one row per GPC reference number.
* **crf**: the Common Reporting Framework detail table as in the eCRF sheet (no city column, so an upload
  detects it as CRF, not as GPC lines) (sector, sub-sector, scope, emissions by gas in tCO2e,
  total CO2e, biogenic CO2, notation keys, explanation) that ``readers.crf`` reads back.

Everything comes from one engine result (``compute``), so the exports never disagree with the totals.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from localaction.core.catalog import gpc_refs
from localaction.core.catalog.gwp import gwp
from localaction.core.inventory.activity_template import COLUMNS as ACTIVITY_COLUMNS
from localaction.core.inventory.activity_template import PARAM_PREFIX
from localaction.core.inventory.model import GpcLineInput, InventoryResult, RecordResult

MAIN_GASES = ("CO2", "CH4", "N2O")
UNSPLIT = "CO2e"  # a factor given in CO2e (grid electricity): the amount is not split by gas
NOT_OTHER = (*MAIN_GASES, UNSPLIT)
SOURCE_SEPARATOR = " | "
ENTERED_PREFIX = "line-"  # record id of a value entered on a GPC line, written as a direct entry of CO2e
ENTERED_NOTE = "Entered on the GPC line as tCO2e."  # citations contain ';' themselves

RESULT_COLUMNS: dict[str, str] = {
    "factor_used_id": "Factor id(s) the engine used, one per gas, separated by ';'.",
    "factor_gas": "Gas of each factor used, in the same order.",
    "factor_value": "Value of each factor used, in the same order.",
    "factor_unit": "Unit of each factor used, in the same order.",
    "factor_source": "Citation of each factor used (the library's source, or the custom factor's), "
    "separated by ' | '.",
    "factor_data_quality": "Data quality the library gives each factor used.",
    "co2_t": "Fossil CO2 of the record, tonnes.",
    "ch4_t": "CH4 of the record, tonnes.",
    "n2o_t": "N2O of the record, tonnes.",
    "other_gases_t": "Other gases of the record, tonnes of each (gas=t; ...).",
    "other_gases_tco2e": "Other gases of the record in tCO2e.",
    "co2e_not_split_t": "tCO2e from factors given in CO2e only (e.g. grid electricity): not split by gas.",
    "co2e_t": "Emissions of the record, tCO2e (the inventory's GWP set).",
    "biogenic_co2_t": "Biogenic CO2 of the record, tonnes, reported apart (outside the totals).",
}

LINE_COLUMNS: dict[str, str] = {
    "gpc_ref": "GPC reference number",
    "sector": "Sector",
    "subsector": "Sub-sector",
    "scope": "Scope",
    "value_tco2e": "Emissions (tCO2e)",
    "co2_t": "CO2 (t)",
    "ch4_t": "CH4 (t)",
    "n2o_t": "N2O (t)",
    "other_gases_tco2e": "Other gases (tCO2e)",
    "co2e_not_split_t": "CO2e not split by gas (tCO2e)",
    "entered_tco2e": "Entered directly (tCO2e, gases not given)",
    "biogenic_co2_t": "Biogenic CO2 (t, outside totals)",
    "notation_keys": "Notation keys",
    "included_in": "Included in",
    "explanation": "Explanation",
    "quality_activity": "Data quality (activity)",
    "quality_factor": "Data quality (factor)",
    "in_basic": "In BASIC",
    "in_basic_plus": "In BASIC+",
    "in_territorial": "In territorial",
    "records": "Activity records",
    "source": "Source of the activity data",
    "factor_source": "Sources of the emission factors",
}

CRF_COLUMNS: tuple[str, ...] = (
    "Inventory year",
    "GPC ref. no.",
    "CRF - Sector",
    "CRF - Sub-sector",
    "Scope",
    "Notation key",
    "GHGs (metric tonnes CO2e) - CO2",
    "GHGs (metric tonnes CO2e) - CH4",
    "GHGs (metric tonnes CO2e) - N2O",
    "GHGs (metric tonnes CO2e) - Other gases",
    "GHGs (metric tonnes CO2e) - Total CO2e",
    "GHGs (metric tonnes CO2e) - Biogenic CO2",
    "Explanation",
)

SECTOR_NAMES = {
    "I": "Stationary energy",
    "II": "Transportation",
    "III": "Waste",
    "IV": "Industrial processes and product use",
    "V": "Agriculture, forestry and other land use",
    "VI": "Other scope 3",
}


@dataclass
class Gases:
    """Per-gas amounts of a record or line: tonnes of each gas and the CO2e of each."""

    tonnes: dict[str, float] = field(default_factory=dict)
    co2e: dict[str, float] = field(default_factory=dict)
    biogenic_co2_t: float = 0.0

    def add(self, res: RecordResult, gwp_set: str) -> None:
        for gas, t in res.gases_t.items():
            self.tonnes[gas] = self.tonnes.get(gas, 0.0) + t
            self.co2e[gas] = self.co2e.get(gas, 0.0) + t * gwp(gas, gwp_set, res.methane_origin)
        self.biogenic_co2_t += res.biogenic_co2_t

    def main(self, gas: str) -> float | None:
        return self.tonnes.get(gas)

    def other_tonnes(self) -> dict[str, float]:
        return {g: t for g, t in self.tonnes.items() if g not in NOT_OTHER}

    def other_co2e(self) -> float | None:
        other = [v for g, v in self.co2e.items() if g not in NOT_OTHER]
        return sum(other) if other else None

    def unsplit(self) -> float | None:
        return self.co2e.get(UNSPLIT)


def _notation_text(keys: tuple[str, ...] | list[str], included_in: str | None) -> str:
    text = "; ".join(keys)
    return f"{text} ({included_in})" if included_in and "IE" in keys else text


def header(result: InventoryResult) -> dict[str, Any]:
    """The activity file's header (``# key: value`` lines)."""
    inv = result.inventory
    return {
        "jurisdiction": inv.jurisdiction,
        "period": inv.period.label or f"{inv.period.start.isoformat()} to {inv.period.end.isoformat()}",
        "gwp_set": inv.gwp_set,
        "level": inv.level.value,
        "region": inv.region,
        "population": inv.population,
        "boundary": inv.boundary,
        "reporting_year": inv.reporting_year,
        "guidelines": inv.guidelines,
        "boundary_type": inv.boundary_type.value,
    }


def header_lines(result: InventoryResult) -> list[str]:
    return [f"# {k}: {v}" for k, v in header(result).items() if v not in (None, "")]


def record_columns(result: InventoryResult) -> list[str]:
    params = sorted({name for rec in result.inventory.records for name in rec.params})
    return [*ACTIVITY_COLUMNS, *(PARAM_PREFIX + p for p in params), *RESULT_COLUMNS]


def _joined(values: list[Any]) -> str:
    return "; ".join("" if v is None else str(v) for v in values)


def record_rows(result: InventoryResult) -> list[dict[str, Any]]:
    """One row per record, then one per notation-key line (``record_columns`` are the keys)."""
    inv = result.inventory
    by_id: dict[str, list[RecordResult]] = defaultdict(list)
    for res in result.records:
        by_id[res.record_id.split("#")[0]].append(res)
    rows: list[dict[str, Any]] = []
    for rec in inv.records:
        own = [r for r in by_id.get(rec.record_id, []) if r.record_id == rec.record_id]
        parts = by_id.get(rec.record_id, [])
        gases = Gases()
        for r in own:
            gases.add(r, inv.gwp_set)
        factors = [f for r in parts for f in r.factors]
        custom = rec.custom_factor
        row: dict[str, Any] = {
            "record_id": rec.record_id,
            "gpc_ref": rec.gpc_ref,
            "method": rec.method.value,
            "activity": rec.activity,
            "quantity": rec.quantity,
            "unit": rec.unit,
            "factor_id": rec.factor_id or "",
            "custom_factor_value": custom.value if custom else None,
            "custom_factor_unit": custom.unit if custom else "",
            "custom_factor_gas": custom.gas if custom else "",
            "custom_factor_justification": custom.justification if custom else "",
            "quality_activity": rec.quality_activity.value if rec.quality_activity else "",
            "quality_factor": rec.quality_factor.value if rec.quality_factor else "",
            "source": rec.source,
            "notes": rec.notes,
            **{PARAM_PREFIX + k: v for k, v in rec.params.items()},
            "factor_used_id": _joined([f.factor_id for f in factors]),
            "factor_gas": _joined([f.gas for f in factors]),
            "factor_value": _joined([f.value for f in factors]),
            "factor_unit": _joined([f.unit for f in factors]),
            "factor_source": SOURCE_SEPARATOR.join(f.source for f in factors),
            "factor_data_quality": _joined([f.data_quality for f in factors]),
            "co2_t": gases.main("CO2"),
            "ch4_t": gases.main("CH4"),
            "n2o_t": gases.main("N2O"),
            "other_gases_t": _joined([f"{g}={t}" for g, t in sorted(gases.other_tonnes().items())]),
            "other_gases_tco2e": gases.other_co2e(),
            "co2e_not_split_t": gases.unsplit(),
            "co2e_t": sum(r.co2e_t for r in own) if own else None,
            "biogenic_co2_t": gases.biogenic_co2_t if own else None,
        }
        rows.append(row)
    for line in inv.lines:
        if line.value_tco2e is not None:
            # A value entered on the line as tCO2e: a direct entry of CO2e, so the file keeps every number.
            rows.append(
                {
                    "record_id": f"{ENTERED_PREFIX}{line.gpc_ref}",
                    "gpc_ref": line.gpc_ref,
                    "method": "direct_entry",
                    "activity": UNSPLIT,
                    "quantity": line.value_tco2e,
                    "unit": "t",
                    "quality_activity": line.quality_activity.value if line.quality_activity else "",
                    "quality_factor": line.quality_factor.value if line.quality_factor else "",
                    "source": line.source,
                    "notes": " ".join(filter(None, [ENTERED_NOTE, line.explanation])),
                    "co2e_not_split_t": line.value_tco2e,
                    "co2e_t": line.value_tco2e,
                }
            )
        elif line.notation_keys:
            rows.append(
                {
                    "gpc_ref": line.gpc_ref,
                    "notation_key": _notation_text([k.value for k in line.notation_keys], line.included_in),
                    "explanation": line.explanation,
                    "source": line.source,
                }
            )
    return rows


@dataclass
class LineGases:
    """A GPC line's value with its gases: what the records give, plus what was entered as tCO2e only."""

    gases: Gases
    entered: GpcLineInput | None
    factor_sources: list[str]
    sources: list[str]


def line_gases(result: InventoryResult) -> dict[str, LineGases]:
    inv = result.inventory
    entered = {ln.gpc_ref: ln for ln in inv.lines}
    source_of = {rec.record_id: rec.source for rec in inv.records}
    out: dict[str, LineGases] = {}
    for line in result.lines:
        out[line.gpc_ref] = LineGases(Gases(), entered.get(line.gpc_ref), [], [])
    for res in result.records:
        lg = out.setdefault(res.gpc_ref, LineGases(Gases(), None, [], []))
        lg.gases.add(res, inv.gwp_set)
        for f in res.factors:
            if f.source and f.source not in lg.factor_sources:
                lg.factor_sources.append(f.source)
        src = source_of.get(res.record_id.split("#")[0], "")
        if src and src not in lg.sources:
            lg.sources.append(src)
    return out


def line_rows(result: InventoryResult) -> list[dict[str, Any]]:
    """The GPC table with per-gas columns, every reference number in GPC order (``LINE_COLUMNS`` keys)."""
    refs = gpc_refs()
    gases = line_gases(result)
    rows = []
    for line in result.lines:
        meta = refs[line.gpc_ref]
        lg = gases[line.gpc_ref]
        g = lg.gases
        entered = lg.entered.value_tco2e if lg.entered else None
        rows.append(
            {
                "gpc_ref": line.gpc_ref,
                "sector": SECTOR_NAMES.get(meta.sector_code, meta.sector_code),
                "subsector": meta.subsector,
                "scope": meta.scope,
                "value_tco2e": line.value_tco2e,
                "co2_t": g.main("CO2"),
                "ch4_t": g.main("CH4"),
                "n2o_t": g.main("N2O"),
                "other_gases_tco2e": g.other_co2e(),
                "co2e_not_split_t": g.unsplit(),
                "entered_tco2e": entered,
                "biogenic_co2_t": line.biogenic_co2_t or None,
                "notation_keys": _notation_text([k.value for k in line.notation_keys], None),
                "included_in": line.included_in or "",
                "explanation": line.explanation,
                "quality_activity": line.quality_activity.value if line.quality_activity else "",
                "quality_factor": line.quality_factor.value if line.quality_factor else "",
                "in_basic": meta.in_basic,
                "in_basic_plus": meta.in_basic_plus,
                "in_territorial": meta.in_territorial,
                "records": "; ".join(line.record_ids),
                "source": line.source or "; ".join(lg.sources),
                "factor_source": SOURCE_SEPARATOR.join(lg.factor_sources),
            }
        )
    return rows


def crf_rows(result: InventoryResult) -> list[dict[str, Any]]:
    """The CRF detail table: one row per GPC line with a value or a notation key."""
    inv = result.inventory
    refs = gpc_refs()
    gases = line_gases(result)
    rows = []
    for line in result.lines:
        if line.value_tco2e is None and not line.notation_keys:
            continue
        meta = refs[line.gpc_ref]
        g = gases[line.gpc_ref].gases
        known = g.co2e if g.co2e else {}
        other = sum(v for k, v in known.items() if k not in NOT_OTHER)
        entered = gases[line.gpc_ref].entered
        # CO2e entered without its gases goes to the total only (the per-gas cells stay empty)
        rows.append(
            {
                "Inventory year": inv.period.year,
                "GPC ref. no.": line.gpc_ref,
                "CRF - Sector": SECTOR_NAMES.get(meta.sector_code, meta.sector_code),
                "CRF - Sub-sector": meta.subsector,
                "Scope": meta.scope,
                "Notation key": _notation_text([k.value for k in line.notation_keys], line.included_in),
                "GHGs (metric tonnes CO2e) - CO2": known.get("CO2"),
                "GHGs (metric tonnes CO2e) - CH4": known.get("CH4"),
                "GHGs (metric tonnes CO2e) - N2O": known.get("N2O"),
                "GHGs (metric tonnes CO2e) - Other gases": other if other else None,
                "GHGs (metric tonnes CO2e) - Total CO2e": line.value_tco2e,
                "GHGs (metric tonnes CO2e) - Biogenic CO2": line.biogenic_co2_t or None,
                "Explanation": line.explanation or (entered.explanation if entered is not None else ""),
            }
        )
    return rows
