"""Pieces every use-case shares: fetching what the user may see, the revision compare-and-set, validation."""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F

from localaction.core.errors import Detail
from localaction.registry.base import access, audit
from localaction.registry.base.access import Actor
from localaction.registry.base.errors import (
    Conflict,
    InvalidTransition,
    NotFound,
    PermissionDenied,
    ValidationFailed,
)
from localaction.registry.base.models import State, Submission
from localaction.registry.base.states import EDIT_ROLES, EDITABLE_STATES

S = TypeVar("S", bound=models.Model)
Ref = int | models.Model  # a row or its primary key


def pk_of(ref: Ref) -> int:
    pk = ref.pk if isinstance(ref, models.Model) else ref
    if not isinstance(pk, int):
        raise NotFound(f"not a valid id: {pk!r}")
    return pk


def label(model: type[models.Model]) -> str:
    return str(model._meta.verbose_name)


def get_visible(user: Actor, model: type[S], ref: Ref) -> S:
    """A live row of a Submission model that ``user`` may read; NotFound otherwise (never reveals drafts)."""
    pk = pk_of(ref)
    obj = model.objects.filter(pk=pk).select_related("jurisdiction").first()  # type: ignore[attr-defined]
    if obj is None or not access.can_view(user, obj):
        raise NotFound(f"{label(model)} {pk} not found", details=[Detail(("id",), str(pk))])
    return obj  # type: ignore[no-any-return]


def deny(message: str) -> PermissionDenied:
    return PermissionDenied(message)


def claim(obj: models.Model, revision: int) -> None:
    """Compare-and-set the row's revision (``revision`` → ``revision + 1``) as the first write of the
    transaction. A concurrent writer quoting the same revision blocks on the row lock, then finds it changed
    and gets Conflict; its transaction rolls back, so nothing of it is stored."""
    model = type(obj)
    check_revision(obj, revision)
    updated = model._base_manager.filter(pk=obj.pk, revision=revision).update(revision=F("revision") + 1)
    if updated != 1:
        now = model._base_manager.filter(pk=obj.pk).values_list("revision", flat=True).first()
        raise _conflict(obj, now)
    obj.revision = revision + 1  # type: ignore[attr-defined]


def check_revision(obj: models.Model, revision: int) -> None:
    """Conflict unless the row (as read) is at ``revision``."""
    if obj.revision != revision:  # type: ignore[attr-defined]
        raise _conflict(obj, obj.revision)  # type: ignore[attr-defined]


def _conflict(obj: models.Model, current: int | None) -> Conflict:
    return Conflict(
        f"{label(type(obj))} {obj.pk} was changed by someone else (now at revision {current}): "
        "reload it and apply your change again",
        details=[Detail(("revision",), f"current revision is {current}")],
        current_revision=current,
    )


def save(obj: models.Model, user: Actor, fields: list[str] | None = None) -> None:
    """Save after ``claim`` (the revision is already bumped in the database)."""
    if hasattr(obj, "updated_by_id"):
        obj.updated_by = access.as_user(user)  # type: ignore[attr-defined]
    if fields is not None:
        obj.save(
            update_fields=[*fields, *(["updated_by", "updated_at"] if hasattr(obj, "updated_by_id") else [])]
        )
    else:
        obj.save()


def validated(obj: models.Model, exclude: list[str] | None = None) -> None:
    """Django's field validation (choices, lengths, constraints) as one ValidationFailed listing every field."""
    try:
        obj.full_clean(exclude=exclude, validate_unique=False)
    except ValidationError as exc:
        details = [Detail((field,), str(msg)) for field, msgs in exc.message_dict.items() for msg in msgs]
        raise ValidationFailed(f"invalid {label(type(obj))}", details=details) from None


def apply(obj: models.Model, changes: dict[str, Any], allowed: tuple[str, ...]) -> None:
    """Set fields from ``changes``; unknown or read-only names are refused, all at once."""
    bad = [name for name in changes if name not in allowed]
    if bad:
        raise ValidationFailed(
            f"these fields cannot be set on a {label(type(obj))}: {', '.join(sorted(bad))}",
            details=[Detail((name,), "not an editable field") for name in sorted(bad)],
        )
    for name, value in changes.items():
        setattr(obj, name, value)


def stamp_created(obj: Submission | models.Model, user: Actor) -> None:
    who = access.as_user(user)
    for name in ("created_by", "updated_by"):
        if hasattr(obj, f"{name}_id"):
            setattr(obj, name, who)


def soft_delete(obj: models.Model, user: Actor, revision: int | None, comment: str = "") -> None:
    """Mark ``obj`` deleted (audited). ``revision`` is checked when the row has one."""
    before = audit.snapshot(obj)
    if revision is not None:
        claim(obj, revision)
    obj.deleted_at = audit.now()  # type: ignore[attr-defined]
    obj.deleted_by = access.as_user(user)  # type: ignore[attr-defined]
    obj.save()
    after = audit.snapshot(obj)
    b, a = audit.changed(before, after)
    audit.record(user, "delete", obj, b, a, comment=comment)


def require_edit(user: Actor, obj: Submission) -> None:
    """Role first (PermissionDenied), then state (InvalidTransition): the same order everywhere."""
    if not access.roles(user).by_jurisdiction.get(obj.jurisdiction_id, frozenset()) & EDIT_ROLES:
        raise PermissionDenied(f"only editors and approvers of {obj.jurisdiction} can change this")
    if obj.state not in EDITABLE_STATES:
        hint = "; open a correction to change a published version" if obj.state == State.PUBLISHED else ""
        raise InvalidTransition(
            f"{obj} is {obj.state}: only drafts and versions sent back for changes can be edited{hint}",
            code="not_editable",
        )
