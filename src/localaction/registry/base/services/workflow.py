"""Use-cases that move a submission (any Submission model) through the MRV states, open a correction of a
published version, or soft-delete a draft."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import transaction
from django.db.models import Max

from localaction.registry.base import access, audit, kinds
from localaction.registry.base import states as workflow
from localaction.registry.base.access import Actor
from localaction.registry.base.errors import ChecksFailed, InvalidTransition, PermissionDenied
from localaction.registry.base.models import State, Submission, VerificationStatus
from localaction.registry.base.services.common import (
    check_revision,
    claim,
    get_visible,
    pk_of,
    save,
    soft_delete,
)

T = TypeVar("T", bound=Submission)

# Workflow columns: reset on a new version, recorded in the audit entry of a transition.
_WORKFLOW_FIELDS = (
    "state",
    "verification_status",
    "submitted_at",
    "submitted_by",
    "validated_at",
    "validated_by",
    "verified_at",
    "verified_by",
    "published_at",
    "published_by",
    "superseded_at",
)
_NOT_COPIED = frozenset(
    {
        "id",
        "series",
        "version",
        "supersedes",
        "revision",
        "created_by",
        "updated_by",
        "deleted_at",
        "deleted_by",
        "created_at",
        "updated_at",
        *_WORKFLOW_FIELDS,
    }
)


def _workflow_snap(obj: Submission) -> dict[str, Any]:
    snap = audit.snapshot(obj)
    return {k: v for k, v in snap.items() if k.removesuffix("_id") in _WORKFLOW_FIELDS}


@transaction.atomic
def transition(user: Actor, obj: T, action: str, *, revision: int, comment: str = "") -> T:
    """Apply a workflow action (submit, request_changes, validate, verify, publish, withdraw, reopen).

    Refusals, in this order: NotFound (not visible), PermissionDenied (role), Conflict (stale revision),
    InvalidTransition (not from this state), ChecksFailed (error-level MRV checks, for inventories).
    """
    t = workflow.transition(action)
    current = get_visible(user, type(obj), pk_of(obj))
    if not access.roles_in(user, current.jurisdiction_id) & t.roles:
        allowed = ", ".join(sorted(r.value for r in t.roles))
        raise PermissionDenied(f"only {allowed} may {action.replace('_', ' ')} {current}")
    check_revision(current, revision)
    if current.state not in t.sources:
        raise InvalidTransition(
            f"cannot {action.replace('_', ' ')} {current}: it is {current.state} "
            f"(possible from {', '.join(sorted(s.value for s in t.sources))})"
        )
    if t.runs_checks and (problems := kinds.of(current).blocking(current)):
        raise ChecksFailed(f"{len(problems)} problem(s) block this: fix them and try again", details=problems)
    before = _workflow_snap(current)
    claim(current, revision)
    now = audit.now()
    current.state = t.target
    if t.stamp:
        setattr(current, f"{t.stamp}_at", now)
        setattr(current, f"{t.stamp}_by", access.as_user(user))
    if t.verification is not None:
        current.verification_status = t.verification
    old_pk = getattr(current, "supersedes_id", None)
    if action == "publish" and old_pk is not None:
        _supersede(user, type(current), old_pk, by=current)
    save(current, user)
    b, a = audit.changed(before, _workflow_snap(current))
    audit.record(user, action, current, b, a, comment=comment)
    return current


def _supersede(user: Actor, model: type[Submission], old_pk: int, by: Submission) -> None:
    old = model.objects.select_for_update().get(pk=old_pk)
    if old.superseded_at is not None:
        raise InvalidTransition(f"{old} was already superseded: reload and start from the current version")
    before = _workflow_snap(old)
    old.superseded_at = audit.now()
    old.revision += 1
    old.save(update_fields=["superseded_at", "revision"])
    audit.record(
        user, "supersede", old, before, _workflow_snap(old), comment=f"superseded by version {by.version}"
    )


def submit(user: Actor, obj: T, *, revision: int, comment: str = "") -> T:
    return transition(user, obj, "submit", revision=revision, comment=comment)


def request_changes(user: Actor, obj: T, *, revision: int, comment: str = "") -> T:
    return transition(user, obj, "request_changes", revision=revision, comment=comment)


def validate(user: Actor, obj: T, *, revision: int, comment: str = "") -> T:
    return transition(user, obj, "validate", revision=revision, comment=comment)


def verify(user: Actor, obj: T, *, revision: int, comment: str = "") -> T:
    return transition(user, obj, "verify", revision=revision, comment=comment)


def publish(user: Actor, obj: T, *, revision: int, comment: str = "") -> T:
    return transition(user, obj, "publish", revision=revision, comment=comment)


def withdraw(user: Actor, obj: T, *, revision: int, comment: str = "") -> T:
    return transition(user, obj, "withdraw", revision=revision, comment=comment)


def reopen(user: Actor, obj: T, *, revision: int, comment: str = "") -> T:
    return transition(user, obj, "reopen", revision=revision, comment=comment)


@transaction.atomic
def open_correction(user: Actor, obj: T, *, comment: str = "") -> T:
    """A new draft version of a published one, with all its contents; the published version stays as it
    is (and public) until the correction is published, then it is marked superseded."""
    model = type(obj)
    old = get_visible(user, model, pk_of(obj))
    if (
        not access.roles(user).by_jurisdiction.get(old.jurisdiction_id, frozenset())
        & workflow.CORRECTION_ROLES
    ):
        raise PermissionDenied(f"only editors and approvers of {old.jurisdiction} can correct {old}")
    old = model.objects.select_for_update().get(pk=old.pk)  # one correction at a time
    if old.state != State.PUBLISHED or old.superseded_at is not None:
        raise InvalidTransition(f"only the current published version can be corrected; {old} is {old.state}")
    open_ = model.objects.filter(supersedes=old).exclude(state=State.WITHDRAWN)
    if open_.exists():
        raise InvalidTransition(f"a correction of {old} is already open (version {open_.first().version})")  # type: ignore[union-attr]
    top = model.all_objects.filter(series=old.series).aggregate(v=Max("version"))["v"] or old.version
    new = model(
        **{
            f.attname: getattr(old, f.attname)
            for f in model._meta.concrete_fields
            if f.name not in _NOT_COPIED
        }
    )
    new.series = old.series
    new.version = top + 1
    new.supersedes = old
    new.state = State.DRAFT
    new.verification_status = VerificationStatus.SELF_REPORTED
    new.created_by = new.updated_by = access.as_user(user)
    new.save()
    copy = kinds.of(old).copy_contents
    if copy is not None:
        copy(old, new)
    audit.record(user, "open_correction", new, None, audit.snapshot(new), comment=comment)
    return new


@transaction.atomic
def delete_submission(user: Actor, obj: T, *, revision: int, comment: str = "") -> None:
    """Soft-delete a draft or withdrawn version (its jurisdiction's editors and approvers)."""
    current = get_visible(user, type(obj), pk_of(obj))
    if not access.roles(user).by_jurisdiction.get(current.jurisdiction_id, frozenset()) & workflow.EDIT_ROLES:
        raise PermissionDenied(f"only editors and approvers of {current.jurisdiction} can delete {current}")
    if current.state not in (State.DRAFT, State.WITHDRAWN):
        raise InvalidTransition(
            f"{current} is {current.state}: only drafts and withdrawn versions can be deleted"
        )
    soft_delete(current, user, revision, comment=comment)


def history(user: Actor, obj: Submission) -> Any:
    """The audit entries of a version, oldest first (for whoever may see the version and the log)."""
    current = get_visible(user, type(obj), pk_of(obj))
    return access.audit_visible_to(user, audit.history(current))
