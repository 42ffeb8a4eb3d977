"""Two clients PATCH the same inventory with the same revision: exactly one succeeds, the other gets 409 and
changes nothing; the audit log shows exactly one change. The sequential case runs everywhere; the truly
concurrent one (threads, one connection each) on PostgreSQL."""

from __future__ import annotations

import pytest
from django.db import connection

from localaction.registry.base.models import AuditEntry
from localaction.registry.inventories.models import Inventory
from tests.faces.api.conftest import api_for
from tests.factories import World, make_world, ready_inventory
from tests.registry.base.test_concurrency import race


def _updates(inv: Inventory) -> int:
    return AuditEntry.objects.filter(object_id=str(inv.pk), action="update").count()


def test_stale_patch_gets_409_and_changes_nothing(world: World) -> None:
    inv = ready_inventory(world)
    one, two = api_for(world, "editor_a"), api_for(world, "approver_a")
    s1, b1 = one.patch(f"/inventories/{inv.pk}", {"revision": inv.revision, "boundary": "first"})
    s2, b2 = two.patch(f"/inventories/{inv.pk}", {"revision": inv.revision, "boundary": "second"})
    assert (s1, s2) == (200, 409), (b1, b2)
    assert b2["error"]["code"] == "stale_version"
    inv.refresh_from_db()
    assert inv.boundary == "first" and inv.revision == b1["revision"]
    assert _updates(inv) == 1


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (LOCALACTION_DATABASE_URL)")
def test_concurrent_patches_one_wins() -> None:
    world = make_world()
    inv = ready_inventory(world)
    clients = [api_for(world, "editor_a"), api_for(world, "approver_a")]
    results = race(
        [
            lambda c=c, i=i: c.patch(
                f"/inventories/{inv.pk}", {"revision": inv.revision, "boundary": f"b{i}"}
            )
            for i, c in enumerate(clients)
        ]
    )
    statuses = sorted(r[0] for r in results)
    assert statuses == [200, 409], results
    inv.refresh_from_db()
    assert inv.revision == next(r[1]["revision"] for r in results if r[0] == 200)
    assert _updates(inv) == 1
