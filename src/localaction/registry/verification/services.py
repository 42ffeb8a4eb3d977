"""Use-cases of a verification: assign, declare, mitigate, raise and answer findings in rounds, complete with a
statement; and the ``verify`` guard. Each takes the acting user first and raises the registry's errors.

Who: the secretariat's reviewers and admins assign, record mitigations and withdraw; the assigned verifier
declares, raises, sends rounds, closes or reopens findings and issues the statement; the jurisdiction's
editors and approvers answer the findings sent to them. Findings of a round not yet sent are the verifier's
draft (the secretariat sees them, the city does not).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from localaction.core.errors import Detail
from localaction.registry.base import access, audit
from localaction.registry.base.access import Actor
from localaction.registry.base.errors import (
    InvalidTransition,
    PermissionDenied,
    ValidationFailed,
)
from localaction.registry.base.models import Submission
from localaction.registry.base.services.common import get_visible, pk_of
from localaction.registry.base.states import Role
from localaction.registry.verification.common import (
    ASSIGN_ROLES,
    ASSIGNABLE_STATES,
    MIN_TEXT,
    _as_verifier,
    _audit,
    _bump,
    _ct,
    _open_round,
    _text,
    assignments_of,
    completed_assignment,
    current_round,
    findings_visible_to,
    get_assignment,
    live_assignment,
    public_verification,
    version_of,
)
from localaction.registry.verification.models import (
    LIVE_STATES,
    Assignment,
    AssignmentState,
)
from localaction.registry.verification.rounds import (
    answer,
    close_finding,
    issue_round,
    next_round,
    raise_finding,
    reopen_finding,
)
from localaction.registry.verification.statements import complete, statement_document

__all__ = [
    "ASSIGNABLE_STATES",
    "ASSIGN_ROLES",
    "MIN_TEXT",
    "answer",
    "assign",
    "assignments_of",
    "close_finding",
    "complete",
    "completed_assignment",
    "current_round",
    "declare",
    "findings_visible_to",
    "get_assignment",
    "issue_round",
    "live_assignment",
    "mitigate",
    "next_round",
    "public_verification",
    "raise_finding",
    "reopen_finding",
    "statement_document",
    "verify_guard",
    "version_of",
    "withdraw",
]

# --- the verify guard (registered with the workflow) ----------------------------------------------------


def verify_guard(user: Actor, obj: Submission) -> None:
    """``verify`` needs a completed verification with its statement, completed after the version's latest
    validation, and is taken by its verifier (or a secretariat admin recording it)."""
    a = completed_assignment(obj)
    if a is None:
        live = live_assignment(obj)
        where = f" (verification {live.pk} is {live.get_state_display().lower()})" if live else ""
        raise InvalidTransition(
            f"cannot verify {obj}: a verifier must be assigned, declare, close every finding and issue a "
            f"statement first{where}",
            code="verification_incomplete",
        )
    if obj.validated_at is not None and a.completed_at is not None and a.completed_at < obj.validated_at:
        raise InvalidTransition(
            f"cannot verify {obj}: its statement {a.statement.reference} predates the latest validation; "
            "the version changed since: assign a new verification",
            code="verification_stale",
        )
    if access.as_user(user) != a.verifier and not access.is_admin(user):
        raise PermissionDenied(f"only {a.verifier}, who verified {obj}, (or an admin) can record it verified")


# --- assignment and declaration --------------------------------------------------------------------------


def assign(user: Actor, obj: Submission, verifier: Any) -> Assignment:
    """Assign a verifier (a user with the secretariat's verifier role) to this version."""
    current = get_visible(user, type(obj), pk_of(obj))
    if not access.roles(user).secretariat & ASSIGN_ROLES:
        raise PermissionDenied("only the secretariat's reviewers and admins assign verifiers")
    if current.state not in ASSIGNABLE_STATES:
        raise InvalidTransition(
            f"{current} is {current.state}: a verifier is assigned while it is in review",
            code="not_assignable",
        )
    if Role.VERIFIER not in access.roles(verifier).secretariat:
        raise ValidationFailed(
            f"{verifier} is not a verifier", details=[Detail(("verifier",), "needs the verifier role")]
        )
    who = access.as_user(verifier)
    assert who is not None  # a verifier role implies an account
    # Conflicts no mitigation can cure: the city's own people, and whoever submitted or validated it.
    if access.roles(verifier).by_jurisdiction.get(current.jurisdiction_id):
        raise PermissionDenied(f"{verifier} is a member of {current.jurisdiction} and cannot verify its work")
    for stamp in ("submitted", "validated"):
        if getattr(current, f"{stamp}_at") is not None and getattr(current, f"{stamp}_by_id") == who.pk:
            raise PermissionDenied(f"{verifier} {stamp} this version and cannot verify it (four eyes)")
    if live_assignment(current) is not None:
        raise InvalidTransition(f"{current} already has a verifier: withdraw that assignment first")
    a = Assignment.objects.create(
        content_type=_ct(current),
        object_id=current.pk,
        jurisdiction_id=current.jurisdiction_id,
        verifier=who,
        assigned_by=access.as_user(user),
        assigned_at=audit.now(),
    )
    _audit(user, "assign_verifier", a, None, current.jurisdiction_id)
    return a


def declare(user: Actor, a: Assignment, *, has_conflict: bool, declaration: str, revision: int) -> Assignment:
    """The verifier's conflict-of-interest declaration: none (the verification starts), or a conflict
    described (blocked until the secretariat records a mitigation, or withdraws the assignment)."""
    _as_verifier(user, a)
    if a.state != AssignmentState.AWAITING_DECLARATION:
        raise InvalidTransition(f"{a} is {a.get_state_display().lower()}: the declaration was made")
    text = declaration.strip()
    if has_conflict:
        text = _text(declaration, "declaration", "describe the conflict of interest")
    before = audit.snapshot(a)
    _bump(a, revision)
    a.declared_at = audit.now()
    a.has_conflict = has_conflict
    a.declaration = text or "No conflict of interest."
    a.state = AssignmentState.CONFLICT_DECLARED if has_conflict else AssignmentState.ACTIVE
    a.save()
    if not has_conflict:
        _open_round(a)
    _audit(user, "declare", a, before, a.jurisdiction_id, comment=a.declaration)
    return a


@transaction.atomic
def mitigate(user: Actor, a: Assignment, *, mitigation: str, revision: int) -> Assignment:
    """The secretariat records how a declared conflict is mitigated; the verification may then start."""
    if not access.roles(user).secretariat & ASSIGN_ROLES:
        raise PermissionDenied("only the secretariat's reviewers and admins record a mitigation")
    if access.as_user(user) == a.verifier:
        raise PermissionDenied("a verifier cannot mitigate their own conflict")
    if a.state != AssignmentState.CONFLICT_DECLARED:
        raise InvalidTransition(f"{a} has no declared conflict to mitigate")
    text = _text(mitigation, "mitigation", "say how the conflict is mitigated")
    before = audit.snapshot(a)
    _bump(a, revision)
    a.mitigation, a.mitigated_by, a.mitigated_at = text, access.as_user(user), audit.now()
    a.state = AssignmentState.ACTIVE
    a.save()
    _open_round(a)
    _audit(user, "mitigate", a, before, a.jurisdiction_id, comment=text)
    return a


@transaction.atomic
def withdraw(user: Actor, a: Assignment, *, reason: str, revision: int) -> Assignment:
    """End an assignment before its statement (e.g. a conflict that cannot be mitigated)."""
    if not access.roles(user).secretariat & ASSIGN_ROLES:
        raise PermissionDenied("only the secretariat's reviewers and admins withdraw an assignment")
    if a.state not in LIVE_STATES:
        raise InvalidTransition(f"{a} is {a.get_state_display().lower()}")
    text = _text(reason, "reason", "say why the assignment is withdrawn")
    before = audit.snapshot(a)
    _bump(a, revision)
    a.state, a.withdrawn_at, a.withdrawn_by, a.withdraw_reason = (
        AssignmentState.WITHDRAWN,
        audit.now(),
        access.as_user(user),
        text,
    )
    a.save()
    _audit(user, "withdraw_verification", a, before, a.jurisdiction_id, comment=text)
    return a
