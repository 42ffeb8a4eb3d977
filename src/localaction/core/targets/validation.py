"""Checks on a target that explain themselves: each issue has a code, a severity, a message and a field.

Every problem is reported at once; thresholds are data (``THRESHOLDS``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from localaction.core.inventory.model import Severity
from localaction.core.targets.coverage import (
    SECTOR_CODES,
    Mismatch,
    denominator,
    gas_set,
    measured_value,
    sectors_in_level,
)
from localaction.core.targets.model import (
    ALL_GASES,
    IndicatorPoint,
    InventoryPoint,
    Issue,
    Target,
    TargetKind,
)
from localaction.core.targets.progress import base_value, final_value, unit_of

THRESHOLDS = {
    "base_mismatch_rel": 0.05,  # recorded base vs the base-year inventory: warn above 5 %
}

VALIDATION_CODES = {
    "target.year_order": "the target year comes after the base year",
    "target.base_year_missing": "every kind has a base year (the start of the trajectory)",
    "target.base_missing": "a base figure is recorded or can be taken from the base-year inventory",
    "target.base_from_inventory": "no base figure recorded: it is taken from the base-year inventory",
    "target.base_mismatch": "the recorded base agrees with the base-year inventory within 5 %",
    "target.reduction_missing": "a reduction % (or the value to reach) is given",
    "target.reduction_range": "a reduction % lies between 0 and 100",
    "target.value_missing": "a fixed-level, renewable-share or energy target gives the value to reach",
    "target.bau_missing": "a baseline-scenario target gives the BAU emissions in the target year",
    "target.share_range": "a renewable share lies between 0 and 100 %",
    "target.direction": "the value to reach lies on the side of the base the kind asks for",
    "target.above_base": "an emissions level above the base is a ceiling: lower is still better",
    "target.year_introduced_order": "the year introduced is not after the target year",
    "coverage.unknown_sector": "covered sectors are GPC sector codes I … VI",
    "coverage.sector_not_in_level": "a covered sector has lines in the covered level",
    "coverage.sectors_unstated": "the covered sectors are stated (otherwise: all sectors of the level)",
    "coverage.unknown_gas": "covered gases are GPC gases",
    "coverage.gases_unstated": "the covered gases are stated (otherwise: all seven)",
    "intensity.denominator_missing": "an intensity target has its denominator (population or GDP) each year",
    "intensity.projection_missing": "an intensity target gives the projected population / GDP in the target year",
    "interim.year_range": "an interim year falls strictly between the base and target years",
    "interim.value_missing": "an interim target gives a reduction % or a value",
    "interim.out_of_order": "interim values lie between the base and the final value",
}


def _issue(code: str, severity: Severity, message: str, field: str = "") -> Issue:
    assert code in VALIDATION_CODES, code
    return Issue(code=code, severity=severity, message=message, field=field)


E, W = Severity.ERROR, Severity.WARNING


def _fmt(v: float, unit: str) -> str:
    return f"{v:,.0f} {unit}" if abs(v) >= 100 else f"{v:,.4g} {unit}"


def _fields(t: Target) -> Iterator[Issue]:
    k = t.kind
    if t.base_year is None:
        yield _issue(
            "target.base_year_missing", E, "give the base year the target is measured from", "base_year"
        )
    elif t.target_year <= t.base_year:
        yield _issue(
            "target.year_order",
            E,
            f"the target year ({t.target_year}) must come after the base year ({t.base_year})",
            "target_year",
        )
    if t.year_introduced is not None and t.year_introduced > t.target_year:
        yield _issue(
            "target.year_introduced_order",
            W,
            f"the target was introduced in {t.year_introduced}, after its target year {t.target_year}",
            "year_introduced",
        )
    if t.reduction_pct is not None and not 0 <= t.reduction_pct <= 100:
        yield _issue("target.reduction_range", E, "a reduction is between 0 and 100 %", "reduction_pct")
    needs_reduction = k in (TargetKind.BASE_YEAR, TargetKind.BASELINE_SCENARIO) or k.is_intensity
    has_value = {
        TargetKind.BASE_YEAR: t.target_emissions_tco2e,
        TargetKind.BASELINE_SCENARIO: t.target_emissions_tco2e,
    }.get(k, t.target_value)
    if needs_reduction and t.reduction_pct is None and has_value is None:
        yield _issue("target.reduction_missing", E, "give the reduction in %", "reduction_pct")
    if k == TargetKind.FIXED_LEVEL and t.target_emissions_tco2e is None:
        yield _issue("target.value_missing", E, "give the level to reach in tCO2e", "target_emissions_tco2e")
    if k == TargetKind.RENEWABLE_SHARE:
        if t.target_value is None:
            yield _issue("target.value_missing", E, "give the renewable share to reach, in %", "target_value")
        for name in ("base_value", "target_value"):
            v = getattr(t, name)
            if v is not None and not 0 <= v <= 100:
                yield _issue("target.share_range", E, f"a share is between 0 and 100 % (got {v})", name)
    if k == TargetKind.ENERGY_EFFICIENCY and t.target_value is None and t.reduction_pct is None:
        yield _issue(
            "target.value_missing", E, "give the energy use to reach, or a reduction in %", "target_value"
        )
    if (
        k == TargetKind.BASELINE_SCENARIO
        and t.bau_emissions_tco2e is None
        and t.target_emissions_tco2e is None
    ):
        yield _issue(
            "target.bau_missing",
            E,
            "give the business-as-usual emissions projected for the target year",
            "bau_emissions_tco2e",
        )
    if k == TargetKind.INTENSITY_PER_CAPITA and t.projected_population is None:
        yield _issue(
            "intensity.projection_missing",
            W,
            "give the projected population in the target year, to express the target in tCO2e",
            "projected_population",
        )
    if k == TargetKind.INTENSITY_PER_GDP and t.projected_gdp is None:
        yield _issue(
            "intensity.projection_missing",
            W,
            "give the projected GDP in the target year, to express the target in tCO2e",
            "projected_gdp",
        )


def _coverage(t: Target) -> Iterator[Issue]:
    if not t.kind.is_ghg:
        return
    cov = t.coverage
    in_level = sectors_in_level(cov.level)
    if not cov.gpc_sectors:
        yield _issue(
            "coverage.sectors_unstated",
            W,
            f"no sectors stated: taken as every sector of {cov.level.value} ({', '.join(sorted(in_level))})",
            "coverage.gpc_sectors",
        )
    for s in cov.gpc_sectors:
        if s not in SECTOR_CODES:
            yield _issue(
                "coverage.unknown_sector",
                E,
                f"{s!r} is not a GPC sector; use I, II, III, IV, V or VI (subsector coverage is not supported)",
                "coverage.gpc_sectors",
            )
        elif s not in in_level:
            yield _issue(
                "coverage.sector_not_in_level",
                W,
                f"sector {s} has no lines in {cov.level.value}; cover BASIC+ to include it",
                "coverage.gpc_sectors",
            )
    if not cov.gases:
        yield _issue(
            "coverage.gases_unstated",
            W,
            f"no gases stated: taken as all seven ({', '.join(ALL_GASES)})",
            "coverage.gases",
        )
    known = gas_set(ALL_GASES)
    for g in gas_set(cov.gases) if cov.gases else {}:
        if g not in known:
            yield _issue(
                "coverage.unknown_gas",
                E,
                f"{g!r} is not a GPC gas; use {', '.join(ALL_GASES)}",
                "coverage.gases",
            )


def _base(
    t: Target, inventories: Sequence[InventoryPoint], indicator: Sequence[IndicatorPoint]
) -> Iterator[Issue]:
    if t.base_year is None:
        return
    unit = unit_of(t)
    if not t.kind.is_ghg:
        if t.base_value is None and not any(p.year == t.base_year for p in indicator):
            yield _issue(
                "target.base_missing", E, f"give the {t.base_year} base value in {unit}", "base_value"
            )
        return
    field = "base_intensity" if t.kind.is_intensity else "base_emissions_tco2e"
    recorded = t.base_intensity if t.kind.is_intensity else t.base_emissions_tco2e
    point = next((p for p in inventories if p.year == t.base_year), None)
    measured = measured_value(t, point) if point is not None else None
    if t.kind.is_intensity and recorded is None and t.base_emissions_tco2e is not None and point is not None:
        denom = denominator(t, point)
        recorded = None if isinstance(denom, Mismatch) else t.base_emissions_tco2e / denom
    if recorded is None:
        if measured is None:
            yield _issue(
                "target.base_missing",
                E,
                f"give the {t.base_year} base figure in {unit}, or add the {t.base_year} inventory",
                field,
            )
        elif isinstance(measured, Mismatch):
            yield _issue("target.base_missing", E, f"give the base figure: {measured.reason}", field)
        else:
            yield _issue(
                "target.base_from_inventory",
                W,
                f"the base is taken from the {t.base_year} inventory: {_fmt(measured, unit)}",
                field,
            )
        return
    if measured is None or isinstance(measured, Mismatch) or measured == 0:
        return
    rel = abs(recorded - measured) / abs(measured)
    if rel > THRESHOLDS["base_mismatch_rel"]:
        yield _issue(
            "target.base_mismatch",
            W,
            f"the recorded base ({_fmt(recorded, unit)}) differs by {rel:.1%} from the {t.base_year} inventory "
            f"({_fmt(measured, unit)}); correct one, or explain the recalculation",
            field,
        )


def _direction(
    t: Target, inventories: Sequence[InventoryPoint], indicator: Sequence[IndicatorPoint]
) -> Iterator[Issue]:
    """The kind says which way is better (``TargetKind.lower_is_better``); the numbers must agree with it."""
    base = base_value(t, inventories, indicator)
    if isinstance(base, Mismatch):
        return  # reported by _base
    goal = final_value(t, base)
    if isinstance(goal, Mismatch):
        return  # reported by _fields
    unit = unit_of(t)
    field = {
        TargetKind.BASELINE_SCENARIO: "bau_emissions_tco2e" if t.reduction_pct is not None else "",
    }.get(t.kind, "")
    field = field or (
        "target_emissions_tco2e" if t.kind.is_ghg and not t.kind.is_intensity else "target_value"
    )
    b, g = _fmt(base, unit), _fmt(goal, unit)
    if not t.kind.lower_is_better:
        if goal < base:
            yield _issue(
                "target.direction",
                E,
                f"a {t.kind.value} target rises: the value to reach ({g}) is below the base ({b})",
                field,
            )
        return
    if goal <= base:
        return
    if t.kind.is_reduction:
        yield _issue(
            "target.direction",
            E,
            f"a {t.kind.value} target is a cut: the value to reach ({g}) is above the base ({b}); "
            "record it as a fixed level, or correct the value",
            field,
        )
    else:
        yield _issue(
            "target.above_base",
            W,
            f"the level to reach ({g}) is above the base ({b}): it is a ceiling. Lower is still better; "
            f"emissions at or below {g} in {t.target_year} achieve it, and no % of a reduction is given",
            field,
        )


def _denominators(t: Target, inventories: Sequence[InventoryPoint]) -> Iterator[Issue]:
    if not t.kind.is_intensity:
        return
    for p in sorted(inventories, key=lambda p: p.year):
        if t.base_year is not None and p.year < t.base_year:
            continue
        denom = denominator(t, p)
        if isinstance(denom, Mismatch):
            yield _issue("intensity.denominator_missing", E, denom.reason, f"inventories[{p.year}]")


def _interim(t: Target) -> Iterator[Issue]:
    for i, it in enumerate(t.interim_targets):
        field = f"interim_targets[{i}]"
        if t.base_year is not None and not t.base_year < it.year < t.target_year:
            yield _issue(
                "interim.year_range",
                E,
                f"interim year {it.year} must fall between {t.base_year} and {t.target_year}",
                field,
            )
        if it.reduction_pct is None and it.value is None:
            yield _issue("interim.value_missing", E, f"give the {it.year} reduction % or value", field)
        elif it.value is None and t.kind == TargetKind.BASELINE_SCENARIO:
            yield _issue(
                "interim.value_missing",
                E,
                f"give the {it.year} value in tCO2e (BAU is known only for the target year)",
                field,
            )
        elif it.value is None and t.kind == TargetKind.RENEWABLE_SHARE:
            yield _issue("interim.value_missing", E, f"give the {it.year} share in %", field)
        if (
            it.reduction_pct is not None
            and t.reduction_pct is not None
            and it.reduction_pct > t.reduction_pct
        ):
            yield _issue(
                "interim.out_of_order",
                W,
                f"the {it.year} reduction ({it.reduction_pct} %) exceeds the final one ({t.reduction_pct} %)",
                field,
            )


def validate_target(
    target: Target, inventories: Sequence[InventoryPoint] = (), indicator: Sequence[IndicatorPoint] = ()
) -> list[Issue]:
    """Every problem with ``target`` (and its fit with the inventories), errors and warnings, at once."""
    return [
        *_fields(target),
        *_coverage(target),
        *_base(target, inventories, indicator),
        *_direction(target, inventories, indicator),
        *_denominators(target, inventories),
        *_interim(target),
    ]
