"""Use-cases that move a submission (any Submission model) through the MRV states, open a correction of a
published version, or soft-delete a draft; and the separation of duties (four eyes) that every transition of
every kind obeys (the rules are data in ``states.TRANSITIONS``: ``not_by``, ``needs``, ``preparer_split``).

A secretariat admin may override a four-eyes breach with a written reason: the transition goes ahead, a
``FourEyesOverride`` row and an ``override`` audit entry record it, and the public page shows it. Nobody
overrides the city's own preparer/approver split (the city turns it off) or a guard (``verify`` needs a
completed verification with its statement, whoever acts).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Max

from localaction.core.errors import Detail
from localaction.registry.base import access, audit, kinds
from localaction.registry.base import states as workflow
from localaction.registry.base.access import Actor
from localaction.registry.base.errors import (
    ChecksFailed,
    InvalidTransition,
    PermissionDenied,
    ValidationFailed,
)
from localaction.registry.base.models import (
    FourEyesOverride,
    Jurisdiction,
    Membership,
    State,
    Submission,
    VerificationStatus,
)
from localaction.registry.base.services.comments import unanswered_comments
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


# --- four eyes ------------------------------------------------------------------------------------------

Guard = Callable[[Actor, Submission], None]
_GUARDS: dict[str, Guard] = {}


def register_guard(name: str, guard: Guard) -> None:
    """A feature app provides a transition's named precondition (``verification`` for ``verify``): the guard
    raises a domain error to refuse. A transition whose guard nobody registered is refused."""
    _GUARDS[name] = guard


@dataclass(frozen=True)
class Breach:
    rule: str  # e.g. "publish.not_validated_by_actor"
    message: str
    overridable: bool = True


def member_count(jurisdiction: Jurisdiction) -> int:
    """The people (active accounts) with a role in the jurisdiction."""
    return (
        Membership.objects.filter(jurisdiction_id=jurisdiction.pk, user__is_active=True)
        .values("user_id")
        .distinct()
        .count()
    )


def separation_on(jurisdiction: Jurisdiction) -> bool:
    """The city's preparer/approver split: its setting, or (unset) on when it has two or more members. The
    one place the rule is decided (submit's four-eyes check, the settings page, the demo)."""
    if jurisdiction.separate_preparer_approver is not None:
        return bool(jurisdiction.separate_preparer_approver)
    return member_count(jurisdiction) >= 2


def _person(user: Actor) -> int | None:
    """Whom a stamp names: the account's id; None for the operator at the command line (``SYSTEM``)."""
    who = access.as_user(user)
    return who.pk if who is not None else None


def four_eyes_breaches(user: Actor, obj: Submission, action: str) -> list[Breach]:
    """The separation-of-duties rules ``user`` would break by taking ``action`` on this version now."""
    t = workflow.transition(action)
    me = _person(user)
    verb = action.replace("_", " ")
    out: list[Breach] = []
    for stamp in t.needs:
        if getattr(obj, f"{stamp}_at") is None:
            out.append(
                Breach(
                    f"{action}.needs_{stamp}_by_other",
                    f"{obj} has not been {stamp}: someone other than the one who will {verb} it must do that first",
                )
            )
    for stamp in t.not_by:
        if getattr(obj, f"{stamp}_at") is not None and getattr(obj, f"{stamp}_by_id") == me:
            out.append(
                Breach(
                    f"{action}.not_{stamp}_by_actor",
                    f"you {stamp} this version of {obj}: someone else must {verb} it (four eyes)",
                )
            )
    if t.preparer_split and obj.created_by_id == me and separation_on(obj.jurisdiction):
        out.append(
            Breach(
                f"{action}.not_prepared_by_actor",
                f"you started this version of {obj}, and {obj.jurisdiction} separates preparer and approver: "
                "another approver must submit it (or the jurisdiction turns the separation off)",
                overridable=False,
            )
        )
    return out


def _check_four_eyes(user: Actor, obj: Submission, t: workflow.Transition, reason: str) -> list[Breach]:
    """Refuse a breach unless an admin overrides it with a reason; return the breaches overridden."""
    breaches = four_eyes_breaches(user, obj, t.action)
    reason = reason.strip()
    if not breaches:
        if reason:
            raise ValidationFailed(
                f"no four-eyes rule stands in the way of this {t.action}: leave the override reason empty",
                code="nothing_to_override",
                details=[Detail(("override_reason",), "nothing to override")],
            )
        return []
    details = [Detail(("four_eyes", b.rule), b.message) for b in breaches]
    hard = [b for b in breaches if not b.overridable]
    if hard:
        raise PermissionDenied(hard[0].message, code="four_eyes", details=details)
    if not reason:
        hint = ""
        if access.roles(user).secretariat & workflow.OVERRIDE_ROLES:
            hint = (
                f"; as an admin you may override it with a written reason "
                f"(at least {workflow.OVERRIDE_REASON_MIN} characters), shown on the public page"
            )
        raise PermissionDenied(breaches[0].message + hint, code="four_eyes", details=details)
    if not access.roles(user).secretariat & workflow.OVERRIDE_ROLES:
        raise PermissionDenied(
            "only a secretariat admin may override the separation of duties",
            code="four_eyes",
            details=details,
        )
    if len(reason) < workflow.OVERRIDE_REASON_MIN:
        raise ValidationFailed(
            f"say why this override is needed (at least {workflow.OVERRIDE_REASON_MIN} characters)",
            code="override_reason_too_short",
            details=[Detail(("override_reason",), f"at least {workflow.OVERRIDE_REASON_MIN} characters")],
        )
    return breaches


def _record_override(user: Actor, obj: Submission, action: str, breaches: list[Breach], reason: str) -> None:
    rules = [b.rule for b in breaches]
    FourEyesOverride.objects.create(
        at=audit.now(),
        actor=access.as_user(user),
        action=action,
        rules=rules,
        reason=reason.strip(),
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True),
        object_id=str(obj.pk),
        jurisdiction_id=obj.jurisdiction_id,
    )
    audit.record(
        user,
        "override",
        obj,
        None,
        {"action": action, "rules": rules, "reason": reason.strip()},
        comment=reason,
    )


