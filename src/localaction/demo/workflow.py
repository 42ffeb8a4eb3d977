"""The demo's way through the MRV workflow, with the separation of duties of a real registry: the city's
approver submits (in the home city, where preparer and approver are separate, the approver account; elsewhere
the loader, the only member), a reviewer validates, a verifier runs a verification to its statement where
the version is verified, and an admin (someone other than the validator) publishes."""

from __future__ import annotations

from typing import Any, TypeVar

from localaction.demo.accounts import HOME, LOADER
from localaction.registry import services
from localaction.registry.base.models import Submission, User
from localaction.registry.base.services.workflow import separation_on

S = TypeVar("S", bound=Submission)


def submitter(obj: Submission, users: dict[str, User]) -> User:
    """The loader started every demo version; where the city separates preparer and approver (the home city,
    with its editor and approver accounts), its approver account submits."""
    if obj.jurisdiction.slug == HOME and separation_on(obj.jurisdiction):
        return users["demo-approver"]
    return users[LOADER]


def publish(obj: S, users: dict[str, User], *, verified: bool = False) -> S:
    obj = services.submit(submitter(obj, users), obj, revision=obj.revision)
    obj = services.validate(
        users["demo-reviewer"], obj, revision=obj.revision, comment="Demo: desk check passed"
    )
    if verified:
        verify(obj, users)
        obj.refresh_from_db()
    return services.publish(users["demo-admin"], obj, revision=obj.revision)


def verify(obj: Any, users: dict[str, User]) -> None:
    """A verification with one clarification request, answered and closed, then the statement."""
    from localaction.registry.verification import services as verification

    verifier = users["demo-verifier"]
    a = verification.assign(users["demo-reviewer"], obj, verifier)
    a = verification.declare(verifier, a, has_conflict=False, declaration="", revision=a.revision)
    f = verification.raise_finding(
        verifier, a, kind="clarification", target="line", target_ref="I.1.1",
        text="Demo: which utility supplied the residential electricity figure?",
    )  # fmt: skip
    verification.issue_round(verifier, a)
    f = verification.answer(
        submitter(obj, users), f, "Demo: the distribution company's billing data.", revision=f.revision
    )
    verification.close_finding(verifier, f, "Demo: source confirmed.", revision=f.revision)
    a.refresh_from_db()
    verification.complete(
        verifier, a, scope=f"Demo: {obj}, every BASIC line, the inventory year and boundary",
        criteria="GPC v1.1 (2021); ISO 14064-3:2019", level_of_assurance="limited", materiality_percent="5",
        opinion="unmodified", revision=a.revision,
        opinion_text="Demo: nothing came to our attention that the inventory is not fairly presented.",
    )  # fmt: skip
    obj.refresh_from_db()
    services.verify(verifier, obj, revision=obj.revision, comment="Demo: third-party verification")
