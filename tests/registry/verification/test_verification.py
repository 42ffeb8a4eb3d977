"""Verification the way registries do it: assignment with a conflict-of-interest declaration (a declared
conflict blocks until mitigated), typed findings against the version, its lines or records, in rounds the
city answers and the verifier closes, a statement, and ``verify`` refused until all of that is done."""

from __future__ import annotations

from typing import Any

import pytest

from localaction.registry import services
from localaction.registry.base.access import SYSTEM
from localaction.registry.base.errors import InvalidTransition, NotFound, PermissionDenied, ValidationFailed
from localaction.registry.base.models import AuditEntry, State
from localaction.registry.verification import services as v
from localaction.registry.verification.models import AssignmentState, FindingStatus
from tests.factories import World, ready_inventory

STATEMENT: dict[str, Any] = {
    "scope": "São Paulo 2022: boundary, year, every BASIC+ line",
    "criteria": "GPC v1.1 (2021); ISO 14064-3:2019",
    "level_of_assurance": "reasonable",
    "materiality_percent": "5",
    "opinion": "qualified",
    "opinion_text": "Fairly presented, except that I.1.1 relies on one utility's estimate.",
}


def _validated(world: World) -> Any:
    inv = ready_inventory(world)
    inv = services.put_record(
        world.users["editor_a"], inv,
        {"record_id": "gas-1", "gpc_ref": "I.1.1", "method": "fuel_combustion", "activity": "natural_gas",
         "quantity": 1000, "unit": "GJ"},
        revision=inv.revision,
    ).inventory  # fmt: skip
    inv = services.submit(world.users["approver_a"], inv, revision=inv.revision)
    return services.validate(world.users["reviewer"], inv, revision=inv.revision)


def _active(world: World, inv: Any) -> Any:
    a = v.assign(world.users["reviewer"], inv, world.users["verifier"])
    return v.declare(world.users["verifier"], a, has_conflict=False, declaration="", revision=a.revision)


def test_assignment_rules(world: World) -> None:
    u = world.users
    inv = _validated(world)
    with pytest.raises(PermissionDenied):  # the city does not choose its verifier
        v.assign(u["approver_a"], inv, u["verifier"])
    with pytest.raises(ValidationFailed):  # only verifiers verify
        v.assign(u["reviewer"], inv, u["editor_b"])
    with pytest.raises(PermissionDenied, match="validated this version"):  # four eyes
        both = services.create_user(SYSTEM, "both", secretariat_role="verifier")
        services.grant_secretariat_role(SYSTEM, both, "reviewer")
        inv2 = ready_inventory(world, year=2020)
        inv2 = services.submit(u["approver_a"], inv2, revision=inv2.revision)
        inv2 = services.validate(both, inv2, revision=inv2.revision)
        v.assign(u["reviewer"], inv2, both)
    member = services.create_user(SYSTEM, "member", secretariat_role="verifier")
    services.grant_role(SYSTEM, member, world.city_a, "editor")
    with pytest.raises(PermissionDenied, match="member of"):
        v.assign(u["reviewer"], inv, member)
    a = v.assign(u["reviewer"], inv, u["verifier"])
    assert a.state == AssignmentState.AWAITING_DECLARATION
    with pytest.raises(InvalidTransition):  # one live verification per version
        v.assign(u["admin"], inv, u["verifier"])
    with pytest.raises(InvalidTransition):  # no findings before the declaration
        v.raise_finding(u["verifier"], a, kind="clarification", text="Which utility?")


def test_declared_conflict_blocks_until_the_secretariat_mitigates(world: World) -> None:
    u = world.users
    inv = _validated(world)
    a = v.assign(u["reviewer"], inv, u["verifier"])
    with pytest.raises(PermissionDenied):  # only the assigned verifier declares
        v.declare(u["reviewer"], a, has_conflict=False, declaration="", revision=a.revision)
    with pytest.raises(ValidationFailed):  # a conflict is described, not ticked
        v.declare(u["verifier"], a, has_conflict=True, declaration="yes", revision=a.revision)
    a = v.declare(
        u["verifier"], a, has_conflict=True,
        declaration="My firm advised the city's transport department in 2021.", revision=a.revision,
    )  # fmt: skip
    assert a.state == AssignmentState.CONFLICT_DECLARED and a.rounds.count() == 0
    with pytest.raises(InvalidTransition):
        v.raise_finding(u["verifier"], a, kind="clarification", text="Which utility?")
    with pytest.raises(InvalidTransition):
        services.verify(u["verifier"], inv, revision=inv.revision)
    with pytest.raises(PermissionDenied):  # nobody mitigates their own conflict
        services.grant_secretariat_role(SYSTEM, u["verifier"], "admin")
        from localaction.registry.base import access

        access.forget(u["verifier"])
        v.mitigate(u["verifier"], a, mitigation="I mitigate my own conflict.", revision=a.revision)
    with pytest.raises(ValidationFailed):
        v.mitigate(u["admin"], a, mitigation="ok", revision=a.revision)
    a = v.mitigate(
        u["admin"], a, mitigation="Transport (II) is reviewed by a second verifier; the advice ended in 2021.",
        revision=a.revision,
    )  # fmt: skip
    assert a.state == AssignmentState.ACTIVE and a.mitigated_by == u["admin"] and a.rounds.count() == 1
    actions = set(AuditEntry.objects.filter(object_id=str(a.pk)).values_list("action", flat=True))
    assert {"assign_verifier", "declare", "mitigate"} <= actions


