"""Use-cases for people: accounts, jurisdiction roles (editor, approver), secretariat roles."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from localaction.core.errors import Detail
from localaction.registry.base import access, audit
from localaction.registry.base.access import Actor
from localaction.registry.base.errors import NotFound, PermissionDenied, ValidationFailed
from localaction.registry.base.models import (
    JurisdictionRole,
    Membership,
    SecretariatRole,
    SecretariatRoleName,
    User,
)
from localaction.registry.base.services.common import Ref
from localaction.registry.base.services.jurisdictions import get_jurisdiction


def get_user(ref: User | int | str) -> User:
    """An account by row, id or username."""
    if isinstance(ref, User):
        return ref
    found = User.objects.filter(username=ref).first() if isinstance(ref, str) else None
    if found is None and (isinstance(ref, int) or (str(ref).isascii() and str(ref).isdigit())):
        found = User.objects.filter(pk=int(ref)).first()
    if found is None:
        raise NotFound(f"user {ref!r} not found")
    return found


def _require_admin(user: Actor, what: str) -> None:
    if not access.can_manage_users(user):
        raise PermissionDenied(f"only secretariat admins can {what}")


def _user_snap(u: User) -> dict[str, object]:
    return audit.snapshot(u, exclude=frozenset({"password", "last_login"}))


@transaction.atomic
def create_user(
    actor: Actor,
    username: str,
    *,
    email: str = "",
    password: str | None = None,
    secretariat_role: str | None = None,
    check_password: bool = True,
) -> User:
    """A new account (Argon2-hashed password; none given: it cannot log in with a password)."""
    _require_admin(actor, "create accounts")
    if User.objects.filter(username=username).exists():
        raise ValidationFailed(f"user {username!r} exists", details=[Detail(("username",), "taken")])
    user = User(username=username, email=email)
    if password:
        if check_password:
            try:
                validate_password(password, user)
            except ValidationError as exc:
                raise ValidationFailed(
                    "password refused", details=[Detail(("password",), m) for m in exc.messages]
                ) from None
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    audit.record(actor, "create", user, None, _user_snap(user))
    if secretariat_role:
        grant_secretariat_role(actor, user, secretariat_role)
    return user


@transaction.atomic
def grant_role(actor: Actor, user: User | int | str, jurisdiction: Ref | str, role: str) -> Membership:
    """Make ``user`` an editor or approver of a jurisdiction (idempotent)."""
    _require_admin(actor, "grant roles")
    if role not in JurisdictionRole.values:
        raise ValidationFailed(f"unknown role {role!r}; use one of {', '.join(JurisdictionRole.values)}")
    target, jur = get_user(user), get_jurisdiction(jurisdiction)
    row = Membership.objects.filter(user=target, jurisdiction=jur, role=role).first()
    if row is None:
        row = Membership.objects.create(
            user=target, jurisdiction=jur, role=role, created_by=access.as_user(actor)
        )
        audit.record(actor, "grant", row, None, audit.snapshot(row))
    access.forget(target)
    return row


@transaction.atomic
def revoke_role(
    actor: Actor, user: User | int | str, jurisdiction: Ref | str, role: str | None = None
) -> int:
    """End ``user``'s role (or every role, ``role=None``) in a jurisdiction; returns how many ended."""
    _require_admin(actor, "revoke roles")
    target, jur = get_user(user), get_jurisdiction(jurisdiction)
    rows = Membership.objects.filter(user=target, jurisdiction=jur)
    if role is not None:
        rows = rows.filter(role=role)
    n = 0
    for row in rows.select_for_update():
        before = audit.snapshot(row)
        row.deleted_at, row.deleted_by = audit.now(), access.as_user(actor)
        row.save(update_fields=["deleted_at", "deleted_by"])
        b, a = audit.changed(before, audit.snapshot(row))
        audit.record(actor, "revoke", row, b, a)
        n += 1
    access.forget(target)
    return n


@transaction.atomic
def grant_secretariat_role(actor: Actor, user: User | int | str, role: str) -> SecretariatRole:
    _require_admin(actor, "grant secretariat roles")
    if role not in SecretariatRoleName.values:
        raise ValidationFailed(
            f"unknown secretariat role {role!r}; use one of {', '.join(SecretariatRoleName.values)}"
        )
    target = get_user(user)
    row = SecretariatRole.objects.filter(user=target, role=role).first()
    if row is None:
        row = SecretariatRole.objects.create(user=target, role=role, created_by=access.as_user(actor))
        audit.record(actor, "grant", row, None, audit.snapshot(row))
        if role == SecretariatRoleName.ADMIN and not target.is_staff:
            target.is_staff = True  # the back-office (Django admin) needs it
            target.save(update_fields=["is_staff"])
    access.forget(target)
    return row


@transaction.atomic
def revoke_secretariat_role(actor: Actor, user: User | int | str, role: str | None = None) -> int:
    _require_admin(actor, "revoke secretariat roles")
    target = get_user(user)
    rows = SecretariatRole.objects.filter(user=target)
    if role is not None:
        rows = rows.filter(role=role)
    n = 0
    for row in rows.select_for_update():
        before = audit.snapshot(row)
        row.deleted_at, row.deleted_by = audit.now(), access.as_user(actor)
        row.save(update_fields=["deleted_at", "deleted_by"])
        b, a = audit.changed(before, audit.snapshot(row))
        audit.record(actor, "revoke", row, b, a)
        n += 1
    if (
        not SecretariatRole.objects.filter(user=target, role=SecretariatRoleName.ADMIN).exists()
        and target.is_staff
    ):
        target.is_staff = False
        target.save(update_fields=["is_staff"])
    access.forget(target)
    return n
