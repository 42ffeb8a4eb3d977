"""Use-cases of a verification: assign, declare, mitigate, raise and answer findings in rounds, complete with a
statement; and the ``verify`` guard. Each takes the acting user first and raises the registry's errors.

Who: the secretariat's reviewers and admins assign, record mitigations and withdraw; the assigned verifier
declares, raises, sends rounds, closes or reopens findings and issues the statement; the jurisdiction's
editors and approvers answer the findings sent to them. Findings of a round not yet sent are the verifier's
draft (the secretariat sees them, the city does not).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F, Max, QuerySet

from localaction.core.catalog import normalise_gpc_ref
from localaction.core.errors import Detail
from localaction.registry.base import access, audit, kinds
from localaction.registry.base.access import Actor
from localaction.registry.base.errors import (
    Conflict,
    InvalidTransition,
    NotFound,
    PermissionDenied,
    ValidationFailed,
)
from localaction.registry.base.models import State, Submission
from localaction.registry.base.services.common import get_visible, pk_of
from localaction.registry.base.states import EDIT_ROLES, Role
from localaction.registry.verification.models import (
    LIVE_STATES,
    Assignment,
    AssignmentState,
    Assurance,
    Exchange,
    Finding,
    FindingKind,
    FindingStatus,
    FindingTarget,
    Opinion,
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


def _as_verifier(user: Actor, a: Assignment) -> None:
    if access.as_user(user) != a.verifier:
        raise PermissionDenied(f"only {a.verifier}, the assigned verifier, can do this")


def _open_round(a: Assignment) -> Round:
    top = a.rounds.aggregate(n=Max("number"))["n"] or 0
    return Round.objects.create(assignment=a, number=top + 1, opened_at=audit.now())


@transaction.atomic
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


# --- findings and rounds ---------------------------------------------------------------------------------


def _active(a: Assignment) -> None:
    if a.state != AssignmentState.ACTIVE:
        raise InvalidTransition(
            f"{a} is {a.get_state_display().lower()}: findings are raised while the verification is under way",
            code="verification_not_active",
        )


def _target(version: Submission, target: str, ref: str) -> tuple[str, str]:
    try:
        t = FindingTarget(target or FindingTarget.VERSION)
    except ValueError:
        raise ValidationFailed(
            f"unknown target {target!r}",
            details=[Detail(("target",), f"one of {', '.join(FindingTarget.values)}")],
        ) from None
    ref = (ref or "").strip()
    if t == FindingTarget.VERSION:
        return t, ""
    if not ref:
        raise ValidationFailed(f"name the {t.label.lower()}", details=[Detail(("target_ref",), "required")])
    if t == FindingTarget.LINE:
        if not kinds.of(version).line_comments:
            raise ValidationFailed(
                f"a {kinds.of(version).label} has no lines", details=[Detail(("target",), t)]
            )
        try:
            ref = normalise_gpc_ref(ref)
        except Exception as exc:  # the catalogue's own error names the problem
            raise ValidationFailed(str(exc), details=[Detail(("target_ref",), ref)]) from None
    if t == FindingTarget.RECORD:
        records = getattr(version, "activity_records", None)
        if records is None:
            raise ValidationFailed(
                f"a {kinds.of(version).label} has no records", details=[Detail(("target",), t)]
            )
        if not records.filter(record_id=ref).exists():
            raise ValidationFailed(f"no record {ref!r} in {version}", details=[Detail(("target_ref",), ref)])
    if t == FindingTarget.FIELD and ref not in {f.name for f in type(version)._meta.concrete_fields}:
        raise ValidationFailed(f"{version} has no field {ref!r}", details=[Detail(("target_ref",), ref)])
    return t, ref


@transaction.atomic
def raise_finding(
    user: Actor, a: Assignment, *, kind: str, text: str, target: str = "", target_ref: str = ""
) -> Finding:
    """A clarification request or corrective action request, in the current round (before it is sent)."""
    _as_verifier(user, a)
    a = Assignment.objects.select_for_update().get(pk=a.pk)
    _active(a)
    try:
        k = FindingKind(kind)
    except ValueError:
        raise ValidationFailed(
            f"unknown finding type {kind!r}",
            details=[Detail(("kind",), f"one of {', '.join(FindingKind.values)}")],
        ) from None
    body = _text(text, "text", "write the finding", minimum=3)
    t, ref = _target(version_of(a), target, target_ref)
    rnd = current_round(a)
    assert rnd is not None  # an active assignment always has a round
    if rnd.issued_at is not None:
        raise InvalidTransition(
            f"round {rnd.number} was sent to the city: open the next round to add findings"
        )
    number = (a.findings.filter(kind=k).aggregate(n=Max("number"))["n"] or 0) + 1
    f = Finding.objects.create(
        assignment=a,
        raised_in=rnd,
        number=number,
        kind=k,
        target=t,
        target_ref=ref,
        text=body,
        raised_by=access.as_user(user),
        raised_at=audit.now(),
    )
    _audit(user, "raise_finding", f, None, a.jurisdiction_id)
    return f


@transaction.atomic
def issue_round(user: Actor, a: Assignment) -> Round:
    """Send the current round's open findings to the city."""
    _as_verifier(user, a)
    _active(a)
    rnd = current_round(a)
    assert rnd is not None
    if rnd.issued_at is not None:
        raise InvalidTransition(f"round {rnd.number} was already sent")
    if not a.findings.filter(status=FindingStatus.OPEN).exists():
        raise InvalidTransition("no open finding to send: raise one, or complete the verification")
    before = audit.snapshot(rnd)
    rnd.issued_at = audit.now()
    rnd.save()
    _audit(user, "issue_round", rnd, before, a.jurisdiction_id)
    return rnd


