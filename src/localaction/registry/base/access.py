"""Who may see and do what: written once, used by every use-case, the API and the pages.

- Published versions are public. Every other version is visible to its jurisdiction's members (editor,
  approver) and to the secretariat (reviewer, verifier, admin) only.
- Jurisdiction roles count in their own jurisdiction only; secretariat roles count everywhere.
- A Django superuser counts as a secretariat admin; an inactive user counts as anonymous.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from django.db.models import Model, Q, QuerySet

from localaction.core.errors import PermissionDenied
from localaction.registry.base import states as workflow
from localaction.registry.base.models import (
    AuditEntry,
    Jurisdiction,
    Membership,
    ReviewComment,
    SecretariatRole,
    State,
    Submission,
)
from localaction.registry.base.states import EDIT_ROLES, EDITABLE_STATES, SECRETARIAT_ROLES, Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from localaction.registry.base.models import User

    Actor = User | AnonymousUser | None
else:
    Actor = Any

M = TypeVar("M", bound=Model)
_CACHE_ATTR = "_localaction_roles"


@dataclass(frozen=True)
class Roles:
    secretariat: frozenset[Role]
    by_jurisdiction: dict[int, frozenset[Role]]

    @property
    def jurisdiction_ids(self) -> list[int]:
        return sorted(self.by_jurisdiction)


_NOBODY = Roles(frozenset(), {})


class _System:
    """The operator at the command line (``localaction users …``): a secretariat admin with no account."""

    is_authenticated = True
    is_active = True
    is_superuser = True
    pk = None
    username = "system"

    def __str__(self) -> str:
        return "system"


SYSTEM: Any = _System()


def authenticated(user: Actor) -> bool:
    return user is not None and bool(user.is_authenticated) and bool(user.is_active)


def as_user(user: Actor) -> User | None:
    """The account to record as the actor (None for anonymous and for SYSTEM)."""
    from localaction.registry.base.models import User

    return user if isinstance(user, User) and authenticated(user) else None


def roles(user: Actor) -> Roles:
    """All of a user's live roles (two queries, then cached on the user object for its lifetime)."""
    if not authenticated(user):
        return _NOBODY
    assert user is not None
    if user is SYSTEM:
        return Roles(frozenset({Role.ADMIN}), {})
    uid: int = user.pk or 0
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    secretariat = {
        Role(r) for r in SecretariatRole.objects.filter(user_id=uid).values_list("role", flat=True)
    }
    if getattr(user, "is_superuser", False):
        secretariat.add(Role.ADMIN)
    by_jur: dict[int, set[Role]] = {}
    for jur_id, role in Membership.objects.filter(
        user_id=uid, jurisdiction__deleted_at__isnull=True
    ).values_list("jurisdiction_id", "role"):
        by_jur.setdefault(jur_id, set()).add(Role(role))
    result = Roles(frozenset(secretariat), {k: frozenset(v) for k, v in by_jur.items()})
    setattr(user, _CACHE_ATTR, result)
    return result


def forget(user: Actor) -> None:
    """Drop the cached roles (after a grant or revoke)."""
    if user is not None and hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def roles_in(user: Actor, jurisdiction_id: int) -> frozenset[Role]:
    """The user's roles that count for one jurisdiction: its own roles there plus secretariat roles."""
    r = roles(user)
    return r.secretariat | r.by_jurisdiction.get(jurisdiction_id, frozenset())


def is_secretariat(user: Actor) -> bool:
    return bool(roles(user).secretariat & SECRETARIAT_ROLES)


def is_admin(user: Actor) -> bool:
    return Role.ADMIN in roles(user).secretariat


# --- querysets -------------------------------------------------------------------------------------------


def public(qs: QuerySet[M]) -> QuerySet[M]:
    """Published, live versions of a Submission model (current and superseded)."""
    return qs.filter(state=State.PUBLISHED, deleted_at__isnull=True)


def visible_to(user: Actor, qs: QuerySet[M]) -> QuerySet[M]:
    """The versions of a Submission model ``user`` may read."""
    live = qs.filter(deleted_at__isnull=True)
    r = roles(user)
    if r.secretariat:
        return live
    if r.by_jurisdiction:
        return live.filter(Q(state=State.PUBLISHED) | Q(jurisdiction_id__in=r.jurisdiction_ids))
    return public(live)


def editable_by(user: Actor, qs: QuerySet[M]) -> QuerySet[M]:
    """The versions whose contents ``user`` may change now."""
    r = roles(user)
    ids = [j for j, rs in r.by_jurisdiction.items() if rs & EDIT_ROLES]
    return qs.filter(deleted_at__isnull=True, jurisdiction_id__in=ids, state__in=list(EDITABLE_STATES))


