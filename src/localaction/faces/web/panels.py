"""Extension points for features that live in their own apps (targets, frameworks, network, TAP, insights).

A feature registers, from its AppConfig.ready():
- a panel on the public jurisdiction page or on each jurisdiction block of the workspace dashboard: a template
  and a function giving its context (or None to show nothing);
- a panel on the review desk's page of a version (``register_review_panel``): its context function gets the
  version instead of the jurisdiction;
- a link in the main navigation, shown when its predicate says so (access rules stay the registry's).
The shared views and templates then need no edit per feature.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from localaction.registry.base.models import Jurisdiction, Submission

PanelContext = Callable[[HttpRequest, Jurisdiction], dict[str, Any] | None]
SubmissionPanelContext = Callable[[HttpRequest, Submission], dict[str, Any] | None]


@dataclass(frozen=True)
class Panel:
    key: str  # the section's HTML id
    title: str  # already translated lazily (gettext_lazy)
    template: str  # rendered with ``p`` = the context dict
    context: PanelContext
    order: int = 100


@dataclass(frozen=True)
class SubmissionPanel:
    key: str
    title: str
    template: str
    context: SubmissionPanelContext
    order: int = 100


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str
    visible: Callable[[HttpRequest], bool]
    order: int = 100


JURISDICTION_PANELS: list[Panel] = []
DASHBOARD_PANELS: list[Panel] = []
REVIEW_PANELS: list[SubmissionPanel] = []
NAV_ITEMS: list[NavItem] = []


def _add(registry: list[Any], item: Any) -> None:
    # ready() may run more than once in tests: keep one entry per key.
    key = getattr(item, "key", None) or getattr(item, "url_name", None)
    registry[:] = [x for x in registry if (getattr(x, "key", None) or getattr(x, "url_name", None)) != key]
    registry.append(item)
    registry.sort(key=lambda x: x.order)


def register_jurisdiction_panel(panel: Panel) -> None:
    _add(JURISDICTION_PANELS, panel)


def register_dashboard_panel(panel: Panel) -> None:
    _add(DASHBOARD_PANELS, panel)


def register_review_panel(panel: SubmissionPanel) -> None:
    _add(REVIEW_PANELS, panel)


def register_nav_item(item: NavItem) -> None:
    _add(NAV_ITEMS, item)


def render_panels(
    panels: list[Panel], request: HttpRequest, jurisdiction: Jurisdiction
) -> list[dict[str, Any]]:
    """The panels to show, each as {key, title, template, p}."""
    shown = []
    for panel in panels:
        ctx = panel.context(request, jurisdiction)
        if ctx is not None:
            shown.append({"key": panel.key, "title": panel.title, "template": panel.template, "p": ctx})
    return shown


def render_submission_panels(
    panels: list[SubmissionPanel], request: HttpRequest, obj: Submission
) -> list[dict[str, Any]]:
    """The panels to show about one version, each as {key, title, template, p}."""
    shown = []
    for panel in panels:
        ctx = panel.context(request, obj)
        if ctx is not None:
            shown.append({"key": panel.key, "title": panel.title, "template": panel.template, "p": ctx})
    return shown


def nav_items(request: HttpRequest) -> list[NavItem]:
    return [item for item in NAV_ITEMS if item.visible(request)]
