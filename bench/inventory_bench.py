"""Benchmark: the inventory engine's batch path against a DuckDB SQL reference, in the same run.

    .venv/bin/python bench/inventory_bench.py [--cities 10000] [--records 100] [--seed 1]

Generates N synthetic activity-based inventories (seeded), computes every inventory's GPC lines and totals
through ``localaction.core.inventory.batch.compute_batch`` (factor resolution included), then computes the same
totals in DuckDB (records joined on the same text columns to a pre-resolved factor table, multiplied, grouped
by inventory and GPC line, then summed into totals) and checks that both agree. Each side runs --repeat times; the best time counts. Both sides get the records
as Arrow dictionary columns, the columnar form a registry export or Parquet file has. Prints records/s for both, the ratio, and the
process's peak memory.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa

from localaction.core.catalog.gpc import gpc_refs
from localaction.core.inventory.batch import TOTAL_NAMES, InventoryColumns, RecordColumns, compute_batch

# Record kinds: (GPC ref, method, activity, unit, params JSON)
KINDS: list[tuple[str, str, str, str, str]] = [
    ("I.1.1", "fuel_combustion", "natural_gas", "GJ", ""),
    ("I.1.1", "fuel_combustion", "natural_gas", "therm", '{"calorific_basis": "gross"}'),
    ("I.1.1", "fuel_combustion", "lpg", "t", ""),
    ("I.1.1", "fuel_combustion", "wood", "t", ""),
    ("I.2.1", "fuel_combustion", "diesel", "litre", ""),
    ("I.2.1", "fuel_combustion", "natural_gas", "MWh", ""),
    ("I.3.1", "fuel_combustion", "other_bituminous_coal", "t", ""),
    ("I.3.1", "fuel_combustion", "residual_fuel_oil", "t", ""),
    ("I.5.1", "fuel_combustion", "diesel", "gallon", ""),
    ("I.1.2", "grid_energy", "", "kWh", ""),
    ("I.2.2", "grid_energy", "", "MWh", ""),
    ("I.3.2", "grid_energy", "", "MWh", ""),
    ("II.1.1", "transport_fuel", "motor_gasoline", "litre", ""),
    ("II.1.1", "transport_fuel", "diesel", "litre", ""),
    ("II.2.1", "transport_fuel", "diesel", "t", ""),
    ("II.1.2", "grid_energy", "", "kWh", ""),
    ("III.2.1", "biological_treatment", "composting", "t", ""),
    ("III.4.1", "wastewater", "centralised_aerobic", "kg", ""),
    ("IV.1", "direct_entry", "SF6", "kg", ""),
    ("V.1", "direct_entry", "CH4", "t", '{"methane_origin": "non-fossil"}'),
]
REGIONS = ["DE", "FR", "GB", "US-CA", "BR", "IN", "ZA", "JP"]
YEARS = [2021, 2022, 2023]
SETS = ["AR5", "AR6"]


STRING_COLUMNS = ("gpc_ref", "method", "activity", "unit", "params")


def _dictionary_column(kind: np.ndarray, col: int) -> pa.DictionaryArray:
    """The column as Arrow stores categorical text: small dictionary + one int32 index per record."""
    labels = sorted({k[col] for k in KINDS})
    index_of_kind = np.array([labels.index(k[col]) for k in KINDS], dtype=np.int32)
    return pa.DictionaryArray.from_arrays(pa.array(index_of_kind[kind]), pa.array(labels))


def generate(cities: int, per_city: int, seed: int) -> tuple[RecordColumns, InventoryColumns]:
    rng = np.random.default_rng(seed)
    n = cities * per_city
    kind = rng.integers(0, len(KINDS), n)
    inv = np.repeat(np.arange(cities, dtype=np.int64), per_city)
    quantity = rng.lognormal(mean=6.0, sigma=1.5, size=n)
    cols = {name: _dictionary_column(kind, i) for i, name in enumerate(STRING_COLUMNS)}
    records = RecordColumns(inventory=inv, quantity=quantity, **cols)
    meta = InventoryColumns(
        gwp_set=list(np.array(SETS, dtype=object)[rng.integers(0, len(SETS), cities)]),
        region=list(np.array(REGIONS, dtype=object)[rng.integers(0, len(REGIONS), cities)]),
        year=[int(y) for y in np.array(YEARS)[rng.integers(0, len(YEARS), cities)]],
    )
    return records, meta


def factor_table() -> pa.Table:
    """The reference's factor table: tCO2e per unit (slope) and per record (intercept) for each kind, region,
    year, GWP set and output line. Resolved with the engine before the timed part: the reference only joins,
    multiplies and sums. One inventory holds each combination at quantity 1, the next at quantity 0."""
    combos = [(k, r, y, s) for k in range(len(KINDS)) for r in REGIONS for y in YEARS for s in SETS]
    n = len(combos)
    kinds = [KINDS[c[0]] for c in combos for _ in (0, 1)]
    res = compute_batch(
        RecordColumns(
            inventory=np.arange(2 * n, dtype=np.int64),
            gpc_ref=[k[0] for k in kinds],
            method=[k[1] for k in kinds],
            activity=[k[2] for k in kinds],
            quantity=np.tile([1.0, 0.0], n),
            unit=[k[3] for k in kinds],
            params=[k[4] for k in kinds],
        ),
        InventoryColumns(
            gwp_set=[c[3] for c in combos for _ in (0, 1)],
            region=[c[1] for c in combos for _ in (0, 1)],
            year=[c[2] for c in combos for _ in (0, 1)],
        ),
    )
    refs = list(gpc_refs())
    rows: dict[str, list[Any]] = {
        name: [] for name in (*STRING_COLUMNS, "region", "year", "gwp_set", "ref", "slope", "icpt")
    }
    for i, (k, region, year, s) in enumerate(combos):
        for j in np.flatnonzero(res.has_value[2 * i]):
            icpt = float(res.lines[2 * i + 1, j])
            for c, name in enumerate(STRING_COLUMNS):
                rows[name].append(KINDS[k][c])
            for key, value in (
                ("region", region),
                ("year", year),
                ("gwp_set", s),
                ("ref", refs[j]),
                ("slope", float(res.lines[2 * i, j]) - icpt),
                ("icpt", icpt),
            ):
                rows[key].append(value)
    return pa.table(rows)


def run_duckdb(records: RecordColumns, meta: InventoryColumns, factors: pa.Table) -> dict[str, np.ndarray]:
    con = duckdb.connect()
    rec = pa.table(
        {
            "inv": records.inventory,
            "quantity": records.quantity,
            **{name: getattr(records, name) for name in STRING_COLUMNS},
        }
    )
    invs = pa.table(
        {
            "inv": np.arange(len(meta.gwp_set)),
            "region": meta.region,
            "year": meta.year,
            "gwp_set": meta.gwp_set,
        }
    )
    meta_refs = gpc_refs()
    flags = pa.table(
        {
            "ref": list(meta_refs),
            **{name: [float(getattr(r, f"in_{name}")) for r in meta_refs.values()] for name in TOTAL_NAMES},
        }
    )
    con.register("rec", rec)
    con.register("invs", invs)
    con.register("factors", factors)
    con.register("flags", flags)
    sums = ", ".join(f"SUM(l.v * g.{n}) AS {n}" for n in TOTAL_NAMES)
    out = con.sql(f"""
        WITH lines AS (
            SELECT r.inv, f.ref, SUM(r.quantity * f.slope + f.icpt) AS v
            FROM rec r JOIN invs i USING (inv)
            JOIN factors f ON f.gpc_ref = r.gpc_ref AND f.method = r.method AND f.activity = r.activity
                AND f.unit = r.unit AND f.params = r.params AND f.region = i.region AND f.year = i.year AND f.gwp_set = i.gwp_set
            GROUP BY r.inv, f.ref
        )
        SELECT l.inv, {sums} FROM lines l JOIN flags g USING (ref) GROUP BY l.inv ORDER BY l.inv
    """).to_arrow_table()
    return {n: out.column(n).to_numpy() for n in TOTAL_NAMES}


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--cities", type=int, default=10_000)
    p.add_argument("--records", type=int, default=100, help="records per city")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--repeat", type=int, default=3, help="timed runs of each side; the best is reported")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    a = p.parse_args(argv)

    records, meta = generate(a.cities, a.records, a.seed)
    n = len(records.quantity)
    compute_batch(  # warm the factor library and pint's caches outside the timing, for both sides alike
        RecordColumns(
            inventory=np.zeros(1, dtype=np.int64),
            gpc_ref=["I.1.1"],
            method=["fuel_combustion"],
            activity=["diesel"],
            quantity=np.ones(1),
            unit=["GJ"],
        ),
        InventoryColumns(gwp_set=["AR5"], region=["DE"], year=[2022]),
    )
    rss_before = peak_rss_mb()
    t_ours = float("inf")
    for _ in range(a.repeat):
        t0 = time.perf_counter()
        ours = compute_batch(records, meta)
        t_ours = min(t_ours, time.perf_counter() - t0)
    rss_ours = peak_rss_mb()

    factors = factor_table()
    t_duck = float("inf")
    for _ in range(a.repeat):
        t0 = time.perf_counter()
        ref = run_duckdb(records, meta, factors)
        t_duck = min(t_duck, time.perf_counter() - t0)

    worst = max(
        float(np.max(np.abs(ours.totals[k] - ref[k]) / np.maximum(np.abs(ref[k]), 1.0))) for k in TOTAL_NAMES
    )
    figures = {
        "records": n,
        "inventories": a.cities,
        "recipes": ours.n_recipes,
        "localaction_s": round(t_ours, 3),
        "localaction_records_per_s": round(n / t_ours),
        "duckdb_s": round(t_duck, 3),
        "duckdb_records_per_s": round(n / t_duck),
        "ratio_localaction_time_over_duckdb": round(t_ours / t_duck, 2),
        "peak_rss_mb_before": round(rss_before),
        "peak_rss_mb_after_localaction": round(rss_ours),
        "peak_rss_mb_process": round(peak_rss_mb()),
        "max_relative_difference": worst,
    }
    if a.json:
        print(json.dumps(figures))
    else:
        for k, v in figures.items():
            print(f"{k:40s} {v}")
    if worst > 1e-9:
        print("the two computations disagree", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
