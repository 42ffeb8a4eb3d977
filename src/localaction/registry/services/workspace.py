"""A jurisdiction's to-do list across every feature (the workspace dashboard): what is due next and the
review comments still open."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from localaction.core import clock
from localaction.registry.base import access
from localaction.registry.base.access import Actor
from localaction.registry.base.models import Jurisdiction, ReviewComment, State
from localaction.registry.hazards.models import HazardAssessment
from localaction.registry.inventories.models import Inventory
from localaction.registry.targets.models import Target

INVENTORY_MAX_AGE_YEARS = 3


def main_role(user: Actor) -> str:
    """What a person mostly does here, to open their own page after sign-in: ``member`` (of a city),
    ``secretariat``, ``tap_reviewer``, ``funder``, ``partner``, ``coordinator`` (of a network), or ``none``."""
    from localaction.registry.network.models import NetworkCoordinator
    from localaction.registry.tap import access as tap_access

    if access.roles(user).by_jurisdiction:
        return "member"
    if access.is_secretariat(user):
        return "secretariat"
    program = tap_access.program_roles(user)
    for role in ("tap_reviewer", "funder", "partner"):
        if role in program:
            return role
    uid = getattr(user, "pk", None)
    if isinstance(uid, int) and NetworkCoordinator.objects.filter(user_id=uid).exists():
        return "coordinator"
    return "none"


@dataclass
class Due:
    code: str  # stable: "inventory_missing", "inventory_old", "target_missing", "hazards_missing", …
    message: str
    obj: Any = None


def due_items(user: Actor, jurisdiction: Jurisdiction, *, today: dt.date | None = None) -> list[Due]:
    """What a jurisdiction should do next (for its members): an inventory older than three years, no target,
    no hazard assessment, drafts blocked by checks, versions sent back for changes."""
    year = (today or clock.today()).year
    visible_inv = access.visible_to(user, Inventory.objects.filter(jurisdiction=jurisdiction))
    out: list[Due] = []
    published = visible_inv.filter(state=State.PUBLISHED).order_by("-year").first()
    if published is None:
        out.append(Due("inventory_missing", _("No published inventory yet: compile one and submit it.")))
    elif year - published.year > INVENTORY_MAX_AGE_YEARS:
        out.append(
            Due(
                "inventory_old",
                _("The latest published inventory is for %(year)s: inventories are due every %(n)s years.")
                % {"year": published.year, "n": INVENTORY_MAX_AGE_YEARS},
                published,
            )
        )
    if not access.visible_to(user, Target.objects.filter(jurisdiction=jurisdiction)).exists():
        out.append(Due("target_missing", _("No emissions target yet: add one.")))
    if not access.visible_to(user, HazardAssessment.objects.filter(jurisdiction=jurisdiction)).exists():
        out.append(Due("hazards_missing", _("No climate hazards assessed yet: add the main ones.")))
    for inv in visible_inv.filter(state=State.CHANGES_REQUESTED):
        out.append(
            Due(
                "changes_requested",
                _("The reviewer asked for changes to %(version)s.") % {"version": inv},
                inv,
            )
        )
    for inv in visible_inv.filter(state=State.DRAFT, check_errors__gt=0):
        failing = ngettext(
            "%(version)s has %(n)s failing check.", "%(version)s has %(n)s failing checks.", inv.check_errors
        ) % {"version": inv, "n": inv.check_errors}
        out.append(Due("checks_failing", failing, inv))
    return out


def open_comments(user: Actor, jurisdiction: Jurisdiction) -> list[ReviewComment]:
    """Review comments on the jurisdiction's versions still being worked on (not published or withdrawn)."""
    rows = list(
        access.comments_visible_to(user, ReviewComment.objects.filter(jurisdiction=jurisdiction))
        .select_related("author", "content_type")
        .order_by("-created_at")[:50]
    )
    out = []
    for c in rows:
        obj = c.submission
        if obj is not None and getattr(obj, "state", None) in (
            State.DRAFT,
            State.SUBMITTED,
            State.CHANGES_REQUESTED,
        ):
            out.append(c)
    return out
