"""Benchmark: insights over a synthetic registry of 10,000 jurisdictions x 10 years, against DuckDB.

    .venv/bin/python bench/insights_bench.py [--jurisdictions 10000] [--seed 1] [--repeat 3]

Generates a seeded registry (provinces containing cities containing municipalities, so the hierarchy
rule matters), writes it as the Parquet export, then times through ``localaction.core.insights``:

1. peers and rankings for one measure (BASIC per capita): the measure for every inventory, every
   jurisdiction's position in its population band, and the three top-performer rules;
2. the yearly report's aggregates (``yearly_aggregates`` and the per-country UN-portal rows), read from the
   Parquet files;

and the same aggregates in DuckDB SQL over the same Parquet files (recursive CTE for the hierarchy). It
checks that the two agree and prints the times (best of ``--repeat``) and the ratio.
"""

from __future__ import annotations

import argparse
import math
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa

from localaction.core.insights import (
    GroupBy,
    Measure,
    PeerGroup,
    Per,
    RegistryTables,
    export_rows,
    measure_columns,
    positions,
    rank_all,
    read_parquet,
    write_parquet,
    yearly_aggregates,
)
from localaction.core.insights.peers import jurisdiction_groups

YEARS = list(range(2015, 2025))
REPORT_YEAR = 2024
COUNTRIES = [
    "AR",
    "AU",
    "BR",
    "CA",
    "CL",
    "CN",
    "CO",
    "DE",
    "DK",
    "ES",
    "FI",
    "FR",
    "GB",
    "GH",
    "ID",
    "IN",
    "IT",
    "JP",
    "KE",
    "KR",
    "MA",
    "MX",
    "NG",
    "NL",
    "NO",
    "PE",
    "PH",
    "PL",
    "PT",
    "SE",
    "TH",
    "TR",
    "TZ",
    "US",
    "VN",
    "ZA",
]
REGIONS = ["Africa", "East Asia", "Europe", "Latin America", "North America", "Oceania", "South Asia"]
ZONES = ["Af", "Am", "Aw", "BWh", "BSk", "Csa", "Cfa", "Cfb", "Dfa", "Dfb", "ET"]
INCOME = ["low", "lower_middle", "upper_middle", "high", ""]
SECTORS = ["I", "II", "III", "IV", "V"]
CO_BENEFITS = ["air quality", "health", "jobs", "energy security", "biodiversity", "equity"]
HAZARDS = {
    "Extreme hot temperature": ["Heat wave", "Extreme hot days"],
    "Flood and sea level rise": ["River flood", "Flash / surface flood", "Coastal flood"],
    "Water scarcity": ["Drought"],
    "Storm and wind": ["Severe wind", "Storm surge"],
    "Extreme precipitation": ["Rain storm"],
    "Wild fire": ["Forest fire"],
}


def _s(values: Any) -> pa.Array:
    return pa.array(list(values), pa.string())


def _lists(rng: np.random.Generator, n: int, choices: list[str], lo: int, hi: int) -> pa.Array:
    lengths = rng.integers(lo, hi + 1, n)
    offsets = np.r_[0, np.cumsum(lengths)].astype(np.int32)
    items = np.array(choices, dtype=object)[rng.integers(0, len(choices), int(lengths.sum()))]
    return pa.ListArray.from_arrays(pa.array(offsets), _s(items))


