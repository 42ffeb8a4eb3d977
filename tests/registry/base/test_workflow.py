"""The MRV workflow: states, checks blocking submission, changes requested, corrections, copy forward."""

from __future__ import annotations

import pytest

from localaction.registry import services
from localaction.registry.base import access
from localaction.registry.base.errors import ChecksFailed, Conflict, InvalidTransition, PermissionDenied
from localaction.registry.base.models import AuditEntry, State, VerificationStatus
from localaction.registry.inventories.models import Inventory
from tests.factories import (
    World,
    complete_lines,
    complete_verification,
    published_inventory,
    ready_inventory,
)

DIRECT = {
    "record_id": "r1",
    "gpc_ref": "IV.1",
    "method": "direct_entry",
    "activity": "CH4",
    "quantity": 10,
    "unit": "t",
}


def test_full_cycle_with_changes_requested_and_verification(world: World) -> None:
    u = world.users
    inv = ready_inventory(world)
    assert inv.check_errors == 0 and inv.basic_tco2e and inv.basic_tco2e > 0
    inv = services.submit(u["approver_a"], inv, revision=inv.revision, comment="please review")
    assert inv.state == State.SUBMITTED and inv.submitted_by == u["approver_a"]
    inv = services.request_changes(u["reviewer"], inv, revision=inv.revision, comment="II.1.1 looks low")
    assert inv.state == State.CHANGES_REQUESTED
    inv = services.put_line(
        u["editor_a"], inv, {"gpc_ref": "II.1.1", "value_tco2e": 250_000}, revision=inv.revision
    ).inventory
    inv = services.submit(u["approver_a"], inv, revision=inv.revision)
    inv = services.validate(u["reviewer"], inv, revision=inv.revision)
    assert inv.verification_status == VerificationStatus.VALIDATED
    with pytest.raises(InvalidTransition) as exc:  # verify needs a completed verification with a statement
        services.verify(u["verifier"], inv, revision=inv.revision)
    assert exc.value.code == "verification_incomplete"
    complete_verification(world, inv)
    inv.refresh_from_db()
    inv = services.verify(u["verifier"], inv, revision=inv.revision)
    assert inv.verification_status == VerificationStatus.VERIFIED
    inv = services.publish(u["admin"], inv, revision=inv.revision)  # four eyes: not the validator
    assert inv.state == State.PUBLISHED and inv.published_at is not None
    actions = list(services.history(u["reviewer"], inv).values_list("action", flat=True))
    assert actions[-6:] == ["submit", "request_changes", "submit", "validate", "verify", "publish"]
    assert inv.verified_by == u["verifier"] and inv.published_by == u["admin"]
    comments = AuditEntry.objects.filter(action="submit").values_list("comment", flat=True)
    assert "please review" in comments


def test_error_checks_block_submission_and_are_stored(world: World) -> None:
    inv = services.create_inventory(world.users["editor_a"], world.city_a, year=2022)
    assert inv.check_errors > 0
    assert any(c["code"] == "completeness.missing_line" for c in inv.checks)
    with pytest.raises(ChecksFailed) as exc:
        services.submit(world.users["approver_a"], inv, revision=inv.revision)
    assert exc.value.code == "checks_failed" and exc.value.details
    assert Inventory.objects.get(pk=inv.pk).state == State.DRAFT


def test_records_are_computed_on_save(world: World) -> None:
    inv = ready_inventory(world)
    row = services.put_record(world.users["editor_a"], inv, DIRECT, revision=inv.revision)
    assert row.co2e_t == pytest.approx(280.0)  # 10 t CH4 x 28 (AR5)
    line = row.inventory.gpc_lines.get(gpc_ref="IV.1")
    assert line.value_tco2e == pytest.approx(100_000 + 280.0)
    assert line.record_ids == ["r1"]


