"""Every use-case x every role: allowed or refused, and a refused call changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction

from localaction.registry import services
from localaction.registry.base import access, tokens
from localaction.registry.base.errors import InvalidTransition, NotFound, PermissionDenied
from localaction.registry.base.models import AuditEntry
from localaction.registry.targets.models import Target
from tests.factories import (
    ROLES,
    World,
    complete_verification,
    published_inventory,
    ready_inventory,
    second_reviewer,
)

OWNERS = {"editor_a", "approver_a"}
SECRETARIAT = {"reviewer", "verifier", "admin"}
MEMBERS_AND_SECRETARIAT = OWNERS | SECRETARIAT
TARGET = {
    "kind": "base_year",
    "base_year": 2015,
    "base_emissions_tco2e": 1e6,
    "reduction_pct": 50,
    "target_year": 2030,
}


def _submitted(w: World) -> Any:
    inv = ready_inventory(w)
    return services.submit(w.users["approver_a"], inv, revision=inv.revision)


def _validated(w: World) -> Any:
    # Validated by a reviewer outside the matrix, so that four eyes leaves publishing to either role.
    inv = _submitted(w)
    return services.validate(second_reviewer(w), inv, revision=inv.revision)


def _verification_done(w: World) -> Any:
    inv = _validated(w)
    complete_verification(w, inv)
    inv.refresh_from_db()
    return inv


def _withdrawn(w: World) -> Any:
    inv = _submitted(w)
    return services.withdraw(w.users["approver_a"], inv, revision=inv.revision)


def _target(w: World) -> Any:
    return services.create_target(w.users["editor_a"], w.city_a, **TARGET)


@dataclass(frozen=True)
class Case:
    name: str
    setup: Callable[[World], Any]
    act: Callable[[Any, World, Any], Any]  # (user, world, object)
    allowed: frozenset[str]


CASES = [
    Case(
        "view draft",
        ready_inventory,
        lambda u, w, o: services.get_inventory(u, o.pk),
        frozenset(MEMBERS_AND_SECRETARIAT),
    ),
    Case(
        "view published",
        published_inventory,
        lambda u, w, o: services.get_inventory(u, o.pk),
        frozenset(ROLES),
    ),
    Case(
        "create inventory",
        lambda w: None,
        lambda u, w, o: services.create_inventory(u, w.city_a, year=2023),
        frozenset(OWNERS),
    ),
    Case(
        "edit draft header",
        ready_inventory,
        lambda u, w, o: services.update_inventory(u, o, revision=o.revision, population=7),
        frozenset(OWNERS),
    ),
    Case(
        "edit draft line",
        ready_inventory,
        lambda u, w, o: services.put_line(u, o, {"gpc_ref": "I.1.1", "value_tco2e": 1}, revision=o.revision),
        frozenset(OWNERS),
    ),
    Case(
        "clear draft line",
        ready_inventory,
        lambda u, w, o: services.clear_line(u, o, "I.1.1", revision=o.revision),
        frozenset(OWNERS),
    ),
    Case(
        "edit published",
        published_inventory,
        lambda u, w, o: services.update_inventory(u, o, revision=o.revision, population=7),
        frozenset(),
    ),
    Case(
        "edit submitted",
        _submitted,
        lambda u, w, o: services.update_inventory(u, o, revision=o.revision, population=7),
        frozenset(),
    ),
    Case(
        "delete draft",
        ready_inventory,
        lambda u, w, o: services.delete_submission(u, o, revision=o.revision),
        frozenset(OWNERS),
    ),
    Case(
        "submit",
        ready_inventory,
        lambda u, w, o: services.submit(u, o, revision=o.revision),
        frozenset({"approver_a"}),
    ),
    Case(
        "request changes",
        _submitted,
        lambda u, w, o: services.request_changes(u, o, revision=o.revision),
        frozenset(SECRETARIAT),
    ),
    Case(
        "validate",
        _submitted,
        lambda u, w, o: services.validate(u, o, revision=o.revision),
        frozenset({"reviewer", "admin"}),
    ),
    Case(
        "verify",
        _verification_done,
        lambda u, w, o: services.verify(u, o, revision=o.revision),
        frozenset({"verifier", "admin"}),
    ),
    Case(
        "publish",
        _validated,
        lambda u, w, o: services.publish(u, o, revision=o.revision),
        frozenset({"reviewer", "admin"}),
    ),
    Case(
        "withdraw",
        _submitted,
        lambda u, w, o: services.withdraw(u, o, revision=o.revision),
        frozenset({"approver_a"}),
    ),
    Case("reopen", _withdrawn, lambda u, w, o: services.reopen(u, o, revision=o.revision), frozenset(OWNERS)),
    Case(
        "open correction",
        published_inventory,
        lambda u, w, o: services.open_correction(u, o),
        frozenset(OWNERS),
    ),
    Case(
        "copy forward",
        published_inventory,
        lambda u, w, o: services.copy_forward(u, o, year=2023),
        frozenset(OWNERS),
    ),
    Case(
        "comment on draft",
        ready_inventory,
        lambda u, w, o: services.add_comment(u, o, "why?", gpc_ref="I.1.1"),
        frozenset(MEMBERS_AND_SECRETARIAT),
    ),
    Case(
        "comment on published",
        published_inventory,
        lambda u, w, o: services.add_comment(u, o, "why?"),
        frozenset(MEMBERS_AND_SECRETARIAT),
    ),
    Case(
        "create jurisdiction",
        lambda w: None,
        lambda u, w, o: services.create_jurisdiction(u, name="Lyon", kind="city", country="FR"),
        frozenset({"admin"}),
    ),
    Case(
        "edit jurisdiction",
        lambda w: w.city_a,
        lambda u, w, o: services.update_jurisdiction(u, o, revision=o.revision, climate_zone="Cfa"),
        frozenset(OWNERS | {"admin"}),
    ),
    Case(
        "move jurisdiction",
        lambda w: w.city_a,
        lambda u, w, o: services.update_jurisdiction(u, o, revision=o.revision, parent=w.city_b),
        frozenset({"admin"}),
    ),
    Case(
        "population",
        lambda w: w.city_a,
        lambda u, w, o: services.set_stat(u, o, year=2020, population=12_000_000),
        frozenset(OWNERS | {"admin"}),
    ),
    Case(
        "grant role",
        lambda w: None,
        lambda u, w, o: services.grant_role(u, w.users["editor_b"], w.city_a, "editor"),
        frozenset({"admin"}),
    ),
    Case(
        "create user",
        lambda w: None,
        lambda u, w, o: services.create_user(u, "newcomer"),
        frozenset({"admin"}),
    ),
    Case(
        "token for editor_a",
        lambda w: None,
        lambda u, w, o: tokens.create_token(u, w.users["editor_a"]),
        frozenset({"editor_a", "admin"}),
    ),
    Case(
        "create target",
        lambda w: None,
        lambda u, w, o: services.create_target(u, w.city_a, **TARGET),
        frozenset(OWNERS),
    ),
    Case(
        "edit target",
        _target,
        lambda u, w, o: services.update_submission(u, o, revision=o.revision, reduction_pct=60),
        frozenset(OWNERS),
    ),
    Case(
        "submit target",
        _target,
        lambda u, w, o: services.submit(u, o, revision=o.revision),
        frozenset({"approver_a"}),
    ),
    Case(
        "create action",
        lambda w: None,
        lambda u, w, o: services.create_action(u, w.city_a, title="Bus lanes", action_type="mitigation"),
        frozenset(OWNERS),
    ),
    Case(
        "create hazard",
        lambda w: None,
        lambda u, w, o: services.create_hazard(u, w.city_a, hazard_type="Flood and sea level rise"),
        frozenset(OWNERS),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_permission_matrix(world: World, case: Case) -> None:
    obj = case.setup(world)
    got: dict[str, bool] = {}
    for role in ROLES:
        user = world.users[role]
        for u in world.users.values():
            access.forget(u)
        sid = transaction.savepoint()
        entries = AuditEntry.objects.count()
        try:
            case.act(user, world, obj)
            got[role] = True
        except (PermissionDenied, NotFound, InvalidTransition):
            got[role] = False
            assert AuditEntry.objects.count() == entries, f"{role}: a refused call left an audit entry"
        finally:
            transaction.savepoint_rollback(sid)
    expected = {role: role in case.allowed for role in ROLES}
    assert got == expected


def test_other_city_cannot_see_or_touch_target(world: World) -> None:
    t = _target(world)
    with pytest.raises(NotFound):
        services.update_submission(world.users["editor_b"], t, revision=t.revision, reduction_pct=1)
    assert list(services.visible(world.users["editor_b"], Target)) == []
    assert list(services.visible(None, Target)) == []