def test_a_conflict_that_cannot_be_mitigated_is_withdrawn_and_another_verifier_assigned(world: World) -> None:
    u = world.users
    inv = _validated(world)
    a = v.assign(u["reviewer"], inv, u["verifier"])
    a = v.declare(
        u["verifier"], a, has_conflict=True, declaration="I was the city's consultant.", revision=a.revision
    )
    a = v.withdraw(u["reviewer"], a, reason="Conflict too close to mitigate.", revision=a.revision)
    assert a.state == AssignmentState.WITHDRAWN
    other = services.create_user(SYSTEM, "verifier_2", secretariat_role="verifier")
    assert v.assign(u["reviewer"], inv, other).state == AssignmentState.AWAITING_DECLARATION


def test_findings_in_rounds_answered_by_the_city_and_closed_by_the_verifier(world: World) -> None:
    u = world.users
    ver, city = u["verifier"], u["editor_a"]
    inv = _validated(world)
    a = _active(world, inv)
    with pytest.raises(ValidationFailed):  # lines are GPC reference numbers
        v.raise_finding(ver, a, kind="clarification", text="What is this?", target="line", target_ref="X.9")
    with pytest.raises(ValidationFailed):  # records must exist in the version
        v.raise_finding(ver, a, kind="corrective_action", text="Fix it", target="record", target_ref="nope")
    with pytest.raises(ValidationFailed):
        v.raise_finding(ver, a, kind="observation", text="A type registries do not use here")
    cl = v.raise_finding(
        ver, a, kind="clarification", text="Which utility's data?", target="line", target_ref="i.1.1"
    )
    car = v.raise_finding(
        ver, a, kind="corrective_action", text="The gas quantity is in MWh, not GJ.", target="record", target_ref="gas-1"
    )  # fmt: skip
    assert (cl.label, cl.target_ref, car.label) == ("CL 1", "I.1.1", "CAR 1")
    assert list(v.findings_visible_to(city, a)) == []  # the verifier's draft: not sent yet
    with pytest.raises(NotFound):
        v.answer(city, cl, "Early answer", revision=cl.revision)
    with pytest.raises(InvalidTransition):  # nothing answered yet: the round is not even sent
        v.next_round(ver, a)
    v.issue_round(ver, a)
    assert {f.pk for f in v.findings_visible_to(city, a)} == {cl.pk, car.pk}
    with pytest.raises(InvalidTransition):  # a sent round takes no new findings
        v.raise_finding(ver, a, kind="clarification", text="One more")
    with pytest.raises(PermissionDenied):  # the secretariat does not answer for the city
        v.answer(u["reviewer"], cl, "Answer", revision=cl.revision)
    with pytest.raises(NotFound):  # another city cannot even see it
        v.answer(u["editor_b"], cl, "Answer", revision=cl.revision)
    cl = v.answer(city, cl, "Distribuidora Paulista's 2022 billing data.", revision=cl.revision)
    car = v.answer(
        u["approver_a"], car, "It was GJ: see the invoice attached to the record.", revision=car.revision
    )
    with pytest.raises(PermissionDenied):
        v.close_finding(city, cl, revision=cl.revision)
    cl = v.close_finding(ver, cl, "Confirmed against the utility's letter.", revision=cl.revision)
    car = v.reopen_finding(
        ver, car, "The invoice shows MWh: please correct the record.", revision=car.revision
    )
    assert (cl.status, car.status) == (FindingStatus.CLOSED, FindingStatus.OPEN)
    with pytest.raises(InvalidTransition, match="CAR 1"):
        v.complete(ver, a, **STATEMENT, revision=a.revision)
    r2 = v.next_round(ver, a)
    assert r2.number == 2
    with pytest.raises(InvalidTransition):  # round 2 not sent yet
        v.answer(city, car, "Corrected", revision=car.revision)
    v.issue_round(ver, a)
    car = v.answer(city, car, "Corrected: the record now says 1,000 MWh.", revision=car.revision)
    car = v.close_finding(ver, car, revision=car.revision)
    a.refresh_from_db()
    st = v.complete(ver, a, **STATEMENT, revision=a.revision)
    doc = v.statement_document(st)
    assert doc["reference"] == st.reference and doc["rounds"] == 2
    assert [(f["label"], f["round"], f["status"]) for f in doc["findings"]] == [
        ("CL 1", 1, "closed"),
        ("CAR 1", 1, "closed"),
    ]
    assert (doc["level_of_assurance"], doc["materiality_percent"], doc["opinion"]) == (
        "reasonable",
        "5",
        "qualified",
    )
    assert doc["conflict_of_interest"] == {
        "declared": False,
        "declaration": "No conflict of interest.",
        "mitigation": "",
    }
    exchanges = [(e.side, e.round.number) for e in car.exchanges.select_related("round")]
    assert exchanges == [("city", 1), ("verifier", 1), ("city", 2)]
    actions = list(AuditEntry.objects.filter(jurisdiction=world.city_a).values_list("action", flat=True))
    for action in ("raise_finding", "issue_round", "answer_finding", "close_finding", "reopen_finding",
                   "close_round", "open_round", "issue_statement", "complete_verification"):  # fmt: skip
        assert action in actions