def test_published_never_changes_and_correction_supersedes_on_publish(world: World) -> None:
    u = world.users
    old = published_inventory(world)
    with pytest.raises(InvalidTransition):
        services.update_inventory(u["editor_a"], old, revision=old.revision, population=5)
    new = services.open_correction(u["editor_a"], old, comment="II.1.1 was double counted")
    assert (new.version, new.series, new.supersedes_id, new.state) == (2, old.series, old.pk, State.DRAFT)
    assert new.gpc_lines.filter(is_entered=True).count() == old.gpc_lines.filter(is_entered=True).count()
    with pytest.raises(InvalidTransition):  # one open correction at a time
        services.open_correction(u["approver_a"], old)
    assert Inventory.objects.get(pk=old.pk).superseded_at is None  # still the public version
    new = services.put_line(
        u["editor_a"], new, {"gpc_ref": "II.1.1", "value_tco2e": 50_000}, revision=new.revision
    ).inventory
    new = services.submit(u["approver_a"], new, revision=new.revision)
    new = services.validate(u["reviewer"], new, revision=new.revision)
    new = services.publish(u["admin"], new, revision=new.revision)
    old.refresh_from_db()
    assert old.superseded_at is not None and old.state == State.PUBLISHED
    assert old.gpc_lines.get(gpc_ref="II.1.1").value_tco2e == 100_000  # the old version is unchanged
    assert set(access.public(Inventory.objects.all())) == {old, new}


def test_withdraw_and_reopen(world: World) -> None:
    u = world.users
    inv = ready_inventory(world)
    inv = services.submit(u["approver_a"], inv, revision=inv.revision)
    inv = services.withdraw(u["approver_a"], inv, revision=inv.revision)
    assert inv.state == State.WITHDRAWN
    with pytest.raises(InvalidTransition):
        services.validate(u["reviewer"], inv, revision=inv.revision)
    inv = services.reopen(u["editor_a"], inv, revision=inv.revision)
    assert inv.state == State.DRAFT


def test_copy_forward_copies_structure_not_values(world: World) -> None:
    u = world.users
    inv = ready_inventory(world, year=2021)
    inv = services.put_line(
        u["editor_a"],
        inv,
        {"gpc_ref": "V.1", "notation_keys": ["NO"], "explanation": "no livestock"},
        revision=inv.revision,
    ).inventory
    inv = services.put_record(u["editor_a"], inv, DIRECT, revision=inv.revision).inventory
    new = services.copy_forward(u["editor_a"], inv, year=2022, population=1_100_000)
    assert new.year == 2022 and new.state == State.DRAFT and new.series != inv.series
    rec = new.activity_records.get(record_id="r1")
    assert (rec.method, rec.activity, rec.unit, rec.quantity) == ("direct_entry", "CH4", "t", None)
    v1 = new.gpc_lines.get(gpc_ref="V.1")
    assert (v1.notation_keys, v1.explanation) == (["NO"], "no livestock")
    assert new.gpc_lines.get(gpc_ref="I.1.1").entered_value_tco2e is None
    codes = {c["code"] for c in new.checks if c["severity"] == "error"}
    assert "record.quantity_missing" in codes and "completeness.missing_line" in codes


def test_stale_revision_changes_nothing(world: World) -> None:
    inv = ready_inventory(world)
    services.update_inventory(world.users["editor_a"], inv, revision=inv.revision, population=2_000_000)
    before = AuditEntry.objects.count()
    with pytest.raises(Conflict) as exc:
        services.update_inventory(world.users["approver_a"], inv, revision=inv.revision, population=3)
    assert exc.value.code == "stale_version" and exc.value.current_revision == inv.revision + 1
    assert Inventory.objects.get(pk=inv.pk).population == 2_000_000
    assert AuditEntry.objects.count() == before


def test_refusal_order_role_before_state(world: World) -> None:
    inv = ready_inventory(world)
    with pytest.raises(PermissionDenied) as exc:
        services.publish(world.users["editor_a"], inv, revision=inv.revision)
    assert exc.value.code == "forbidden"


def test_replace_contents_is_all_or_nothing(world: World) -> None:
    inv = ready_inventory(world)
    lines = [*complete_lines(), {"gpc_ref": "X.9", "value_tco2e": 1}]
    with pytest.raises(Exception, match="GPC reference"):
        services.replace_contents(world.users["editor_a"], inv, revision=inv.revision, lines=lines)
    assert Inventory.objects.get(pk=inv.pk).revision == inv.revision
