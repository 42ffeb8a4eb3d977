"""Nav predicates and the gateway suggestions panel (decisions from tap.access, never from templates)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from localaction.registry.base.models import Jurisdiction
from localaction.registry.gateway import access as gateway_access
from localaction.registry.gateway import services as gateway
from localaction.registry.tap import access


def nav_portal(request: HttpRequest) -> bool:
    return access.can_use_portal(getattr(request, "user", None))


def nav_city(request: HttpRequest) -> bool:
    return bool(access.city_ids(getattr(request, "user", None)))


def nav_desk(request: HttpRequest) -> bool:
    return access.is_desk(getattr(request, "user", None))


def nav_partner(request: HttpRequest) -> bool:
    return gateway_access.can_submit_solution(getattr(request, "user", None))


def suggestions(request: HttpRequest, jurisdiction: Jurisdiction) -> dict[str, Any] | None:
    rows = gateway.suggestions(jurisdiction.pk)
    if not rows:
        return None
    return {"rows": rows, "profile": gateway.profile(jurisdiction.pk)}
