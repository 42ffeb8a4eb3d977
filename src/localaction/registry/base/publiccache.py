"""The public cache's generation: one value, kept in Django's cache, that every cached public answer (a
published version's API representation, a public page) has in its key. A write that can change what the public
sees replaces it with a new, never-used value, so every cached answer is out of date at once; nothing has to
know which answers depend on which rows.

What replaces it (``bump``):
- a save or delete of any row of the registry's apps (signals), except rows that are provably private: a
  submission that is not published and was not published when loaded, a row that belongs to such a submission
  (an inventory's GPC lines and records while it is a draft), the audit log and API tokens;
- explicit calls where rows are written in bulk (no signals): imports of published data, a restore, dataset
  loads; and each start of the server (code may have changed). A sign-in (``last_login`` alone) does not.

It is replaced right away and again when the transaction commits: a reader that took the old value before the
commit may store what it read under the old value only, which nobody asks for any more.

Only anonymous callers (no session cookie, no token) are served from or stored in this cache (the faces decide;
see faces.api.http and faces.web.pagecache); signed-in users, who may see drafts, never are.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import models, transaction
from django.db.models.signals import post_delete, post_init, post_save

from localaction.registry.base.models import ApiToken, AuditEntry, Submission
from localaction.registry.base.models.submissions import State

GENERATION_KEY = "localaction.public.generation"
# The registry's own apps (labels): rows of other apps (sessions, axes' login log, OTP devices) never matter.
REGISTRY_APPS = frozenset(
    {
        "registry",
        "inventories",
        "targets",
        "actions",
        "hazards",
        "frameworks",
        "network",
        "tap",
        "gateway",
        "datasets",
        "verification",
        "backup",
    }
)
PRIVATE_MODELS: tuple[type[models.Model], ...] = (AuditEntry, ApiToken)
_LOADED_STATE = "_la_public_state0"
_PRIVATE_FIELDS = frozenset({"last_login"})


def enabled() -> bool:
    """``settings.LOCALACTION_PUBLIC_CACHE`` (on by default; the test suite turns it off except in its own
    tests, so that other tests can read each response's template context)."""
    return bool(getattr(settings, "LOCALACTION_PUBLIC_CACHE", True))


def generation() -> str:
    """The current generation (a new one is made if the cache lost it: old entries are then never used)."""
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, secrets.token_hex(8), timeout=None)
        value = cache.get(GENERATION_KEY)
    return str(value)


def bump() -> None:
    """Every cached public answer is out of date from now on (and again when the transaction commits)."""
    _replace()
    conn = transaction.get_connection()
    if conn.in_atomic_block and not any(entry[1] is _replace for entry in conn.run_on_commit):
        transaction.on_commit(_replace)


def _replace() -> None:
    cache.set(GENERATION_KEY, secrets.token_hex(8), timeout=None)


def _is_public(state: Any) -> bool:
    return bool(state == State.PUBLISHED)


def _private_submission(obj: Submission) -> bool:
    state = obj.__dict__.get("state")
    loaded = obj.__dict__.get(_LOADED_STATE, state)
    return state is not None and not _is_public(state) and not _is_public(loaded)


def _parent_state(obj: models.Model) -> tuple[bool, bool]:
    """(has a submission parent, that parent is private)."""
    for field in obj._meta.concrete_fields:
        related = field.related_model
        if not field.many_to_one or not isinstance(related, type) or not issubclass(related, Submission):
            continue
        parent_id = getattr(obj, field.attname)
        if parent_id is None:
            continue
        cached = obj._state.fields_cache.get(field.name)
        if isinstance(cached, Submission) and cached.pk == parent_id:
            return True, _private_submission(cached)
        state = related._base_manager.filter(pk=parent_id).values_list("state", flat=True).first()
        return True, state is not None and not _is_public(state)
    return False, False


def matters(obj: models.Model) -> bool:
    """Can a write of ``obj`` change what the public sees?"""
    if obj._meta.app_label not in REGISTRY_APPS or isinstance(obj, PRIVATE_MODELS):
        return False
    if isinstance(obj, Submission):
        return not _private_submission(obj)
    has_parent, private = _parent_state(obj)
    return not (has_parent and private)


def _remember_state(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if isinstance(instance, Submission):
        instance.__dict__[_LOADED_STATE] = instance.__dict__.get("state")


def _on_write(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if kwargs.get("raw"):  # fixtures loading: a restore bumps explicitly
        return
    fields = set(kwargs.get("update_fields") or ())
    if fields and fields <= _PRIVATE_FIELDS:
        return  # a sign-in (last_login) changes nothing public
    if matters(instance):
        bump()
    if isinstance(instance, Submission):
        instance.__dict__[_LOADED_STATE] = instance.__dict__.get("state")


def connect() -> None:
    """Wire the signals (the registry's AppConfig.ready)."""
    from django.apps import apps

    for model in apps.get_models():  # only submissions: post_init runs for every row loaded
        if issubclass(model, Submission):
            post_init.connect(
                _remember_state, sender=model, dispatch_uid=f"localaction.publiccache.init.{model}"
            )
    post_save.connect(_on_write, dispatch_uid="localaction.publiccache.save")
    post_delete.connect(_on_write, dispatch_uid="localaction.publiccache.delete")
