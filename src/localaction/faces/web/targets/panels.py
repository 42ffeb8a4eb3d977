"""Panels on the jurisdiction page and the workspace dashboard, and the secretariat's nav links
(registered from ``TargetsWebConfig.ready``; the shared views stay untouched)."""

from __future__ import annotations

from typing import Any, cast

from django.http import HttpRequest
from django.utils.translation import gettext_lazy

from localaction.faces.web.panels import (
    NavItem,
    Panel,
    register_dashboard_panel,
    register_jurisdiction_panel,
    register_nav_item,
)
from localaction.registry.base import access
from localaction.registry.base.models import Jurisdiction
from localaction.registry.services import public
from localaction.registry.targets import programmes
from localaction.registry.targets import services as target_services
from localaction.registry.targets.models import Target


def _(text: str) -> str:
    """Lazily translated, typed as the panel API wants (a str)."""
    return cast(str, gettext_lazy(text))


def _targets(request: HttpRequest, jur: Jurisdiction, *, drafts: bool) -> list[tuple[Target, Any]]:
    if drafts:
        qs = access.visible_to(request.user, Target.objects.filter(jurisdiction=jur))
        qs = qs.filter(superseded_at__isnull=True).order_by("target_year")
    else:
        qs = public.published_of(Target, jur).order_by("target_year")
    points = target_services.inventory_points(request.user, jur)
    return [(t, target_services.progress_of(request.user, t, points).target) for t in qs]


def jurisdiction_context(request: HttpRequest, jur: Jurisdiction) -> dict[str, Any] | None:
    report = programmes.milestones(jur)
    targets = _targets(request, jur, drafts=False)
    commitments = [
        (c, programmes.efficiency_of(c)) for c in programmes.efficiency_commitments(request.user, jur)
    ]
    commitments = [(c, p) for c, p in commitments if c.state == "published"]
    if report is None and not targets and not commitments:
        return None
    return {"report": report, "targets": targets, "commitments": commitments, "jurisdiction": jur}


def dashboard_context(request: HttpRequest, jur: Jurisdiction) -> dict[str, Any] | None:
    return {
        "report": programmes.milestones(jur),
        "targets": _targets(request, jur, drafts=True),
        "commitments": [
            (c, programmes.efficiency_of(c)) for c in programmes.efficiency_commitments(request.user, jur)
        ],
        "jurisdiction": jur,
        "can_create": access.can_create_in(request.user, jur),
    }


def register() -> None:
    register_jurisdiction_panel(
        Panel("on-track", _("Are we on track?"), "targets/panel.html", jurisdiction_context, order=10)
    )
    register_dashboard_panel(
        Panel(
            "on-track",
            _("Targets, milestones and the 10% programme"),
            "targets/panel.html",
            dashboard_context,
            10,
        )
    )
    register_nav_item(NavItem("targets:overdue", _("Overdue milestones"), access_secretariat, order=60))
    register_nav_item(NavItem("targets:programme", _("10% programme"), access_secretariat, order=61))


def access_secretariat(request: HttpRequest) -> bool:
    return access.is_secretariat(request.user)
