"""Benchmark: the inventory engine's batch path against a DuckDB SQL reference, in the same run.

    .venv/bin/python bench/inventory_bench.py [--cities 10000] [--records 100] [--seed 1]
        [--distinct N] [--per-inventory-region]

Generates N synthetic activity-based inventories (seeded), computes every inventory's GPC lines and totals
through ``localaction.core.inventory.batch.compute_batch`` (factor resolution included), then computes the same
totals in DuckDB (records joined on the same text columns to a pre-resolved factor table, multiplied, grouped
by inventory and GPC line, then summed into totals) and checks that both agree.

Real-world variety: ``--distinct N`` gives the cities N distinct parameter sets (city i uses set i mod N, shuffled):
each set has its own fuel densities (param:density_kg_per_l), T&D loss share, composting CH4/N2O factors and
wastewater Bo/MCF, so the records carry about 7 x N distinct parameter texts. ``--per-inventory-region`` gives
every inventory its own grid zone (any of the library's zones) and year (1995-2024). The reference's factor table
is resolved (with the engine, before the timing) for exactly the (record kind, parameters, region, year, GWP set)
combinations present, so both sides get the same resolved inputs. Each side runs --repeat times; the best time counts. Both sides get the records
as Arrow dictionary columns, the columnar form a registry export or Parquet file has. Prints records/s for both, the ratio, and the
process's peak memory.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from dataclasses import dataclass
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
YEAR_SPAN = (1995, 2024)  # --per-inventory-region: each inventory's year
# --distinct: the numeric parameters each parameter set gives a record kind (index into KINDS), with their range.
VARIED: dict[int, dict[str, tuple[float, float]]] = {
    4: {"density_kg_per_l": (0.82, 0.86)},  # diesel in litres
    9: {"td_loss_share": (0.03, 0.10)},  # grid kWh: the city's own T&D losses
    12: {"density_kg_per_l": (0.72, 0.77)},  # gasoline in litres
    13: {"density_kg_per_l": (0.82, 0.86)},
    16: {"ef_ch4_g_per_kg": (1.0, 10.0), "ef_n2o_g_per_kg": (0.06, 0.6)},  # the city's own composting factors
    17: {"Bo": (0.5, 0.6), "MCF": (0.0, 0.3)},  # wastewater
}


STRING_COLUMNS = ("gpc_ref", "method", "activity", "unit", "params")


def _dictionary_column(kind: np.ndarray, col: int) -> pa.DictionaryArray:
    """The column as Arrow stores categorical text: small dictionary + one int32 index per record."""
    labels = sorted({k[col] for k in KINDS})
    index_of_kind = np.array([labels.index(k[col]) for k in KINDS], dtype=np.int32)
    return pa.DictionaryArray.from_arrays(pa.array(index_of_kind[kind]), pa.array(labels))


def params_text(kind: int, pset: int, distinct: int) -> str:
    """The params JSON of a record kind under parameter set ``pset`` (-1: the kind's own, unvaried)."""
    base = KINDS[kind][4]
    if pset < 0 or kind not in VARIED:
        return base
    params: dict[str, Any] = json.loads(base) if base else {}
    for j, (name, (lo, hi)) in enumerate(sorted(VARIED[kind].items())):
        u = ((pset + 0.5) / distinct + 0.381966 * j) % 1.0  # distinct per set, not in step across parameters
        params[name] = round(lo + (hi - lo) * u, 9)
    return json.dumps(params, sort_keys=True)


def grid_zones() -> list[str]:
    from localaction.core.catalog.factors import factor_library

    lib = factor_library()
    return sorted(
        {f.region for f in lib if f.category == "grid_electricity" and f.parameter == "emission_factor"}
    )


@dataclass
class Generated:
    records: RecordColumns
    meta: InventoryColumns
    variant: np.ndarray  # per record: index into variants (record kind x parameter set)
    variants: list[tuple[int, str]]  # (kind, params JSON)


def generate(
    cities: int, per_city: int, seed: int, distinct: int = 0, per_inventory_region: bool = False
) -> Generated:
    rng = np.random.default_rng(seed)
    n = cities * per_city
    kind = rng.integers(0, len(KINDS), n)
    inv = np.repeat(np.arange(cities, dtype=np.int64), per_city)
    quantity = rng.lognormal(mean=6.0, sigma=1.5, size=n)
    if distinct > cities:
        raise SystemExit("--distinct must not exceed --cities (the sets are per city)")
    pset = (rng.permutation(cities) % distinct)[inv] if distinct else np.full(n, -1)
    varied = np.isin(kind, list(VARIED))
    code = kind * (distinct + 1) + np.where(varied, pset + 1, 0)
    uniq, variant = np.unique(code, return_inverse=True)
    variants = [(int(c) // (distinct + 1), int(c) % (distinct + 1) - 1) for c in uniq]
    labels = [(k, params_text(k, p, distinct)) for k, p in variants]
    cols: dict[str, Any] = {name: _dictionary_column(kind, i) for i, name in enumerate(STRING_COLUMNS[:4])}
    cols["params"] = pa.DictionaryArray.from_arrays(
        pa.array(variant.astype(np.int32)), pa.array([t for _, t in labels])
    )
    records = RecordColumns(inventory=inv, quantity=quantity, **cols)
    if per_inventory_region:
        zones = np.array(grid_zones(), dtype=object)
        regions = list(zones[rng.integers(0, len(zones), cities)])
        years = [int(y) for y in rng.integers(YEAR_SPAN[0], YEAR_SPAN[1] + 1, cities)]
    else:
        regions = list(np.array(REGIONS, dtype=object)[rng.integers(0, len(REGIONS), cities)])
        years = [int(y) for y in np.array(YEARS)[rng.integers(0, len(YEARS), cities)]]
    meta = InventoryColumns(
        gwp_set=list(np.array(SETS, dtype=object)[rng.integers(0, len(SETS), cities)]),
        region=regions,
        year=years,
    )
    return Generated(records, meta, variant.astype(np.int64), labels)


def factor_table(gen: Generated, chunk: int = 20_000) -> pa.Table:
    """The reference's factor table: tCO2e per unit (slope) and per record (intercept) for each (record kind and
    parameters, region, year, GWP set) present and output line. Resolved with the engine before the timed part:
    the reference only joins, multiplies and sums. One inventory holds each combination at quantity 1, the next
    at quantity 0."""
    meta = gen.meta
    _, region_code = np.unique(np.array(meta.region, dtype=object).astype(str), return_inverse=True)
    _, set_code = np.unique(np.array(meta.gwp_set, dtype=object).astype(str), return_inverse=True)
    years = np.asarray(meta.year, dtype=np.int64)
    inv = gen.records.inventory
    ctx = (region_code.astype(np.int64) * 10_000 + years) * (int(set_code.max()) + 1) + set_code
    key = gen.variant * (int(ctx.max()) + 1) + ctx[inv]
    _, first = np.unique(key, return_index=True)
    combos = [
        (int(gen.variant[r]), str(meta.region[inv[r]]), int(meta.year[inv[r]]), str(meta.gwp_set[inv[r]]))
        for r in first
    ]
    refs = list(gpc_refs())
    rows: dict[str, list[Any]] = {
        name: [] for name in (*STRING_COLUMNS, "region", "year", "gwp_set", "ref", "slope", "icpt")
    }
    for start in range(0, len(combos), chunk):
        part = combos[start : start + chunk]
        kinds = [(KINDS[gen.variants[c[0]][0]], gen.variants[c[0]][1]) for c in part for _ in (0, 1)]
        res = compute_batch(
            RecordColumns(
                inventory=np.arange(2 * len(part), dtype=np.int64),
                gpc_ref=[k[0] for k, _ in kinds],
                method=[k[1] for k, _ in kinds],
                activity=[k[2] for k, _ in kinds],
                quantity=np.tile([1.0, 0.0], len(part)),
                unit=[k[3] for k, _ in kinds],
                params=[p for _, p in kinds],
            ),
            InventoryColumns(
                gwp_set=[c[3] for c in part for _ in (0, 1)],
                region=[c[1] for c in part for _ in (0, 1)],
                year=[c[2] for c in part for _ in (0, 1)],
            ),
        )
        for i, (v, region, year, s) in enumerate(part):
            k, params = gen.variants[v]
            for j in np.flatnonzero(res.has_value[2 * i]):
                icpt = float(res.lines[2 * i + 1, j])
                for c, name in enumerate(STRING_COLUMNS[:4]):
                    rows[name].append(KINDS[k][c])
                for key_, value in (
                    ("params", params),
                    ("region", region),
                    ("year", year),
                    ("gwp_set", s),
                    ("ref", refs[j]),
                    ("slope", float(res.lines[2 * i, j]) - icpt),
                    ("icpt", icpt),
                ):
                    rows[key_].append(value)
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
        WITH placed AS MATERIALIZED (  -- records with their inventory's context first: left to itself the planner
            -- joins the factors to the inventories first, millions of rows when the factor table is large
            SELECT r.*, i.region, i.year, i.gwp_set FROM rec r JOIN invs i USING (inv)
        ), lines AS (
            SELECT r.inv, f.ref, SUM(r.quantity * f.slope + f.icpt) AS v
            FROM placed r
            JOIN factors f ON f.gpc_ref = r.gpc_ref AND f.method = r.method AND f.activity = r.activity
                AND f.unit = r.unit AND f.params = r.params AND f.region = r.region AND f.year = r.year AND f.gwp_set = r.gwp_set
            GROUP BY r.inv, f.ref
        )
        SELECT l.inv, {sums} FROM lines l JOIN flags g USING (ref) GROUP BY l.inv ORDER BY l.inv
    """).to_arrow_table()
    return {n: out.column(n).to_numpy() for n in TOTAL_NAMES}


def scalar_difference(gen: Generated, ours: Any, sample: int, seed: int) -> float:
    """Max relative difference of ``sample`` random inventories' totals and lines: batch vs the scalar engine
    (``localaction.core.inventory.compute``, record by record, with its trail)."""
    import datetime as dt

    from localaction.core.inventory import ActivityRecord, Inventory, Method, Period, compute

    rng = np.random.default_rng(seed + 1)
    rec, meta = gen.records, gen.meta
    cols = {name: getattr(rec, name) for name in STRING_COLUMNS}
    decoded = {
        name: (col.dictionary.to_pylist(), col.indices.to_numpy(zero_copy_only=False))
        for name, col in cols.items()
    }
    worst = 0.0
    for i in rng.choice(len(meta.gwp_set), size=min(sample, len(meta.gwp_set)), replace=False):
        rows = np.flatnonzero(rec.inventory == i)
        records = []
        for r in rows:
            v = {name: labels[idx[r]] for name, (labels, idx) in decoded.items()}
            records.append(
                ActivityRecord(
                    record_id=f"r{r}", gpc_ref=v["gpc_ref"], method=Method(v["method"]), activity=v["activity"],
                    quantity=float(rec.quantity[r]), unit=v["unit"], params=json.loads(v["params"] or "{}"),
                )
            )  # fmt: skip
        year = int(meta.year[i])
        inv = Inventory(
            jurisdiction=f"c{i}",
            period=Period(start=dt.date(year, 1, 1), end=dt.date(year, 12, 31), year=year),
            gwp_set=str(meta.gwp_set[i]),
            region=str(meta.region[i]),
            records=records,
        )
        scalar = compute(inv, checks=False)
        pairs = [
            (ours.totals[n][i], getattr(scalar.totals, n)) for n in ("basic", "basic_plus", "territorial")
        ]
        by_ref = {ln.gpc_ref: ln.value_tco2e or 0.0 for ln in scalar.lines}
        pairs += [(ours.lines[i, j], by_ref[ref]) for j, ref in enumerate(ours.refs)]
        worst = max(worst, *(abs(a - b) / max(abs(b), 1.0) for a, b in pairs))
    return worst


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--cities", type=int, default=10_000)
    p.add_argument("--records", type=int, default=100, help="records per city")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--repeat", type=int, default=3, help="timed runs of each side; the best is reported")
    p.add_argument(
        "--distinct", type=int, default=0, help="distinct parameter sets over the cities (0: none)"
    )
    p.add_argument(
        "--per-inventory-region",
        action="store_true",
        help="every inventory its own grid zone (the library's) and year (1995-2024)",
    )
    p.add_argument(
        "--check-scalar",
        type=int,
        default=20,
        help="inventories also computed by the scalar engine (record by record) and compared",
    )
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    a = p.parse_args(argv)

    gen = generate(a.cities, a.records, a.seed, a.distinct, a.per_inventory_region)
    records, meta = gen.records, gen.meta
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

    t0 = time.perf_counter()
    factors = factor_table(gen)
    t_resolve = time.perf_counter() - t0
    t_duck = float("inf")
    for _ in range(a.repeat):
        t0 = time.perf_counter()
        ref = run_duckdb(records, meta, factors)
        t_duck = min(t_duck, time.perf_counter() - t0)

    worst = max(
        float(np.max(np.abs(ours.totals[k] - ref[k]) / np.maximum(np.abs(ref[k]), 1.0))) for k in TOTAL_NAMES
    )
    worst_scalar = scalar_difference(gen, ours, a.check_scalar, a.seed) if a.check_scalar else 0.0
    figures = {
        "records": n,
        "inventories": a.cities,
        "distinct_parameter_sets": a.distinct,
        "per_inventory_region": a.per_inventory_region,
        "distinct_params_texts": len(gen.variants),
        "distinct_region_year": len(set(zip(meta.region, meta.year, strict=True))),
        "recipes": ours.n_recipes,
        "templates": getattr(ours, "n_templates", None),  # (absent before the templates)
        "scalar_recipes": getattr(ours, "scalar_recipes", ours.n_recipes),
        "reference_factor_rows": factors.num_rows,
        "reference_resolve_s_untimed": round(t_resolve, 3),
        "localaction_s": round(t_ours, 3),
        "localaction_records_per_s": round(n / t_ours),
        "duckdb_s": round(t_duck, 3),
        "duckdb_records_per_s": round(n / t_duck),
        "ratio_localaction_time_over_duckdb": round(t_ours / t_duck, 2),
        "peak_rss_mb_before": round(rss_before),
        "peak_rss_mb_after_localaction": round(rss_ours),
        "peak_rss_mb_process": round(peak_rss_mb()),
        "max_relative_difference": worst,
        "scalar_engine_inventories_checked": a.check_scalar,
        "max_relative_difference_scalar_engine": worst_scalar,
    }
    if a.json:
        print(json.dumps(figures))
    else:
        for k, v in figures.items():
            print(f"{k:40s} {v}")
    if worst > 1e-9 or worst_scalar > 1e-9:
        print("the computations disagree", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
