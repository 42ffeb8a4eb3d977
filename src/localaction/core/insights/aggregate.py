"""The yearly registry report's aggregates, over columns (numpy / pyarrow; no loop per row).

No double counting up the hierarchy (``parent_id`` = geographic containment):

- emissions: the inventories of the year are summed (BASIC total, the one every level reports), except an
  inventory whose jurisdiction has an ancestor that also has an inventory of the year: the ancestor's total
  already contains it. The left-out sum is reported beside, so nothing disappears silently.
- population: a jurisdiction's latest population up to the year counts unless an ancestor's counts;
  associations carry no population of their own.

The year's inventories are each jurisdiction's latest with year in (year - window_years, year]; the default
window of one year means "inventories of that year".
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc
from pydantic import BaseModel

from localaction.core.errors import Detail, InputError
from localaction.core.insights.model import Measure
from localaction.core.insights.rankings import latest_and_base
from localaction.core.insights.series import measure_columns
from localaction.core.insights.tables import RegistryTables, codes, floats, index_of, ints, strings

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]
B = npt.NDArray[np.bool_]

#: (lowest reduction % in the band, label), best first. Net-zero targets are in the first band.
AMBITION_BANDS: tuple[tuple[float, str], ...] = (
    (100.0, "net zero or 100 %"),
    (50.0, "50 - 99 %"),
    (30.0, "30 - 49 %"),
    (0.0, "under 30 %"),
)
GHG_TARGET_KINDS = frozenset({"base_year", "fixed_level", "baseline_scenario", "intensity", "net_zero"})


def parent_rows(tables: RegistryTables) -> I64:
    """Row of each jurisdiction's parent (-1 = none); an unknown parent or a cycle is an error."""
    jur = tables.jurisdictions
    has = pc.is_valid(jur.column("parent_id")).to_numpy(zero_copy_only=False) & (
        np.array(strings(jur, "parent_id"), dtype=object) != ""
    )
    parent = np.full(jur.num_rows, -1, np.int64)
    if has.any():
        parent[has] = index_of(jur, "id", jur.filter(pa.array(has)), "parent_id", "jurisdictions.parent_id")
    node = parent.copy()
    for _ in range(jur.num_rows + 1):  # depth is small in practice; a cycle never reaches -1
        if not (node >= 0).any():
            return parent
        node = np.where(node >= 0, parent[np.maximum(node, 0)], -1)
    ids = strings(jur, "id")
    bad = [ids[i] for i in np.flatnonzero(node >= 0)[:20]]
    raise InputError(
        "The jurisdiction hierarchy has a cycle.",
        "insights_hierarchy_cycle",
        [Detail(("jurisdictions", i), "is its own ancestor") for i in bad],
    )


def has_flagged_ancestor(parent: I64, flag: B) -> B:
    """True where any ancestor (parent, grandparent, …) is flagged: one vectorised step per level."""
    out = np.zeros(len(parent), np.bool_)
    node = parent.copy()
    while (node >= 0).any():
        live = node >= 0
        out[live] |= flag[node[live]]
        node = np.where(live, parent[np.maximum(node, 0)], -1)
    return out


class Counts(BaseModel):
    """Label -> count, largest first (ties by label)."""

    items: list[tuple[str, int]]

    def as_dict(self) -> dict[str, int]:
        return dict(self.items)


def _count(labels: list[str], idx: I64, weights: F64 | None = None) -> list[tuple[str, float]]:
    sums = np.bincount(idx, weights=weights, minlength=len(labels)) if len(idx) else np.zeros(len(labels))
    pairs = [(labels[i], float(sums[i])) for i in range(len(labels)) if sums[i]]
    return sorted(pairs, key=lambda p: (-p[1], p[0]))


def _icount(labels: list[str], idx: I64) -> Counts:
    return Counts(items=[(k, int(v)) for k, v in _count(labels, idx)])


def _explode(table: pa.Table, column: str, empty: str) -> tuple[I64, list[str]]:
    """Codes of a list column's items (a row with an empty list counts once as ``empty``)."""
    col = table.column(column).combine_chunks() if table.num_rows else pa.array([], pa.list_(pa.string()))
    lengths = pc.fill_null(pc.list_value_length(col), 0).to_numpy(zero_copy_only=False)
    flat = pc.list_flatten(col)
    items = pa.concat_arrays([flat, pa.array([empty] * int((lengths == 0).sum()), pa.string())])
    enc = pc.dictionary_encode(items)
    labels = [str(x) for x in enc.dictionary.to_pylist()]
    return np.asarray(enc.indices.to_numpy(zero_copy_only=False), np.int64), labels


