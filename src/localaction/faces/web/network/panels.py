"""The network's panels on the public jurisdiction page and the workspace dashboard, and its nav links
(web extension points; registered from the app's ready())."""

from __future__ import annotations

from typing import Any, cast

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from localaction.faces.web.panels import (
    NavItem,
    Panel,
    register_dashboard_panel,
    register_jurisdiction_panel,
    register_nav_item,
)
from localaction.registry.actions.models import Action
from localaction.registry.base.models import Jurisdiction
from localaction.registry.base.services.public import published_of
from localaction.registry.hazards.models import HazardAssessment
from localaction.registry.inventories.models import Inventory
from localaction.registry.network import access as network_access
from localaction.registry.network import fees
from localaction.registry.network.agendas import agenda_label
from localaction.registry.network.models import Member, Participation
from localaction.registry.network.services import members, networks
from localaction.registry.targets.models import Commitment, Target


def glance(request: HttpRequest, jur: Jurisdiction) -> dict[str, Any] | None:
    """Local action at a glance: counts of everything published, linking to the sections of the page."""
    counts = [
        ("emissions", _("inventories published"), published_of(Inventory, jur).count()),
        (
            "targets",
            _("targets and commitments"),
            published_of(Target, jur).count() + published_of(Commitment, jur).count(),
        ),
        ("actions", _("actions"), published_of(Action, jur).count()),
        ("hazards", _("hazards assessed"), published_of(HazardAssessment, jur).count()),
        ("network-profile", _("networks"), networks.networks_of(jur).count()),
        (
            "network-profile",
            _("projects and programmes"),
            Participation.objects.filter(jurisdiction=jur).count(),
        ),
        ("network-profile", _("performance partnerships"), networks.partnerships_of(jur).count()),
    ]
    if not any(n for _a, _l, n in counts):
        return None  # nothing reported yet: no panel
    return {"counts": counts}


def profile(request: HttpRequest, jur: Jurisdiction) -> dict[str, Any] | None:
    p = members.profile_of(jur)
    m = Member.objects.filter(jurisdiction=jur).select_related("office").first()
    ctx = {
        "j": jur,
        "profile": p,
        "agendas": [agenda_label(a) for a in (p.agendas if p else [])],
        "member": m if m is not None and m.status in ("active", "lapsed") else None,
        "networks": list(networks.networks_of(jur)),
        "works_with": networks.works_with(jur),
        "partnerships": list(networks.partnerships_of(jur)),
        "participations": list(Participation.objects.filter(jurisdiction=jur)),
        "can_edit": network_access.can_edit_member_details(request.user, jur),
    }
    shown = ("profile", "member", "networks", "works_with", "partnerships", "participations")
    return ctx if any(ctx[k] for k in shown) or ctx["can_edit"] else None


def dashboard(request: HttpRequest, jur: Jurisdiction) -> dict[str, Any] | None:
    m = Member.objects.filter(jurisdiction=jur).first()
    if m is None:
        return None
    return {
        "j": jur,
        "m": m,
        "level": fees.rules().level(m.level).name,
        "confirm_due": m in members.confirmation_due(),
        "contacts": members.contacts_of(jur).count(),
        "networks": list(networks.networks_of(jur)),
    }


def register() -> None:
    register_jurisdiction_panel(
        Panel(
            "local-action",
            cast(str, _("Local action at a glance")),
            "network/panels/glance.html",
            glance,
            order=10,
        )
    )
    register_jurisdiction_panel(
        Panel(
            "network-profile",
            cast(str, _("Agendas, networks and peers")),
            "network/panels/profile.html",
            profile,
            order=60,
        )
    )
    register_dashboard_panel(
        Panel(
            "network-membership",
            cast(str, _("Membership")),
            "network/panels/dashboard.html",
            dashboard,
            order=60,
        )
    )
    register_nav_item(NavItem("network:networks", cast(str, _("Networks")), lambda r: True, order=60))
    register_nav_item(
        NavItem(
            "network:desk",
            cast(str, _("Members desk")),
            lambda r: network_access.can_manage_members(r.user),
            order=61,
        )
    )
