"""Separation of duties (issue 18), for every kind of submission: the submitter cannot validate the same
version, the validator cannot verify it, publishing needs a validation by someone else; an admin override
only with a written reason, audited and public; and the city's own preparer/approver split (issue 16) as a
setting of the jurisdiction (on by default from two members up)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from localaction.core import frameworks
from localaction.registry import services
from localaction.registry.base import kinds
from localaction.registry.base import states as workflow
from localaction.registry.base.access import SYSTEM
from localaction.registry.base.errors import PermissionDenied, ValidationFailed
from localaction.registry.base.models import AuditEntry, FourEyesOverride, State, Submission, User
from localaction.registry.base.services.workflow import (
    four_eyes_breaches,
    overrides_of,
    separation_on,
    set_separation,
)
from localaction.registry.frameworks import services as reports
from tests.factories import World, complete_lines, complete_verification, second_reviewer

Builder = Callable[[User, Any], Submission]


def _inventory(author: User, jur: Any) -> Submission:
    inv = services.create_inventory(author, jur, year=2022, population=1_000_000)
    return services.replace_contents(author, inv, revision=inv.revision, lines=complete_lines())


BUILDERS: dict[str, Builder] = {
    "inventory": _inventory,
    "target": lambda u, j: services.create_target(
        u, j, kind="base_year", base_year=2015, base_emissions_tco2e=1e6, reduction_pct=50, target_year=2030
    ),
    "commitment": lambda u, j: services.create_commitment(
        u,
        j,
        kind="efficiency_gain_10",
        title="Electricity",
        unit="kWh",
        baseline_year=2022,
        baseline_value=365_000,
        start_date=dt.date(2023, 1, 1),
    ),
    "action": lambda u, j: services.create_action(u, j, title="Bus rapid transit", action_type="mitigation"),
    "hazard": lambda u, j: services.create_hazard(u, j, hazard_type="Extreme hot temperature"),
    "report": lambda u, j: reports.create_report(
        u,
        j,
        framework_id="singapore_index",
        year=2023,
        answers=dict(frameworks.example_report("singapore_index")["answers"]),
    ),
}
KINDS = sorted(BUILDERS)


def test_every_kind_has_a_builder_here() -> None:
    """A new kind of submission must join this matrix."""
    assert {k.slug for k in kinds.all_kinds()} == set(BUILDERS)


def test_the_rules_are_data_on_the_transitions() -> None:
    rules = {a: t.rules() for a, t in workflow.TRANSITIONS.items() if t.rules()}
    assert rules == {
        "submit": ["submit.not_prepared_by_actor"],
        "validate": ["validate.not_submitted_by_actor"],
        "verify": ["verify.not_validated_by_actor"],
        "publish": ["publish.not_validated_by_actor"],
    }
    assert workflow.TRANSITIONS["publish"].needs == ("validated",)
    assert workflow.TRANSITIONS["verify"].guard == "verification"


def _user(name: str, *, secretariat: tuple[str, ...] = (), approver_of: Any = None) -> User:
    u = services.create_user(SYSTEM, name)
    for role in secretariat:
        services.grant_secretariat_role(SYSTEM, u, role)
    if approver_of is not None:
        services.grant_role(SYSTEM, u, approver_of, "approver")
    return u


def _refused(fn: Callable[[], Any], rule: str) -> PermissionDenied:
    with pytest.raises(PermissionDenied) as exc:
        fn()
    assert exc.value.code == "four_eyes", exc.value.message
    assert rule in {d.loc[1] for d in exc.value.details}
    return exc.value


@pytest.mark.parametrize("slug", KINDS)
def test_submitter_cannot_validate_the_version_they_submitted(world: World, slug: str) -> None:
    # The audit's case: a user who is both the city's approver and a secretariat reviewer.
    dual = _user("dual", secretariat=("reviewer",), approver_of=world.city_a)
    obj = BUILDERS[slug](world.users["editor_a"], world.city_a)
    obj = services.submit(dual, obj, revision=obj.revision)
    _refused(lambda: services.validate(dual, obj, revision=obj.revision), "validate.not_submitted_by_actor")
    assert type(obj).objects.get(pk=obj.pk).state == State.SUBMITTED
    obj = services.validate(world.users["reviewer"], obj, revision=obj.revision)
    assert obj.state == State.VALIDATED and obj.validated_by == world.users["reviewer"]


@pytest.mark.parametrize("slug", KINDS)
def test_validator_cannot_verify_and_validator_cannot_publish(world: World, slug: str) -> None:
    both = _user("both", secretariat=("reviewer", "verifier"))
    obj = BUILDERS[slug](world.users["editor_a"], world.city_a)
    obj = services.submit(world.users["approver_a"], obj, revision=obj.revision)
    obj = services.validate(both, obj, revision=obj.revision)
    _refused(lambda: services.publish(both, obj, revision=obj.revision), "publish.not_validated_by_actor")
    complete_verification(world, obj)  # by the world's verifier, who did not validate
    obj.refresh_from_db()
    _refused(lambda: services.verify(both, obj, revision=obj.revision), "verify.not_validated_by_actor")
    obj = services.verify(world.users["verifier"], obj, revision=obj.revision)
    assert obj.state == State.VERIFIED
    _refused(lambda: services.publish(both, obj, revision=obj.revision), "publish.not_validated_by_actor")
    obj = services.publish(world.users["reviewer"], obj, revision=obj.revision)  # someone else validated
    assert obj.state == State.PUBLISHED and obj.published_by == world.users["reviewer"]
    assert not FourEyesOverride.objects.exists()


@pytest.mark.parametrize("slug", KINDS)
def test_admin_override_needs_a_written_reason_and_is_public(world: World, slug: str) -> None:
    admin, reviewer = world.users["admin"], world.users["reviewer"]
    obj = BUILDERS[slug](world.users["editor_a"], world.city_a)
    obj = services.submit(world.users["approver_a"], obj, revision=obj.revision)
    obj = services.validate(admin, obj, revision=obj.revision)
    err = _refused(
        lambda: services.publish(admin, obj, revision=obj.revision), "publish.not_validated_by_actor"
    )
    assert "override" in err.message  # the admin is told how
    with pytest.raises(ValidationFailed) as short:
        services.publish(admin, obj, revision=obj.revision, override_reason="because")
    assert short.value.code == "override_reason_too_short"
    assert type(obj).objects.get(pk=obj.pk).state == State.VALIDATED and not FourEyesOverride.objects.exists()
    reason = "The second reviewer is on leave and the council meets tomorrow."
    obj = services.publish(admin, obj, revision=obj.revision, override_reason=reason)
    assert obj.state == State.PUBLISHED
    (row,) = overrides_of(obj)
    assert (row.action, row.rules, row.reason, row.actor) == (
        "publish",
        ["publish.not_validated_by_actor"],
        reason,
        admin,
    )
    entry = AuditEntry.objects.get(action="override", object_id=str(obj.pk))
    assert entry.after == {"action": "publish", "rules": ["publish.not_validated_by_actor"], "reason": reason}
    # A reviewer may not override, reason or not.
    other = BUILDERS[slug](world.users["editor_a"], world.city_a)
    other = services.submit(world.users["approver_a"], other, revision=other.revision)
    other = services.validate(reviewer, other, revision=other.revision)
    with pytest.raises(PermissionDenied, match="only a secretariat admin"):
        services.publish(reviewer, other, revision=other.revision, override_reason=reason)


def test_an_override_with_nothing_to_override_is_refused(world: World) -> None:
    obj = BUILDERS["target"](world.users["editor_a"], world.city_a)
    obj = services.submit(world.users["approver_a"], obj, revision=obj.revision)
    with pytest.raises(ValidationFailed) as exc:
        services.validate(world.users["admin"], obj, revision=obj.revision, override_reason="x" * 40)
    assert exc.value.code == "nothing_to_override"


def test_admin_override_of_verify_by_the_validator(world: World) -> None:
    admin = world.users["admin"]
    obj = BUILDERS["target"](world.users["editor_a"], world.city_a)
    obj = services.submit(world.users["approver_a"], obj, revision=obj.revision)
    obj = services.validate(admin, obj, revision=obj.revision)
    complete_verification(world, obj)
    obj.refresh_from_db()
    _refused(lambda: services.verify(admin, obj, revision=obj.revision), "verify.not_validated_by_actor")
    obj = services.verify(
        admin, obj, revision=obj.revision, override_reason="Recording the verifier's statement."
    )
    assert obj.state == State.VERIFIED and [o.action for o in overrides_of(obj)] == ["verify"]


def test_the_command_line_operator_counts_as_one_person(world: World) -> None:
    """SYSTEM stamps no account: having validated, it cannot publish without a reason either."""
    obj = BUILDERS["target"](world.users["editor_a"], world.city_a)
    obj = services.submit(world.users["approver_a"], obj, revision=obj.revision)
    obj = services.validate(SYSTEM, obj, revision=obj.revision)
    assert [b.rule for b in four_eyes_breaches(SYSTEM, obj, "publish")] == ["publish.not_validated_by_actor"]
    assert four_eyes_breaches(world.users["reviewer"], obj, "publish") == []
    obj = services.publish(
        SYSTEM, obj, revision=obj.revision, override_reason="Bulk load of last year's register."
    )
    assert overrides_of(obj).get().actor is None


def test_publishing_needs_a_validation(world: World) -> None:
    obj = BUILDERS["action"](world.users["editor_a"], world.city_a)
    assert [b.rule for b in four_eyes_breaches(world.users["reviewer"], obj, "publish")] == [
        "publish.needs_validated_by_other"
    ]


# --- the city's own split (issue 16) ---------------------------------------------------------------------


@pytest.mark.parametrize("slug", KINDS)
def test_preparer_approver_split_is_on_from_two_members(world: World, slug: str) -> None:
    approver = world.users["approver_a"]
    assert separation_on(world.city_a)  # editor_a and approver_a
    obj = BUILDERS[slug](approver, world.city_a)  # the approver prepared it
    err = _refused(
        lambda: services.submit(approver, obj, revision=obj.revision), "submit.not_prepared_by_actor"
    )
    assert "another approver" in err.message
    # Not overridable: the city turns it off, or another approver submits.
    with pytest.raises(PermissionDenied):
        services.transition(approver, obj, "submit", revision=obj.revision, override_reason="x" * 40)
    jur = set_separation(approver, world.city_a, False, revision=world.city_a.revision)
    obj.refresh_from_db()
    assert not separation_on(jur)
    assert services.submit(approver, obj, revision=obj.revision).state == State.SUBMITTED
    assert AuditEntry.objects.filter(action="set_separation", object_id=str(jur.pk)).exists()


@pytest.mark.parametrize("slug", KINDS)
def test_a_one_person_city_can_submit_its_own_work(world: World, slug: str) -> None:
    solo = world.users["editor_b"]  # city B's only member: editor and approver
    assert not separation_on(world.city_b)
    obj = BUILDERS[slug](solo, world.city_b)
    obj = services.submit(solo, obj, revision=obj.revision)
    assert obj.state == State.SUBMITTED
    # ... but the secretariat's four eyes still hold: someone else validates, someone else publishes.
    obj = services.validate(world.users["reviewer"], obj, revision=obj.revision)
    obj = services.publish(world.users["admin"], obj, revision=obj.revision)
    assert obj.state == State.PUBLISHED


def test_the_split_can_be_forced_on_for_one_member_and_is_set_by_approvers_or_admins(world: World) -> None:
    solo = world.users["editor_b"]
    with pytest.raises(PermissionDenied):
        set_separation(world.users["editor_a"], world.city_b, True, revision=world.city_b.revision)
    jur = set_separation(world.users["admin"], world.city_b, True, revision=world.city_b.revision)
    assert separation_on(jur)
    obj = BUILDERS["action"](solo, jur)
    _refused(lambda: services.submit(solo, obj, revision=obj.revision), "submit.not_prepared_by_actor")


def test_a_second_reviewer_lets_reviewers_publish_each_others_validations(world: World) -> None:
    other = second_reviewer(world)
    obj = BUILDERS["hazard"](world.users["editor_a"], world.city_a)
    obj = services.submit(world.users["approver_a"], obj, revision=obj.revision)
    obj = services.validate(other, obj, revision=obj.revision)
    assert services.publish(world.users["reviewer"], obj, revision=obj.revision).state == State.PUBLISHED
