"""FrameworkReport in the registry: draft checks, stored scores, the MRV workflow, visibility, audit."""

from __future__ import annotations

import pytest

from localaction.core import frameworks
from localaction.registry import services
from localaction.registry.base import access
from localaction.registry.base.errors import (
    ChecksFailed,
    Conflict,
    NotFound,
    PermissionDenied,
    ValidationFailed,
)
from localaction.registry.base.models import State
from localaction.registry.frameworks import services as reports
from localaction.registry.frameworks.models import FrameworkReport
from tests.factories import World
from tests.registry.frameworks.helpers import example_answers, published_report


def test_draft_keeps_partial_answers_and_scores_them(world: World) -> None:
    r = reports.create_report(
        world.users["editor_a"],
        world.city_a,
        framework_id="singapore_index",
        year=2024,
        answers={"natural_areas": {"numerator": 1500, "denominator": 10000}},
    )
    assert r.state == State.DRAFT and r.edition == "2014"
    # 15 % natural areas: band 14-20 % → 3 (DOMAIN.md); nothing else answered.
    assert r.score_total == 3 and r.score_max == 92 and not r.complete


def test_wrong_answer_is_refused_naming_the_field_and_nothing_is_saved(world: World) -> None:
    with pytest.raises(ValidationFailed) as exc:
        reports.create_report(
            world.users["editor_a"],
            world.city_a,
            framework_id="singapore_index",
            year=2024,
            answers={"natural_areas": {"numerator": "lots", "denominator": 10}, "no_such": 1},
        )
    locs = {d.loc[:2] for d in exc.value.details}
    assert ("answers", "natural_areas") in locs and ("answers", "no_such") in locs
    assert FrameworkReport.all_objects.count() == 0


def test_unknown_framework_is_refused(world: World) -> None:
    with pytest.raises(ValidationFailed) as exc:
        reports.create_report(world.users["editor_a"], world.city_a, framework_id="nope", year=2024)
    assert exc.value.details[0].loc == ("framework_id",)


def test_submit_blocked_until_complete_then_workflow_to_published(world: World) -> None:
    u = world.users
    r = reports.create_report(u["editor_a"], world.city_a, framework_id="singapore_index", year=2024)
    with pytest.raises(ChecksFailed) as exc:
        services.transition(u["approver_a"], r, "submit", revision=r.revision)
    assert any(d.loc[:1] == ("answers",) for d in exc.value.details)
    r = reports.update_report(
        u["editor_a"], r, revision=r.revision, answers=example_answers("singapore_index")
    )
    assert r.complete
    for who, action in (("approver_a", "submit"), ("reviewer", "validate"), ("admin", "publish")):
        r = services.transition(u[who], r, action, revision=r.revision)
    assert r.state == State.PUBLISHED
    actions = [e.action for e in services.history(u["reviewer"], r)]
    assert actions == ["create", "update", "submit", "validate", "publish"]


def test_example_scores_are_stored(world: World) -> None:
    r = published_report(world)
    fw = frameworks.get_framework("singapore_index")
    expected = frameworks.score(fw, frameworks.example_report("singapore_index"))
    assert r.score_total == expected.total and r.scores["total"] == expected.total


def test_permissions_visibility_and_concurrency(world: World) -> None:
    u = world.users
    r = reports.create_report(u["editor_a"], world.city_a, framework_id="water_security", year=2024)
    with pytest.raises(PermissionDenied):
        reports.create_report(u["editor_b"], world.city_a, framework_id="water_security", year=2024)
    with pytest.raises(NotFound):
        reports.get_report(u["editor_b"], r.pk)  # a draft of another city is invisible
    with pytest.raises(NotFound):
        reports.get_report(u["anonymous"], r.pk)
    with pytest.raises(PermissionDenied):
        reports.update_report(u["reviewer"], r, revision=r.revision, title="x")
    reports.update_report(u["editor_a"], r, revision=r.revision, title="first")
    with pytest.raises(Conflict):
        reports.update_report(u["editor_a"], r, revision=r.revision, title="stale")
    assert list(reports.visible_reports(u["anonymous"], world.city_a)) == []
    assert access.allowed_actions(u["anonymous"], r) == []


def test_correction_and_soft_delete(world: World) -> None:
    u = world.users
    r = published_report(world)
    new = services.open_correction(u["editor_a"], r)
    assert new.version == 2 and new.answers == r.answers and new.score_total == r.score_total
    services.delete_submission(u["editor_a"], new, revision=new.revision)
    assert FrameworkReport.all_objects.get(pk=new.pk).deleted_at is not None
    assert [x.pk for x in reports.published_reports(world.city_a)] == [r.pk]


def test_trends_and_peers(world: World) -> None:
    answers = example_answers("singapore_index")
    published_report(
        world, year=2020, answers={**answers, "natural_areas": {"numerator": 5, "denominator": 100}}
    )
    published_report(world, year=2023)
    (trend,) = reports.trends(world.city_a)
    assert [r.year for r in trend.reports] == [2020, 2023]
    assert trend.comparison is not None and trend.comparison.baseline_year == 2020
    peers = reports.peer_values("singapore_index", "natural_areas", me=world.city_a)
    assert len(peers) == 1 and peers[0].is_self and peers[0].year == 2023
