"""The verification statement: issued once every finding is closed, on a validated version; and the
document published with the version (the text and JSON downloads are made from it)."""

from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction

from localaction.core.errors import Detail
from localaction.registry.base import access, audit, kinds
from localaction.registry.base.access import Actor
from localaction.registry.base.errors import (
    InvalidTransition,
    ValidationFailed,
)
from localaction.registry.base.models import State
from localaction.registry.verification.common import (
    _active,
    _as_verifier,
    _audit,
    _bump,
    current_round,
    version_of,
)
from localaction.registry.verification.models import (
    Assignment,
    AssignmentState,
    Assurance,
    FindingStatus,
    Opinion,
    Statement,
)

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
