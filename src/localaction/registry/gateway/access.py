"""Who may see and do what in the solutions gateway: entries are public once approved; a partner (a TAP
program role) sees and edits its own until then; the secretariat approves."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from localaction.registry.base import access
from localaction.registry.base.access import Actor
from localaction.registry.tap.access import is_partner, uid


def solutions_visible_to(user: Actor, qs: QuerySet) -> QuerySet:  # type: ignore[type-arg]
    live = qs.filter(deleted_at__isnull=True)
    if access.is_secretariat(user):
        return live.exclude(~Q(owner_id=uid(user)), status="draft")
    return live.filter(Q(status="approved") | Q(owner_id=uid(user)))


def can_submit_solution(user: Actor) -> bool:
    return is_partner(user) or access.is_secretariat(user)


def can_edit_solution(user: Actor, solution: object) -> bool:
    return (
        getattr(solution, "deleted_at", None) is None
        and getattr(solution, "status", "") in ("draft", "rejected")
        and access.authenticated(user)
        and getattr(solution, "owner_id", None) == uid(user)
    )


def can_approve_solution(user: Actor, solution: object) -> bool:
    return access.is_secretariat(user) and getattr(solution, "status", "") == "submitted"
