"""Helpers of the network use-cases: creating and updating rows with audit and revision, notifying the
secretariat."""

from __future__ import annotations

import logging
from typing import Any, TypeVar

from django.core.mail import send_mail
from django.db import models

from localaction.registry.base import access, audit
from localaction.registry.base.access import Actor
from localaction.registry.base.errors import PermissionDenied
from localaction.registry.base.models import Jurisdiction, SecretariatRole
from localaction.registry.base.services.common import apply, claim, save, stamp_created, validated
from localaction.registry.network.models import Notification

M = TypeVar("M", bound=models.Model)
log = logging.getLogger("localaction.network")


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def create(user: Actor, obj: M, *, exclude: list[str] | None = None, jurisdiction_id: int | None = None) -> M:
    stamp_created(obj, user)
    validated(obj, exclude=exclude)
    obj.save()
    audit.record(user, "create", obj, None, audit.snapshot(obj), jurisdiction_id=jurisdiction_id)
    return obj


def update(
    user: Actor,
    obj: M,
    *,
    revision: int,
    changes: dict[str, Any],
    allowed: tuple[str, ...],
    exclude: list[str] | None = None,
    jurisdiction_id: int | None = None,
    action: str = "update",
) -> M:
    """Compare-and-set the revision, apply the changes, validate, save, audit (call inside a transaction)."""
    before = audit.snapshot(obj)
    claim(obj, revision)
    apply(obj, changes, allowed)
    validated(obj, exclude=exclude)
    save(obj, user)
    b, a = audit.changed(before, audit.snapshot(obj))
    audit.record(user, action, obj, b, a, jurisdiction_id=jurisdiction_id)
    return obj


def notify(kind: str, jurisdiction: Jurisdiction | None, actor: Actor, message: str) -> Notification:
    """Into the secretariat's inbox, and by email to secretariat admins with an address (Django's email
    backend: the console in development; a failure to send never loses the inbox entry)."""
    note = Notification.objects.create(
        kind=kind, jurisdiction=jurisdiction, actor=access.as_user(actor), message=message
    )
    to = sorted(
        {
            e
            for e in SecretariatRole.objects.filter(role="admin", user__is_active=True).values_list(
                "user__email", flat=True
            )
            if e
        }
    )
    if to:
        try:
            send_mail(f"[LocalAction] {message[:80]}", message, None, to, fail_silently=False)
        except Exception:
            log.warning("could not email the secretariat about %s", kind, exc_info=True)
    return note