def comments_visible_to(user: Actor, qs: QuerySet[ReviewComment] | None = None) -> QuerySet[ReviewComment]:
    """Review comments are between a jurisdiction and the secretariat: never public."""
    qs = (qs if qs is not None else ReviewComment.objects.all()).filter(deleted_at__isnull=True)
    r = roles(user)
    if r.secretariat:
        return qs
    return qs.filter(jurisdiction_id__in=r.jurisdiction_ids)


def audit_visible_to(user: Actor, qs: QuerySet[AuditEntry] | None = None) -> QuerySet[AuditEntry]:
    qs = qs if qs is not None else AuditEntry.objects.all()
    r = roles(user)
    if r.secretariat:
        return qs
    return qs.filter(jurisdiction_id__in=r.jurisdiction_ids)


# --- predicates ------------------------------------------------------------------------------------------


def can_view(user: Actor, obj: Submission) -> bool:
    if obj.deleted_at is not None:
        return False
    if obj.state == State.PUBLISHED:
        return True
    return bool(roles_in(user, obj.jurisdiction_id))


def can_create_in(user: Actor, jurisdiction: Jurisdiction | int) -> bool:
    """Start a new submission (inventory, target, …) for a jurisdiction."""
    jid = jurisdiction if isinstance(jurisdiction, int) else jurisdiction.pk
    return bool(roles(user).by_jurisdiction.get(jid, frozenset()) & EDIT_ROLES)


def require_create_in(user: Actor, jurisdiction: Jurisdiction, what: str) -> None:
    """PermissionDenied unless ``user`` may start ``what`` (e.g. "an inventory") for the jurisdiction: the
    one wording the use-cases and the pages that offer the form share."""
    if not can_create_in(user, jurisdiction):
        raise PermissionDenied(f"only editors and approvers of {jurisdiction} can start {what}")


def can_edit(user: Actor, obj: Submission) -> bool:
    """Change the contents of a version: its jurisdiction's editors and approvers, while draft or sent back."""
    if obj.deleted_at is not None or obj.state not in EDITABLE_STATES:
        return False
    return bool(roles(user).by_jurisdiction.get(obj.jurisdiction_id, frozenset()) & EDIT_ROLES)


def can_delete(user: Actor, obj: Submission) -> bool:
    """Soft-delete a version that was never reviewed (draft) or was withdrawn."""
    if obj.deleted_at is not None or obj.state not in (State.DRAFT, State.WITHDRAWN):
        return False
    return bool(roles(user).by_jurisdiction.get(obj.jurisdiction_id, frozenset()) & EDIT_ROLES)


def can_transition(user: Actor, obj: Submission, action: str) -> bool:
    t = workflow.TRANSITIONS.get(action)
    if t is None or obj.deleted_at is not None or obj.state not in t.sources:
        return False
    return bool(_acting_roles(user, obj) & t.roles)


def can_open_correction(user: Actor, obj: Submission) -> bool:
    if obj.deleted_at is not None or obj.state != State.PUBLISHED or obj.superseded_at is not None:
        return False
    return bool(roles(user).by_jurisdiction.get(obj.jurisdiction_id, frozenset()) & workflow.CORRECTION_ROLES)


def can_comment(user: Actor, obj: Submission) -> bool:
    return can_view(user, obj) and bool(roles_in(user, obj.jurisdiction_id))


def can_edit_jurisdiction(user: Actor, jurisdiction: Jurisdiction) -> bool:
    if jurisdiction.deleted_at is not None:
        return False
    return is_admin(user) or bool(roles(user).by_jurisdiction.get(jurisdiction.pk, frozenset()) & EDIT_ROLES)


def can_manage_jurisdictions(user: Actor) -> bool:
    """Create jurisdictions, set parents."""
    return is_admin(user)


def can_manage_users(user: Actor) -> bool:
    """Create users, grant and revoke roles, create tokens for others."""
    return is_admin(user)


def allowed_actions(user: Actor, obj: Submission) -> list[str]:
    """What ``user`` may do to ``obj`` now: the transitions plus edit / delete / open_correction / comment."""
    out = [a for a in workflow.TRANSITIONS if can_transition(user, obj, a)]
    if can_edit(user, obj):
        out.append("edit")
    if can_delete(user, obj):
        out.append("delete")
    if can_open_correction(user, obj):
        out.append("open_correction")
    if can_comment(user, obj):
        out.append("comment")
    return out


def _acting_roles(user: Actor, obj: Submission) -> frozenset[Role]:
    return roles_in(user, obj.jurisdiction_id)
