"""Pathway: a BAU projection from the latest inventory, minus the actions' reductions, against the target.

BAU (our method, shown with its parameters on every result):
    BAU(y) = E0 × P(y)/P0 × [ (G(y)/P(y)) / (G0/P0) ] ** ε
E0, P0, G0: the latest inventory's covered emissions, population and GDP; P(y), G(y): projections (linear
between the years given); ε: the GDP elasticity (GDP is ignored when no elasticity is given). Without a
population projection, emissions are held at E0 ("constant").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import plotly.graph_objects as go
from pydantic import BaseModel, Field

from localaction.core.errors import InputError
from localaction.core.targets.coverage import Mismatch, covered_emissions, sectors_in_level
from localaction.core.targets.double_counting import DoubleCount, duplicates, overclaims, sector_of
from localaction.core.targets.model import Action, ActionType, InventoryPoint, Target
from localaction.core.targets.progress import base_value, final_value, line_value

COUNTED_STATUSES = ("planned", "in_progress", "implemented", "monitoring")


class BauInputs(BaseModel):
    """Projections by year (sparse: linear between the years given, never extrapolated)."""

    population: dict[int, float] = Field(default_factory=dict)
    gdp: dict[int, float] = Field(default_factory=dict)
    gdp_elasticity: float | None = None  # d ln(E/P) / d ln(GDP/P); None: GDP not used


class BauMethod(BaseModel):
    name: str  # "constant", "per_capita", "per_capita_gdp"
    text: str
    parameters: dict[str, float | int | str]


class ActionUse(BaseModel):
    action_id: str
    title: str
    counted: bool
    from_year: int | None = None
    reduction_tco2e_per_yr: float = 0.0
    reason: str = ""


class PathwayYear(BaseModel):
    year: int
    bau_tco2e: float | None = None
    actions_tco2e: float | None = None  # the sum of counted reductions active that year
    with_actions_tco2e: float | None = None
    target_tco2e: float | None = None
    actual_tco2e: float | None = None


class Pathway(BaseModel):
    target_id: str
    target_year: int
    method: BauMethod
    years: list[PathwayYear]
    actions: list[ActionUse]
    double_counting: list[DoubleCount]
    bau_target_year_tco2e: float
    with_actions_target_year_tco2e: float
    target_tco2e: float
    gap_tco2e: float  # with actions − target in the target year (> 0: the plan falls short)
    gap_pct_of_bau: float | None
    gap_pct_of_needed: float | None  # of the reduction needed (BAU − target); None when none is needed
    notes: list[str] = Field(default_factory=list)


def interpolate(series: Mapping[int, float], year: int) -> float | None:
    """Linear between the nearest years given; None outside them."""
    if year in series:
        return series[year]
    before = [y for y in series if y < year]
    after = [y for y in series if y > year]
    if not before or not after:
        return None
    y0, y1 = max(before), min(after)
    return series[y0] + (series[y1] - series[y0]) * (year - y0) / (y1 - y0)


def _emissions(target: Target, point: InventoryPoint) -> float | Mismatch:
    e = covered_emissions(target.coverage, point)
    if isinstance(e, Mismatch) or not target.offsets_counted:
        return e
    return e - point.offsets_tco2e


def _bau(
    target: Target, latest: InventoryPoint, e0: float, inputs: BauInputs
) -> tuple[BauMethod, dict[int, float]]:
    pop = dict(inputs.population)
    if target.projected_population is not None:
        pop.setdefault(target.target_year, target.projected_population)
    gdp = dict(inputs.gdp)
    if target.projected_gdp is not None:
        gdp.setdefault(target.target_year, target.projected_gdp)
    years = range(latest.year, target.target_year + 1)
    p0 = latest.population
    if not pop or p0 is None:
        why = "no population projection" if not pop else f"the {latest.year} inventory has no population"
        method = BauMethod(
            name="constant",
            text=f"emissions held at the {latest.year} inventory's level ({why})",
            parameters={"base_year": latest.year, "emissions_tco2e": e0},
        )
        return method, {y: e0 for y in years}
    pop.setdefault(latest.year, p0)
    use_gdp = inputs.gdp_elasticity is not None and bool(gdp) and latest.gdp is not None
    if use_gdp:
        assert latest.gdp is not None
        gdp.setdefault(latest.year, latest.gdp)
    out: dict[int, float] = {}
    for y in years:
        p = interpolate(pop, y)
        if p is None:
            raise InputError(
                f"the population projection does not reach {y}; give a value for {target.target_year}",
                code="pathway.projection_short",
            )
        factor = p / p0
        if use_gdp:
            g = interpolate(gdp, y)
            if g is None:
                raise InputError(
                    f"the GDP projection does not reach {y}; give a value for {target.target_year}",
                    code="pathway.projection_short",
                )
            assert latest.gdp is not None and inputs.gdp_elasticity is not None
            factor *= ((g / p) / (latest.gdp / p0)) ** inputs.gdp_elasticity
        out[y] = e0 * factor
    params: dict[str, float | int | str] = {"base_year": latest.year, "emissions_tco2e": e0, "population": p0}
    if use_gdp:
        assert latest.gdp is not None and inputs.gdp_elasticity is not None
        params |= {"gdp": latest.gdp, "gdp_elasticity": inputs.gdp_elasticity}
        text = (
            f"per-capita emissions of {latest.year} ({e0 / p0:.3g} tCO2e/person) × projected population, "
            f"× (GDP per capita growth) ^ {inputs.gdp_elasticity:g}"
        )
    else:
        text = (
            f"per-capita emissions of {latest.year} ({e0 / p0:.3g} tCO2e/person) held × projected population"
        )
    return BauMethod(name="per_capita_gdp" if use_gdp else "per_capita", text=text, parameters=params), out


def _covered_sectors(target: Target) -> set[str]:
    in_level = sectors_in_level(target.coverage.level)
    return set(target.coverage.gpc_sectors or in_level) & set(in_level)


def _use(action: Action, target: Target, latest_year: int, sectors: set[str]) -> ActionUse:
    def skip(reason: str) -> ActionUse:
        return ActionUse(action_id=action.action_id, title=action.title, counted=False, reason=reason)

    if action.target_ids and target.target_id not in action.target_ids:
        return skip("linked to other targets")
    if action.action_type == ActionType.ADAPTATION:
        return skip("adaptation only")
    if action.status.value not in COUNTED_STATUSES:
        return skip(f"status {action.status.value}")
    if not action.reduction_tco2e_per_yr:
        return skip("no estimated reduction")
    if action.start_date is None:
        return skip("no start date: the year its reduction begins is unknown")
    touched = {sector_of(r) for r in action.gpc_sectors}
    if not touched & sectors:
        return skip(f"its sectors ({', '.join(sorted(touched)) or 'none'}) are outside the target's")
    start = action.start_date.year
    if start <= latest_year and action.status.value in ("implemented", "monitoring"):
        return skip(f"implemented from {start}: already reflected in the {latest_year} inventory")
    reason = (
        "" if touched <= sectors else "counted in full, though some of its sectors are outside the target's"
    )
    return ActionUse(
        action_id=action.action_id,
        title=action.title,
        counted=True,
        from_year=max(start, latest_year + 1),
        reduction_tco2e_per_yr=action.reduction_tco2e_per_yr,
        reason=reason,
    )


def _target_line(
    target: Target, inventories: Sequence[InventoryPoint], inputs: BauInputs
) -> dict[int, float]:
    """The target line in tCO2e from the base year (intensity: the intensity line × the denominator)."""
    base = base_value(target, inventories)
    final = final_value(target, base) if not isinstance(base, Mismatch) else base
    if isinstance(base, Mismatch) or isinstance(final, Mismatch) or target.base_year is None:
        reason = (
            base.reason if isinstance(base, Mismatch) else final.reason if isinstance(final, Mismatch) else ""
        )
        raise InputError(
            f"the target line cannot be drawn: {reason or 'no base year'}", code="pathway.no_target_line"
        )
    line = {
        y: line_value(target.base_year, base, target.target_year, final, y)
        for y in range(target.base_year, target.target_year + 1)
    }
    if not target.kind.is_intensity:
        return line
    per_capita = target.kind.value == "intensity_per_capita"
    denom: dict[int, float] = dict(inputs.population if per_capita else inputs.gdp)
    projected = target.projected_population if per_capita else target.projected_gdp
    if projected is not None:
        denom.setdefault(target.target_year, projected)
    for p in inventories:
        d = p.population if per_capita else p.gdp
        if d is not None:
            denom[p.year] = d
    out = {}
    for y, v in line.items():
        d = interpolate(denom, y)
        if d is not None:
            out[y] = v * d
    return out


def pathway(
    target: Target,
    inventories: Sequence[InventoryPoint],
    actions: Sequence[Action] = (),
    bau: BauInputs | None = None,
) -> Pathway:
    """BAU from the latest inventory, minus the counted actions from their start year, against the target."""
    if not target.kind.is_ghg:
        raise InputError(
            f"a pathway is drawn for GHG targets, not {target.kind.value}", code="pathway.not_ghg"
        )
    if not inventories:
        raise InputError("a pathway needs at least one inventory", code="pathway.no_inventory")
    inputs = bau or BauInputs()
    points = sorted(inventories, key=lambda p: p.year)
    latest = points[-1]
    if latest.year >= target.target_year:
        raise InputError(
            f"the latest inventory ({latest.year}) is not before the target year", code="pathway.too_late"
        )
    e0 = _emissions(target, latest)
    if isinstance(e0, Mismatch):
        raise InputError(f"no pathway: {e0.reason}", code="pathway.not_comparable")
    method, bau_by_year = _bau(target, latest, e0, inputs)
    sectors = _covered_sectors(target)
    uses = [_use(a, target, latest.year, sectors) for a in actions]
    counted = {u.action_id for u in uses if u.counted}
    counted_actions = [a for a in actions if a.action_id in counted]
    target_line = _target_line(target, points, inputs)
    actual = {p.year: v for p in points if not isinstance(v := _emissions(target, p), Mismatch)}
    notes = [
        f"{p.year} inventory not shown: {v.reason}"
        for p in points
        if isinstance(v := _emissions(target, p), Mismatch)
    ]
    first = min([*target_line, points[0].year])
    rows = []
    for y in range(first, target.target_year + 1):
        b = bau_by_year.get(y)
        red = sum(
            u.reduction_tco2e_per_yr
            for u in uses
            if u.counted and u.from_year is not None and u.from_year <= y
        )
        rows.append(
            PathwayYear(
                year=y,
                bau_tco2e=b,
                actions_tco2e=red if b is not None else None,
                with_actions_tco2e=b - red if b is not None else None,
                target_tco2e=target_line.get(y),
                actual_tco2e=actual.get(y),
            )
        )
    end = rows[-1]
    assert end.bau_tco2e is not None and end.with_actions_tco2e is not None
    goal = target_line.get(target.target_year)
    if goal is None:
        raise InputError(
            "the target value in tCO2e is unknown (projected denominator missing)",
            code="pathway.no_target_line",
        )
    gap = end.with_actions_tco2e - goal
    needed = end.bau_tco2e - goal
    flagged = duplicates(counted_actions)
    # Sector BAU for the over-claim check: the latest inventory's sector shares applied to the BAU total.
    in_cover = {s: v for s, v in latest.by_sector_tco2e.items() if s in sectors}
    total = sum(in_cover.values())
    share = {s: v / total for s, v in in_cover.items()} if total > 0 else {}
    if share and latest.level.value == target.coverage.level.value:
        flagged += overclaims(
            counted_actions, {s: f * end.bau_tco2e for s, f in share.items()}, target.target_year
        )
    if target.bau_emissions_tco2e is not None:
        notes.append(
            f"the target records BAU {target.bau_emissions_tco2e:,.0f} tCO2e for {target.target_year}; "
            f"this projection gives {end.bau_tco2e:,.0f}"
        )
    if end.with_actions_tco2e < 0:
        notes.append("the actions claim more than the BAU emissions: check their estimates")
    return Pathway(
        target_id=target.target_id,
        target_year=target.target_year,
        method=method,
        years=rows,
        actions=uses,
        double_counting=flagged,
        bau_target_year_tco2e=end.bau_tco2e,
        with_actions_target_year_tco2e=end.with_actions_tco2e,
        target_tco2e=goal,
        gap_tco2e=gap,
        gap_pct_of_bau=gap / end.bau_tco2e * 100 if end.bau_tco2e > 0 else None,
        gap_pct_of_needed=gap / needed * 100 if needed > 0 else None,
        notes=notes,
    )


def pathway_table(p: Pathway) -> list[dict[str, float | int | None]]:
    """The pathway as rows (one per year): the same numbers as the chart."""
    return [row.model_dump() for row in p.years]


def pathway_figure(p: Pathway, title: str = "") -> go.Figure:
    """BAU, with actions, the target line and the actual inventories, with the gap in the target year."""
    years = [r.year for r in p.years]

    def col(name: str) -> list[float | None]:
        return [getattr(r, name) for r in p.years]

    fig = go.Figure()
    fig.add_scatter(x=years, y=col("bau_tco2e"), name="BAU", mode="lines", line={"dash": "dash"})
    fig.add_scatter(x=years, y=col("with_actions_tco2e"), name="With actions", mode="lines")
    fig.add_scatter(x=years, y=col("target_tco2e"), name="Target", mode="lines", line={"dash": "dot"})
    fig.add_scatter(x=years, y=col("actual_tco2e"), name="Inventories", mode="markers")
    share = f" ({p.gap_pct_of_bau:.1f} % of BAU)" if p.gap_pct_of_bau is not None else ""
    word = "gap" if p.gap_tco2e > 0 else "margin"
    fig.add_annotation(
        x=p.target_year,
        y=p.with_actions_target_year_tco2e,
        text=f"{word} in {p.target_year}: {abs(p.gap_tco2e):,.0f} tCO2e{share}",
        showarrow=True,
    )
    fig.update_layout(
        title=title or f"Pathway to {p.target_year}",
        xaxis_title="year",
        yaxis_title="tCO2e",
        yaxis_rangemode="tozero",
        hovermode="x unified",
        meta={"bau_method": p.method.text},
    )
    return fig
