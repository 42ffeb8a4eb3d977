"""Series over the years and their trend, for one jurisdiction and one indicator.

Trend = compound annual change between the first and the last point of the longest run of points that may
be compared with the latest one (``comparable.compare`` not refusing), with the years it rests on:

    change % per year = ((last / first) ** (1 / (last_year - first_year)) - 1) x 100

It is undefined when either end is zero or negative (net removals), and for fewer than two years.
Per capita uses the inventory's own population, else the jurisdiction's for that year (or up to two years
earlier); per GDP uses the jurisdiction's GDP likewise.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict

from localaction.core.insights.comparable import (
    DEFAULT_RULES,
    ComparabilityRules,
    Reason,
    compare,
    normalise_boundary,
)
from localaction.core.insights.model import (
    IndicatorFact,
    InventoryFact,
    JurisdictionFacts,
    Measure,
    Per,
    TargetFact,
    Total,
    VerificationStatus,
)
from localaction.core.insights.tables import RegistryTables, codes, floats, index_of, ints

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]
POPULATION_MAX_GAP = 2  # years a census figure may be carried forward


class Trend(BaseModel):
    model_config = ConfigDict(frozen=True)

    change_pct_per_year: float  # compound annual change; negative = falling
    first_year: int
    last_year: int
    first_value: float
    last_value: float
    years: tuple[int, ...]  # the comparable years between the two ends (the run the trend rests on)
    rule: str = "compound annual change between the first and last comparable years"


class SeriesPoint(BaseModel):
    model_config = ConfigDict(frozen=True)

    year: int
    value: float | None  # None when the denominator is missing (see ``note``)
    verification: VerificationStatus = VerificationStatus.SELF_REPORTED
    level: str = ""
    boundary: str = ""
    gwp_set: str = ""
    note: str = ""
    on_track: bool | None = None  # targets' progress only


class Series(BaseModel):
    jurisdiction_id: str
    measure: str  # measure id, e.g. "basic.per_capita", "progress:<target id>", "<framework>:<indicator>"
    label: str
    unit: str
    higher_is_better: bool = False
    points: list[SeriesPoint]
    trend: Trend | None = None
    trend_note: str = ""  # why there is no trend, or the warnings it carries
    verification: dict[str, int]  # status -> number of points


def compound_annual_change(years: Sequence[int], values: Sequence[float]) -> tuple[Trend | None, str]:
    """The trend between the first and last (year, value), or None and why not."""
    pairs = sorted(zip(years, values, strict=True))
    if len(pairs) < 2 or pairs[-1][0] == pairs[0][0]:
        return None, "fewer than two years"
    (y0, v0), (y1, v1) = pairs[0], pairs[-1]
    if v0 <= 0 or v1 <= 0:
        return None, "compound change is undefined for zero or negative values"
    rate = (math.exp(math.log(v1 / v0) / (y1 - y0)) - 1.0) * 100.0
    return Trend(
        change_pct_per_year=rate,
        first_year=y0,
        last_year=y1,
        first_value=v0,
        last_value=v1,
        years=tuple(y for y, _ in pairs),
    ), ""


def measure_value(
    fact: InventoryFact, measure: Measure, jurisdiction: JurisdictionFacts | None = None
) -> tuple[float | None, str]:
    """The measure for one inventory, and a note when it cannot be computed."""
    if measure.sector:
        num: float | None = fact.by_sector_tco2e.get(measure.sector)
    else:
        num = {
            Total.BASIC: fact.basic_tco2e,
            Total.BASIC_PLUS: fact.basic_plus_tco2e,
            Total.TERRITORIAL: fact.territorial_tco2e,
        }[measure.total]
    if num is None:
        return None, f"no {measure.label.split(' per ')[0]}"
    if measure.per == Per.TOTAL:
        return num, ""
    if measure.per == Per.CAPITA:
        den = fact.population or (
            jurisdiction.population_in(fact.year, POPULATION_MAX_GAP) if jurisdiction else None
        )
        return (num / den, "") if den else (None, f"no population for {fact.year}")
    gdp = jurisdiction.gdp_in(fact.year, POPULATION_MAX_GAP) if jurisdiction else None
    return (num / gdp, "") if gdp else (None, f"no GDP for {fact.year}")


def _counts(points: Sequence[SeriesPoint]) -> dict[str, int]:
    out = {v.value: 0 for v in VerificationStatus}
    for p in points:
        out[p.verification.value] += 1
    return out


def inventory_series(
    jurisdiction: JurisdictionFacts,
    inventories: Sequence[InventoryFact],
    measure: Measure | None = None,
    rules: ComparabilityRules = DEFAULT_RULES,
) -> Series:
    """The jurisdiction's inventories on ``measure`` (one per year: the caller passes the published ones)."""
    measure = measure or Measure()
    own = sorted((f for f in inventories if f.jurisdiction_id == jurisdiction.id), key=lambda f: f.year)
    points = []
    for f in own:
        value, note = measure_value(f, measure, jurisdiction)
        points.append(
            SeriesPoint(
                year=f.year,
                value=value,
                verification=f.verification,
                level=f.level.value,
                boundary=f.boundary,
                gwp_set=f.gwp_set,
                note=note,
            )
        )
    trend, why = _trend_of_comparable(own, points, measure, rules)
    return Series(
        jurisdiction_id=jurisdiction.id,
        measure=measure.id,
        label=measure.label,
        unit=measure.unit,
        points=points,
        trend=trend,
        trend_note=why,
        verification=_counts(points),
    )


