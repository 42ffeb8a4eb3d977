"""Targets, actions and hazard assessments: validation, workflow, corrections."""

from __future__ import annotations

import pytest

from localaction.registry import services
from localaction.registry.base.errors import ValidationFailed
from localaction.registry.base.models import State
from localaction.registry.targets.models import Target
from tests.factories import World


def test_target_fields_checked_per_kind(world: World) -> None:
    ed = world.users["editor_a"]
    with pytest.raises(ValidationFailed) as exc:
        services.create_target(ed, world.city_a, kind="base_year", target_year=2030, gases=["CO2", "XX"])
    fields = {d.loc[0] for d in exc.value.details}
    assert {"base_year", "base_emissions_tco2e", "reduction_pct", "gases"} <= fields
    t = services.create_target(
        ed,
        world.city_a,
        kind="net_zero",
        target_year=2050,
        gpc_sectors=["I", "II.1"],
        interim_targets=[{"year": 2030, "reduction_pct": 50}],
        aligned_1_5c=True,
    )
    assert t.aligned_ndc is None and t.state == State.DRAFT


def test_target_through_workflow_and_correction(world: World) -> None:
    u = world.users
    t = services.create_target(
        u["editor_a"], world.city_a, kind="fixed_level", target_year=2040, target_emissions_tco2e=0
    )
    for user, action in ((u["approver_a"], "submit"), (u["reviewer"], "validate"), (u["admin"], "publish")):
        t = services.transition(user, t, action, revision=t.revision)
    new = services.open_correction(u["approver_a"], t)
    new = services.update_submission(u["editor_a"], new, revision=new.revision, target_year=2035)
    assert Target.objects.get(pk=t.pk).target_year == 2040 and new.version == 2


def test_action_and_hazard(world: World) -> None:
    ed = world.users["editor_a"]
    with pytest.raises(ValidationFailed):
        services.create_action(ed, world.city_a, title="x", action_type="mitigation", sdgs=[18], cost=10)
    a = services.create_action(
        ed,
        world.city_a,
        title="Bus rapid transit",
        action_type="both",
        status="in_progress",
        sdgs=[11, 13],
        cost="1000000.00",
        currency="BRL",
        reduction_tco2e_per_yr=12_000,
        gpc_sectors=["II"],
    )
    assert a.status == "in_progress"
    h = services.create_hazard(
        ed,
        world.city_a,
        hazard_type="Flood and sea level rise",
        hazard_subtype="River flood",
        probability="high",
        magnitude="medium_high",
        timeframe="medium_term",
        vulnerable_groups=["elderly"],
    )
    with pytest.raises(ValidationFailed):
        services.update_submission(ed, h, revision=h.revision, probability="very high")
