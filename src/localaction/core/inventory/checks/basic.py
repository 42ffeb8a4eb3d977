"""Checks on one inventory's GPC table and totals: completeness, notation keys, totals, signs, per capita,
the total's change since the previous inventory, age."""

from __future__ import annotations

from collections.abc import Iterator

from localaction.core.catalog.gpc import gpc_refs
from localaction.core.inventory.checks.base import CheckContext, Rule, fmt_t, has_data, thresholds
from localaction.core.inventory.model import (
    BoundaryType,
    CheckResult,
    InventoryResult,
    Level,
    NotationKey,
    Severity,
)


def _community(ctx: CheckContext) -> bool:
    return ctx.res.inventory.boundary_type == BoundaryType.COMMUNITY


def _has_afolu_removals(res: InventoryResult) -> bool:
    """Negative AFOLU lines (removals) legitimately make BASIC+ smaller than BASIC."""
    return any(
        ln.value_tco2e is not None and ln.value_tco2e < 0 and ln.sector_code == "V" for ln in res.lines
    )


def completeness(ctx: CheckContext) -> Iterator[CheckResult]:
    # A government-operations inventory reports what the government runs: no line is required of it.
    if not _community(ctx):
        return
    res = ctx.res
    refs = gpc_refs()
    for line in res.lines:
        meta = refs[line.gpc_ref]
        needed = meta.in_basic if res.inventory.level == Level.BASIC else meta.in_basic_plus
        if needed and line.value_tco2e is None and not line.notation_keys:
            yield ctx.check(
                "completeness.missing_line",
                f"{line.gpc_ref} ({meta.subsector}, scope {meta.scope}) is required for "
                f"{res.inventory.level.value}: enter a value or a notation key (NO, IE, NE, C) with an explanation",
                gpc_ref=line.gpc_ref,
            )


def notation_keys(ctx: CheckContext) -> Iterator[CheckResult]:
    res = ctx.res
    unexplained = [ln.gpc_ref for ln in res.lines if ln.notation_keys and not ln.explanation.strip()]
    if unexplained:
        shown = ", ".join(unexplained[:12]) + (
            f" and {len(unexplained) - 12} more" if len(unexplained) > 12 else ""
        )
        yield ctx.check(
            "notation.unexplained",
            f"{len(unexplained)} line(s) with a notation key have no explanation ({shown}): say why each "
            "source does not occur (NO), where it is included (IE), or why it is not estimated (NE)",
        )
    for ln in res.lines:
        if NotationKey.IE in ln.notation_keys and not ln.included_in and "I" not in ln.explanation:
            yield ctx.check(
                "notation.ie_without_location",
                f"{ln.gpc_ref} is marked IE: name the line it is included in, e.g. IE (II.1.1)",
                gpc_ref=ln.gpc_ref,
            )
        other = set(ln.notation_keys) - {NotationKey.C}
        if ln.value_tco2e is not None and ln.value_tco2e != 0 and other:
            keys = "; ".join(k.value for k in ln.notation_keys)
            yield ctx.check(
                "notation.value_with_key",
                f"{ln.gpc_ref} has a value ({fmt_t(ln.value_tco2e)}) and the key {keys}: keep one of them",
                gpc_ref=ln.gpc_ref,
            )


def reported_totals(ctx: CheckContext) -> Iterator[CheckResult]:
    res = ctx.res
    rep = res.inventory.reported
    if rep is None:
        return
    t = res.totals
    pairs = [
        ("BASIC", rep.basic, t.basic),
        ("BASIC+", rep.basic_plus, t.basic_plus),
        ("BASIC+ with other scope 3", rep.basic_plus_other_scope3, t.basic_plus_other_scope3),
        ("territorial", rep.territorial, t.territorial),
    ]
    rel, absolute = thresholds("totals.rel_tolerance"), thresholds("totals.abs_tolerance_t")
    for name, reported, computed in pairs:
        if reported is None:
            continue
        tol = max(rel * abs(computed), absolute)
        if abs(reported - computed) > tol:
            diff = reported - computed
            yield ctx.check(
                "totals.mismatch",
                f"reported {name} total {fmt_t(reported)} differs from the sum of the lines {fmt_t(computed)} "
                f"by {fmt_t(diff)} ({diff / computed:+.1%} of the lines): correct the total or the lines"
                if computed
                else f"reported {name} total {fmt_t(reported)} but the lines sum to zero",
            )
    below = rep.basic is not None and rep.basic_plus is not None and rep.basic_plus < rep.basic
    if below and not _has_afolu_removals(res):
        assert rep.basic is not None and rep.basic_plus is not None
        yield ctx.check(
            "totals.basic_plus_below_basic",
            f"reported BASIC+ {fmt_t(rep.basic_plus)} is below BASIC {fmt_t(rep.basic)}: BASIC+ adds sources to "
            "BASIC, so check both totals",
        )


