"""Drafts never leak; every change leaves one audit entry with before/after; nothing is hard-deleted."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from localaction.core.errors import LocalActionError
from localaction.registry import services
from localaction.registry.base import access
from localaction.registry.base.models import AuditEntry, HardDeleteRefused, Jurisdiction, State
from localaction.registry.inventories.models import ActivityRecord, GpcLine, Inventory
from tests.factories import ROLES, World, published_inventory, ready_inventory

ACTIONS = ("submit", "request_changes", "validate", "verify", "publish", "withdraw", "reopen", "edit")


def test_drafts_never_public_nor_visible_to_another_city(world: World) -> None:
    draft = ready_inventory(world)
    b_draft = ready_inventory(world, jurisdiction=world.city_b)
    pub = published_inventory(world, year=2020)
    assert list(access.visible_to(None, Inventory.objects.all())) == [pub]
    assert set(access.visible_to(world.users["editor_b"], Inventory.objects.all())) == {pub, b_draft}
    assert set(access.visible_to(world.users["editor_a"], Inventory.objects.all())) == {pub, draft}
    assert set(access.visible_to(world.users["reviewer"], Inventory.objects.all())) == {pub, draft, b_draft}
    with pytest.raises(LocalActionError) as exc:
        services.get_inventory(world.users["editor_b"], draft.pk)
    assert exc.value.code == "not_found"
    assert list(access.comments_visible_to(None)) == []


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(st.sampled_from(ACTIONS), st.sampled_from(ROLES)), min_size=1, max_size=10))
def test_random_transitions_keep_the_invariants(world: World, steps: list[tuple[str, str]]) -> None:
    inv = ready_inventory(world)
    for action, role in steps:
        user = world.users[role]
        state_before = Inventory.objects.get(pk=inv.pk).state
        was_visible = access.can_view(user, inv)
        try:
            if action == "edit":
                services.update_inventory(user, inv, revision=inv.revision, boundary=f"by {role}")
                assert role in ("editor_a", "approver_a"), f"{role} edited city A's inventory"
            else:
                services.transition(user, inv, action, revision=inv.revision)
        except LocalActionError as exc:
            assert exc.code in {"forbidden", "not_found", "invalid_transition", "not_editable"}, exc
            if exc.code == "not_found":
                assert not was_visible
        inv = Inventory.all_objects.get(pk=inv.pk)
        if inv.state == State.PUBLISHED and state_before != State.PUBLISHED:
            assert inv.validated_at is not None and state_before in (State.VALIDATED, State.VERIFIED)
    # The log agrees: every publish follows a validate since the last submit.
    seen_validate = False
    for entry in AuditEntry.objects.filter(object_id=str(inv.pk), content_type__model="inventory").order_by(
        "id"
    ):
        if entry.action == "submit":
            seen_validate = False
        elif entry.action == "validate":
            seen_validate = True
        elif entry.action == "publish":
            assert seen_validate
        elif entry.action == "update":
            assert entry.actor is not None and entry.actor.username in ("editor_a", "approver_a")


def test_one_audit_entry_per_change_with_before_and_after(world: World) -> None:
    inv = ready_inventory(world)
    n = AuditEntry.objects.count()
    inv = services.update_inventory(world.users["editor_a"], inv, revision=inv.revision, population=123)
    entries = list(AuditEntry.objects.order_by("id")[n:])
    assert len(entries) == 1
    e = entries[0]
    assert (e.action, e.actor, e.jurisdiction_id) == ("update", world.users["editor_a"], world.city_a.pk)
    assert e.before["population"] == 1_000_000 and e.after["population"] == 123
    assert "checks" not in e.after  # derived values are not logged


def test_nothing_is_hard_deleted(world: World) -> None:
    inv = ready_inventory(world)
    rec = {
        "record_id": "r1",
        "gpc_ref": "IV.1",
        "method": "direct_entry",
        "activity": "CH4",
        "quantity": 1,
        "unit": "t",
    }
    inv = services.put_record(world.users["editor_a"], inv, rec, revision=inv.revision).inventory
    inv = services.delete_record(world.users["editor_a"], inv, "r1", revision=inv.revision)
    assert ActivityRecord.all_objects.filter(inventory=inv, record_id="r1").get().deleted_at is not None
    assert not ActivityRecord.objects.filter(inventory=inv, record_id="r1").exists()
    services.delete_submission(world.users["editor_a"], inv, revision=inv.revision)
    assert Inventory.all_objects.get(pk=inv.pk).deleted_at is not None
    assert not Inventory.objects.filter(pk=inv.pk).exists()
    assert AuditEntry.objects.filter(action="delete").count() == 2
    for thing in (
        Inventory.all_objects.get(pk=inv.pk),
        world.city_a,
        GpcLine.objects.first(),
        AuditEntry.objects.first(),
    ):
        with pytest.raises(HardDeleteRefused):
            thing.delete()
    with pytest.raises(HardDeleteRefused):
        Jurisdiction.objects.all().delete()
    entry = AuditEntry.objects.first()
    entry.comment = "rewritten"
    with pytest.raises(HardDeleteRefused):
        entry.save()
