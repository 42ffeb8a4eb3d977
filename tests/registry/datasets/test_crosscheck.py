"""The cross-check at submission: stored, never blocking, answered by the city, seen by the reviewer; and
the real-data case: a city's earlier CDP report against its new submission."""

from __future__ import annotations

from pathlib import Path

import pytest

from localaction.core.catalog import gpc_refs
from localaction.registry import services as registry
from localaction.registry.base.access import SYSTEM
from localaction.registry.base.errors import InvalidTransition, PermissionDenied, ValidationFailed
from localaction.registry.base.models import State
from localaction.registry.datasets import services
from localaction.registry.datasets.models import CrossCheck, CrossCheckRun
from localaction.registry.inventories.models import Inventory
from tests.factories import World, complete_lines, ready_inventory
from tests.registry.datasets.conftest import Loaded


def _submitted(world: World) -> Inventory:
    inv = ready_inventory(world, 2022)  # population 1,000,000 → share 0.5 %; every BASIC+ line 100,000 t
    return registry.submit(world.users["approver_a"], inv, revision=inv.revision)


def test_submission_stores_the_cross_check(world: World, loaded: Loaded) -> None:
    inv = _submitted(world)
    assert inv.state == State.SUBMITTED  # the findings did not block
    run = CrossCheckRun.objects.get(inventory=inv)
    assert run.trigger == "submit" and run.submitted_at == inv.submitted_at and not run.error
    checks = {c.subject: c for c in CrossCheck.objects.filter(run=run)}
    # Transport: lines II.1.1 … II.5.1 = 500,000 t; CRF 1.A.3 200,000 kt × 0.5 % = 1,000,000 t → −50 % (> 40 %);
    # Climate TRACE II.1.1 3,000,000 t against the city's 100,000 t → −96.7 %.
    assert checks["sector:II"].code == "crosscheck.sector_gap"
    assert checks["sector:II"].message == (
        "Transport is 50 % below the downscaled national estimate (UNFCCC CRF submission 2024) and 97 % below "
        "Climate TRACE: explain the method difference"
    )
    # Waste: CRF 5 40,000 kt × 0.5 % = 200,000 t against III.1.1 … III.4.2 = 800,000 t → +300 %.
    assert checks["sector:III"].message.startswith("Waste is 300 % above the downscaled national estimate")
    # Stationary energy: 1.A.2 + 1.A.4 = 90,000 kt × 0.5 % = 450,000 t against I.3.1 + I.1.1 + I.2.1 + I.5.1
    # = 400,000 t → −11 %: inside 40 %, compared but not raised.
    assert "sector:I" not in checks
    compared = {(c["subject"], c["source"]): c for c in run.comparisons}
    sector_i = compared[("sector:I", "national")]
    assert sector_i["gap_pct"] == pytest.approx(-11.11, abs=0.01) and not sector_i["beyond"]
    assert sector_i["refs"] == ["I.3.1", "I.1.1", "I.2.1", "I.5.1"]
    assert "population" in sector_i["method"] and sector_i["source_caveat"].startswith("A national inventory")
    # A save that is not a new submission does not run it again.
    inv.save()
    assert CrossCheckRun.objects.filter(inventory=inv).count() == 1


def test_the_city_explains_and_the_reviewer_reads(world: World, loaded: Loaded) -> None:
    inv = _submitted(world)
    check = CrossCheck.objects.get(inventory=inv, subject="sector:II")
    with pytest.raises(PermissionDenied):
        services.explain(world.users["reviewer"], check, "The reviewer cannot answer for the city.")
    with pytest.raises(ValidationFailed):
        services.explain(world.users["editor_a"], check, "short")
    services.explain(
        world.users["editor_a"], check, "Our transport figure counts fuel sold inside the city only."
    )
    _inv, run = services.crosscheck_of(world.users["reviewer"], inv)
    assert run is not None
    seen = run.checks.get(subject="sector:II")
    assert (
        seen.explanation.startswith("Our transport figure") and seen.explained_by == world.users["editor_a"]
    )
    # A request for changes and a new submission: a new run, the explanation carried forward.
    inv = registry.request_changes(
        world.users["reviewer"], inv, revision=inv.revision, comment="see transport"
    )
    inv = registry.submit(world.users["approver_a"], inv, revision=inv.revision)
    runs = CrossCheckRun.objects.filter(inventory=inv).order_by("id")
    assert runs.count() == 2
    assert runs.last().checks.get(subject="sector:II").explanation.startswith("Our transport figure")  # type: ignore[union-attr]
    inv = registry.validate(world.users["reviewer"], inv, revision=inv.revision)
    with pytest.raises(InvalidTransition):
        services.explain(
            world.users["editor_a"], runs.last().checks.first(), "Too late for an explanation now."
        )  # type: ignore[union-attr]