def _trend_of_comparable(
    facts: Sequence[InventoryFact], points: Sequence[SeriesPoint], measure: Measure, rules: ComparabilityRules
) -> tuple[Trend | None, str]:
    usable = [i for i, p in enumerate(points) if p.value is not None]
    if not usable:
        return None, "no values"
    last = usable[-1]
    run = [last]
    warnings: list[Reason] = []
    for i in reversed(usable[:-1]):  # walk back until the first inventory we may not compare
        verdict = compare(facts[i], facts[last], measure, rules)
        if not verdict.allowed:
            break
        warnings.extend(verdict.reasons)
        run.append(i)
    run.reverse()
    trend, why = compound_annual_change([points[i].year for i in run], [points[i].value or 0.0 for i in run])
    if len(run) < len(usable) and trend is not None:
        why = f"years before {trend.first_year} left out: not comparable with {points[last].year}"
    notes = sorted({r.message for r in warnings})
    return trend, "; ".join([why, *notes] if why else notes)


#: Kinds whose progress is read off the inventories' emissions; the measure follows the kind (an intensity
#: target is tracked per person or per unit of GDP, never against absolute emissions).
_EMISSION_MEASURES: dict[str, Per] = {
    "base_year": Per.TOTAL,
    "fixed_level": Per.TOTAL,
    "net_zero": Per.TOTAL,
    "baseline_scenario": Per.TOTAL,
    "intensity": Per.CAPITA,  # the registry's older single intensity kind is per person
    "intensity_per_capita": Per.CAPITA,
    "intensity_per_gdp": Per.GDP,
}


def _base_intensity(
    target: TargetFact, inventories: Sequence[InventoryFact], total: Total, per: Per
) -> float | None:
    own = [
        f for f in inventories if f.jurisdiction_id == target.jurisdiction_id and f.year == target.base_year
    ]
    return measure_value(own[0], Measure(total=total, per=per))[0] if own else None


def target_progress_series(
    target: TargetFact, inventories: Sequence[InventoryFact], total: Total = Total.BASIC
) -> Series:
    """% of the reduction achieved each year: (base - latest) / (base - target) x 100; on track when the
    year's emissions are at or below the straight line from base to target. Emissions are lower-is-better
    whatever the numbers say: a level set above the base (a cap on growth) has no "% of the reduction",
    only on track or not; kinds that are not about emissions (renewable share, energy use) have no
    emissions series at all."""
    per = _EMISSION_MEASURES.get(target.kind)
    base, goal = target.base_emissions_tco2e, target.target_emissions_tco2e
    if per not in (None, Per.TOTAL):
        # An intensity's base is the base-year inventory's own intensity, not absolute emissions.
        base, goal = _base_intensity(target, inventories, total, per), None
    if goal is None and base is not None and target.reduction_pct is not None:
        goal = base * (1.0 - target.reduction_pct / 100.0)
    if goal is None and target.kind == "net_zero":
        goal = 0.0
    points: list[SeriesPoint] = []
    note = ""
    if per is None:
        note = "the target is not about emissions: its progress is read off its own indicator"
    elif (
        base is None or goal is None or target.base_year is None or target.target_year is None or base == goal
    ):
        note = "the target lacks a base year, base emissions, a target year or a target level"
    else:
        if goal > base:
            note = "the target caps growth above the base: progress shows on track or not, not a % of a cut"
        m = Measure(total=total, per=per)
        for f in sorted(inventories, key=lambda f: f.year):
            if f.jurisdiction_id != target.jurisdiction_id or f.year < target.base_year:
                continue
            value, why = measure_value(f, m)
            pct = None if value is None or goal > base else 100.0 * (base - value) / (base - goal)
            span = target.target_year - target.base_year
            line = base + (goal - base) * min(1.0, (f.year - target.base_year) / span) if span > 0 else goal
            points.append(
                SeriesPoint(
                    year=f.year,
                    value=pct,
                    verification=f.verification,
                    level=f.level.value,
                    boundary=f.boundary,
                    gwp_set=f.gwp_set,
                    note=why,
                    on_track=None if value is None else value <= line + 1e-9,
                )
            )
    return Series(
        jurisdiction_id=target.jurisdiction_id,
        measure=f"progress:{target.target_id}",
        label=f"progress towards the {target.target_year} target",
        unit="%",
        higher_is_better=True,
        points=points,
        trend_note=note or "progress carries no compound trend",
        verification=_counts(points),
    )


