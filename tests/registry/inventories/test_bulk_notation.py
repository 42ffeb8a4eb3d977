"""Notation keys for several lines at once: one use-case, all or nothing, revision-checked, audited."""

from __future__ import annotations

import pytest

from localaction.core.errors import Conflict, InputError, PermissionDenied
from localaction.registry import services
from localaction.registry.base.models import AuditEntry
from localaction.registry.inventories.models import GpcLine
from tests.factories import make_world

pytestmark = pytest.mark.django_db

REFS = ["I.4.1", "I.4.2", "II.5.1"]


def _draft():  # type: ignore[no-untyped-def]
    world = make_world()
    ed = world.users["editor_a"]
    inv = services.create_inventory(ed, world.city_a, year=2022, population=1_000_000)
    return world, ed, inv


def test_keys_go_on_every_chosen_line_with_one_revision_and_an_audit_entry_each() -> None:
    _world, ed, inv = _draft()
    missing_before = sum(1 for c in inv.checks if c["code"] == "completeness.missing_line")
    done = services.set_notation_keys(
        ed, inv, REFS, keys=["NO"], explanation="No agriculture or mining in the city", revision=inv.revision
    )
    assert done.revision == inv.revision + 1
    lines = {ln.gpc_ref: ln for ln in GpcLine.objects.filter(inventory=done, gpc_ref__in=REFS)}
    assert sorted(lines) == sorted(REFS)
    assert all(ln.notation_keys == ["NO"] and ln.explanation.startswith("No agri") for ln in lines.values())
    missing_after = sum(1 for c in done.checks if c["code"] == "completeness.missing_line")
    assert missing_after == missing_before - len(REFS)
    entries = AuditEntry.objects.filter(object_id__in=[str(ln.pk) for ln in lines.values()])
    assert entries.count() == len(REFS)
    assert all("at once" in e.comment for e in entries)


def test_one_refused_line_refuses_them_all() -> None:
    _world, ed, inv = _draft()
    inv = services.put_line(
        ed, inv, {"gpc_ref": "I.4.2", "value_tco2e": 12.0}, revision=inv.revision
    ).inventory
    with pytest.raises(InputError) as info:
        services.set_notation_keys(ed, inv, REFS, keys=["NE"], explanation="not yet", revision=inv.revision)
    assert "I.4.2" in info.value.message
    assert not GpcLine.objects.filter(
        inventory=inv, gpc_ref__in=["I.4.1", "II.5.1"], is_entered=True
    ).exists()
    inv.refresh_from_db()
    with pytest.raises(InputError):  # an unknown reference
        services.set_notation_keys(
            ed, inv, ["I.4.1", "IX.9"], keys=["NO"], explanation="x", revision=inv.revision
        )
    assert not GpcLine.objects.filter(inventory=inv, gpc_ref="I.4.1", is_entered=True).exists()


def test_explanation_key_and_ie_line_are_required() -> None:
    _world, ed, inv = _draft()
    for kwargs in (
        {"keys": ["NO"], "explanation": "  "},
        {"keys": [], "explanation": "why"},
        {"keys": ["IE"], "explanation": "counted with I.1.1"},
    ):
        with pytest.raises(InputError):
            services.set_notation_keys(ed, inv, REFS, revision=inv.revision, **kwargs)  # type: ignore[arg-type]
    with pytest.raises(InputError):
        services.set_notation_keys(ed, inv, [], keys=["NO"], explanation="why", revision=inv.revision)
    done = services.set_notation_keys(
        ed, inv, ["I.4.1"], keys=["IE"], explanation="in I.1.1", included_in="I.1.1", revision=inv.revision
    )
    assert GpcLine.objects.get(inventory=done, gpc_ref="I.4.1").included_in == "I.1.1"


def test_stale_revision_and_other_people_are_refused() -> None:
    world, ed, inv = _draft()
    with pytest.raises(Conflict):
        services.set_notation_keys(ed, inv, REFS, keys=["NO"], explanation="why", revision=inv.revision - 1)
    with pytest.raises(PermissionDenied):
        services.set_notation_keys(
            world.users["reviewer"], inv, REFS, keys=["NO"], explanation="why", revision=inv.revision
        )
    assert not GpcLine.objects.filter(inventory=inv, is_entered=True).exists()