def generate(n: int, seed: int) -> RegistryTables:
    rng = np.random.default_rng(seed)
    n_prov = max(1, n // 30)
    n_muni = n // 20
    ids = np.array([f"J{i:06d}" for i in range(n)], dtype=object)
    kind = np.array(["city"] * n, dtype=object)
    kind[:n_prov] = "province_state"
    kind[n - n_muni :] = "municipality"
    kind[rng.random(n) < 0.005] = "association"
    kind[:n_prov] = "province_state"
    parent = np.full(n, -1)
    cities = np.arange(n_prov, n - n_muni)
    inside = cities[rng.random(len(cities)) < 0.6]
    parent[inside] = rng.integers(0, n_prov, len(inside))
    munis = np.arange(n - n_muni, n)
    parent[munis] = rng.choice(cities, len(munis))
    country = rng.integers(0, len(COUNTRIES), n)
    for _ in range(3):  # children take their parent's country (three levels)
        has = parent >= 0
        country[has] = country[parent[has]]
    ctry = np.array(COUNTRIES, dtype=object)[country]
    region = np.array(REGIONS, dtype=object)[country % len(REGIONS)]
    pop0 = np.exp(rng.normal(11.5, 1.3, n))
    pop0[:n_prov] *= 40
    jurisdictions = pa.table(
        {
            "id": _s(ids),
            "name": _s(f"Place {i}" for i in range(n)),
            "kind": _s(kind),
            "country": _s(ctry),
            "region": _s(region),
            "climate_zone": _s(np.array(ZONES, dtype=object)[rng.integers(0, len(ZONES), n)]),
            "income_group": _s(np.array(INCOME, dtype=object)[rng.integers(0, len(INCOME), n)]),
            "parent_id": pa.array([ids[p] if p >= 0 else None for p in parent], pa.string()),
        }
    )
    jj, yy = np.repeat(np.arange(n), len(YEARS)), np.tile(np.array(YEARS), n)
    pop = pop0[jj] * 1.01 ** (yy - YEARS[0])
    pop_known = rng.random(len(jj)) < 0.9
    jurisdiction_years = pa.table(
        {
            "jurisdiction_id": _s(ids[jj]),
            "year": pa.array(yy, pa.int32()),
            "population": pa.array(np.where(pop_known, pop, np.nan), pa.float64(), from_pandas=True),
            "gdp_musd": pa.array(pop * rng.uniform(0.002, 0.06, len(jj)), pa.float64()),
        }
    )
    has_inv = rng.random(len(jj)) < 0.6
    ij, iy = jj[has_inv], yy[has_inv]
    per_cap = np.exp(rng.normal(1.5, 0.5, n))
    rate = rng.normal(0.02, 0.03, n)
    basic = pop0[ij] * per_cap[ij] * (1 - rate[ij]) ** (iy - YEARS[0]) * rng.normal(1, 0.03, len(ij))
    level_j = np.where(rng.random(n) < 0.3, "BASIC+", "BASIC")
    level = level_j[ij].astype(object)
    level[rng.random(len(ij)) < 0.03] = "BASIC"
    gwp = np.where(rng.random(n) < 0.7, "AR5", "AR6")[ij].astype(object)
    gwp[(iy >= 2021) & (rng.random(len(ij)) < 0.2)] = "AR6"
    boundary = np.where(rng.random(n) < 0.9, "administrative", "metropolitan")[ij]
    inventories = pa.table(
        {
            "jurisdiction_id": _s(ids[ij]),
            "year": pa.array(iy, pa.int32()),
            "level": _s(level),
            "boundary": _s(boundary),
            "gwp_set": _s(gwp),
            "basic_tco2e": pa.array(basic, pa.float64()),
            "basic_plus_tco2e": pa.array(basic * 1.15, pa.float64()),
            "territorial_tco2e": pa.array(basic * 0.9, pa.float64()),
            "population": pa.array(
                np.where(rng.random(len(ij)) < 0.5, pop0[ij], np.nan), pa.float64(), from_pandas=True
            ),
            "verification": _s(
                np.array(["self_reported", "validated", "verified"], dtype=object)[
                    rng.choice(3, len(ij), p=[0.6, 0.3, 0.1])
                ]
            ),
        }
    )
    tj = np.flatnonzero(rng.random(n) < 0.6)
    tj = np.r_[tj, np.flatnonzero(rng.random(n) < 0.2)]
    t_kinds = np.array(
        [
            "base_year",
            "net_zero",
            "fixed_level",
            "intensity",
            "baseline_scenario",
            "renewable_energy",
            "waste",
        ],
        dtype=object,
    )
    tk = t_kinds[rng.choice(len(t_kinds), len(tj), p=[0.4, 0.15, 0.05, 0.1, 0.05, 0.15, 0.1])]
    targets = pa.table(
        {
            "jurisdiction_id": _s(ids[tj]),
            "target_id": _s(f"T{i}" for i in range(len(tj))),
            "kind": _s(tk),
            "base_year": pa.array(rng.integers(2005, 2020, len(tj)), pa.int32()),
            "base_emissions_tco2e": pa.array(pop0[tj] * per_cap[tj], pa.float64()),
            "target_year": pa.array(rng.choice([2030, 2040, 2050], len(tj)), pa.int32()),
            "reduction_pct": pa.array(
                np.where(rng.random(len(tj)) < 0.9, rng.uniform(10, 100, len(tj)), np.nan),
                pa.float64(),
                from_pandas=True,
            ),
            "target_emissions_tco2e": pa.array([None] * len(tj), pa.float64()),
            "year_introduced": pa.array(rng.integers(2012, 2027, len(tj)), pa.int32()),
            "aligned_1_5c": pa.array(rng.random(len(tj)) < 0.3),
        }
    )
    na = rng.poisson(3, n)
    aj = np.repeat(np.arange(n), na)
    m = len(aj)
    cost = np.where(rng.random(m) < 0.5, rng.lognormal(13, 1.5, m), np.nan)
    actions = pa.table(
        {
            "jurisdiction_id": _s(ids[aj]),
            "action_id": _s(f"A{i}" for i in range(m)),
            "agenda": _s(
                np.array(
                    ["low emission", "resilient", "nature-based", "circular", "equitable"], dtype=object
                )[rng.integers(0, 5, m)]
            ),
            "gpc_sectors": _lists(rng, m, SECTORS, 0, 2),
            "action_type": _s(
                np.array(["mitigation", "adaptation", "both"], dtype=object)[rng.integers(0, 3, m)]
            ),
            "status": _s(
                np.array(["planned", "in_progress", "implemented", "monitoring"], dtype=object)[
                    rng.integers(0, 4, m)
                ]
            ),
            "start_year": pa.array(
                np.where(rng.random(m) < 0.9, rng.integers(2012, 2028, m), -1), pa.int32()
            ).cast(pa.int32()),
            "cost": pa.array(cost, pa.float64(), from_pandas=True),
            "currency": _s(
                np.where(
                    np.isnan(cost),
                    "",
                    np.array(["USD", "EUR", "BRL", "INR"], dtype=object)[rng.integers(0, 4, m)],
                )
            ),
            "funding_source": _s(np.where(rng.random(m) < 0.4, "municipal budget", "")),
            "reduction_tco2e_per_yr": pa.array(
                np.where(rng.random(m) < 0.6, rng.lognormal(7, 1.5, m), np.nan),
                pa.float64(),
                from_pandas=True,
            ),
            "co_benefits": _lists(rng, m, CO_BENEFITS, 0, 3),
        }
    )
    # -1 stands for "no start year": make it null
    sy = actions.column("start_year").to_numpy()
    actions = actions.set_column(6, "start_year", pa.array(sy, pa.int32(), mask=sy < 0))
    nh = rng.poisson(2, n)
    hj = np.repeat(np.arange(n), nh)
    types = list(HAZARDS)
    ht = rng.integers(0, len(types), len(hj))
    hazards = pa.table(
        {
            "jurisdiction_id": _s(ids[hj]),
            "year": pa.array(rng.integers(2015, 2027, len(hj)), pa.int32()),
            "hazard_type": _s(types[t] for t in ht),
            "hazard_subtype": _s(HAZARDS[types[t]][int(rng.integers(0, len(HAZARDS[types[t]])))] for t in ht),
            "probability": _s(["medium"] * len(hj)),
            "magnitude": _s(["high"] * len(hj)),
        }
    )
    from localaction.core.insights.tables import INDICATORS, INVENTORY_SECTORS

    return RegistryTables(
        jurisdictions=jurisdictions,
        jurisdiction_years=jurisdiction_years,
        inventories=inventories,
        inventory_sectors=INVENTORY_SECTORS.empty_table(),
        targets=targets,
        actions=actions,
        hazards=hazards,
        indicators=INDICATORS.empty_table(),
    )


def ours(directory: Path, year: int) -> dict[str, Any]:
    tables = read_parquet(directory)
    a = yearly_aggregates(tables, year)
    rows = export_rows(tables, year)
    return {
        "countries": {
            r["country"]: {k: v for k, v in r.items() if k not in ("country", "year")} for r in rows
        },
        "by_year": {y: (n, e) for y, n, e in a.emissions_by_year},
        "population_covered": a.population_covered,
        "emissions_tco2e": a.emissions_tco2e,
        "emissions_left_out_tco2e": a.emissions_left_out_tco2e,
        "trend": (a.trend_falling, a.trend_rising, a.trend_median_change_pct_per_year),
        "jurisdictions_by_kind": a.jurisdictions_by_kind.as_dict(),
        "inventories_by_level": a.inventories_by_level.as_dict(),
        "inventories_by_verification": a.inventories_by_verification.as_dict(),
        "commitments_by_kind": a.commitments_by_kind.as_dict(),
        "ghg_targets_by_ambition": a.ghg_targets_by_ambition.as_dict(),
        "hazards": a.hazards.as_dict(),
        "hazard_subtypes": a.hazard_subtypes.as_dict(),
        "actions_by_sector": a.actions_by_sector.as_dict(),
        "actions_by_status": a.actions_by_status.as_dict(),
        "actions_by_type": a.actions_by_type.as_dict(),
        "co_benefits": a.co_benefits.as_dict(),
        "finance": {c: (n, s) for c, n, s in a.finance_by_currency},
    }


SQL_SETUP = """
CREATE OR REPLACE TEMP VIEW anc AS
WITH RECURSIVE a(id, ancestor) AS (
    SELECT id, parent_id FROM jur WHERE parent_id IS NOT NULL AND parent_id <> ''
    UNION ALL
    SELECT a.id, j.parent_id FROM a JOIN jur j ON j.id = a.ancestor WHERE j.parent_id IS NOT NULL AND j.parent_id <> ''
) SELECT * FROM a;
CREATE OR REPLACE TEMP TABLE inv_y AS
SELECT i.jurisdiction_id AS id, i.year, i.basic_tco2e,
       EXISTS (SELECT 1 FROM anc JOIN inv p ON p.jurisdiction_id = anc.ancestor AND p.year = i.year
               AND p.basic_tco2e IS NOT NULL WHERE anc.id = i.jurisdiction_id) AS left_out
FROM inv i WHERE i.basic_tco2e IS NOT NULL AND i.year <= $year;
CREATE OR REPLACE TEMP TABLE pop AS
WITH latest AS (SELECT jurisdiction_id AS id, arg_max(population, year) AS p FROM jy
                WHERE year <= $year AND population IS NOT NULL AND NOT isnan(population) GROUP BY 1),
flag AS (SELECT j.id, l.p FROM jur j JOIN latest l ON l.id = j.id WHERE j.kind <> 'association')
SELECT f.id, f.p FROM flag f WHERE NOT EXISTS (SELECT 1 FROM anc JOIN flag g ON g.id = anc.ancestor WHERE anc.id = f.id);
"""

SQL = {
    "countries": """
WITH t AS (SELECT * FROM tg WHERE year_introduced IS NULL OR year_introduced <= $year),
a AS (SELECT * FROM act WHERE start_year IS NULL OR start_year <= $year),
per_j AS (
  SELECT j.id, j.country,
    coalesce((SELECT p FROM pop WHERE pop.id = j.id), 0) AS population,
    (SELECT count(*) FROM inv_y WHERE inv_y.id = j.id AND inv_y.year = $year) AS has_inv,
    coalesce((SELECT sum(basic_tco2e) FROM inv_y WHERE inv_y.id = j.id AND inv_y.year = $year AND NOT left_out), 0) AS em
  FROM jur j),
tj AS (SELECT jurisdiction_id AS id,
         bool_or(kind IN ('base_year','fixed_level','baseline_scenario','intensity','net_zero')) AS ghg,
         bool_or(kind = 'net_zero') AS nz, count(*) AS n FROM t GROUP BY 1),
aj AS (SELECT jurisdiction_id AS id, count(*) AS n,
         count(*) FILTER (WHERE status IN ('implemented','monitoring')) AS done,
         coalesce(sum(CASE WHEN isnan(reduction_tco2e_per_yr) THEN 0 ELSE reduction_tco2e_per_yr END), 0) AS red
       FROM a GROUP BY 1)
SELECT coalesce(p.country, '') AS country, count(*) AS jurisdictions, sum(population) AS population_covered,
  sum(has_inv) AS jurisdictions_with_inventory, sum(em) AS emissions_covered_tco2e,
  count(*) FILTER (WHERE tj.ghg) AS jurisdictions_with_ghg_target,
  count(*) FILTER (WHERE tj.nz) AS jurisdictions_with_net_zero_target,
  coalesce(sum(tj.n), 0) AS commitments, coalesce(sum(aj.n), 0) AS actions,
  coalesce(sum(aj.done), 0) AS actions_implemented, coalesce(sum(aj.red), 0) AS estimated_reduction_tco2e_per_yr
FROM per_j p LEFT JOIN tj USING (id) LEFT JOIN aj USING (id) GROUP BY 1 ORDER BY 1""",
    "by_year": "SELECT year, count(*), sum(basic_tco2e) FILTER (WHERE NOT left_out) FROM inv_y GROUP BY 1 ORDER BY 1",
    "totals": """SELECT (SELECT sum(p) FROM pop),
        (SELECT sum(basic_tco2e) FILTER (WHERE NOT left_out) FROM inv_y WHERE year = $year),
        (SELECT coalesce(sum(basic_tco2e) FILTER (WHERE left_out), 0) FROM inv_y WHERE year = $year)""",
    "trend": """
WITH i AS (SELECT *, lower(trim(boundary)) AS b FROM inv WHERE year <= $year AND basic_tco2e IS NOT NULL),
l AS (SELECT * FROM i QUALIFY row_number() OVER (PARTITION BY jurisdiction_id ORDER BY year DESC) = 1),
b AS (SELECT i.* FROM i JOIN l ON i.jurisdiction_id = l.jurisdiction_id AND i.level = l.level AND i.b = l.b
        AND i.gwp_set = l.gwp_set AND i.year <= l.year - 1
      QUALIFY row_number() OVER (PARTITION BY i.jurisdiction_id ORDER BY i.year) = 1),
c AS (SELECT 100 * (exp(ln(l.basic_tco2e / b.basic_tco2e) / (l.year - b.year)) - 1) AS chg
      FROM l JOIN b USING (jurisdiction_id) WHERE l.basic_tco2e > 0 AND b.basic_tco2e > 0)
SELECT count(*) FILTER (WHERE chg < 0), count(*) FILTER (WHERE chg > 0), median(chg) FROM c""",
    "jurisdictions_by_kind": "SELECT kind, count(*) FROM jur GROUP BY 1",
    "inventories_by_level": "SELECT level, count(*) FROM inv WHERE year = $year AND basic_tco2e IS NOT NULL GROUP BY 1",
    "inventories_by_verification": "SELECT verification, count(*) FROM inv WHERE year = $year AND basic_tco2e IS NOT NULL GROUP BY 1",
    "commitments_by_kind": "SELECT kind, count(*) FROM tg WHERE year_introduced IS NULL OR year_introduced <= $year GROUP BY 1",
    "ghg_targets_by_ambition": """
SELECT CASE WHEN kind = 'net_zero' THEN 'net zero or 100 %'
            WHEN pct IS NULL THEN 'not stated' WHEN pct >= 100 - 1e-9 THEN 'net zero or 100 %'
            WHEN pct >= 50 - 1e-9 THEN '50 - 99 %' WHEN pct >= 30 - 1e-9 THEN '30 - 49 %' ELSE 'under 30 %' END, count(*)
FROM (SELECT kind, CASE WHEN reduction_pct IS NULL OR isnan(reduction_pct) THEN
        CASE WHEN base_emissions_tco2e > 0 AND target_emissions_tco2e IS NOT NULL
             THEN 100 * (1 - target_emissions_tco2e / base_emissions_tco2e) END
      ELSE reduction_pct END AS pct
      FROM tg WHERE (year_introduced IS NULL OR year_introduced <= $year)
        AND kind IN ('base_year','fixed_level','baseline_scenario','intensity','net_zero')) GROUP BY 1""",
    "hazards": "SELECT hazard_type, count(DISTINCT jurisdiction_id) FROM hz WHERE year IS NULL OR year <= $year GROUP BY 1",
    "hazard_subtypes": """SELECT hazard_subtype, count(DISTINCT jurisdiction_id) FROM hz
        WHERE (year IS NULL OR year <= $year) AND coalesce(hazard_subtype, '') <> '' GROUP BY 1""",
    "actions_by_sector": """SELECT coalesce(s, 'unspecified'), count(*) FROM (
        SELECT unnest(CASE WHEN len(gpc_sectors) = 0 OR gpc_sectors IS NULL THEN [NULL] ELSE gpc_sectors END) AS s
        FROM act WHERE start_year IS NULL OR start_year <= $year) GROUP BY 1""",
    "actions_by_status": "SELECT status, count(*) FROM act WHERE start_year IS NULL OR start_year <= $year GROUP BY 1",
    "actions_by_type": "SELECT action_type, count(*) FROM act WHERE start_year IS NULL OR start_year <= $year GROUP BY 1",
    "co_benefits": """SELECT coalesce(s, 'none stated'), count(*) FROM (
        SELECT unnest(CASE WHEN len(co_benefits) = 0 OR co_benefits IS NULL THEN [NULL] ELSE co_benefits END) AS s
        FROM act WHERE start_year IS NULL OR start_year <= $year) GROUP BY 1""",
    "finance": """SELECT CASE WHEN coalesce(currency, '') = '' THEN 'unspecified' ELSE currency END, count(*), sum(cost)
        FROM act WHERE (start_year IS NULL OR start_year <= $year) AND cost IS NOT NULL AND NOT isnan(cost) GROUP BY 1""",
}


def in_duckdb(directory: Path, year: int) -> dict[str, Any]:
    con = duckdb.connect()
    for view, name in (
        ("jur", "jurisdictions"),
        ("jy", "jurisdiction_years"),
        ("inv", "inventories"),
        ("tg", "targets"),
        ("act", "actions"),
        ("hz", "hazards"),
    ):
        con.execute(f"CREATE VIEW {view} AS SELECT * FROM read_parquet('{directory / (name + '.parquet')}')")
    con.execute(SQL_SETUP.replace("$year", str(year)))
    q = {k: v.replace("$year", str(year)) for k, v in SQL.items()}
    cols = [
        d
        for d in (
            "jurisdictions",
            "population_covered",
            "jurisdictions_with_inventory",
            "emissions_covered_tco2e",
            "jurisdictions_with_ghg_target",
            "jurisdictions_with_net_zero_target",
            "commitments",
            "actions",
            "actions_implemented",
            "estimated_reduction_tco2e_per_yr",
        )
    ]
    out: dict[str, Any] = {
        "countries": {
            r[0]: dict(zip(cols, r[1:], strict=True)) for r in con.execute(q["countries"]).fetchall()
        },
        "by_year": {int(y): (int(n), float(e or 0.0)) for y, n, e in con.execute(q["by_year"]).fetchall()},
    }
    pop, em, left = con.execute(q["totals"]).fetchone() or (0, 0, 0)
    out.update(population_covered=pop, emissions_tco2e=em, emissions_left_out_tco2e=left)
    out["trend"] = con.execute(q["trend"]).fetchone()
    for k in (
        "jurisdictions_by_kind",
        "inventories_by_level",
        "inventories_by_verification",
        "commitments_by_kind",
        "ghg_targets_by_ambition",
        "hazards",
        "hazard_subtypes",
        "actions_by_sector",
        "actions_by_status",
        "actions_by_type",
        "co_benefits",
    ):
        out[k] = {r[0]: int(r[1]) for r in con.execute(q[k]).fetchall()}
    out["finance"] = {c: (int(n), float(s)) for c, n, s in con.execute(q["finance"]).fetchall()}
    con.close()
    return out


def max_rel_diff(a: Any, b: Any, path: str = "") -> float:
    """Largest relative difference between two nested results; raises when their shapes differ."""
    if isinstance(a, dict):
        if set(a) != set(b):
            raise AssertionError(f"{path}: keys differ: {sorted(set(a) ^ set(b))[:5]}")
        return max((max_rel_diff(a[k], b[k], f"{path}.{k}") for k in a), default=0.0)
    if isinstance(a, (tuple, list)):
        if len(a) != len(b):
            raise AssertionError(f"{path}: lengths differ")
        return max((max_rel_diff(x, y, path) for x, y in zip(a, b, strict=True)), default=0.0)
    x, y = float(a), float(b)
    d = abs(x - y) / max(abs(x), abs(y), 1e-9)
    if d > 1e-9:
        raise AssertionError(f"{path}: {x} vs {y}")
    return d


def best_of(repeat: int, fn: Callable[[], Any]) -> tuple[float, Any]:
    best, result = math.inf, None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def peers_and_rankings(tables: RegistryTables, year: int) -> Any:
    measure = Measure(per=Per.CAPITA)
    mc = measure_columns(tables, measure)
    groups, _ = jurisdiction_groups(tables, PeerGroup(by=GroupBy.POPULATION_BAND), year)
    latest = mc.year == year
    pos = positions(np.where(latest, groups[mc.jurisdiction] * len(mc.scope_labels) + mc.scope, -1), mc.value)
    return pos, rank_all(tables, measure, as_of=year)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    ap.add_argument("--jurisdictions", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    tables = generate(args.jurisdictions, args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        write_parquet(tables, d)
        size = sum(p.stat().st_size for p in d.iterdir())
        print(
            f"registry: {tables.jurisdictions.num_rows:,} jurisdictions, {tables.inventories.num_rows:,} inventories, "
            f"{tables.targets.num_rows:,} targets, {tables.actions.num_rows:,} actions, {tables.hazards.num_rows:,} "
            f"hazards over {len(YEARS)} years; Parquet export {size / 1e6:.1f} MB"
        )
        t_peers, (pos, ranks) = best_of(args.repeat, lambda: peers_and_rankings(tables, REPORT_YEAR))
        ranked = sum(r.n_eligible for r in ranks[0].rankings)
        print(
            f"peers + rankings (BASIC per capita, {int(np.isfinite(pos.percentile).sum()):,} positions, "
            f"3 rules, {ranked:,} ranked on reduction): {t_peers:.3f} s"
        )
        t_ours, mine = best_of(args.repeat, lambda: ours(d, REPORT_YEAR))
        t_duck, theirs = best_of(args.repeat, lambda: in_duckdb(d, REPORT_YEAR))
        diff = max_rel_diff(mine, theirs)
        print(f"yearly aggregates {REPORT_YEAR} (read Parquet + aggregate + per-country export):")
        print(
            f"  LocalAction {t_ours:.3f} s   DuckDB {t_duck:.3f} s   ratio {t_ours / t_duck:.2f}   "
            f"agreement: max relative difference {diff:.1e}"
        )
        print(
            f"  emissions {mine['emissions_tco2e']:,.0f} tCO2e counted, {mine['emissions_left_out_tco2e']:,.0f} "
            f"left out (inside a reporting parent); population covered {mine['population_covered']:,.0f}"
        )


if __name__ == "__main__":
    main()
