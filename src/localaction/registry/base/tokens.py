"""API tokens: ``la_<prefix>_<secret>``, shown once; only the SHA-256 of the whole token is stored.

The prefix finds the row without scanning; the hash is compared in constant time. Tokens are scoped
(``read``; ``write`` implies read), revocable, optionally expiring, and record when they were last used.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Iterable

from django.db import transaction

from localaction.core import clock
from localaction.registry.base import access, audit
from localaction.registry.base.access import Actor
from localaction.registry.base.errors import NotFound, PermissionDenied, ValidationFailed
from localaction.registry.base.models import ApiToken, TokenScope, User

TOKEN_PREFIX = "la"
_LAST_USED_EVERY = dt.timedelta(minutes=1)  # avoid a write on every request


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def _split(raw: str) -> str | None:
    parts = raw.strip().split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX or not parts[1] or not parts[2]:
        return None
    return parts[1]


@transaction.atomic
def create_token(
    actor: Actor,
    user: User,
    *,
    scopes: Iterable[str] = (TokenScope.READ,),
    name: str = "",
    expires_at: dt.datetime | None = None,
) -> tuple[ApiToken, str]:
    """A new token for ``user`` (by the user, or a secretariat admin). Returns the row and the raw token,
    which is not stored anywhere: show it once."""
    me = access.as_user(actor)
    if not (me is not None and me.pk == user.pk) and not access.can_manage_users(actor):
        raise PermissionDenied("you can create tokens for yourself only")
    wanted = sorted(set(scopes))
    bad = [s for s in wanted if s not in TokenScope.values]
    if bad or not wanted:
        raise ValidationFailed(f"unknown scope(s) {bad}; use {', '.join(TokenScope.values)}")
    while True:
        prefix = secrets.token_hex(4)
        if not ApiToken.objects.filter(prefix=prefix).exists():
            break
    raw = f"{TOKEN_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        user=user, name=name, prefix=prefix, token_hash=hash_token(raw), scopes=wanted, expires_at=expires_at
    )
    audit.record(actor, "create", token, None, audit.snapshot(token, exclude=frozenset({"token_hash"})))
    return token, raw


def authenticate(raw: str) -> ApiToken | None:
    """The live token for ``raw`` (its ``user`` loaded), or None: unknown, revoked, expired, or the user is
    inactive. Updates ``last_used_at`` (at most once a minute)."""
    prefix = _split(raw)
    if prefix is None:
        return None
    token = ApiToken.objects.select_related("user").filter(prefix=prefix).first()
    if token is None or not hmac.compare_digest(token.token_hash, hash_token(raw.strip())):
        return None
    now = clock.now()
    if token.revoked_at is not None or (token.expires_at is not None and token.expires_at <= now):
        return None
    if not token.user.is_active:
        return None
    if token.last_used_at is None or now - token.last_used_at > _LAST_USED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def has_scope(token: ApiToken, scope: str) -> bool:
    scopes = set(token.scopes)
    return scope in scopes or (scope == TokenScope.READ and TokenScope.WRITE in scopes)


@transaction.atomic
def revoke_token(actor: Actor, token_id: int) -> ApiToken:
    """Revoke (the owner or a secretariat admin); revoking twice is harmless."""
    token = ApiToken.objects.select_for_update().filter(pk=token_id).first()
    me = access.as_user(actor)
    mine = token is not None and me is not None and token.user_id == me.pk
    if token is None or not (mine or access.can_manage_users(actor)):
        raise NotFound(f"token {token_id} not found")
    if token.revoked_at is None:
        token.revoked_at = clock.now()
        token.save(update_fields=["revoked_at"])
        audit.record(
            actor, "revoke", token, {"revoked_at": None}, {"revoked_at": token.revoked_at.isoformat()}
        )
    return token


def tokens_of(actor: Actor, user: User) -> list[ApiToken]:
    me = access.as_user(actor)
    if not (me is not None and me.pk == user.pk) and not access.can_manage_users(actor):
        raise PermissionDenied("you can list your own tokens only")
    return list(ApiToken.objects.filter(user=user).order_by("-created_at"))
