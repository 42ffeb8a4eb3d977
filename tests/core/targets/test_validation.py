"""Target validation: each issue has a code, a severity, a message that shows the numbers, and a field."""

from __future__ import annotations

from localaction.core.inventory.model import Severity
from localaction.core.targets import (
    VALIDATION_CODES,
    Coverage,
    CoverageLevel,
    InterimTarget,
    InventoryPoint,
    Target,
    TargetKind,
    validate_target,
)

FULL = Coverage(gpc_sectors=("I", "II", "III"), gases=("CO2", "CH4", "N2O", "HFCs", "PFCs", "SF6", "NF3"))


def inv(year: int, basic: float, pop: float | None = None) -> InventoryPoint:
    return InventoryPoint(year=year, totals_tco2e={CoverageLevel.BASIC: basic}, population=pop)


def codes(t: Target, inventories: list[InventoryPoint] | None = None) -> dict[str, str]:
    return {i.code: i.severity.value for i in validate_target(t, inventories or [])}


def test_a_complete_target_has_no_issues() -> None:
    t = Target(
        kind=TargetKind.BASE_YEAR,
        base_year=2015,
        base_emissions_tco2e=1e6,
        target_year=2030,
        reduction_pct=50,
        coverage=FULL,
    )
    assert validate_target(t, [inv(2015, 1.02e6)]) == []


def test_target_year_after_base_year() -> None:
    t = Target(
        kind=TargetKind.BASE_YEAR,
        base_year=2030,
        base_emissions_tco2e=1,
        target_year=2030,
        reduction_pct=50,
        coverage=FULL,
    )
    issues = [i for i in validate_target(t) if i.code == "target.year_order"]
    assert issues and issues[0].severity == Severity.ERROR and issues[0].field == "target_year"


def test_base_differs_from_inventory_by_more_than_5_percent_shows_both() -> None:
    # Recorded 1,000,000 t; the 2015 inventory says 1,100,000 t: 9.1 % apart (> 5 %) -> a warning naming both.
    t = Target(
        kind=TargetKind.BASE_YEAR,
        base_year=2015,
        base_emissions_tco2e=1e6,
        target_year=2030,
        reduction_pct=50,
        coverage=FULL,
    )
    (issue,) = validate_target(t, [inv(2015, 1.1e6)])
    assert issue.code == "target.base_mismatch" and issue.severity == Severity.WARNING
    assert (
        "1,000,000 tCO2e" in issue.message and "1,100,000 tCO2e" in issue.message and "9.1%" in issue.message
    )


def test_base_taken_from_inventory_or_missing() -> None:
    t = Target(kind=TargetKind.BASE_YEAR, base_year=2015, target_year=2030, reduction_pct=50, coverage=FULL)
    assert codes(t, [inv(2015, 1e6)]) == {"target.base_from_inventory": "warning"}
    assert codes(t) == {"target.base_missing": "error"}


def test_sectors_and_gases_exist() -> None:
    t = Target(
        kind=TargetKind.BASE_YEAR,
        base_year=2015,
        base_emissions_tco2e=1,
        target_year=2030,
        reduction_pct=50,
        coverage=Coverage(gpc_sectors=("I", "VII", "IV"), gases=("CO2", "XYZ")),
    )
    c = codes(t)
    assert c["coverage.unknown_sector"] == "error"
    assert c["coverage.sector_not_in_level"] == "warning"  # IV (IPPU) is only in BASIC+
    assert c["coverage.unknown_gas"] == "error"


def test_unstated_coverage_is_an_assumption_we_warn_about() -> None:
    t = Target(
        kind=TargetKind.BASE_YEAR, base_year=2015, base_emissions_tco2e=1, target_year=2030, reduction_pct=50
    )
    assert codes(t) == {"coverage.sectors_unstated": "warning", "coverage.gases_unstated": "warning"}


def test_intensity_target_needs_its_denominator_series() -> None:
    t = Target(
        kind=TargetKind.INTENSITY_PER_CAPITA,
        base_year=2015,
        target_year=2030,
        reduction_pct=30,
        coverage=FULL,
    )
    c = codes(t, [inv(2015, 5e6, pop=1e6), inv(2020, 5e6)])
    assert c["intensity.denominator_missing"] == "error"
    assert c["intensity.projection_missing"] == "warning"
    issues = [i for i in validate_target(t, [inv(2015, 5e6, pop=1e6), inv(2020, 5e6)])]
    assert any("2020" in i.message for i in issues if i.code == "intensity.denominator_missing")


def test_kind_specific_fields() -> None:
    assert "target.bau_missing" in codes(
        Target(
            kind=TargetKind.BASELINE_SCENARIO,
            base_year=2015,
            base_emissions_tco2e=1,
            target_year=2030,
            reduction_pct=20,
            coverage=FULL,
        )
    )
    assert "target.value_missing" in codes(
        Target(
            kind=TargetKind.FIXED_LEVEL,
            base_year=2015,
            base_emissions_tco2e=1,
            target_year=2030,
            coverage=FULL,
        )
    )
    assert "target.reduction_missing" in codes(
        Target(
            kind=TargetKind.BASE_YEAR, base_year=2015, base_emissions_tco2e=1, target_year=2030, coverage=FULL
        )
    )
    assert "target.share_range" in codes(
        Target(
            kind=TargetKind.RENEWABLE_SHARE, base_year=2015, base_value=20, target_value=120, target_year=2030
        )
    )


def test_interim_targets() -> None:
    t = Target(
        kind=TargetKind.BASE_YEAR,
        base_year=2015,
        base_emissions_tco2e=1,
        target_year=2030,
        reduction_pct=50,
        coverage=FULL,
        interim_targets=[
            InterimTarget(year=2035, reduction_pct=10),
            InterimTarget(year=2025),
            InterimTarget(year=2020, reduction_pct=60),
        ],
    )
    fields = {(i.code, i.field) for i in validate_target(t)}
    assert ("interim.year_range", "interim_targets[0]") in fields
    assert ("interim.value_missing", "interim_targets[1]") in fields
    assert ("interim.out_of_order", "interim_targets[2]") in fields


def test_every_code_is_documented() -> None:
    from pathlib import Path

    text = (Path(__file__).resolve().parents[3] / "docs" / "targets.md").read_text("utf-8")
    for code in VALIDATION_CODES:
        assert f"`{code}`" in text, code
