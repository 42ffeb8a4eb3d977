"""What the verification use-cases share: reading an assignment and its version, the current round, who
sees which findings, the public summary; and the small checks every step makes."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F, Max, QuerySet

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
from localaction.registry.base.services.common import get_visible
from localaction.registry.base.states import Role
from localaction.registry.verification.models import (
    LIVE_STATES,
    Assignment,
    AssignmentState,
    Finding,
    Round,
    Statement,
)

ASSIGN_ROLES = frozenset({Role.REVIEWER, Role.ADMIN})
ASSIGNABLE_STATES = frozenset({State.SUBMITTED, State.CHANGES_REQUESTED, State.VALIDATED})
MIN_TEXT = 10  # a declaration of conflict, a mitigation, a withdrawal reason: words, not a tick


# --- reading ---------------------------------------------------------------------------------------------


def _ct(obj: Submission) -> ContentType:
    return ContentType.objects.get_for_model(obj, for_concrete_model=True)


def version_of(a: Assignment) -> Submission:
    model = a.content_type.model_class()
    assert model is not None
    obj: Submission = model._base_manager.get(pk=a.object_id)  # type: ignore[assignment]
    return obj


def assignments_of(obj: Submission) -> QuerySet[Assignment]:
    return Assignment.objects.filter(content_type=_ct(obj), object_id=obj.pk).select_related("verifier")


def live_assignment(obj: Submission) -> Assignment | None:
    return assignments_of(obj).filter(state__in=LIVE_STATES).first()


def completed_assignment(obj: Submission) -> Assignment | None:
    return (
        assignments_of(obj)
        .filter(state=AssignmentState.COMPLETED, statement__isnull=False)
        .order_by("-completed_at", "-id")
        .first()
    )


def get_assignment(user: Actor, pk: int) -> Assignment:
    """An assignment whose version ``user`` may see (NotFound otherwise, never revealing drafts)."""
    a = Assignment.objects.filter(pk=pk).select_related("verifier", "content_type", "jurisdiction").first()
    if a is None:
        raise NotFound(f"verification {pk} not found")
    version = version_of(a)
    get_visible(user, type(version), version.pk)
    if version.state != State.PUBLISHED and not access.roles_in(user, a.jurisdiction_id):
        raise NotFound(f"verification {pk} not found")
    return a


def current_round(a: Assignment) -> Round | None:
    return a.rounds.order_by("-number").first()


def findings_visible_to(user: Actor, a: Assignment) -> QuerySet[Finding]:
    """The secretariat sees every finding; the city only those of rounds sent to it."""
    qs = a.findings.select_related("raised_in").prefetch_related("exchanges")
    if access.roles(user).secretariat:
        return qs
    return qs.filter(raised_in__issued_at__isnull=False)


def public_verification(obj: Submission) -> dict[str, Any] | None:
    """What the public page of a published, verified version shows: who verified, when, under which
    statement, and the verifier's declaration. None when the version was not verified this way."""
    if obj.state != State.PUBLISHED:
        return None
    a = completed_assignment(obj)
    if a is None:
        return None
    st: Statement = a.statement
    return {
        "assignment": a,
        "statement": st,
        "verifier": a.verifier,
        "verified_at": obj.verified_at or st.issued_at,
        "has_conflict": a.has_conflict,
        "declaration": a.declaration,
        "mitigation": a.mitigation,
    }


# --- shared checks ---------------------------------------------------------------------------------------


def _text(value: str, field: str, what: str, minimum: int = MIN_TEXT) -> str:
    text = (value or "").strip()
    if len(text) < minimum:
        raise ValidationFailed(
            f"{what} (at least {minimum} characters)",
            details=[Detail((field,), f"at least {minimum} characters")],
        )
    return text


def _bump(a: Assignment | Finding, revision: int | None) -> None:
    """Compare-and-set the row's revision (a stale page changes nothing)."""
    if revision is None:
        return
    model = type(a)
    if model.objects.filter(pk=a.pk, revision=revision).update(revision=F("revision") + 1) != 1:
        raise Conflict(
            f"{a} was changed by someone else: reload it and try again",
            details=[Detail(("revision",), f"current revision is {model.objects.get(pk=a.pk).revision}")],
        )
    a.revision = revision + 1


def _audit(
    user: Actor, action: str, row: Any, before: dict[str, Any] | None, jur: int, comment: str = ""
) -> None:
    after = audit.snapshot(row)
    if before is not None:
        before, after = audit.changed(before, after)
    audit.record(user, action, row, before, after, jurisdiction_id=jur, comment=comment)


@transaction.atomic
def _as_verifier(user: Actor, a: Assignment) -> None:
    if access.as_user(user) != a.verifier:
        raise PermissionDenied(f"only {a.verifier}, the assigned verifier, can do this")


def _open_round(a: Assignment) -> Round:
    top = a.rounds.aggregate(n=Max("number"))["n"] or 0
    return Round.objects.create(assignment=a, number=top + 1, opened_at=audit.now())


@transaction.atomic
def _active(a: Assignment) -> None:
    if a.state != AssignmentState.ACTIVE:
        raise InvalidTransition(
            f"{a} is {a.get_state_display().lower()}: findings are raised while the verification is under way",
            code="verification_not_active",
        )