@transaction.atomic
def next_round(user: Actor, a: Assignment) -> Round:
    """Close the current round (sent, and every answer looked at) and open the next one."""
    _as_verifier(user, a)
    _active(a)
    rnd = current_round(a)
    assert rnd is not None
    if rnd.issued_at is None:
        raise InvalidTransition(f"round {rnd.number} has not been sent to the city yet")
    if a.findings.filter(status=FindingStatus.ANSWERED).exists():
        raise InvalidTransition("close or reopen every answered finding first")
    before = audit.snapshot(rnd)
    rnd.closed_at = audit.now()
    rnd.save()
    _audit(user, "close_round", rnd, before, a.jurisdiction_id)
    new = _open_round(a)
    _audit(user, "open_round", new, None, a.jurisdiction_id)
    return new


def _finding(user: Actor, pk: int) -> Finding:
    f = Finding.objects.filter(pk=pk).select_related("assignment", "raised_in").first()
    if f is None:
        raise NotFound(f"finding {pk} not found")
    get_assignment(user, f.assignment_id)
    if f.raised_in.issued_at is None and not access.roles(user).secretariat:
        raise NotFound(f"finding {pk} not found")
    return f


@transaction.atomic
def answer(user: Actor, finding: Finding | int, text: str, *, revision: int) -> Finding:
    """The city answers an open finding of a round sent to it."""
    f = _finding(user, pk_of(finding))
    a = f.assignment
    if not access.roles(user).by_jurisdiction.get(a.jurisdiction_id, frozenset()) & EDIT_ROLES:
        raise PermissionDenied(f"only {a.jurisdiction}'s editors and approvers answer findings")
    _active(a)
    rnd = current_round(a)
    assert rnd is not None
    if rnd.issued_at is None or rnd.closed_at is not None:
        raise InvalidTransition("this round is not open for answers")
    if f.status != FindingStatus.OPEN:
        raise InvalidTransition(f"{f.label} is {f.get_status_display().lower()}")
    body = _text(text, "text", "write the answer", minimum=3)
    before = audit.snapshot(f)
    _bump(f, revision)
    Exchange.objects.create(
        finding=f, round=rnd, side=Exchange.Side.CITY, author=access.as_user(user), at=audit.now(), text=body
    )
    f.status = FindingStatus.ANSWERED
    f.save()
    _audit(user, "answer_finding", f, before, a.jurisdiction_id, comment=body)
    return f


@transaction.atomic
def close_finding(user: Actor, finding: Finding | int, note: str = "", *, revision: int) -> Finding:
    """The verifier accepts the answer: the finding is closed."""
    f = _finding(user, pk_of(finding))
    _as_verifier(user, f.assignment)
    _active(f.assignment)
    if f.status != FindingStatus.ANSWERED:
        raise InvalidTransition(
            f"{f.label} is {f.get_status_display().lower()}: only an answered finding closes"
        )
    before = audit.snapshot(f)
    _bump(f, revision)
    f.status, f.closed_by, f.closed_at, f.closing_note = (
        FindingStatus.CLOSED,
        access.as_user(user),
        audit.now(),
        note.strip(),
    )
    f.save()
    _audit(user, "close_finding", f, before, f.assignment.jurisdiction_id, comment=note)
    return f


