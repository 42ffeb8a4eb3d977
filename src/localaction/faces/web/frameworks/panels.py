"""The jurisdiction-page panel (each published framework's scores, trend and radar chart) and the workspace
panel (drafts and the buttons to start a report), registered from FrameworkPagesConfig.ready."""

from __future__ import annotations

from typing import Any, cast

from django.http import HttpRequest
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from localaction.core import frameworks
from localaction.faces.web.frameworks.charts import radar
from localaction.faces.web.panels import (
    NavItem,
    Panel,
    register_dashboard_panel,
    register_jurisdiction_panel,
    register_nav_item,
)
from localaction.registry.base import access
from localaction.registry.base.models import Jurisdiction
from localaction.registry.frameworks import services as reports


def jurisdiction_context(request: HttpRequest, jur: Jurisdiction) -> dict[str, Any] | None:
    trends = reports.trends(jur)
    if not trends:
        return None
    items = []
    for t in trends:
        items.append(
            {
                "framework": (shown := t.framework.localized(get_language())),
                "section_titles": {s.id: s.title for s in shown.sections},
                "latest": t.latest,
                "history": [(r.year, r.score_total, r.pk) for r in t.reports],
                "comparison": t.comparison,
                "chart": radar(t.latest, t.reports[0] if len(t.reports) > 1 else None),
            }
        )
    return {"items": items, "jurisdiction": jur}


def dashboard_context(request: HttpRequest, jur: Jurisdiction) -> dict[str, Any] | None:
    drafts = reports.visible_reports(request.user, jur).filter(superseded_at__isnull=True)
    return {
        "jurisdiction": jur,
        "reports": list(drafts[:20]),
        "can_create": access.can_create_in(request.user, jur),
        "frameworks": frameworks.shipped_frameworks(),
    }


def register() -> None:
    register_jurisdiction_panel(
        Panel(
            "framework-reports",
            cast(str, _("Reporting frameworks")),
            "frameworks/panel.html",
            jurisdiction_context,
            60,
        )
    )
    register_dashboard_panel(
        Panel(
            "framework-reports",
            cast(str, _("Framework reports")),
            "frameworks/dashboard_panel.html",
            dashboard_context,
            60,
        )
    )
    register_nav_item(NavItem("frameworks:index", cast(str, _("Frameworks")), lambda request: True, 60))