class YearlyAggregates(BaseModel):
    year: int
    rules: list[str]  # the counting rules, in words (shown in the report)
    jurisdictions: int
    jurisdictions_by_kind: Counts
    countries: int
    population_covered: float
    inventories: int
    inventories_by_level: Counts
    inventories_by_verification: Counts
    emissions_tco2e: float  # BASIC, no double counting
    emissions_left_out_tco2e: float  # inventories inside a reporting ancestor
    inventories_left_out: int
    emissions_by_year: list[tuple[int, int, float]]  # (year, inventories, tCO2e without double counting)
    trend_falling: int  # jurisdictions whose BASIC emissions fell from base to latest (>= 1 year apart)
    trend_rising: int
    trend_median_change_pct_per_year: float | None
    jurisdictions_with_target: int
    commitments_by_kind: Counts
    ghg_targets_by_ambition: Counts
    hazards: Counts  # jurisdictions naming each hazard type
    hazard_subtypes: Counts
    actions: int
    actions_by_sector: Counts  # an action serving several sectors counts in each
    actions_by_status: Counts
    actions_by_type: Counts
    finance_by_currency: list[tuple[str, int, float]]  # (currency, actions with a cost, total cost)
    actions_with_funding_source: int
    reduction_tco2e_per_yr_by_status: list[tuple[str, float]]
    co_benefits: Counts


@dataclass
class EmissionsCovered:
    """Per jurisdiction row: the counted BASIC emissions of the year (0 where none or left out)."""

    counted_tco2e: F64
    has_inventory: B
    left_out: B
    inventory_rows: I64  # the year's inventory row per jurisdiction (-1 = none)


def emissions_covered(
    tables: RegistryTables, year: int, window_years: int = 1, parent: I64 | None = None
) -> EmissionsCovered:
    inv = tables.inventories
    n = tables.jurisdictions.num_rows
    parent = parent_rows(tables) if parent is None else parent
    j = index_of(tables.jurisdictions, "id", inv, "jurisdiction_id", "inventories")
    yr, basic = ints(inv, "year"), floats(inv, "basic_tco2e")
    ok = np.flatnonzero((yr <= year) & (yr > year - window_years) & np.isfinite(basic))
    rows = np.full(n, -1, np.int64)
    order = ok[np.lexsort((yr[ok], j[ok]))]
    rows[j[order]] = order  # the latest per jurisdiction wins
    has = rows >= 0
    left_out = has & has_flagged_ancestor(parent, has)
    counted = np.zeros(n)
    keep = has & ~left_out
    counted[keep] = basic[rows[keep]]
    return EmissionsCovered(counted_tco2e=counted, has_inventory=has, left_out=left_out, inventory_rows=rows)


def population_covered(tables: RegistryTables, year: int, parent: I64 | None = None) -> F64:
    """Per jurisdiction row: the population it adds to the total (0 when an ancestor's counts)."""
    jur, jy = tables.jurisdictions, tables.jurisdiction_years
    parent = parent_rows(tables) if parent is None else parent
    j = index_of(jur, "id", jy, "jurisdiction_id", "jurisdiction_years")
    yrs, pop = ints(jy, "year"), floats(jy, "population")
    ok = np.flatnonzero((yrs <= year) & np.isfinite(pop))
    latest = np.full(jur.num_rows, np.nan)
    order = ok[np.lexsort((yrs[ok], j[ok]))]
    latest[j[order]] = pop[order]
    kind = np.array(strings(jur, "kind"), dtype=object)
    flag = np.isfinite(latest) & (kind != "association")
    return np.where(flag & ~has_flagged_ancestor(parent, flag), latest, 0.0)