@transaction.atomic
def reopen_finding(user: Actor, finding: Finding | int, reply: str, *, revision: int) -> Finding:
    """The verifier does not accept the answer: the finding stays open, for the next round."""
    f = _finding(user, pk_of(finding))
    _as_verifier(user, f.assignment)
    _active(f.assignment)
    if f.status != FindingStatus.ANSWERED:
        raise InvalidTransition(
            f"{f.label} is {f.get_status_display().lower()}: only an answer can be refused"
        )
    body = _text(reply, "reply", "say what is still missing", minimum=3)
    rnd = current_round(f.assignment)
    assert rnd is not None
    before = audit.snapshot(f)
    _bump(f, revision)
    Exchange.objects.create(
        finding=f,
        round=rnd,
        side=Exchange.Side.VERIFIER,
        author=access.as_user(user),
        at=audit.now(),
        text=body,
    )
    f.status = FindingStatus.OPEN
    f.save()
    _audit(user, "reopen_finding", f, before, f.assignment.jurisdiction_id, comment=body)
    return f


# --- the statement ---------------------------------------------------------------------------------------


def _choice(value: str, choices: Any, field: str) -> str:
    if value not in choices.values:
        raise ValidationFailed(
            f"unknown {field.replace('_', ' ')} {value!r}",
            details=[Detail((field,), f"one of {', '.join(choices.values)}")],
        )
    return value


@transaction.atomic
def complete(
    user: Actor,
    a: Assignment,
    *,
    scope: str,
    criteria: str,
    level_of_assurance: str,
    materiality_percent: Decimal | float | str,
    opinion: str,
    opinion_text: str,
    revision: int,
) -> Statement:
    """End the verification with its statement: every finding closed, the version validated."""
    _as_verifier(user, a)
    a = Assignment.objects.select_for_update().get(pk=a.pk)
    _active(a)
    version = version_of(a)
    if version.state != State.VALIDATED:
        raise InvalidTransition(
            f"{version} is {version.state}: the statement is issued on a validated version",
            code="not_validated",
        )
    still = [f.label for f in a.findings.exclude(status=FindingStatus.CLOSED)]
    if still:
        raise InvalidTransition(
            f"close every finding first: {', '.join(still)} still open", code="findings_open"
        )
    problems: list[Detail] = []
    try:
        materiality = Decimal(str(materiality_percent))
        if not Decimal(0) <= materiality <= Decimal(100):
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        problems.append(Detail(("materiality_percent",), "a percentage between 0 and 100, e.g. 5"))
        materiality = Decimal(0)
    for field, value in (("scope", scope), ("criteria", criteria), ("opinion_text", opinion_text)):
        if len((value or "").strip()) < 3:
            problems.append(Detail((field,), "required"))
    if problems:
        raise ValidationFailed("the statement is incomplete", details=problems)
    _choice(level_of_assurance, Assurance, "level_of_assurance")
    _choice(opinion, Opinion, "opinion")
    before = audit.snapshot(a)
    _bump(a, revision)
    now = audit.now()
    st = Statement.objects.create(
        assignment=a,
        reference=f"VS-{a.pk:06d}",
        scope=scope.strip(),
        criteria=criteria.strip(),
        level_of_assurance=level_of_assurance,
        materiality_percent=materiality,
        opinion=opinion,
        opinion_text=opinion_text.strip(),
        issued_by=access.as_user(user),
        issued_at=now,
    )
    rnd = current_round(a)
    if rnd is not None and rnd.closed_at is None:
        rnd.closed_at = now
        rnd.save()
    a.state, a.completed_at = AssignmentState.COMPLETED, now
    a.save()
    _audit(user, "issue_statement", st, None, a.jurisdiction_id)
    _audit(user, "complete_verification", a, before, a.jurisdiction_id)
    return st


def statement_document(st: Statement) -> dict[str, Any]:
    """The statement as published (the JSON download and the text download are made from this)."""
    a = st.assignment
    version = version_of(a)
    return {
        "reference": st.reference,
        "submission": {
            "kind": kinds.of(version).slug,
            "id": version.pk,
            "title": str(version),
            "version": version.version,
            "jurisdiction": a.jurisdiction.name,
        },
        "verifier": a.verifier.get_full_name() or a.verifier.username,
        "issued_at": st.issued_at.isoformat(),
        "scope": st.scope,
        "criteria": st.criteria,
        "level_of_assurance": st.level_of_assurance,
        "materiality_percent": str(st.materiality_percent),
        "opinion": st.opinion,
        "opinion_text": st.opinion_text,
        "conflict_of_interest": {
            "declared": bool(a.has_conflict),
            "declaration": a.declaration,
            "mitigation": a.mitigation,
        },
        "findings": [
            {
                "label": f.label,
                "type": f.kind,
                "about": f.target,
                "reference": f.target_ref,
                "text": f.text,
                "round": f.raised_in.number,
                "status": f.status,
                "closing_note": f.closing_note,
            }
            for f in a.findings.select_related("raised_in").order_by("id")
        ],
        "rounds": a.rounds.count(),
    }
