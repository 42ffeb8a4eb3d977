"""Are we on track? Progress of a target (and each interim target) against the inventories.

progress % = (base − latest) / (base − target) × 100; on track = latest at or below the straight line from
base to target at the latest year (at or above it for a rising target such as a renewable share).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from localaction.core.errors import InputError
from localaction.core.targets.coverage import Mismatch, denominator, measured_value
from localaction.core.targets.model import IndicatorPoint, InventoryPoint, Target, TargetKind

_EPS = 1e-9  # relative tolerance: "at or below the line" survives float rounding


# --- the maths, as pure functions over numbers -------------------------------------------------------


def line_value(
    base_year: float, base_value: float, target_year: float, target_value: float, year: float
) -> float:
    """The straight line through (base_year, base_value) and (target_year, target_value), at ``year``."""
    if target_year == base_year:
        raise InputError("the target year must differ from the base year", code="target.year_order")
    frac = (year - base_year) / (target_year - base_year)
    return base_value + (target_value - base_value) * frac


def progress_pct(base: float, target: float, latest: float) -> float:
    """Share of the change achieved: 0 at base, 100 at target, above 100 beyond it, negative backwards."""
    if base == target:
        raise InputError(
            "the target value equals the base value: there is no change to track", code="target.no_change"
        )
    return (base - latest) / (base - target) * 100.0


def compound_rate_pct(from_value: float, to_value: float, years: float) -> float | None:
    """Compound annual change in % (−4.2 = a 4.2 % cut each year); None when undefined (values ≤ 0, no time)."""
    if years <= 0 or from_value <= 0 or to_value <= 0:
        return None
    ratio: float = (to_value / from_value) ** (1.0 / years)
    return (ratio - 1.0) * 100.0


def reached(base: float, target: float, value: float) -> bool:
    """Has ``value`` reached ``target`` coming from ``base`` (falling or rising)?"""
    tol = _EPS * max(1.0, abs(base), abs(target))
    return value <= target + tol if target <= base else value >= target - tol


# --- results ---------------------------------------------------------------------------------------


class Progress(BaseModel):
    """Progress towards one milestone (the target or an interim target), in the target's unit."""

    result: Literal["comparable"] = "comparable"
    milestone_year: int
    is_interim: bool
    unit: str
    base_year: int
    base_value: float
    target_value: float
    latest_year: int
    latest_value: float
    progress_pct: float  # share of the change achieved
    expected_value: float  # the straight line at the latest year
    expected_progress_pct: float
    status: Literal["achieved", "on_track", "off_track", "missed"]
    on_track: bool  # achieved or on the right side of the line
    gap: float  # latest − line, towards the wrong side positive (behind), in the unit
    gap_tco2e: float | None  # the same in tCO2e (intensity: × the latest denominator); None for energy kinds
    remaining: float  # still to go to the target value, in the unit (≤ 0 once reached)
    annual_rate_achieved_pct: float | None  # compound, base -> latest
    annual_rate_needed_pct: float | None  # compound, latest -> milestone
    annual_change_achieved: float | None  # linear, unit per year
    annual_change_needed: float | None
    notes: list[str] = Field(default_factory=list)


class NotComparable(BaseModel):
    """No figure, and why: the coverage differs, a denominator is missing, there is no data …"""

    result: Literal["not_comparable"] = "not_comparable"
    milestone_year: int
    is_interim: bool
    code: str
    reason: str


MilestoneProgress = Annotated[Progress | NotComparable, Field(discriminator="result")]


class TargetProgress(BaseModel):
    target_id: str
    kind: TargetKind
    unit: str
    target: MilestoneProgress
    interim: list[MilestoneProgress] = Field(default_factory=list)


# --- values of a target ----------------------------------------------------------------------------


def unit_of(target: Target) -> str:
    if target.kind == TargetKind.INTENSITY_PER_CAPITA:
        return target.intensity_unit or "tCO2e/capita"
    if target.kind == TargetKind.INTENSITY_PER_GDP:
        return target.intensity_unit or "tCO2e/GDP unit"
    if not target.kind.is_ghg:
        return target.unit or ("%" if target.kind == TargetKind.RENEWABLE_SHARE else "")
    return "tCO2e"


def _at(points: Sequence[InventoryPoint], year: int) -> InventoryPoint | None:
    return next((p for p in points if p.year == year), None)