def indicator_series(
    jurisdiction_id: str, facts: Sequence[IndicatorFact], framework: str, indicator: str
) -> Series:
    """A framework indicator or score over the years; the trend as for emissions."""
    own = sorted(
        (
            f
            for f in facts
            if f.jurisdiction_id == jurisdiction_id and f.framework == framework and f.indicator == indicator
        ),
        key=lambda f: f.year,
    )
    points = [SeriesPoint(year=f.year, value=f.value, verification=f.verification) for f in own]
    trend, why = compound_annual_change([p.year for p in points], [p.value or 0.0 for p in points])
    return Series(
        jurisdiction_id=jurisdiction_id,
        measure=f"{framework}:{indicator}",
        label=f"{framework} {indicator}",
        unit=own[0].unit if own else "",
        higher_is_better=own[0].higher_is_better if own else True,
        points=points,
        trend=trend,
        trend_note=why,
        verification=_counts(points),
    )


@dataclass
class MeasureColumns:
    """One row per inventory: the measure's value (NaN when it cannot be computed) and its scope."""

    jurisdiction: I64  # row in the jurisdictions table
    year: I64
    value: F64
    scope: I64  # code of (level, boundary): equal codes are of comparable scope
    scope_labels: list[tuple[str, str]]
    gwp: I64
    gwp_labels: list[str]


def _lookup_earlier(keys_sorted: I64, vals_sorted: F64, j: I64, year: I64, max_gap: int) -> F64:
    """Value at (j, year), else at the nearest earlier year within ``max_gap``: vectorised searchsorted."""
    out = np.full(len(j), np.nan)
    for gap in range(max_gap + 1):
        want = j * 10_000 + (year - gap)
        pos = np.clip(np.searchsorted(keys_sorted, want), 0, max(len(keys_sorted) - 1, 0))
        hit = (keys_sorted[pos] == want) if len(keys_sorted) else np.zeros(len(j), bool)
        fill = np.isnan(out) & hit
        out[fill] = vals_sorted[pos[fill]]
    return out


def measure_columns(tables: RegistryTables, measure: Measure) -> MeasureColumns:
    """The measure for every inventory in ``tables``, without a Python loop per row."""
    inv = tables.inventories
    j = index_of(tables.jurisdictions, "id", inv, "jurisdiction_id", "inventories")
    year = ints(inv, "year")
    if measure.sector:
        sec = tables.inventory_sectors
        mask = np.asarray(sec.column("sector").to_numpy(zero_copy_only=False) == measure.sector)
        sec = sec.filter(mask)
        sj = index_of(tables.jurisdictions, "id", sec, "jurisdiction_id", "inventory_sectors")
        key = sj * 10_000 + ints(sec, "year")
        order = np.argsort(key, kind="stable")
        num = _lookup_earlier(key[order], floats(sec, "tco2e")[order], j, year, 0)
    else:
        num = floats(inv, f"{measure.total.value}_tco2e")
    if measure.per != Per.TOTAL:
        jy = tables.jurisdiction_years
        yj = index_of(tables.jurisdictions, "id", jy, "jurisdiction_id", "jurisdiction_years")
        col = floats(jy, "population" if measure.per == Per.CAPITA else "gdp_musd")
        ok = ~np.isnan(col)
        key = (yj * 10_000 + ints(jy, "year"))[ok]
        order = np.argsort(key, kind="stable")
        den = _lookup_earlier(key[order], col[ok][order], j, year, POPULATION_MAX_GAP)
        if measure.per == Per.CAPITA:
            own = floats(inv, "population")
            den = np.where(np.isnan(own) | (own <= 0), den, own)
        with np.errstate(divide="ignore", invalid="ignore"):
            num = np.where(den > 0, num / den, np.nan)
    lev, lev_labels = codes(inv, "level")
    raw, raw_labels = codes(inv, "boundary")  # normalise the few distinct texts, not every row
    norm = [normalise_boundary(b) for b in raw_labels]
    bnd_labels = sorted(set(norm)) or [""]
    pos = {b: i for i, b in enumerate(bnd_labels)}
    bnd = np.array([pos[b] for b in norm], dtype=np.int64)[raw] if len(raw) else raw
    scope_key = lev * len(bnd_labels) + bnd
    uniq, scope = np.unique(scope_key, return_inverse=True)
    scope_labels = [
        (lev_labels[int(k) // len(bnd_labels)], bnd_labels[int(k) % len(bnd_labels)]) for k in uniq
    ]
    gwp, gwp_labels = codes(inv, "gwp_set")
    return MeasureColumns(
        jurisdiction=j,
        year=year,
        value=np.asarray(num, dtype=np.float64),
        scope=scope.reshape(-1).astype(np.int64),
        scope_labels=scope_labels,
        gwp=gwp,
        gwp_labels=gwp_labels,
    )
