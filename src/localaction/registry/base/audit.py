"""Recording changes: who, when, what, and the row before and after (as JSON).

Every service that writes calls ``record`` once per changed object, inside its transaction, so an entry
exists exactly when the change was committed. Deletes are soft (``deleted_at``) and recorded like edits.

The log is append-only at the database: triggers (PostgreSQL and SQLite) refuse UPDATE and DELETE on the
audit and override tables (``install_triggers``, run by migration ``registry.0007_four_eyes`` and again after
every ``migrate``, because SQLite drops a table's triggers when a migration rebuilds the table).
"""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper

from localaction.core import clock
from localaction.registry.base.access import Actor, as_user
from localaction.registry.base.models import AuditEntry

# Bookkeeping columns left out of snapshots: they change on every write and say nothing new.
_SKIP = frozenset({"updated_at", "updated_by", "created_at"})


def _json(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    return value


def snapshot(obj: models.Model, exclude: frozenset[str] = frozenset()) -> dict[str, Any]:
    """The concrete columns of ``obj`` as JSON-ready values (foreign keys as ids)."""
    out: dict[str, Any] = {}
    for f in obj._meta.concrete_fields:
        if f.name in _SKIP or f.name in exclude:
            continue
        out[f.attname] = _json(getattr(obj, f.attname))
    return out


def changed(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Only the keys whose values differ (keeps the log readable)."""
    keys = [k for k in after if before.get(k) != after.get(k)] + [k for k in before if k not in after]
    return {k: before.get(k) for k in keys}, {k: after.get(k) for k in keys}


def record(
    actor: Actor,
    action: str,
    obj: models.Model,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    *,
    comment: str = "",
    jurisdiction_id: int | None = None,
) -> AuditEntry:
    if jurisdiction_id is None:
        jurisdiction_id = getattr(obj, "jurisdiction_id", None)
    return AuditEntry.objects.create(
        actor=as_user(actor),
        action=action,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True),
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        jurisdiction_id=jurisdiction_id,
        before=before,
        after=after,
        comment=comment,
    )


def history(obj: models.Model) -> models.QuerySet[AuditEntry]:
    """The entries about one object, oldest first."""
    ct = ContentType.objects.get_for_model(obj, for_concrete_model=True)
    return AuditEntry.objects.filter(content_type=ct, object_id=str(obj.pk)).order_by("at", "id")


def now() -> dt.datetime:
    return clock.now()


# --- append-only at the database ---------------------------------------------------------------------------

APPEND_ONLY_TABLES = ("registry_auditentry", "registry_foureyesoverride")
_MESSAGE = "append-only: the audit log refuses UPDATE and DELETE"


def trigger_names(table: str) -> tuple[str, str]:
    return (f"{table}_no_update", f"{table}_no_delete")


def _sqlite_sql(table: str) -> list[str]:
    no_update, no_delete = trigger_names(table)
    return [
        f'CREATE TRIGGER IF NOT EXISTS "{no_update}" BEFORE UPDATE ON "{table}" '
        f"BEGIN SELECT RAISE(ABORT, '{_MESSAGE} ({table})'); END",
        f'CREATE TRIGGER IF NOT EXISTS "{no_delete}" BEFORE DELETE ON "{table}" '
        f"BEGIN SELECT RAISE(ABORT, '{_MESSAGE} ({table})'); END",
    ]


_PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION localaction_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '{_MESSAGE} (%)', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END
$$"""


def _postgresql_sql(table: str) -> list[str]:
    no_update, no_delete = trigger_names(table)
    out = []
    for name, op in ((no_update, "UPDATE"), (no_delete, "DELETE")):
        out.append(f'DROP TRIGGER IF EXISTS "{name}" ON "{table}"')  # CREATE OR REPLACE TRIGGER: PG 14+ only
        out.append(
            f'CREATE TRIGGER "{name}" BEFORE {op} ON "{table}" '
            "FOR EACH ROW EXECUTE FUNCTION localaction_append_only()"
        )
    return out


def install_triggers(connection: BaseDatabaseWrapper) -> list[str]:
    """Create (idempotently) the triggers that refuse UPDATE and DELETE on the append-only tables; returns
    the statements run (none on a vendor without triggers here)."""
    tables = set(connection.introspection.table_names())
    statements: list[str] = []
    if connection.vendor == "sqlite":
        for table in APPEND_ONLY_TABLES:
            if table in tables:
                statements += _sqlite_sql(table)
    elif connection.vendor == "postgresql":
        statements.append(_PG_FUNCTION)
        for table in APPEND_ONLY_TABLES:
            if table in tables:
                statements += _postgresql_sql(table)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
    return statements


def drop_triggers(connection: BaseDatabaseWrapper) -> None:
    """Only for the migration's reverse and for emptying a whole database (``flush``: tests, restore)."""
    with connection.cursor() as cursor:
        for table in APPEND_ONLY_TABLES:
            for name in trigger_names(table):
                if connection.vendor == "sqlite":
                    cursor.execute(f'DROP TRIGGER IF EXISTS "{name}"')
                elif connection.vendor == "postgresql" and table in connection.introspection.table_names():
                    cursor.execute(f'DROP TRIGGER IF EXISTS "{name}" ON "{table}"')


def triggers_present(connection: BaseDatabaseWrapper) -> set[str]:
    """The append-only triggers the database has now (for tests and ``localaction backup --verify``)."""
    wanted = {name for table in APPEND_ONLY_TABLES for name in trigger_names(table)}
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        elif connection.vendor == "postgresql":
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        else:
            return set()
        return {row[0] for row in cursor.fetchall()} & wanted
