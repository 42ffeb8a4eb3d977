"""Review comments the city has not answered block validating and publishing (issue 16), unless whoever acts
gives a written reason, which the audit log keeps."""

from __future__ import annotations

import pytest

from localaction.registry import services
from localaction.registry.base import states as workflow
from localaction.registry.base.errors import InvalidTransition, ValidationFailed
from localaction.registry.base.models import AuditEntry, State
from tests.factories import World, ready_inventory, second_reviewer


def _submitted(world: World):  # type: ignore[no-untyped-def]
    inv = ready_inventory(world)
    return services.submit(world.users["approver_a"], inv, revision=inv.revision)


def test_a_reviewers_comment_waits_until_the_city_answers_in_its_thread_or_on_the_whole(world: World) -> None:
    inv = _submitted(world)
    reviewer, city = world.users["reviewer"], world.users["editor_a"]
    assert services.unanswered_comments(inv) == []
    line = services.add_comment(reviewer, inv, "I.1.1 fell 48 %: why?", gpc_ref="I.1.1")
    whole = services.add_comment(reviewer, inv, "Please add the population source.")
    assert [c.pk for c in services.unanswered_comments(inv)] == [line.pk, whole.pk]
    services.add_comment(city, inv, "A factory closed in March.", gpc_ref="I.1.1")  # answers the line only
    assert [c.pk for c in services.unanswered_comments(inv)] == [whole.pk]
    later = services.add_comment(reviewer, inv, "Which factory?", gpc_ref="I.1.1")  # a new question
    assert [c.pk for c in services.unanswered_comments(inv)] == [whole.pk, later.pk]
    services.add_comment(city, inv, "The cement works.", gpc_ref="I.1.1")
    assert [c.pk for c in services.unanswered_comments(inv)] == [whole.pk]
    services.add_comment(reviewer, inv, "And III.1.1?", gpc_ref="III.1.1")
    services.add_comment(city, inv, "Census 2021; III.1.1 is from the landfill operator.")  # answers all
    assert services.unanswered_comments(inv) == []


def test_validate_over_an_open_comment_is_refused_then_overridden_with_a_reason(world: World) -> None:
    inv = _submitted(world)
    reviewer = world.users["reviewer"]
    question = services.add_comment(reviewer, inv, "Check the landfill tonnage.", gpc_ref="III.1.1")
    with pytest.raises(InvalidTransition) as refused:
        services.validate(reviewer, inv, revision=inv.revision)
    assert refused.value.code == "open_comments" and "Check the landfill" in refused.value.details[0].msg
    with pytest.raises(ValidationFailed):
        services.validate(reviewer, inv, revision=inv.revision, comments_override="fine")  # too short
    inv.refresh_from_db()
    assert inv.state == State.SUBMITTED
    reason = "The tonnage was confirmed by phone with the city's waste office."
    inv = services.validate(reviewer, inv, revision=inv.revision, comments_override=reason)
    assert inv.state == State.VALIDATED
    entry = AuditEntry.objects.get(action="override_open_comments")
    assert entry.after == {"action": "validate", "comments": [question.pk], "reason": reason}
    assert entry.actor == reviewer and entry.comment == reason
    # publishing over the same open comment needs its own reason
    publisher = second_reviewer(world)
    with pytest.raises(InvalidTransition):
        services.publish(publisher, inv, revision=inv.revision)
    services.add_comment(world.users["approver_a"], inv, "Confirmed: 41,200 t.", gpc_ref="III.1.1")
    inv = services.publish(publisher, inv, revision=inv.revision)
    assert inv.state == State.PUBLISHED
    assert AuditEntry.objects.filter(action="override_open_comments").count() == 1


def test_only_validate_and_publish_wait_for_answers(world: World) -> None:
    blocked = {a for a, t in workflow.TRANSITIONS.items() if t.blocked_by_open_comments}
    assert blocked == {"validate", "publish"}
    inv = _submitted(world)
    services.add_comment(world.users["reviewer"], inv, "Please look at I.2.1 again.")
    inv = services.request_changes(world.users["reviewer"], inv, revision=inv.revision, comment="See comment")
    assert inv.state == State.CHANGES_REQUESTED  # sending it back is always possible
