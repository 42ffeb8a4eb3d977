"""The insights panel on the public jurisdiction page and the nav link (web.panels extension points)."""

from __future__ import annotations

from typing import Any, cast

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from localaction.core.insights import Measure
from localaction.faces.web.panels import NavItem, Panel, register_jurisdiction_panel, register_nav_item
from localaction.registry.base.models import Jurisdiction
from localaction.registry.insights import queries


def _context(request: HttpRequest, jurisdiction: Jurisdiction) -> dict[str, Any] | None:
    perf = queries.performance(jurisdiction.slug, Measure())
    series = perf["series"]
    if not series.points:
        return None
    peers = queries.peers(jurisdiction.slug, Measure.parse("basic.per_capita"))
    year = series.points[-1].year
    return {
        "series": series,
        "peers": peers["positions"][:2],
        "performance_url": reverse("insights:performance", args=[jurisdiction.slug]),
        "report_url": reverse("insights:jurisdiction_report", args=[jurisdiction.slug, year]),
        "year": year,
    }


def register() -> None:
    register_jurisdiction_panel(
        Panel(
            key="insights",
            title=cast(str, _("Performance over time")),
            template="insights/panel.html",
            context=_context,
            order=40,
        )
    )
    register_nav_item(
        NavItem(url_name="insights:index", label=cast(str, _("Insights")), visible=lambda r: True, order=40)
    )
