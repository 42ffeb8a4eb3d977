"""Progress of targets: worked examples for each kind, and invariants of the maths."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from localaction.core.targets import (
    Coverage,
    CoverageLevel,
    IndicatorPoint,
    InterimTarget,
    InventoryPoint,
    NotComparable,
    Progress,
    Target,
    TargetKind,
    compound_rate_pct,
    line_value,
    progress_pct,
    target_progress,
)

BASIC = Coverage(gpc_sectors=("I", "II", "III"), level=CoverageLevel.BASIC)
BASIC_PLUS = Coverage(gpc_sectors=("I", "II", "III", "IV", "V"), level=CoverageLevel.BASIC_PLUS)


def inv(
    year: int, basic: float, *, plus: float | None = None, pop: float | None = None, **kw: object
) -> InventoryPoint:
    totals = {CoverageLevel.BASIC: basic}
    level = CoverageLevel.BASIC
    if plus is not None:
        totals[CoverageLevel.BASIC_PLUS] = plus
        level = CoverageLevel.BASIC_PLUS
    return InventoryPoint.model_validate(
        {"year": year, "level": level, "totals_tco2e": totals, "population": pop, **kw}
    )


def comparable(p: object) -> Progress:
    assert isinstance(p, Progress), p
    return p


def test_base_year_target_off_track() -> None:
    # Base 2015: 1,000,000 t; target 2030: −50 % -> 500,000 t. Latest inventory 2021: 820,000 t.
    # progress = (1,000,000 − 820,000) / (1,000,000 − 500,000) = 36 %.
    # The line at 2021: 1,000,000 − 500,000 × 6/15 = 800,000 t; 820,000 is above it: off track by 20,000 t.
    # Achieved: (0.82)^(1/6) − 1 = −3.25 %/yr; needed 2021 -> 2030: (500/820)^(1/9) − 1 = −5.35 %/yr.
    t = Target(
        kind=TargetKind.BASE_YEAR,
        base_year=2015,
        base_emissions_tco2e=1e6,
        target_year=2030,
        reduction_pct=50,
        coverage=BASIC,
    )
    p = comparable(target_progress(t, [inv(2015, 1e6), inv(2021, 820_000)]).target)
    assert p.target_value == 500_000
    assert p.progress_pct == pytest.approx(36.0)
    assert p.expected_value == pytest.approx(800_000)
    assert p.status == "off_track" and not p.on_track
    assert p.gap_tco2e == pytest.approx(20_000)
    assert p.annual_rate_achieved_pct == pytest.approx(-3.25, abs=0.01)
    assert p.annual_rate_needed_pct == pytest.approx(-5.35, abs=0.01)
    assert p.annual_change_needed == pytest.approx(-320_000 / 9)


def test_base_taken_from_the_inventory_when_not_recorded() -> None:
    t = Target(kind=TargetKind.BASE_YEAR, base_year=2015, target_year=2030, reduction_pct=50, coverage=BASIC)
    p = comparable(target_progress(t, [inv(2015, 2e6), inv(2020, 1.5e6)]).target)
    assert (p.base_value, p.target_value, p.progress_pct) == (2e6, 1e6, pytest.approx(50.0))
    assert p.status == "on_track"


def test_intensity_per_capita_with_population_growth() -> None:
    # Base 2015: 5,000,000 t for 1,000,000 people = 5.0 t/person; −40 % by 2030 -> 3.0 t/person.
    # 2020: 5,500,000 t for 1,250,000 people = 4.4 t/person: emissions rose 10 %, intensity fell 12 %.
    # progress = (5.0 − 4.4) / (5.0 − 3.0) = 30 %; the line at 2020: 5 − 2 × 5/15 = 4.333 t/person,
    # so off track by 0.0667 t/person = 83,333 t at the 2020 population.
    t = Target(
        kind=TargetKind.INTENSITY_PER_CAPITA,
        base_year=2015,
        target_year=2030,
        reduction_pct=40,
        coverage=BASIC,
        projected_population=1.5e6,
    )
    p = comparable(target_progress(t, [inv(2015, 5e6, pop=1e6), inv(2020, 5.5e6, pop=1.25e6)]).target)
    assert p.unit == "tCO2e/capita"
    assert (p.base_value, p.target_value, p.latest_value) == pytest.approx((5.0, 3.0, 4.4))
    assert p.progress_pct == pytest.approx(30.0)
    assert p.status == "off_track"
    assert p.gap == pytest.approx(4.4 - 13 / 3)
    assert p.gap_tco2e == pytest.approx((4.4 - 13 / 3) * 1.25e6)


def test_intensity_per_gdp_without_gdp_is_not_comparable() -> None:
    t = Target(
        kind=TargetKind.INTENSITY_PER_GDP,
        base_year=2015,
        base_intensity=0.5,
        target_year=2030,
        reduction_pct=40,
        coverage=BASIC,
    )
    r = target_progress(t, [inv(2015, 5e6, gdp=1e7), inv(2020, 5e6)]).target
    assert isinstance(r, NotComparable) and r.code == "intensity.denominator_missing"


def test_baseline_scenario_target_on_track() -> None:
    # Base 2018: 2,000,000 t; BAU 2030: 2,600,000 t; 30 % below BAU -> 1,820,000 t.
    # 2022: 1,900,000 t. progress = 100,000 / 180,000 = 55.6 %; line at 2022 = 2,000,000 − 180,000 × 4/12
    # = 1,940,000 t; 1,900,000 is 40,000 t below it: on track.
    t = Target(
        kind=TargetKind.BASELINE_SCENARIO,
        base_year=2018,
        base_emissions_tco2e=2e6,
        target_year=2030,
        reduction_pct=30,
        bau_emissions_tco2e=2.6e6,
        coverage=BASIC,
    )
    p = comparable(target_progress(t, [inv(2022, 1.9e6)]).target)
    assert p.target_value == pytest.approx(1.82e6)
    assert p.progress_pct == pytest.approx(100 / 1.8)
    assert p.expected_value == pytest.approx(1.94e6)
    assert p.status == "on_track" and p.gap_tco2e == pytest.approx(-40_000)


def test_net_zero_with_removals() -> None:
    # BASIC+ covers AFOLU, whose removals are negative lines: the BASIC+ total is already net.
    # Base 2015: 1,000,000 t net; net zero in 2050 -> 0. 2025: 600,000 t net -> progress 40 %;
    # the line at 2025: 1,000,000 × (1 − 10/35) = 714,286 t: on track. Compound rates to 0 are undefined.
    t = Target(
        kind=TargetKind.NET_ZERO,
        base_year=2015,
        base_emissions_tco2e=1e6,
        target_year=2050,
        coverage=BASIC_PLUS,
    )
    p = comparable(target_progress(t, [inv(2025, 9e5, plus=6e5)]).target)
    assert p.target_value == 0 and p.progress_pct == pytest.approx(40.0)
    assert p.status == "on_track"
    assert p.annual_rate_needed_pct is None and p.annual_change_needed == pytest.approx(-24_000)
    assert p.notes
    # Removals beyond the emissions: −10,000 t net in 2045 -> achieved, 101 %.
    q = comparable(target_progress(t, [inv(2045, 3e5, plus=-1e4)]).target)
    assert q.status == "achieved" and q.progress_pct == pytest.approx(101.0)


def test_offsets_count_only_when_the_target_says_so() -> None:
    t = Target(
        kind=TargetKind.FIXED_LEVEL,
        base_year=2015,
        base_emissions_tco2e=1e6,
        target_year=2030,
        target_emissions_tco2e=2e5,
        coverage=BASIC,
    )
    point = inv(2020, 8e5, offsets_tco2e=1e5)
    assert comparable(target_progress(t, [point]).target).latest_value == 8e5
    t2 = t.model_copy(update={"offsets_counted": True})
    assert comparable(target_progress(t2, [point]).target).latest_value == 7e5


def test_basic_plus_target_with_basic_inventory_is_not_comparable() -> None:
    t = Target(
        kind=TargetKind.BASE_YEAR,
        base_year=2015,
        base_emissions_tco2e=1e6,
        target_year=2030,
        reduction_pct=50,
        coverage=BASIC_PLUS,
    )
    r = target_progress(t, [inv(2020, 8e5)]).target
    assert isinstance(r, NotComparable)
    assert r.code == "coverage.level" and "BASIC+" in r.reason and "2020" in r.reason


def test_gases_and_boundary_mismatch_are_not_comparable() -> None:
    t = Target(
        kind=TargetKind.BASE_YEAR,
        base_year=2015,
        base_emissions_tco2e=1e6,
        target_year=2030,
        reduction_pct=50,
        coverage=Coverage(gases=("CO2",), boundary="City of X"),
    )
    r = target_progress(t, [inv(2020, 8e5, gases=("CO2", "CH4", "N2O"))]).target
    assert isinstance(r, NotComparable) and r.code == "coverage.gases" and "CH4" in r.reason
    r = target_progress(t, [inv(2020, 8e5, gases=("CO2",), boundary="Metro X")]).target
    assert isinstance(r, NotComparable) and r.code == "coverage.boundary"


def test_sector_subset_uses_sector_totals() -> None:
    t = Target(
        kind=TargetKind.BASE_YEAR,
        base_year=2015,
        base_emissions_tco2e=500,
        target_year=2030,
        reduction_pct=50,
        coverage=Coverage(gpc_sectors=("II",)),
    )
    p = comparable(target_progress(t, [inv(2020, 1000, by_sector_tco2e={"I": 600, "II": 400})]).target)
    assert p.latest_value == 400
    r = target_progress(t, [inv(2020, 1000)]).target
    assert isinstance(r, NotComparable) and r.code == "coverage.no_sector_breakdown"


def test_interim_targets_get_their_own_line() -> None:
    # Interim 2025: −30 % -> 700,000 t. With inventories 2020 and 2023 it is judged on 2023 (the latest
    # before 2025): the line at 2023 = 1,000,000 − 300,000 × 8/10 = 760,000; 780,000 is above: off track.
    # Final 2030 −50 %: judged on 2023 too; the line at 2023 = 1,000,000 − 500,000 × 8/15 = 733,333.
    t = Target(
        kind=TargetKind.BASE_YEAR,
        base_year=2015,
        base_emissions_tco2e=1e6,
        target_year=2030,
        reduction_pct=50,
        coverage=BASIC,
        interim_targets=[InterimTarget(year=2025, reduction_pct=30)],
    )
    r = target_progress(t, [inv(2020, 880_000), inv(2023, 780_000)])
    interim = comparable(r.interim[0])
    assert (interim.latest_year, interim.target_value, interim.status) == (2023, 700_000, "off_track")
    assert interim.expected_value == pytest.approx(760_000) and interim.decided_by == "latest_before"
    final = comparable(r.target)
    assert final.latest_year == 2023 and final.expected_value == pytest.approx(1e6 - 5e5 * 8 / 15)
    assert final.progress_pct == pytest.approx(44.0)
    # Once 2026 is reported (650,000 t), 2025 has passed: the interim is judged on 2026 (the nearest year
    # after it, as there is no 2025 inventory): 650,000 ≤ 700,000 -> achieved, with a note saying so.
    r = target_progress(t, [inv(2020, 880_000), inv(2026, 650_000)])
    interim = comparable(r.interim[0])
    assert (interim.latest_year, interim.decided_by, interim.status) == (2026, "nearest_after", "achieved")
    assert interim.expected_value == pytest.approx(700_000)  # the line is not extrapolated past 2025
    assert any("nearest year after" in n for n in interim.notes)


def test_missed_when_the_target_year_has_passed() -> None:
    t = Target(
        kind=TargetKind.BASE_YEAR,
        base_year=2010,
        base_emissions_tco2e=100,
        target_year=2020,
        reduction_pct=20,
        coverage=BASIC,
    )
    assert comparable(target_progress(t, [inv(2020, 90)]).target).status == "missed"
    assert comparable(target_progress(t, [inv(2020, 80)]).target).status == "achieved"


def test_renewable_share_rises() -> None:
    # 20 % in 2015 -> 60 % in 2035; 2025: 36 % -> progress 40 %; the line at 2025 is 40 %: off track.
    t = Target(
        kind=TargetKind.RENEWABLE_SHARE, base_year=2015, base_value=20, target_value=60, target_year=2035
    )
    p = comparable(target_progress(t, indicator=[IndicatorPoint(year=2025, value=36)]).target)
    assert p.unit == "%" and p.progress_pct == pytest.approx(40.0)
    assert p.status == "off_track" and p.gap == pytest.approx(4.0) and p.gap_tco2e is None


def test_energy_efficiency_by_reduction() -> None:
    t = Target(
        kind=TargetKind.ENERGY_EFFICIENCY,
        base_year=2020,
        base_value=1000,
        unit="GWh",
        reduction_pct=20,
        target_year=2030,
    )
    p = comparable(target_progress(t, indicator=[IndicatorPoint(year=2025, value=880)]).target)
    assert p.target_value == 800 and p.progress_pct == pytest.approx(60.0) and p.status == "on_track"


def test_no_data_after_base_year() -> None:
    t = Target(
        kind=TargetKind.BASE_YEAR,
        base_year=2015,
        base_emissions_tco2e=1e6,
        target_year=2030,
        reduction_pct=50,
        coverage=BASIC,
    )
    r = target_progress(t, [inv(2010, 9e5)]).target
    assert isinstance(r, NotComparable) and r.code == "progress.no_data"


# --- invariants -------------------------------------------------------------------------------------

values = st.floats(min_value=-1e7, max_value=1e8, allow_nan=False, allow_infinity=False)


@given(base=values, target=values)
def test_progress_is_0_at_base_and_100_at_target(base: float, target: float) -> None:
    if math.isclose(base, target, rel_tol=1e-9, abs_tol=1e-6):
        return
    assert progress_pct(base, target, base) == 0
    assert progress_pct(base, target, target) == pytest.approx(100.0)


@given(base=values, target=values, a=values, b=values)
def test_progress_is_monotone_in_the_latest_value(base: float, target: float, a: float, b: float) -> None:
    if math.isclose(base, target, rel_tol=1e-9, abs_tol=1e-6) or a == b:
        return
    lo, hi = min(a, b), max(a, b)
    if target < base:  # a falling target: lower emissions, more progress
        assert progress_pct(base, target, lo) >= progress_pct(base, target, hi)
    else:
        assert progress_pct(base, target, lo) <= progress_pct(base, target, hi)


@given(
    y0=st.integers(1990, 2030),
    span=st.integers(1, 60),
    v0=values,
    v1=values,
    at=st.floats(0, 1),
)
def test_trajectory_passes_through_base_and_target(
    y0: int, span: int, v0: float, v1: float, at: float
) -> None:
    assert line_value(y0, v0, y0 + span, v1, y0) == v0
    assert line_value(y0, v0, y0 + span, v1, y0 + span) == pytest.approx(
        v1, abs=1e-6 * max(1, abs(v0), abs(v1))
    )
    mid = line_value(y0, v0, y0 + span, v1, y0 + at * span)
    assert (
        min(v0, v1) - 1e-6 * max(1, abs(v0), abs(v1)) <= mid <= max(v0, v1) + 1e-6 * max(1, abs(v0), abs(v1))
    )


@given(
    base=st.floats(1e3, 1e8),
    reduction=st.floats(1, 100),
    share=st.floats(-0.5, 1.5),
    base_year=st.integers(1990, 2025),
    span=st.integers(2, 40),
    elapsed_frac=st.floats(0, 1),
)
def test_end_to_end_progress_matches_the_formula(
    base: float, reduction: float, share: float, base_year: int, span: int, elapsed_frac: float
) -> None:
    target_year = base_year + span
    year = base_year + round(elapsed_frac * span)
    goal = base * (1 - reduction / 100)
    latest = base - share * (base - goal)
    t = Target(
        kind=TargetKind.BASE_YEAR,
        base_year=base_year,
        base_emissions_tco2e=base,
        target_year=target_year,
        reduction_pct=reduction,
        coverage=BASIC,
    )
    p = comparable(target_progress(t, [inv(year, latest)]).target)
    assert p.progress_pct == pytest.approx(share * 100, abs=1e-6)
    line = base + (goal - base) * (year - base_year) / span
    # on track exactly when at or below the straight line (or the target is reached)
    assert p.on_track == (latest <= line + 1e-9 * base or latest <= goal + 1e-9 * base)


@given(v0=st.floats(1, 1e6), v1=st.floats(1, 1e6), years=st.integers(1, 50))
def test_compound_rate_reproduces_the_end_value(v0: float, v1: float, years: int) -> None:
    r = compound_rate_pct(v0, v1, years)
    assert r is not None
    assert v0 * (1 + r / 100) ** years == pytest.approx(v1, rel=1e-9)


def test_from_the_inventory_engine_totals() -> None:
    # A BASIC inventory from the engine keeps only its BASIC total: a BASIC+ target is not comparable.
    from localaction.core.inventory import totals_from_values

    totals = totals_from_values({"I.1.1": 100.0, "II.1.1": 50.0, "IV.1": 30.0})
    point = InventoryPoint.from_totals(2020, totals, population=10.0)
    assert point.totals_tco2e == {CoverageLevel.BASIC: 150.0} and point.population == 10.0
    t = Target(
        kind=TargetKind.BASE_YEAR,
        base_year=2015,
        base_emissions_tco2e=300,
        target_year=2030,
        reduction_pct=50,
        coverage=BASIC,
    )
    assert comparable(target_progress(t, [point]).target).latest_value == 150.0
    plus = InventoryPoint.from_totals(2020, totals, CoverageLevel.BASIC_PLUS)
    assert plus.totals_tco2e[CoverageLevel.BASIC_PLUS] == 180.0
