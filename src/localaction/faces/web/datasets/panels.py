"""The datasets feature's panels (web extension points, registered from the app's ready()): on the workspace
dashboard (drafts to prefill, gaps to explain), on the public jurisdiction page (how the latest published
inventory compares with the independent estimates, with the caveats), and on the review desk (the
cross-check beside the figures, with the city's explanations)."""

from __future__ import annotations

from typing import Any, cast

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from localaction.faces.web.panels import (
    NavItem,
    Panel,
    SubmissionPanel,
    register_dashboard_panel,
    register_jurisdiction_panel,
    register_nav_item,
    register_review_panel,
)
from localaction.registry.base import access
from localaction.registry.base.models import Jurisdiction, State, Submission
from localaction.registry.base.services.public import published_of
from localaction.registry.datasets import services
from localaction.registry.datasets.models import CrossCheck, Suggestion, SuggestionStatus
from localaction.registry.inventories.models import Inventory


def dashboard(request: HttpRequest, jur: Jurisdiction) -> dict[str, Any] | None:
    versions = list(
        Inventory.objects.filter(jurisdiction=jur)
        .exclude(state=State.PUBLISHED)
        .order_by("-year", "-version")
    )
    if not versions:
        return None
    rows = []
    for inv in versions:
        open_ = Suggestion.objects.filter(inventory=inv, status=SuggestionStatus.OPEN).count()
        unexplained = CrossCheck.objects.filter(
            inventory=inv, run=services.latest_run(inv), explanation=""
        ).count()
        rows.append(
            {
                "inv": inv,
                "editable": access.can_edit(request.user, inv),
                "open": open_,
                "unexplained": unexplained,
            }
        )
    return {"rows": rows, "has_datasets": bool(services.datasets())}


def public(request: HttpRequest, jur: Jurisdiction) -> dict[str, Any] | None:
    latest = (
        published_of(Inventory, jur).filter(superseded_at__isnull=True).order_by("-year", "-version").first()
    )
    if latest is None:
        return None
    result = services.public_comparisons(latest)
    if result is None or not result.comparisons:
        return None
    sources = sorted({c["source"] for c in result.comparisons})
    return {
        "inventory": latest,
        "comparisons": result.comparisons,
        "caveats": [services.SOURCE_CAVEATS[s] for s in sources if s in services.SOURCE_CAVEATS],
    }


def review(request: HttpRequest, obj: Submission) -> dict[str, Any] | None:
    if not isinstance(obj, Inventory):
        return None
    run = services.latest_run(obj)
    return {
        "inventory": obj,
        "run": run,
        "checks": list(run.checks.all()) if run else [],
        "caveats": services.SOURCE_CAVEATS,
    }


def register() -> None:
    register_dashboard_panel(
        Panel(
            "datasets-prefill",
            cast(str, _("Prefill and cross-check")),
            "datasets/panels/dashboard.html",
            dashboard,
            order=30,
        )
    )
    register_jurisdiction_panel(
        Panel(
            "independent-estimates",
            cast(str, _("How the inventory compares with independent estimates")),
            "datasets/panels/public.html",
            public,
            order=40,
        )
    )
    register_review_panel(
        SubmissionPanel(
            "crosscheck",
            cast(str, _("Cross-check against independent estimates")),
            "datasets/panels/review.html",
            review,
            order=10,
        )
    )
    register_nav_item(
        NavItem(
            "datasets_web:datasets",
            cast(str, _("Datasets")),
            lambda r: access.is_secretariat(r.user),
            order=80,
        )
    )