def base_value(
    target: Target, inventories: Sequence[InventoryPoint] = (), indicator: Sequence[IndicatorPoint] = ()
) -> float | Mismatch:
    """The base: the recorded figure, else the base-year inventory (or indicator) value."""
    if target.base_year is None:
        return Mismatch("target.base_year_missing", "the target has no base year")
    if not target.kind.is_ghg:
        if target.base_value is not None:
            return target.base_value
        found = next((p.value for p in indicator if p.year == target.base_year), None)
        return (
            found
            if found is not None
            else Mismatch(
                "target.base_missing", f"no base value and no {target.base_year} value in the series"
            )
        )
    point = _at(inventories, target.base_year)
    if target.kind.is_intensity:
        if target.base_intensity is not None:
            return target.base_intensity
        if target.base_emissions_tco2e is not None and point is not None:
            denom = denominator(target, point)
            return denom if isinstance(denom, Mismatch) else target.base_emissions_tco2e / denom
    elif target.base_emissions_tco2e is not None:
        return target.base_emissions_tco2e
    if point is None:
        return Mismatch(
            "target.base_missing",
            f"no base-year figure recorded and no {target.base_year} inventory to take it from",
        )
    return measured_value(target, point)


def target_value_for(
    target: Target, base: float, reduction_pct: float | None, value: float | None
) -> float | Mismatch:
    """The value to reach: from a reduction (of base, or of BAU), or given directly."""
    kind = target.kind
    if kind == TargetKind.BASELINE_SCENARIO:
        if value is not None:
            return value
        if reduction_pct is None or target.bau_emissions_tco2e is None:
            return Mismatch(
                "target.bau_missing", "a baseline-scenario target needs the BAU emissions and a reduction"
            )
        return target.bau_emissions_tco2e * (1 - reduction_pct / 100.0)
    if value is not None:
        return value
    if kind == TargetKind.NET_ZERO and reduction_pct is None:
        return 0.0
    if kind == TargetKind.RENEWABLE_SHARE or reduction_pct is None:
        return Mismatch("target.value_missing", "give the value to reach (or a reduction %)")
    return base * (1 - reduction_pct / 100.0)


def final_value(target: Target, base: float) -> float | Mismatch:
    if target.kind == TargetKind.NET_ZERO:
        # Net zero is a level, whatever reduction % is recorded beside it (that is the gross cut, if any).
        return target.target_emissions_tco2e or 0.0
    absolute = target.kind.is_ghg and not target.kind.is_intensity
    value = target.target_emissions_tco2e if absolute else target.target_value
    if target.kind != TargetKind.FIXED_LEVEL and target.reduction_pct is not None:
        value = None  # the recorded reduction % defines the target; a value beside it is derived
    return target_value_for(target, base, target.reduction_pct, value)


# --- progress --------------------------------------------------------------------------------------


def _series(
    target: Target, inventories: Sequence[InventoryPoint], indicator: Sequence[IndicatorPoint]
) -> list[tuple[int, float | Mismatch, InventoryPoint | None]]:
    if not target.kind.is_ghg:
        return [(p.year, p.value, None) for p in sorted(indicator, key=lambda p: p.year)]
    return [(p.year, measured_value(target, p), p) for p in sorted(inventories, key=lambda p: p.year)]