def overrides_of(obj: models.Model) -> models.QuerySet[FourEyesOverride]:
    """The four-eyes overrides of one version, oldest first (public once the version is published)."""
    ct = ContentType.objects.get_for_model(obj, for_concrete_model=True)
    return FourEyesOverride.objects.filter(content_type=ct, object_id=str(obj.pk)).order_by("at", "id")


@transaction.atomic
def set_separation(
    user: Actor, jurisdiction: Jurisdiction, value: bool | None, *, revision: int
) -> Jurisdiction:
    """Turn the city's preparer/approver split on (True), off (False) or back to the default (None): its
    approvers and secretariat admins."""
    jur = Jurisdiction.objects.select_for_update().get(pk=jurisdiction.pk)
    mine = access.roles(user).by_jurisdiction.get(jur.pk, frozenset())
    if workflow.Role.APPROVER not in mine and not access.is_admin(user):
        raise PermissionDenied(f"only approvers of {jur} and secretariat admins can change its separation")
    before = audit.snapshot(jur)
    claim(jur, revision)
    jur.separate_preparer_approver = value
    save(jur, user)
    b, a = audit.changed(before, audit.snapshot(jur))
    audit.record(user, "set_separation", jur, b, a, jurisdiction_id=jur.pk)
    return jur


# --- transitions -----------------------------------------------------------------------------------------


@transaction.atomic
def transition(
    user: Actor,
    obj: T,
    action: str,
    *,
    revision: int,
    comment: str = "",
    override_reason: str = "",
    declaration: str = "",
    comments_override: str = "",
    declared: bool | None = None,
) -> T:
    """Apply a workflow action (submit, request_changes, validate, verify, publish, withdraw, reopen).

    Refusals, in this order: NotFound (not visible), PermissionDenied (role), Conflict (stale revision),
    InvalidTransition (not from this state), PermissionDenied ``four_eyes`` (separation of duties, unless a
    secretariat admin gives ``override_reason``), the transition's guard (``verify``: a completed
    verification), InvalidTransition ``open_comments`` (validate, publish: a review comment nobody from the
    city has answered, unless the actor gives ``comments_override``, a reason of at least
    ``OVERRIDE_REASON_MIN`` characters, audited as ``override_open_comments``), ChecksFailed (error-level MRV
    checks, for inventories). ``declaration``: the text the approver confirmed on ``submit``
    (``states.SUBMIT_DECLARATIONS``), stored in the audit entry. ``declared``: given by a face that asks the
    approver (the API's ``declare``): False refuses a ``submit`` of a kind that carries a declaration
    (ValidationFailed ``declaration_required``, after the checks above), True stores its text.
    """
    t = workflow.transition(action)
    if declaration.strip() and action != "submit":
        raise ValidationFailed(
            f"a declaration goes with submit, not {action}", code="declaration_not_expected"
        )
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
    overridden = _check_four_eyes(user, current, t, override_reason)
    if t.guard:
        guard = _GUARDS.get(t.guard)
        if guard is None:
            raise InvalidTransition(
                f"cannot {action} {current}: the {t.guard} app is not installed", code="guard_missing"
            )
        guard(user, current)
    waiting = _check_open_comments(current, t, comments_override)
    if declared is not None and not declaration.strip():
        declaration = declaration_for(kinds.of(current).slug, action, declared)
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
    if declaration.strip():
        a = {**a, "declaration": declaration.strip()}
    audit.record(user, action, current, b, a, comment=comment)
    if overridden:
        _record_override(user, current, action, overridden, override_reason)
    if waiting:
        reason = comments_override.strip()
        audit.record(
            user,
            "override_open_comments",
            current,
            None,
            {"action": action, "comments": [c.pk for c in waiting], "reason": reason},
            comment=reason,
        )
    return current


