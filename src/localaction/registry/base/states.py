"""The MRV state machine, as data: which action moves a submission from which states to which, and who may.

draft → submitted → (changes_requested → submitted)* → validated → (verified) → published.
``withdraw`` takes a submission back from review (→ withdrawn); ``reopen`` makes a withdrawn one a draft again.
A published version never changes: a correction is a new version (``services.open_correction``).
Jurisdiction roles (editor, approver) count only in the submission's own jurisdiction.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from localaction.registry.base.models.submissions import State, VerificationStatus


class Role(StrEnum):
    EDITOR = "editor"
    APPROVER = "approver"
    REVIEWER = "reviewer"
    VERIFIER = "verifier"
    ADMIN = "admin"


JURISDICTION_ROLES = frozenset({Role.EDITOR, Role.APPROVER})
SECRETARIAT_ROLES = frozenset({Role.REVIEWER, Role.VERIFIER, Role.ADMIN})

# The contents of a submission can be edited by its jurisdiction's editors and approvers in these states.
EDITABLE_STATES = frozenset({State.DRAFT, State.CHANGES_REQUESTED})
EDIT_ROLES = frozenset({Role.EDITOR, Role.APPROVER})
# Reviewing states: the secretariat is looking at it.
IN_REVIEW_STATES = frozenset({State.SUBMITTED, State.VALIDATED, State.VERIFIED})


@dataclass(frozen=True)
class Transition:
    action: str
    sources: frozenset[State]
    target: State
    roles: frozenset[Role]
    runs_checks: bool = False  # error-level MRV checks block it
    stamp: str = ""  # the <stamp>_at / <stamp>_by fields to record
    verification: VerificationStatus | None = None  # new verification status, if any


TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        Transition(
            "submit",
            frozenset({State.DRAFT, State.CHANGES_REQUESTED}),
            State.SUBMITTED,
            frozenset({Role.APPROVER}),
            runs_checks=True,
            stamp="submitted",
        ),
        Transition(
            "request_changes",
            frozenset({State.SUBMITTED, State.VALIDATED}),
            State.CHANGES_REQUESTED,
            frozenset({Role.REVIEWER, Role.VERIFIER, Role.ADMIN}),
            verification=VerificationStatus.SELF_REPORTED,
        ),
        Transition(
            "validate",
            frozenset({State.SUBMITTED}),
            State.VALIDATED,
            frozenset({Role.REVIEWER, Role.ADMIN}),
            runs_checks=True,
            stamp="validated",
            verification=VerificationStatus.VALIDATED,
        ),
        Transition(
            "verify",
            frozenset({State.VALIDATED}),
            State.VERIFIED,
            frozenset({Role.VERIFIER, Role.ADMIN}),
            stamp="verified",
            verification=VerificationStatus.VERIFIED,
        ),
        Transition(
            "publish",
            frozenset({State.VALIDATED, State.VERIFIED}),
            State.PUBLISHED,
            frozenset({Role.REVIEWER, Role.ADMIN}),
            stamp="published",
        ),
        Transition(
            "withdraw",
            frozenset({State.SUBMITTED, State.CHANGES_REQUESTED, State.VALIDATED, State.VERIFIED}),
            State.WITHDRAWN,
            frozenset({Role.APPROVER}),
            verification=VerificationStatus.SELF_REPORTED,
        ),
        Transition(
            "reopen",
            frozenset({State.WITHDRAWN}),
            State.DRAFT,
            frozenset({Role.EDITOR, Role.APPROVER}),
        ),
    )
}

# Opening a correction (a new version of a published one) is not a state change of the old version.
CORRECTION_ROLES = frozenset({Role.EDITOR, Role.APPROVER})
COMMENT_ROLES = frozenset(Role)  # anyone with a role who can see it; never the public


def transition(action: str) -> Transition:
    from localaction.registry.base.errors import InvalidTransition

    try:
        return TRANSITIONS[action]
    except KeyError:
        raise InvalidTransition(
            f"unknown action {action!r}; use one of {', '.join(TRANSITIONS)}", code="unknown_action"
        ) from None


def actions_from(state: State | str) -> list[str]:
    """The actions whose source states include ``state`` (regardless of role)."""
    return [t.action for t in TRANSITIONS.values() if State(state) in t.sources]