def basic_plus_vs_basic(ctx: CheckContext) -> Iterator[CheckResult]:
    t = ctx.res.totals
    if t.basic_plus < t.basic - thresholds("totals.abs_tolerance_t"):
        removals = _has_afolu_removals(ctx.res)
        yield ctx.check(
            "totals.basic_plus_below_basic",
            f"BASIC+ {fmt_t(t.basic_plus)} is below BASIC {fmt_t(t.basic)}"
            + (
                ": AFOLU removals explain it; make sure they are reported as such"
                if removals
                else ": check the BASIC+ lines for sign errors"
            ),
            severity=Severity.WARNING if removals else Severity.ERROR,
        )


def negative_values(ctx: CheckContext) -> Iterator[CheckResult]:
    for ln in ctx.res.lines:
        if ln.value_tco2e is not None and ln.value_tco2e < 0 and ln.sector_code != "V":
            yield ctx.check(
                "values.negative_outside_afolu",
                f"{ln.gpc_ref} is negative ({fmt_t(ln.value_tco2e)}): only AFOLU (V.x) lines may carry removals; "
                "report avoided emissions (e.g. recovered methane) inside the source's own calculation",
                gpc_ref=ln.gpc_ref,
            )


def per_capita(ctx: CheckContext) -> Iterator[CheckResult]:
    if not _community(ctx):
        return
    pop = ctx.res.inventory.population
    if not pop:
        yield ctx.check(
            "population.missing",
            "population is missing: add it so per-capita figures and comparisons can be made",
        )
        return
    value = ctx.res.totals.basic / pop
    lo, hi = thresholds("per_capita.min_t"), thresholds("per_capita.max_t")
    if not lo <= value <= hi:
        yield ctx.check(
            "per_capita.implausible",
            f"BASIC emissions are {value:.2f} tCO2e per person (plausible: {lo:g}-{hi:g}): check the population "
            f"({pop:,.0f}) and the units of the largest lines",
        )


def total_change(ctx: CheckContext) -> Iterator[CheckResult]:
    """The BASIC total against the previous inventory (given, or the ``previous_totals`` of the inventory)."""
    if not has_data(ctx.res):
        return  # an empty draft: year-on-year comparisons start with its first record or value
    year = ctx.year
    earlier = {y: v for y, v in ctx.res.inventory.previous_totals.items() if y < year and v}
    if ctx.previous is not None and ctx.previous.totals.basic:
        earlier[ctx.previous.inventory.period.year] = ctx.previous.totals.basic
    if not earlier:
        return
    prev_year = max(earlier)
    prev = earlier[prev_year]
    change = (ctx.res.totals.basic - prev) / prev
    if abs(change) > thresholds("year_on_year.total_max_change"):
        yield ctx.check(
            "year_on_year.jump",
            f"BASIC changed {change:+.0%} since {prev_year} ({fmt_t(prev)} -> {fmt_t(ctx.res.totals.basic)}): "
            "explain the change (method, boundary, data source or real change) in the inventory notes",
        )


def period_age(ctx: CheckContext) -> Iterator[CheckResult]:
    reporting = ctx.res.inventory.reporting_year
    if reporting is None:
        return
    age = reporting - ctx.year
    limit = thresholds("period.max_age_years")
    if age > limit:
        yield ctx.check(
            "period.too_old",
            f"the inventory year {ctx.year} is {age} years before the reporting year {reporting} (at most "
            f"{limit:g}): compile a newer inventory",
        )


RULES: list[Rule] = [
    completeness,
    notation_keys,
    reported_totals,
    basic_plus_vs_basic,
    negative_values,
    per_capita,
    total_change,
    period_age,
]
