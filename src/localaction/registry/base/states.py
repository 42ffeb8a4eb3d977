"""The MRV state machine, as data: which action moves a submission from which states to which, and who may.

draft → submitted → (changes_requested → submitted)* → validated → (verified) → published.
``withdraw`` takes a submission back from review (→ withdrawn); ``reopen`` makes a withdrawn one a draft again.
A published version never changes: a correction is a new version (``services.open_correction``).
Jurisdiction roles (editor, approver) count only in the submission's own jurisdiction.

Separation of duties (four eyes), for every kind, always on: whoever submitted a version cannot validate it;
whoever validated it cannot verify it; publishing needs a validation by someone other than the publisher.
A secretariat admin may override a breach only with a written reason (audited, shown on the public page).
Validating and publishing over a review comment nobody from the city has answered needs a written reason from
whoever acts (``blocked_by_open_comments``; audited as ``override_open_comments``).
The city's own split (the approver who submits is not the person who started the version) is a setting of
the jurisdiction (``separate_preparer_approver``; on by default from two members up). ``verify`` also needs
a completed third-party verification with its statement (the ``verification`` guard, provided by
``registry.verification``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

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
    # Four eyes: the actor may not be the person recorded in these stamps (``<stamp>_by``) of the version.
    not_by: tuple[str, ...] = ()
    # These stamps must be set (publishing needs a validation), by someone other than the actor.
    needs: tuple[str, ...] = ()
    # The jurisdiction's preparer/approver split applies (the actor may not have started the version).
    preparer_split: bool = False
    # A named precondition a feature app registers (services.workflow.register_guard); refused if none is.
    guard: str = ""
    # Review comments nobody from the city has answered block it, unless the actor gives a written reason.
    blocked_by_open_comments: bool = False

    def rules(self) -> list[str]:
        """The four-eyes rule codes of this transition (docs, tests, the override record)."""
        out = [f"{self.action}.not_{stamp}_by_actor" for stamp in self.not_by]
        out += [f"{self.action}.needs_{stamp}_by_other" for stamp in self.needs if stamp not in self.not_by]
        if self.preparer_split:
            out.append(f"{self.action}.not_prepared_by_actor")
        return out


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
            preparer_split=True,
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
            not_by=("submitted",),
            blocked_by_open_comments=True,
        ),
        Transition(
            "verify",
            frozenset({State.VALIDATED}),
            State.VERIFIED,
            frozenset({Role.VERIFIER, Role.ADMIN}),
            stamp="verified",
            verification=VerificationStatus.VERIFIED,
            not_by=("validated",),
            guard="verification",
        ),
        Transition(
            "publish",
            frozenset({State.VALIDATED, State.VERIFIED}),
            State.PUBLISHED,
            frozenset({Role.REVIEWER, Role.ADMIN}),
            stamp="published",
            not_by=("validated",),
            needs=("validated",),
            blocked_by_open_comments=True,
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
# An override of a four-eyes rule: secretariat admins only, with a reason of at least this many characters.
OVERRIDE_ROLES = frozenset({Role.ADMIN})
OVERRIDE_REASON_MIN = 15


# What the approver declares when submitting, by kind (the web asks them to tick it; the text as shown, in their
# language, is stored in the ``submit`` audit entry).
SUBMIT_DECLARATIONS = {
    "inventory": _(
        "I declare that, to the best of my knowledge, this inventory is complete and correct for the boundary "
        "and year it states, that its sources and methods are given, and that I am authorised to submit it for "
        "the jurisdiction."
    ),
}


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
