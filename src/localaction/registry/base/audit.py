"""Recording changes: who, when, what, and the row before and after (as JSON).

Every service that writes calls ``record`` once per changed object, inside its transaction, so an entry
exists exactly when the change was committed. Deletes are soft (``deleted_at``) and recorded like edits.
"""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

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
