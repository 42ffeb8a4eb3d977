"""The columnar layout of the facts: Arrow schemas (also the Parquet export's files) and converters.

The aggregates and rankings work on these columns, so 10,000 jurisdictions cost a few numpy passes, not a
Python loop per row. ``tables_from_facts`` fills them from the pydantic facts; a registry query or a
Parquet export (``read_parquet``) fills them directly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from localaction.core.errors import Detail, InputError
from localaction.core.insights.model import (
    ActionFact,
    HazardFact,
    IndicatorFact,
    InventoryFact,
    JurisdictionFacts,
    TargetFact,
)

I64 = npt.NDArray[np.int64]
F64 = npt.NDArray[np.float64]

_S = pa.string()
_LS = pa.list_(pa.string())

JURISDICTIONS = pa.schema(
    [
        ("id", _S),
        ("name", _S),
        ("kind", _S),
        ("country", _S),
        ("region", _S),
        ("climate_zone", _S),
        ("income_group", _S),
        ("parent_id", _S),  # null = no parent
    ]
)
JURISDICTION_YEARS = pa.schema(
    [("jurisdiction_id", _S), ("year", pa.int32()), ("population", pa.float64()), ("gdp_musd", pa.float64())]
)
INVENTORIES = pa.schema(
    [
        ("jurisdiction_id", _S),
        ("year", pa.int32()),
        ("level", _S),
        ("boundary", _S),
        ("gwp_set", _S),
        ("basic_tco2e", pa.float64()),
        ("basic_plus_tco2e", pa.float64()),
        ("territorial_tco2e", pa.float64()),
        ("population", pa.float64()),
        ("verification", _S),
    ]
)
INVENTORY_SECTORS = pa.schema(
    [("jurisdiction_id", _S), ("year", pa.int32()), ("sector", _S), ("tco2e", pa.float64())]
)
TARGETS = pa.schema(
    [
        ("jurisdiction_id", _S),
        ("target_id", _S),
        ("kind", _S),
        ("base_year", pa.int32()),
        ("base_emissions_tco2e", pa.float64()),
        ("target_year", pa.int32()),
        ("reduction_pct", pa.float64()),
        ("target_emissions_tco2e", pa.float64()),
        ("year_introduced", pa.int32()),
        ("aligned_1_5c", pa.bool_()),
    ]
)
ACTIONS = pa.schema(
    [
        ("jurisdiction_id", _S),
        ("action_id", _S),
        ("agenda", _S),
        ("gpc_sectors", _LS),
        ("action_type", _S),
        ("status", _S),
        ("start_year", pa.int32()),
        ("cost", pa.float64()),
        ("currency", _S),
        ("funding_source", _S),
        ("reduction_tco2e_per_yr", pa.float64()),
        ("co_benefits", _LS),
    ]
)
HAZARDS = pa.schema(
    [
        ("jurisdiction_id", _S),
        ("year", pa.int32()),
        ("hazard_type", _S),
        ("hazard_subtype", _S),
        ("probability", _S),
        ("magnitude", _S),
    ]
)
INDICATORS = pa.schema(
    [
        ("jurisdiction_id", _S),
        ("framework", _S),
        ("indicator", _S),
        ("year", pa.int32()),
        ("value", pa.float64()),
        ("unit", _S),
        ("higher_is_better", pa.bool_()),
        ("theme", _S),
        ("verification", _S),
    ]
)


@dataclass
class RegistryTables:
    """The published registry as columns; one Parquet file per field in an export."""

    jurisdictions: pa.Table
    jurisdiction_years: pa.Table
    inventories: pa.Table
    inventory_sectors: pa.Table
    targets: pa.Table
    actions: pa.Table
    hazards: pa.Table
    indicators: pa.Table


SCHEMAS: dict[str, pa.Schema] = {
    "jurisdictions": JURISDICTIONS,
    "jurisdiction_years": JURISDICTION_YEARS,
    "inventories": INVENTORIES,
    "inventory_sectors": INVENTORY_SECTORS,
    "targets": TARGETS,
    "actions": ACTIONS,
    "hazards": HAZARDS,
    "indicators": INDICATORS,
}


def _table(rows: list[dict[str, Any]], schema: pa.Schema) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=schema)


def tables_from_facts(
    jurisdictions: Sequence[JurisdictionFacts],
    inventories: Sequence[InventoryFact] = (),
    targets: Sequence[TargetFact] = (),
    actions: Sequence[ActionFact] = (),
    hazards: Sequence[HazardFact] = (),
    indicators: Sequence[IndicatorFact] = (),
) -> RegistryTables:
    jur_rows = [
        {k: getattr(j, k) for k in JURISDICTIONS.names if k != "parent_id"} | {"parent_id": j.parent_id}
        for j in jurisdictions
    ]
    year_rows = [
        {"jurisdiction_id": j.id, "year": y, "population": j.population.get(y), "gdp_musd": j.gdp_musd.get(y)}
        for j in jurisdictions
        for y in sorted(set(j.population) | set(j.gdp_musd))
    ]
    inv_rows = [
        {k: getattr(i, k) for k in INVENTORIES.names if k not in ("level", "verification")}
        | {"level": i.level.value, "verification": i.verification.value}
        for i in inventories
    ]
    sector_rows = [
        {"jurisdiction_id": i.jurisdiction_id, "year": i.year, "sector": s, "tco2e": v}
        for i in inventories
        for s, v in sorted(i.by_sector_tco2e.items())
    ]
    target_rows = [{k: getattr(t, k) for k in TARGETS.names} for t in targets]
    action_rows = [
        {k: getattr(a, k) for k in ACTIONS.names}
        | {"gpc_sectors": list(a.gpc_sectors), "co_benefits": list(a.co_benefits)}
        for a in actions
    ]
    hazard_rows = [{k: getattr(h, k) for k in HAZARDS.names} for h in hazards]
    ind_rows = [
        {k: getattr(x, k) for k in INDICATORS.names if k != "verification"}
        | {"verification": x.verification.value}
        for x in indicators
    ]
    return RegistryTables(
        jurisdictions=_table(jur_rows, JURISDICTIONS),
        jurisdiction_years=_table(year_rows, JURISDICTION_YEARS),
        inventories=_table(inv_rows, INVENTORIES),
        inventory_sectors=_table(sector_rows, INVENTORY_SECTORS),
        targets=_table(target_rows, TARGETS),
        actions=_table(action_rows, ACTIONS),
        hazards=_table(hazard_rows, HAZARDS),
        indicators=_table(ind_rows, INDICATORS),
    )


def write_parquet(tables: RegistryTables, directory: str | Path) -> dict[str, Path]:
    """One ``<name>.parquet`` per table; returns the paths by table name."""
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Path] = {}
    for f in fields(tables):
        path = out / f"{f.name}.parquet"
        pq.write_table(getattr(tables, f.name), path)
        paths[f.name] = path
    return paths


def read_parquet(directory: str | Path) -> RegistryTables:
    """Read an export back; a missing file is an empty table, a missing column is an error."""
    base = Path(directory)
    loaded: dict[str, pa.Table] = {}
    problems: list[Detail] = []
    for name, schema in SCHEMAS.items():
        path = base / f"{name}.parquet"
        if not path.is_file():
            loaded[name] = schema.empty_table()
            continue
        table = pq.read_table(path)
        missing = [c for c in schema.names if c not in table.column_names]
        if missing:
            problems.append(Detail((path.name,), f"missing columns: {', '.join(missing)}"))
            continue
        loaded[name] = table.select(schema.names).cast(schema)
    if problems:
        raise InputError("The export does not match the insights layout.", "insights_layout", problems)
    return RegistryTables(**loaded)


def strings(table: pa.Table, column: str) -> list[str]:
    return ["" if v is None else str(v) for v in table.column(column).to_pylist()]


def floats(table: pa.Table, column: str) -> F64:
    """A float column as numpy, nulls as NaN."""
    col = table.column(column)
    return np.asarray(col.to_numpy(zero_copy_only=False), dtype=np.float64)


def ints(table: pa.Table, column: str, missing: int = -1) -> I64:
    col = pc.fill_null(table.column(column), missing)
    return np.asarray(col.to_numpy(zero_copy_only=False), dtype=np.int64)


def codes(table: pa.Table, column: str) -> tuple[I64, list[str]]:
    """Integer codes per row and their labels (nulls as "")."""
    col = pc.fill_null(table.column(column), "")
    enc = pc.dictionary_encode(col).combine_chunks()
    labels = [str(x) for x in enc.dictionary.to_pylist()]
    return np.asarray(enc.indices.to_numpy(zero_copy_only=False), dtype=np.int64), labels


def index_of(ids: pa.Table, id_column: str, refs: pa.Table, ref_column: str, what: str) -> I64:
    """Row of ``ids`` each ``refs`` row points to; an unknown id is an error that names it."""
    idx = pc.index_in(refs.column(ref_column), value_set=ids.column(id_column).combine_chunks())
    out = np.asarray(pc.fill_null(idx, -1).to_numpy(zero_copy_only=False), dtype=np.int64)
    bad = np.flatnonzero(out < 0)
    if len(bad):
        names = refs.column(ref_column).take(pa.array(bad[:20])).to_pylist()
        raise InputError(
            f"{len(bad)} {what} row(s) name a jurisdiction that is not in the jurisdictions table.",
            "insights_unknown_jurisdiction",
            [
                Detail((what, f"row {int(r)}"), f"unknown jurisdiction {n!r}")
                for r, n in zip(bad, names, strict=False)
            ],
        )
    return out