def test_the_statement_needs_every_field_and_a_validated_version(world: World) -> None:
    ver = world.users["verifier"]
    inv = _validated(world)
    a = _active(world, inv)
    with pytest.raises(ValidationFailed) as exc:
        v.complete(ver, a, **{**STATEMENT, "materiality_percent": "150", "scope": ""}, revision=a.revision)
    assert {d.loc[0] for d in exc.value.details} == {"materiality_percent", "scope"}
    with pytest.raises(ValidationFailed):
        v.complete(ver, a, **{**STATEMENT, "opinion": "great"}, revision=a.revision)
    with pytest.raises(ValidationFailed):
        v.complete(ver, a, **{**STATEMENT, "level_of_assurance": "total"}, revision=a.revision)
    inv = services.request_changes(ver, inv, revision=inv.revision, comment="Back to the city")
    with pytest.raises(InvalidTransition) as exc2:
        v.complete(ver, a, **STATEMENT, revision=a.revision)
    assert exc2.value.code == "not_validated"


def test_verify_needs_the_completed_verification_and_shows_it_in_public(world: World) -> None:
    u = world.users
    inv = _validated(world)
    with pytest.raises(InvalidTransition) as exc:
        services.verify(u["verifier"], inv, revision=inv.revision)
    assert exc.value.code == "verification_incomplete"
    a = _active(world, inv)
    st = v.complete(u["verifier"], a, **STATEMENT, revision=a.revision)
    other = services.create_user(SYSTEM, "verifier_2", secretariat_role="verifier")
    with pytest.raises(PermissionDenied):  # another verifier cannot claim this statement
        services.verify(other, inv, revision=inv.revision)
    inv = services.verify(u["verifier"], inv, revision=inv.revision)
    assert v.public_verification(inv) is None  # not public before publication
    inv = services.publish(u["admin"], inv, revision=inv.revision)
    shown = v.public_verification(inv)
    assert shown is not None
    assert (shown["verifier"], shown["statement"], shown["verified_at"]) == (
        u["verifier"],
        st,
        inv.verified_at,
    )


def test_a_statement_older_than_the_latest_validation_does_not_verify(world: World) -> None:
    u = world.users
    inv = _validated(world)
    a = _active(world, inv)
    v.complete(u["verifier"], a, **STATEMENT, revision=a.revision)
    inv.refresh_from_db()
    inv = services.request_changes(u["reviewer"], inv, revision=inv.revision, comment="Population is wrong")
    inv = services.update_inventory(u["editor_a"], inv, revision=inv.revision, population=1_100_000)
    inv = services.submit(u["approver_a"], inv, revision=inv.revision)
    inv = services.validate(u["reviewer"], inv, revision=inv.revision)
    with pytest.raises(InvalidTransition) as exc:
        services.verify(u["verifier"], inv, revision=inv.revision)
    assert exc.value.code == "verification_stale"
    assert inv.state == State.VALIDATED