def ambition_labels(tables: RegistryTables) -> list[str]:
    t = tables.targets
    kind = strings(t, "kind")
    pct, base, goal = (
        floats(t, "reduction_pct"),
        floats(t, "base_emissions_tco2e"),
        floats(t, "target_emissions_tco2e"),
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        implied = np.where(np.isnan(pct) & (base > 0) & np.isfinite(goal), 100.0 * (1 - goal / base), pct)
    out = []
    for k, p in zip(kind, implied, strict=True):
        if k not in GHG_TARGET_KINDS:
            out.append("not a GHG target")
        elif k == "net_zero":
            out.append(AMBITION_BANDS[0][1])
        elif np.isnan(p):
            out.append("not stated")
        else:
            out.append(
                next(label for low, label in AMBITION_BANDS if p >= low - 1e-9) if p >= 0 else "under 30 %"
            )
    return out


def _until(table: pa.Table, column: str, year: int) -> pa.Table:
    """Rows whose ``column`` (a year) is unknown or not after ``year``."""
    col = table.column(column)
    return table.filter(pc.fill_null(pc.less_equal(col, year), True))


def yearly_aggregates(tables: RegistryTables, year: int, window_years: int = 1) -> YearlyAggregates:
    """Everything the yearly registry report counts, for ``year``."""
    jur = tables.jurisdictions
    parent = parent_rows(tables)
    cov = emissions_covered(tables, year, window_years, parent)
    inv = tables.inventories
    sel = cov.inventory_rows[cov.has_inventory]
    lev, lev_labels = codes(inv, "level")
    ver, ver_labels = codes(inv, "verification")
    basic = floats(inv, "basic_tco2e")
    kind, kind_labels = codes(jur, "kind")
    countries = {c for c in strings(jur, "country") if c}

    inv_years = sorted({int(y) for y in ints(inv, "year") if y <= year})
    by_year = []
    for y in inv_years:  # few years; each step is vectorised
        c = emissions_covered(tables, y, 1, parent)
        by_year.append((y, int(c.has_inventory.sum()), float(c.counted_tco2e.sum())))

    mc = measure_columns(tables, Measure())
    latest, base = latest_and_base(mc, jur.num_rows, year, 1)
    both = (latest >= 0) & (base >= 0)
    lv, bv = mc.value[latest[both]], mc.value[base[both]]
    span = mc.year[latest[both]] - mc.year[base[both]]
    pos = (lv > 0) & (bv > 0)
    change = 100.0 * np.expm1(np.log(lv[pos] / bv[pos]) / span[pos])

    tg = _until(tables.targets, "year_introduced", year)
    tg_kind, tg_labels = codes(tg, "kind")
    amb = ambition_labels(tables)
    amb_kept = pc.fill_null(pc.less_equal(tables.targets.column("year_introduced"), year), True).to_numpy(
        zero_copy_only=False
    )
    amb_sel = [a for a, keep in zip(amb, amb_kept, strict=True) if keep and a != "not a GHG target"]
    amb_labels = sorted(set(amb_sel))
    amb_idx = np.array([amb_labels.index(a) for a in amb_sel], np.int64)

    hz = _until(tables.hazards, "year", year)
    hz_pairs = (
        hz.group_by(["jurisdiction_id", "hazard_type"]).aggregate([])
        if hz.num_rows
        else hz.select(["jurisdiction_id", "hazard_type"])
    )
    h_idx, h_labels = codes(hz_pairs, "hazard_type")
    sub = hz.filter(pc.not_equal(pc.fill_null(hz.column("hazard_subtype"), ""), ""))
    sub_pairs = (
        sub.group_by(["jurisdiction_id", "hazard_subtype"]).aggregate([])
        if sub.num_rows
        else sub.select(["jurisdiction_id", "hazard_subtype"])
    )
    s_idx, s_labels = codes(sub_pairs, "hazard_subtype")

    act = _until(tables.actions, "start_year", year)
    sec_idx, sec_labels = _explode(act, "gpc_sectors", "unspecified")
    cb_idx, cb_labels = _explode(act, "co_benefits", "none stated")
    st_idx, st_labels = codes(act, "status")
    ty_idx, ty_labels = codes(act, "action_type")
    cost = floats(act, "cost")
    cur_idx, cur_labels = codes(act, "currency")
    has_cost = np.isfinite(cost)
    n_cost = np.bincount(cur_idx[has_cost], minlength=len(cur_labels))
    sum_cost = np.bincount(cur_idx[has_cost], weights=cost[has_cost], minlength=len(cur_labels))
    finance = sorted(
        (
            (cur_labels[i] or "unspecified", int(n_cost[i]), float(sum_cost[i]))
            for i in range(len(cur_labels))
            if n_cost[i]
        ),
        key=lambda r: (-r[1], r[0]),
    )
    red = floats(act, "reduction_tco2e_per_yr")
    has_red = np.isfinite(red)

    return YearlyAggregates(
        year=year,
        rules=[
            "Emissions are BASIC totals of each jurisdiction's inventory for the year; an inventory is left out "
            "when a parent (or further ancestor) also has one for the year, because the parent's total contains it.",
            "Population counts a jurisdiction's latest figure up to the year unless an ancestor's population "
            "already counts; associations carry no population.",
            "Action costs are totalled per currency, never converted.",
        ],
        jurisdictions=jur.num_rows,
        jurisdictions_by_kind=_icount(kind_labels, kind),
        countries=len(countries),
        population_covered=float(population_covered(tables, year, parent).sum()),
        inventories=int(cov.has_inventory.sum()),
        inventories_by_level=_icount(lev_labels, lev[sel]),
        inventories_by_verification=_icount(ver_labels, ver[sel]),
        emissions_tco2e=float(cov.counted_tco2e.sum()),
        emissions_left_out_tco2e=float(basic[cov.inventory_rows[cov.left_out]].sum()),
        inventories_left_out=int(cov.left_out.sum()),
        emissions_by_year=by_year,
        trend_falling=int((change < 0).sum()),
        trend_rising=int((change > 0).sum()),
        trend_median_change_pct_per_year=float(np.median(change)) if len(change) else None,
        jurisdictions_with_target=len(set(strings(tg, "jurisdiction_id"))),
        commitments_by_kind=_icount(tg_labels, tg_kind),
        ghg_targets_by_ambition=_icount(amb_labels, amb_idx),
        hazards=_icount(h_labels, h_idx),
        hazard_subtypes=_icount(s_labels, s_idx),
        actions=act.num_rows,
        actions_by_sector=_icount(sec_labels, sec_idx),
        actions_by_status=_icount(st_labels, st_idx),
        actions_by_type=_icount(ty_labels, ty_idx),
        finance_by_currency=finance,
        actions_with_funding_source=int(sum(1 for f in strings(act, "funding_source") if f.strip())),
        reduction_tco2e_per_yr_by_status=_count(st_labels, st_idx[has_red], red[has_red]),
        co_benefits=_icount(cb_labels, cb_idx),
    )
