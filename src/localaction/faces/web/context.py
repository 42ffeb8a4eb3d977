"""What every page's layout needs: which areas to link (decided by the registry's access rules, never by
templates) and whether the registry holds demo data."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from localaction.faces.web.panels import nav_items
from localaction.registry.base import access
from localaction.registry.base.models import JurisdictionIdentifier

DEMO_SCHEME = "demo"


def site(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    return {
        "nav_workspace": access.authenticated(user) and bool(access.roles(user).by_jurisdiction),
        "nav_review": access.is_secretariat(user),
        "demo_data": JurisdictionIdentifier.objects.filter(scheme=DEMO_SCHEME).exists(),
        "nav_items": nav_items(request),
    }
