"""Two clients write the same version with the same revision: exactly one wins, the other gets a conflict,
and the audit log shows exactly one change. Real concurrent connections: PostgreSQL only."""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import partial
from typing import Any

import pytest
from django.db import connection

from localaction.registry import services
from localaction.registry.base.errors import Conflict
from localaction.registry.base.models import AuditEntry
from localaction.registry.inventories.models import Inventory
from tests.factories import make_world, ready_inventory

pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: run with LOCALACTION_DATABASE_URL=$LOCALACTION_TEST_DATABASE_URL "
        "(e.g. postgresql://postgres@127.0.0.1:5432/test)",
    ),
]


def race(calls: list[Callable[[], Any]]) -> list[Any]:
    """Run the calls at once, each in its own thread with its own database connection."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(i: int) -> None:
        try:
            barrier.wait()
            results[i] = calls[i]()
        except Exception as exc:
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results


def test_two_editors_same_revision_one_wins() -> None:
    world = make_world()
    inv = ready_inventory(world)
    for round_ in range(5):
        inv = Inventory.objects.get(pk=inv.pk)
        before = AuditEntry.objects.filter(action="update", object_id=str(inv.pk)).count()
        results = race(
            [
                partial(
                    services.update_inventory, world.users[who], inv.pk, revision=inv.revision, population=n
                )
                for who, n in (("editor_a", 1_000 + round_), ("approver_a", 2_000 + round_))
            ]
        )
        wins = [r for r in results if isinstance(r, Inventory)]
        conflicts = [r for r in results if isinstance(r, Conflict)]
        assert len(wins) == 1 and len(conflicts) == 1, results
        assert conflicts[0].current_revision == inv.revision + 1
        stored = Inventory.objects.get(pk=inv.pk)
        assert stored.revision == inv.revision + 1 and stored.population == wins[0].population
        assert AuditEntry.objects.filter(action="update", object_id=str(inv.pk)).count() == before + 1


def test_two_reviewers_race_to_validate() -> None:
    world = make_world()
    inv = ready_inventory(world)
    inv = services.submit(world.users["approver_a"], inv, revision=inv.revision)
    results = race(
        [
            lambda: services.validate(world.users["reviewer"], inv, revision=inv.revision),
            lambda: services.request_changes(world.users["admin"], inv, revision=inv.revision),
        ]
    )
    assert sum(isinstance(r, Inventory) for r in results) == 1
    assert sum(isinstance(r, Conflict) for r in results) == 1, results
    entries = AuditEntry.objects.filter(object_id=str(inv.pk), action__in=["validate", "request_changes"])
    assert entries.count() == 1
