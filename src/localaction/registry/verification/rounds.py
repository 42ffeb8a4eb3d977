"""Findings in rounds: the verifier raises clarification and corrective action requests against the version,
a line or a record, sends the round, the city answers, the verifier closes or keeps a finding open."""

from django.db import transaction
from django.db.models import Max

from localaction.core.catalog import normalise_gpc_ref
from localaction.core.errors import Detail
from localaction.registry.base import access, audit, kinds
from localaction.registry.base.access import Actor
from localaction.registry.base.errors import (
    InvalidTransition,
    NotFound,
    PermissionDenied,
    ValidationFailed,
)
from localaction.registry.base.models import Submission
from localaction.registry.base.services.common import pk_of
from localaction.registry.base.states import EDIT_ROLES
from localaction.registry.verification.common import (
    _active,
    _as_verifier,
    _audit,
    _bump,
    _open_round,
    _text,
    current_round,
    get_assignment,
    version_of,
)
from localaction.registry.verification.models import (
    Assignment,
    Exchange,
    Finding,
    FindingKind,
    FindingStatus,
    FindingTarget,
    Round,
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
