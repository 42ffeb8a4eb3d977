"""Who may see and do what in TAP: the ONE place for the program roles (TAP
reviewer, funder, partner; the gateway's rules use them too: ``registry.gateway.access``) next to the registry's own (``registry.access``), used by services, API and pages.

- The desk (TAP reviewers and the secretariat) sees every project once submitted, never a city's draft.
- A city (its editors and approvers) sees and edits its own projects; it sees the interest in them.
- A funder sees only projects in the pipeline (sealed, matched, financed) and only its own interest.
- Gateway entries are public once approved; a partner sees its own until then; the secretariat approves.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from localaction.core.tap import rules as tap_rules
from localaction.registry.base import access
from localaction.registry.base.access import Actor
from localaction.registry.base.states import EDIT_ROLES

_CACHE = "_localaction_program_roles"


def program_roles(user: Actor) -> frozenset[str]:
    if not access.authenticated(user) or user is access.SYSTEM:
        return frozenset()
    cached = getattr(user, _CACHE, None)
    if cached is None:
        from localaction.registry.tap.models import ProgramRole

        cached = frozenset(ProgramRole.objects.filter(user_id=uid(user)).values_list("role", flat=True))
        setattr(user, _CACHE, cached)
    return frozenset(cached)


def uid(user: Actor) -> int:
    """The account's id (0, which matches nobody, for anonymous and SYSTEM)."""
    pk = getattr(user, "pk", None) if access.authenticated(user) else None
    return pk if isinstance(pk, int) else 0


def forget(user: Actor) -> None:
    if user is not None and hasattr(user, _CACHE):
        delattr(user, _CACHE)
    access.forget(user)


def is_desk(user: Actor) -> bool:
    return access.is_secretariat(user) or "tap_reviewer" in program_roles(user)


def is_funder(user: Actor) -> bool:
    return "funder" in program_roles(user)


def is_partner(user: Actor) -> bool:
    return "partner" in program_roles(user)


def city_ids(user: Actor) -> list[int]:
    """The jurisdictions whose TAP projects ``user`` works on (editor or approver there)."""
    return [j for j, rs in access.roles(user).by_jurisdiction.items() if rs & EDIT_ROLES]


# --- TAP projects -------------------------------------------------------------------------------------------


def projects_visible_to(user: Actor, qs: QuerySet) -> QuerySet:  # type: ignore[type-arg]
    live = qs.filter(deleted_at__isnull=True)
    cond = Q(jurisdiction_id__in=city_ids(user))
    if is_desk(user):
        cond |= ~Q(status=tap_rules.DRAFT)
    if is_funder(user):
        cond |= Q(status__in=sorted(tap_rules.FUNDER_VISIBLE))
    return live.filter(cond) if _any_role(user) else live.none()


def _any_role(user: Actor) -> bool:
    return bool(city_ids(user)) or is_desk(user) or is_funder(user)


def can_create_project(user: Actor, jurisdiction_id: int) -> bool:
    return jurisdiction_id in city_ids(user)


def can_edit_project(user: Actor, project: object) -> bool:
    p = project
    return (
        getattr(p, "deleted_at", None) is None
        and getattr(p, "status", "") in tap_rules.EDITABLE
        and getattr(p, "jurisdiction_id", None) in city_ids(user)
    )


def can_step(user: Actor, project: object, action: str) -> bool:
    step = tap_rules.STEPS.get(action)
    if step is None or getattr(project, "status", "") not in step.sources:
        return False
    if step.actor == "city":
        return getattr(project, "jurisdiction_id", None) in city_ids(user)
    return is_desk(user)


def steps_for(user: Actor, project: object) -> list[str]:
    return [a for a in tap_rules.STEPS if can_step(user, project, a)]


def can_review(user: Actor, project: object) -> bool:
    return is_desk(user) and getattr(project, "status", "") == tap_rules.SUBMITTED


def can_express_interest(user: Actor, project: object) -> bool:
    return is_funder(user) and getattr(project, "status", "") in tap_rules.FUNDER_VISIBLE


def interests_visible_to(user: Actor, qs: QuerySet) -> QuerySet:  # type: ignore[type-arg]
    """Funders see their own interest only; the city sees the interest in its projects; the desk all."""
    live = qs.filter(deleted_at__isnull=True)
    if is_desk(user):
        return live
    return live.filter(Q(funder_id=uid(user)) | Q(project__jurisdiction_id__in=city_ids(user)))


def reviews_visible_to(user: Actor, qs: QuerySet) -> QuerySet:  # type: ignore[type-arg]
    """Scores and feedback: between the city and the desk, never funders or the public."""
    live = qs.filter(deleted_at__isnull=True)
    if is_desk(user):
        return live
    return live.filter(project__jurisdiction_id__in=city_ids(user))


def can_see_figures(user: Actor) -> bool:
    return is_desk(user)


def can_use_portal(user: Actor) -> bool:
    return is_funder(user) or is_desk(user)
