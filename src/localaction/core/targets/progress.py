"""Are we on track? Progress of a target (and each interim target) against the inventories.

progress % = (base − latest) / (base − target) × 100; on track = latest at or below the straight line from
base to target at the latest year (at or above it for a renewable share). Which side is better comes from the
target's kind (``TargetKind.lower_is_better``), never from the numbers: an emissions level set above the
base year (a baseline-scenario or fixed-level ceiling) is still lower-is-better, and its "% of the reduction
achieved" is undefined (no reduction from the base is needed), so it is not given.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from localaction.core.errors import InputError
from localaction.core.targets.coverage import Mismatch, denominator, measured_value
from localaction.core.targets.model import IndicatorPoint, InventoryPoint, Target, TargetKind

_EPS = 1e-9  # relative tolerance: "at or below the line" survives float rounding

DecidedBy = Literal["milestone_year", "nearest_after", "latest_before"]


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


def reached(target: float, value: float, *, lower_is_better: bool, scale: float = 1.0) -> bool:
    """Is ``value`` at or on the good side of ``target``? (``scale``: magnitude for the float tolerance.)"""
    tol = _EPS * max(1.0, abs(scale), abs(target))
    return value <= target + tol if lower_is_better else value >= target - tol


def _num(v: float, unit: str) -> str:
    return f"{v:,.0f} {unit}".strip() if abs(v) >= 100 else f"{v:,.4g} {unit}".strip()


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
    latest_year: int  # the year whose data decided (see ``decided_by``)
    latest_value: float
    lower_is_better: bool  # from the kind: every GHG and energy kind; a renewable share is higher-is-better
    reduction_needed: bool  # False: the value to reach is at or beyond the base (a ceiling or floor to hold)
    progress_pct: float | None  # share of the change achieved; None when no reduction is needed
    expected_value: float  # the straight line at the latest year (the value to reach from its year on)
    expected_progress_pct: float | None
    decided_by: DecidedBy  # the milestone year's own data, the nearest year after it, or the latest before
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


def _pick(
    series: list[tuple[int, float | Mismatch, InventoryPoint | None]],
    base_year: int,
    year: int,
) -> tuple[tuple[int, float | Mismatch, InventoryPoint | None], DecidedBy] | None:
    """Which data judges the milestone ``year`` (our rule): that year's own; else, once a later year is
    reported, the nearest year after it (the year has passed); else the latest year before it."""
    at = [s for s in series if s[0] == year]
    if at:
        return at[-1], "milestone_year"
    after = [s for s in series if s[0] > year]
    if after:
        return after[0], "nearest_after"
    before = [s for s in series if base_year <= s[0] < year]
    return (before[-1], "latest_before") if before else None


def _milestone(
    target: Target,
    year: int,
    goal: float | Mismatch,
    base: float,
    series: list[tuple[int, float | Mismatch, InventoryPoint | None]],
    is_interim: bool,
    as_of_year: int | None = None,
) -> MilestoneProgress:
    assert target.base_year is not None
    if isinstance(goal, Mismatch):
        return NotComparable(milestone_year=year, is_interim=is_interim, code=goal.code, reason=goal.reason)
    lower = target.kind.lower_is_better
    sign = 1.0 if lower else -1.0
    scale = max(1.0, abs(base), abs(goal))
    tol = _EPS * scale
    needed = (base - goal) * sign > tol  # a cut below the base (or a rise above it, for a share)
    picked = _pick(series, target.base_year, year)
    if picked is None:
        return NotComparable(
            milestone_year=year,
            is_interim=is_interim,
            code="progress.no_data",
            reason=f"no data between the base year {target.base_year} and {year}",
        )
    (latest_year, latest, point), decided_by = picked
    if decided_by == "latest_before" and as_of_year is not None and as_of_year > year:
        return NotComparable(
            milestone_year=year,
            is_interim=is_interim,
            code="progress.not_reported",
            reason=f"not reported for the target year {year}: the latest data is for {latest_year}",
        )
    if isinstance(latest, Mismatch):
        return NotComparable(
            milestone_year=year, is_interim=is_interim, code=latest.code, reason=latest.reason
        )
    # From the milestone year on, the line is the value to reach (it is not extrapolated past it).
    expected = line_value(target.base_year, base, year, goal, min(latest_year, year))
    gap = (latest - expected) * sign
    is_reached = reached(goal, latest, lower_is_better=lower, scale=scale)
    on_line = gap <= tol
    past = latest_year >= year
    status: Literal["achieved", "on_track", "off_track", "missed"]
    if past:
        status = "achieved" if is_reached else "missed"
    elif is_reached and needed:
        status = "achieved"  # a reduction reached early
    else:
        # A ceiling (or floor) to hold is judged at its year; before it, against the line.
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
    if not needed:
        word = "at or above" if lower else "at or below"
        keep = "at or below" if lower else "at or above"
        unit = unit_of(target)
        notes.append(
            f"the value to reach ({_num(goal, unit)}) is {word} the base ({_num(base, unit)}): no change from the "
            f"base is needed, so no % of the reduction achieved is given; the value must stay {keep} it"
        )
    if decided_by == "nearest_after":
        notes.append(f"no data for {year}: judged on {latest_year}, the nearest year after it")
    return Progress(
        milestone_year=year,
        is_interim=is_interim,
        unit=unit_of(target),
        base_year=target.base_year,
        base_value=base,
        target_value=goal,
        latest_year=latest_year,
        latest_value=latest,
        lower_is_better=lower,
        reduction_needed=needed,
        progress_pct=progress_pct(base, goal, latest) if needed else None,
        expected_value=expected,
        expected_progress_pct=progress_pct(base, goal, expected) if needed else None,
        decided_by=decided_by,
        status=status,
        on_track=status in ("achieved", "on_track"),
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
    as_of_year: int | None = None,
) -> TargetProgress:
    """Progress of ``target`` and of each interim target.

    GHG kinds read ``inventories``; renewable-share and energy-efficiency targets read ``indicator``.
    Each milestone is judged on its own year's data; without it, on the nearest later year once one is
    reported (the milestone year has passed: achieved or missed); else on the latest year before it (on or
    off track). ``as_of_year`` after the milestone year with only earlier data gives ``NotComparable``
    (``progress.not_reported``) rather than a "needed" rate for a year already past. If the deciding
    inventory does not match the target's coverage the answer is ``NotComparable`` with the reason.
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
    main = _milestone(target, target.target_year, final_value(target, base), base, series, False, as_of_year)
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
        interim.append(_milestone(target, it.year, goal, base, series, True, as_of_year))
    return TargetProgress(target_id=tid, kind=target.kind, unit=unit, target=main, interim=interim)