def _check_open_comments(obj: Submission, t: workflow.Transition, reason: str) -> list[Any]:
    """Refuse while a review comment waits for the city's answer, unless a reason is given; return the
    comments the reason overrides (none when nothing waits: a reason is then not needed, and not recorded)."""
    if not t.blocked_by_open_comments:
        return []
    waiting = unanswered_comments(obj)
    if not waiting:
        return []
    reason = reason.strip()
    details = [
        Detail(("comments", c.gpc_ref or "submission", str(c.pk)), f"{c.author}: {c.body[:120]}")
        for c in waiting
    ]
    if not reason:
        raise InvalidTransition(
            f"{len(waiting)} review comment(s) on {obj} have no answer from {obj.jurisdiction} yet: wait for "
            f"the answer, or {t.action} anyway with a written reason (at least {workflow.OVERRIDE_REASON_MIN} "
            "characters, kept in the audit log)",
            code="open_comments",
            details=details,
        )
    if len(reason) < workflow.OVERRIDE_REASON_MIN:
        raise ValidationFailed(
            f"say why you {t.action} over the open comments (at least {workflow.OVERRIDE_REASON_MIN} characters)",
            code="comments_override_too_short",
            details=[Detail(("comments_override",), f"at least {workflow.OVERRIDE_REASON_MIN} characters")],
        )
    return waiting


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


def submit(user: Actor, obj: T, *, revision: int, comment: str = "", declaration: str = "") -> T:
    return transition(user, obj, "submit", revision=revision, comment=comment, declaration=declaration)


def declaration_for(kind: str, action: str, declared: bool) -> str:
    """The declaration a ``submit`` of ``kind`` carries (``states.SUBMIT_DECLARATIONS``, in the active
    language) when the approver made it; "" for other actions and kinds. ValidationFailed
    ``declaration_required`` when a kind that asks for one is submitted without it."""
    text = workflow.SUBMIT_DECLARATIONS.get(kind)
    if action != "submit" or text is None:
        return ""
    if not declared:
        raise ValidationFailed(
            f"submitting this {kind} carries the approver's declaration: make it (declare) to submit. "
            f"It reads: {text}",
            code="declaration_required",
        )
    return str(text)


def declaration_of(obj: Submission) -> dict[str, Any] | None:
    """The declaration made with the latest submission of this version: its text, who made it and when."""
    entry = audit.history(obj).filter(action="submit").order_by("-at", "-id").first()
    if entry is None:
        return None
    text = (entry.after or {}).get("declaration")
    if not text:
        return None
    return {"text": text, "by": entry.actor, "at": entry.at}


def request_changes(user: Actor, obj: T, *, revision: int, comment: str = "") -> T:
    return transition(user, obj, "request_changes", revision=revision, comment=comment)


def validate(
    user: Actor,
    obj: T,
    *,
    revision: int,
    comment: str = "",
    override_reason: str = "",
    comments_override: str = "",
) -> T:
    return transition(
        user,
        obj,
        "validate",
        revision=revision,
        comment=comment,
        override_reason=override_reason,
        comments_override=comments_override,
    )


def verify(user: Actor, obj: T, *, revision: int, comment: str = "", override_reason: str = "") -> T:
    return transition(
        user, obj, "verify", revision=revision, comment=comment, override_reason=override_reason
    )


def publish(
    user: Actor,
    obj: T,
    *,
    revision: int,
    comment: str = "",
    override_reason: str = "",
    comments_override: str = "",
) -> T:
    return transition(
        user,
        obj,
        "publish",
        revision=revision,
        comment=comment,
        override_reason=override_reason,
        comments_override=comments_override,
    )


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
