"""MRV checks: each has a stable code, a severity and a message that says what to do.

Thresholds are data (``THRESHOLDS``), not buried in the rules, so a secretariat can tune them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from localaction.core.catalog.gpc import gpc_refs
from localaction.core.errors import LocalActionError
from localaction.core.inventory.model import (
    CheckResult,
    InventoryResult,
    Level,
    Method,
    NotationKey,
    Severity,
)

THRESHOLDS = {
    "totals_rel_tolerance": 1e-4,  # reported vs computed totals: 0.01 %
    "totals_abs_tolerance_t": 1.0,  # …or one tonne, whichever is larger (rounding in published files)
    "per_capita_min_t": 0.1,  # tCO2e per person per year (BASIC): outside this band is implausible
    "per_capita_max_t": 40.0,
    "year_on_year_max_change": 0.30,  # a change above 30 % needs an explanation
    "implied_factor_min_ratio": 0.5,  # implied factor / library default
    "implied_factor_max_ratio": 2.0,
    "max_age_years": 3,  # inventory year at most 3 years before the reporting year
}

CHECK_CODES = {
    "completeness.missing_line": "each line of the chosen level has a value or a notation key",
    "notation.unexplained": "every notation key has an explanation",
    "notation.ie_without_location": "IE says where the emissions are included",
    "notation.value_with_key": "a line with a value carries no key other than C",
    "totals.mismatch": "reported totals equal the sum of the lines",
    "totals.basic_plus_below_basic": "BASIC+ is at least BASIC",
    "values.negative_outside_afolu": "negative values only as AFOLU removals",
    "per_capita.implausible": "per-capita emissions inside a plausible band",
    "population.missing": "population is given",
    "year_on_year.jump": "year-on-year changes above 30 % are explained",
    "factor.implied_out_of_band": "implied emission factors inside the plausible band for the fuel",
    "period.too_old": "the inventory year is at most 3 years before the reporting year",
}

Check = Callable[[InventoryResult], Iterator[CheckResult]]


def _c(
    code: str, severity: Severity, message: str, gpc_ref: str | None = None, record_id: str | None = None
) -> CheckResult:
    return CheckResult(code=code, severity=severity, message=message, gpc_ref=gpc_ref, record_id=record_id)


def _has_afolu_removals(res: InventoryResult) -> bool:
    """Negative AFOLU lines (removals) legitimately make BASIC+ smaller than BASIC."""
    return any(
        ln.value_tco2e is not None and ln.value_tco2e < 0 and ln.sector_code == "V" for ln in res.lines
    )


def _fmt(t: float) -> str:
    return f"{t:,.0f} tCO2e"


def completeness(res: InventoryResult) -> Iterator[CheckResult]:
    refs = gpc_refs()
    for line in res.lines:
        meta = refs[line.gpc_ref]
        needed = meta.in_basic if res.inventory.level == Level.BASIC else meta.in_basic_plus
        if needed and line.value_tco2e is None and not line.notation_keys:
            yield _c(
                "completeness.missing_line",
                Severity.ERROR,
                f"{line.gpc_ref} ({meta.subsector}, scope {meta.scope}) is required for "
                f"{res.inventory.level.value}: enter a value or a notation key (NO, IE, NE, C) with an explanation",
                gpc_ref=line.gpc_ref,
            )


def notation_keys(res: InventoryResult) -> Iterator[CheckResult]:
    unexplained = [ln.gpc_ref for ln in res.lines if ln.notation_keys and not ln.explanation.strip()]
    if unexplained:
        shown = ", ".join(unexplained[:12]) + (
            f" and {len(unexplained) - 12} more" if len(unexplained) > 12 else ""
        )
        yield _c(
            "notation.unexplained",
            Severity.WARNING,
            f"{len(unexplained)} line(s) with a notation key have no explanation ({shown}): say why each "
            "source does not occur (NO), where it is included (IE), or why it is not estimated (NE)",
        )
    for ln in res.lines:
        if NotationKey.IE in ln.notation_keys and not ln.included_in and "I" not in ln.explanation:
            yield _c(
                "notation.ie_without_location",
                Severity.WARNING,
                f"{ln.gpc_ref} is marked IE: name the line it is included in, e.g. IE (II.1.1)",
                gpc_ref=ln.gpc_ref,
            )
        other = set(ln.notation_keys) - {NotationKey.C}
        if ln.value_tco2e is not None and ln.value_tco2e != 0 and other:
            keys = "; ".join(k.value for k in ln.notation_keys)
            yield _c(
                "notation.value_with_key",
                Severity.WARNING,
                f"{ln.gpc_ref} has a value ({_fmt(ln.value_tco2e)}) and the key {keys}: keep one of them",
                gpc_ref=ln.gpc_ref,
            )


def reported_totals(res: InventoryResult) -> Iterator[CheckResult]:
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
    for name, reported, computed in pairs:
        if reported is None:
            continue
        tol = max(THRESHOLDS["totals_rel_tolerance"] * abs(computed), THRESHOLDS["totals_abs_tolerance_t"])
        if abs(reported - computed) > tol:
            diff = reported - computed
            yield _c(
                "totals.mismatch",
                Severity.ERROR,
                f"reported {name} total {_fmt(reported)} differs from the sum of the lines {_fmt(computed)} "
                f"by {_fmt(diff)} ({diff / computed:+.1%} of the lines): correct the total or the lines"
                if computed
                else f"reported {name} total {_fmt(reported)} but the lines sum to zero",
            )
    below = rep.basic is not None and rep.basic_plus is not None and rep.basic_plus < rep.basic
    if below and not _has_afolu_removals(res):
        assert rep.basic is not None and rep.basic_plus is not None
        yield _c(
            "totals.basic_plus_below_basic",
            Severity.ERROR,
            f"reported BASIC+ {_fmt(rep.basic_plus)} is below BASIC {_fmt(rep.basic)}: BASIC+ adds sources to "
            "BASIC, so check both totals",
        )


def basic_plus_vs_basic(res: InventoryResult) -> Iterator[CheckResult]:
    t = res.totals
    if t.basic_plus < t.basic - THRESHOLDS["totals_abs_tolerance_t"]:
        removals = _has_afolu_removals(res)
        yield _c(
            "totals.basic_plus_below_basic",
            Severity.WARNING if removals else Severity.ERROR,
            f"BASIC+ {_fmt(t.basic_plus)} is below BASIC {_fmt(t.basic)}"
            + (
                ": AFOLU removals explain it; make sure they are reported as such"
                if removals
                else ": check the BASIC+ lines for sign errors"
            ),
        )


def negative_values(res: InventoryResult) -> Iterator[CheckResult]:
    for ln in res.lines:
        if ln.value_tco2e is not None and ln.value_tco2e < 0 and ln.sector_code != "V":
            yield _c(
                "values.negative_outside_afolu",
                Severity.ERROR,
                f"{ln.gpc_ref} is negative ({_fmt(ln.value_tco2e)}): only AFOLU (V.x) lines may carry removals; "
                "report avoided emissions (e.g. recovered methane) inside the source's own calculation",
                gpc_ref=ln.gpc_ref,
            )


def per_capita(res: InventoryResult) -> Iterator[CheckResult]:
    pop = res.inventory.population
    if not pop:
        yield _c(
            "population.missing",
            Severity.WARNING,
            "population is missing: add it so per-capita figures and comparisons can be made",
        )
        return
    value = res.totals.basic / pop
    lo, hi = THRESHOLDS["per_capita_min_t"], THRESHOLDS["per_capita_max_t"]
    if not lo <= value <= hi:
        yield _c(
            "per_capita.implausible",
            Severity.WARNING,
            f"BASIC emissions are {value:.2f} tCO2e per person (plausible: {lo:g}-{hi:g}): check the population "
            f"({pop:,.0f}) and the units of the largest lines",
        )


def year_on_year(res: InventoryResult) -> Iterator[CheckResult]:
    year = res.inventory.period.year
    earlier = {y: v for y, v in res.inventory.previous_totals.items() if y < year and v}
    if not earlier:
        return
    prev_year = max(earlier)
    prev = earlier[prev_year]
    change = (res.totals.basic - prev) / prev
    if abs(change) > THRESHOLDS["year_on_year_max_change"]:
        yield _c(
            "year_on_year.jump",
            Severity.WARNING,
            f"BASIC changed {change:+.0%} since {prev_year} ({_fmt(prev)} -> {_fmt(res.totals.basic)}): "
            "explain the change (method, boundary, data source or real change) in the inventory notes",
        )


def implied_factors(res: InventoryResult) -> Iterator[CheckResult]:
    """A custom or pinned combustion factor far from the library's default for that fuel is flagged."""
    combustion = {Method.FUEL_COMBUSTION, Method.TRANSPORT_FUEL}
    custom = {
        r.record_id: r
        for r in res.inventory.records
        if r.method in combustion and (r.custom_factor is not None or r.factor_id)
    }
    if not custom:
        return
    from localaction.core.inventory.compute import compute_records

    for rid, rec in custom.items():
        default_rec = rec.model_copy(
            update={"custom_factor": None, "factor_id": None, "record_id": rid + "~default"}
        )
        try:
            default = compute_records(res.inventory.model_copy(update={"records": [default_rec]}))[0].co2e_t
        except LocalActionError:  # no default to compare with (e.g. an unknown fuel): nothing to check
            continue
        actual = next((r.co2e_t for r in res.records if r.record_id == rid), None)
        if actual is None or default <= 0:
            continue
        ratio = actual / default
        lo, hi = THRESHOLDS["implied_factor_min_ratio"], THRESHOLDS["implied_factor_max_ratio"]
        if not lo <= ratio <= hi:
            yield _c(
                "factor.implied_out_of_band",
                Severity.WARNING,
                f"record {rid}: the factor used gives {ratio:.1f} times the IPCC default for {rec.activity} "
                f"({_fmt(actual)} vs {_fmt(default)}): check the factor's value and unit",
                gpc_ref=rec.gpc_ref,
                record_id=rid,
            )


def period_age(res: InventoryResult) -> Iterator[CheckResult]:
    reporting = res.inventory.reporting_year
    if reporting is None:
        return
    age = reporting - res.inventory.period.year
    if age > THRESHOLDS["max_age_years"]:
        yield _c(
            "period.too_old",
            Severity.WARNING,
            f"the inventory year {res.inventory.period.year} is {age} years before the reporting year "
            f"{reporting} (at most {THRESHOLDS['max_age_years']:g}): compile a newer inventory",
        )


CHECKS: list[Check] = [
    completeness,
    notation_keys,
    reported_totals,
    basic_plus_vs_basic,
    negative_values,
    per_capita,
    year_on_year,
    implied_factors,
    period_age,
]


def run_checks(res: InventoryResult) -> list[CheckResult]:
    """Every check, errors first."""
    found = [c for check in CHECKS for c in check(res)]
    return sorted(found, key=lambda c: c.severity != Severity.ERROR)
