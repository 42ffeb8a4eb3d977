"""Template tags: the public "verified by … under statement …" and "published by override: …" lines, and the
four-eyes note with the override field on a workflow button."""

from __future__ import annotations

from typing import Any

from django import template

from localaction.registry.base import access
from localaction.registry.base import states as workflow
from localaction.registry.base.models import State, Submission
from localaction.registry.base.services.workflow import four_eyes_breaches, overrides_of
from localaction.registry.verification import services as verification

register = template.Library()


@register.inclusion_tag("verification/_public.html")
def verification_lines(obj: Submission | None) -> dict[str, Any]:
    if obj is None or obj.state != State.PUBLISHED:
        return {}
    return {"verification": verification.public_verification(obj), "overrides": list(overrides_of(obj))}


@register.simple_tag(takes_context=True)
def four_eyes(context: Any, obj: Submission, action: str) -> dict[str, Any]:
    """The four-eyes rules the signed-in user would break with ``action``, and whether they may override."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if action not in workflow.TRANSITIONS or not access.authenticated(user):
        return {"breaches": []}
    breaches = four_eyes_breaches(user, obj, action)
    can = bool(access.roles(user).secretariat & workflow.OVERRIDE_ROLES) and all(
        b.overridable for b in breaches
    )
    return {"breaches": breaches, "can_override": can, "min": workflow.OVERRIDE_REASON_MIN}
