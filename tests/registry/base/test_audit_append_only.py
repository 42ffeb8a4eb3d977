"""The audit log (and the override log) is append-only at the database: triggers refuse UPDATE and DELETE,
whatever the code does (a bulk ``filter().update()``, raw SQL). Runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from localaction.registry.base import audit
from localaction.registry.base.models import AuditEntry, FourEyesOverride, HardDeleteRefused
from localaction.registry.base.services.workflow import overrides_of
from localaction.registry.inventories.models import Inventory
from tests.factories import World, ready_inventory

ALL_TRIGGERS = {name for table in audit.APPEND_ONLY_TABLES for name in audit.trigger_names(table)}


def _refused(sql_or_fn: object) -> None:
    with pytest.raises(DatabaseError) as exc, transaction.atomic():  # a savepoint: PostgreSQL goes on after
        if callable(sql_or_fn):
            sql_or_fn()
        else:
            with connection.cursor() as cursor:
                cursor.execute(sql_or_fn)
    assert "append-only" in str(exc.value)


def test_triggers_are_installed_by_the_migration(db: None) -> None:
    assert audit.triggers_present(connection) == ALL_TRIGGERS


def test_bulk_update_and_delete_of_audit_rows_are_refused(world: World) -> None:
    inv = ready_inventory(world)
    entries = AuditEntry.objects.filter(object_id=str(inv.pk))
    before = list(entries.values_list("id", "action", "comment", "after"))
    assert before
    _refused(lambda: AuditEntry.objects.filter(object_id=str(inv.pk)).update(comment="rewritten"))
    _refused(lambda: AuditEntry.objects.filter(object_id=str(inv.pk)).update(actor=None))
    _refused(f"UPDATE registry_auditentry SET action = 'nothing' WHERE id = {before[0][0]}")
    _refused(f"DELETE FROM registry_auditentry WHERE id = {before[0][0]}")
    _refused("DELETE FROM registry_auditentry")
    assert list(entries.values_list("id", "action", "comment", "after")) == before
    with pytest.raises(HardDeleteRefused):  # and the ORM refuses before the database is asked
        AuditEntry.objects.filter(object_id=str(inv.pk)).delete()
    # New entries are still written (INSERT is allowed).
    n = AuditEntry.objects.count()
    audit.record(world.users["editor_a"], "update", inv, {"a": 1}, {"a": 2})
    assert AuditEntry.objects.count() == n + 1


def test_override_rows_are_append_only_too(world: World) -> None:
    from localaction.registry import services

    inv = ready_inventory(world)
    inv = services.submit(world.users["approver_a"], inv, revision=inv.revision)
    inv = services.validate(world.users["admin"], inv, revision=inv.revision)
    inv = services.publish(
        world.users["admin"], inv, revision=inv.revision, override_reason="Tested: the only reviewer is away."
    )
    row = overrides_of(inv).get()
    _refused(lambda: FourEyesOverride.objects.filter(pk=row.pk).update(reason="nothing to see"))
    _refused(f"DELETE FROM registry_foureyesoverride WHERE id = {row.pk}")
    assert overrides_of(Inventory.objects.get(pk=inv.pk)).get().reason == "Tested: the only reviewer is away."


def test_triggers_come_back_after_every_migrate(db: None) -> None:
    """SQLite drops a table's triggers when a migration rebuilds the table; post_migrate puts them back."""
    audit.drop_triggers(connection)
    assert audit.triggers_present(connection) == set()
    from django.core.management.sql import emit_post_migrate_signal

    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert audit.triggers_present(connection) == ALL_TRIGGERS
    assert apps.get_app_config("registry")  # the handler is the registry app's


@pytest.mark.django_db(transaction=True)
def test_flush_empties_the_database_and_keeps_the_triggers(world: World) -> None:
    """Only ``flush`` (tests, restore into an empty database) may empty the log, and the triggers survive it."""
    ready_inventory(world)
    assert AuditEntry.objects.exists()
    call_command("flush", verbosity=0, interactive=False, inhibit_post_migrate=True)
    assert not AuditEntry.objects.exists()
    assert audit.triggers_present(connection) == ALL_TRIGGERS