def test_public_comparison_only_when_published(world: World, loaded: Loaded) -> None:
    inv = _submitted(world)
    assert services.public_comparisons(inv) is None
    inv = registry.validate(world.users["reviewer"], inv, revision=inv.revision)
    inv = registry.publish(world.users["admin"], inv, revision=inv.revision)
    result = services.public_comparisons(inv)
    assert result is not None and {c["source"] for c in result.comparisons} == {"national", "climate_trace"}
    assert all(c["licence"] for c in result.comparisons)


def _basic_lines(target: float) -> list[dict[str, object]]:
    """Every BASIC+ line valued so that BASIC (its lines) sums to ``target``."""
    lines = complete_lines(1.0)
    basic = [ln for ln in lines if gpc_refs()[str(ln["gpc_ref"])].in_basic]
    for ln in lines:
        ln["value_tco2e"] = target / len(basic) if ln in basic else 1.0
    return lines


@pytest.mark.shared_data
def test_real_cdp_report_against_a_new_submission(world: World, shared_data: Path) -> None:
    """Vancouver told CDP (reporting year 2019) that its 2018 BASIC was 2,551,251 t; a new 2018 submission
    of 2,100,000 t is 17.7 % below: beyond the 10 % for a city's own report of the same year."""
    services.load_dataset(
        SYSTEM, shared_data / "inventories" / "cdp_cities_citywide_emissions_2019.csv", "cdp"
    )
    city = registry.create_jurisdiction(
        SYSTEM, name="Vancouver", name_ascii="Vancouver", slug="vancouver", kind="city", country="CA"
    )
    registry.add_identifier(SYSTEM, city, scheme="cdp_account", value="20113")
    registry.grant_role(SYSTEM, world.users["editor_a"], city, "approver")
    editor = world.users["editor_a"]
    inv = registry.create_inventory(editor, city, year=2018, population=642_686)
    inv = registry.replace_contents(editor, inv, revision=inv.revision, lines=_basic_lines(2_100_000))
    assert inv.basic_tco2e == pytest.approx(2_100_000)
    inv = registry.submit(editor, inv, revision=inv.revision)
    checks = {c.subject: c for c in CrossCheck.objects.filter(inventory=inv)}
    assert checks["total:basic"].code == "crosscheck.total_gap"
    assert checks["total:basic"].message == (
        "The BASIC total is 18 % below your report to CDP-ICLEI (reporting year 2019): explain the restatement or the "
        "change of method since your earlier report"
    )
    basic = next(c for c in checks["total:basic"].comparisons if c["subject"] == "total:basic")
    assert basic["estimate_tco2e"] == 2_551_251.0 and basic["gap_pct"] == pytest.approx(-17.69, abs=0.01)
    assert "row 71" in basic["method"]


@pytest.mark.shared_data
def test_real_cdp_report_matched_by_name_and_within_threshold(world: World, shared_data: Path) -> None:
    """Without a CDP account on record the city is found by name and country; 2,600,000 t is +1.9 %."""
    services.load_dataset(
        SYSTEM, shared_data / "inventories" / "cdp_cities_citywide_emissions_2019.csv", "cdp"
    )
    city = registry.create_jurisdiction(
        SYSTEM, name="Vancouver", name_ascii="Vancouver", slug="vancouver", kind="city", country="CA"
    )
    registry.grant_role(SYSTEM, world.users["editor_a"], city, "approver")
    editor = world.users["editor_a"]
    inv = registry.create_inventory(editor, city, year=2018, population=642_686)
    inv = registry.replace_contents(editor, inv, revision=inv.revision, lines=_basic_lines(2_600_000))
    inv = registry.submit(editor, inv, revision=inv.revision)
    run = CrossCheckRun.objects.get(inventory=inv)
    basic = next(c for c in run.comparisons if c["subject"] == "total:basic")
    assert basic["gap_pct"] == pytest.approx(1.91, abs=0.01) and not basic["beyond"]
    assert not run.checks.filter(subject="total:basic").exists()