def _milestone(
    target: Target,
    year: int,
    goal: float | Mismatch,
    base: float,
    series: list[tuple[int, float | Mismatch, InventoryPoint | None]],
    is_interim: bool,
) -> MilestoneProgress:
    assert target.base_year is not None
    if isinstance(goal, Mismatch):
        return NotComparable(milestone_year=year, is_interim=is_interim, code=goal.code, reason=goal.reason)
    if goal == base:
        return NotComparable(
            milestone_year=year,
            is_interim=is_interim,
            code="target.no_change",
            reason="the value to reach equals the base value: there is no change to track",
        )
    # The latest data up to the milestone year decides; an older comparable year is not used in its place.
    usable = [s for s in series if target.base_year <= s[0] <= year]
    if not usable:
        return NotComparable(
            milestone_year=year,
            is_interim=is_interim,
            code="progress.no_data",
            reason=f"no data between the base year {target.base_year} and {year}",
        )
    latest_year, latest, point = usable[-1]
    if isinstance(latest, Mismatch):
        return NotComparable(
            milestone_year=year, is_interim=is_interim, code=latest.code, reason=latest.reason
        )
    expected = line_value(target.base_year, base, year, goal, latest_year)
    falling = goal < base
    sign = 1.0 if falling else -1.0
    gap = (latest - expected) * sign
    tol = _EPS * max(1.0, abs(base), abs(goal))
    is_reached = reached(base, goal, latest)
    on_line = gap <= tol
    if is_reached:
        status: Literal["achieved", "on_track", "off_track", "missed"] = "achieved"
    elif latest_year >= year:
        status = "missed"
    else:
        status = "on_track" if on_line else "off_track"
    gap_t: float | None = None
    if target.kind.is_ghg:
        gap_t = gap
        if target.kind.is_intensity and point is not None:
            denom = denominator(target, point)
            gap_t = None if isinstance(denom, Mismatch) else gap * denom
    elapsed, left = latest_year - target.base_year, year - latest_year
    notes = []
    if compound_rate_pct(base, goal, max(year - target.base_year, 1)) is None:
        notes.append("compound rates are undefined at or below zero; the linear change per year is given")
    return Progress(
        milestone_year=year,
        is_interim=is_interim,
        unit=unit_of(target),
        base_year=target.base_year,
        base_value=base,
        target_value=goal,
        latest_year=latest_year,
        latest_value=latest,
        progress_pct=progress_pct(base, goal, latest),
        expected_value=expected,
        expected_progress_pct=progress_pct(base, goal, expected),
        status=status,
        on_track=is_reached or on_line,
        gap=gap,
        gap_tco2e=gap_t,
        remaining=(latest - goal) * sign,
        annual_rate_achieved_pct=compound_rate_pct(base, latest, elapsed),
        annual_rate_needed_pct=compound_rate_pct(latest, goal, left),
        annual_change_achieved=(latest - base) / elapsed if elapsed > 0 else None,
        annual_change_needed=(goal - latest) / left if left > 0 else None,
        notes=notes,
    )


def target_progress(
    target: Target,
    inventories: Sequence[InventoryPoint] = (),
    *,
    indicator: Sequence[IndicatorPoint] = (),
) -> TargetProgress:
    """Progress of ``target`` and of each interim target.

    GHG kinds read ``inventories``; renewable-share and energy-efficiency targets read ``indicator``.
    Each milestone is judged on the latest data not after its year; if that year's inventory does not
    match the target's coverage the answer is ``NotComparable`` with the reason, never a number.
    """
    unit = unit_of(target)
    tid = target.target_id
    base = base_value(target, inventories, indicator)
    if isinstance(base, Mismatch):
        nc = [
            NotComparable(milestone_year=y, is_interim=i, code=base.code, reason=base.reason)
            for y, i in [(target.target_year, False)] + [(it.year, True) for it in target.interim_targets]
        ]
        return TargetProgress(target_id=tid, kind=target.kind, unit=unit, target=nc[0], interim=list(nc[1:]))
    if target.base_year is None or target.target_year <= target.base_year:
        mm = NotComparable(
            milestone_year=target.target_year,
            is_interim=False,
            code="target.year_order",
            reason="the target year must come after the base year",
        )
        return TargetProgress(target_id=tid, kind=target.kind, unit=unit, target=mm)
    series = _series(target, inventories, indicator)
    main = _milestone(target, target.target_year, final_value(target, base), base, series, False)
    interim: list[MilestoneProgress] = []
    for it in sorted(target.interim_targets, key=lambda i: i.year):
        if not target.base_year < it.year < target.target_year:
            interim.append(
                NotComparable(
                    milestone_year=it.year,
                    is_interim=True,
                    code="interim.year_range",
                    reason=f"an interim year must fall between {target.base_year} and {target.target_year}",
                )
            )
            continue
        if target.kind == TargetKind.BASELINE_SCENARIO and it.value is None:
            goal: float | Mismatch = Mismatch(
                "interim.value_missing",
                "a baseline-scenario interim target needs its value (BAU is known only for the target year)",
            )
        else:
            goal = target_value_for(target, base, it.reduction_pct, it.value)
        interim.append(_milestone(target, it.year, goal, base, series, True))
    return TargetProgress(target_id=tid, kind=target.kind, unit=unit, target=main, interim=interim)
