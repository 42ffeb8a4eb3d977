"""The JSON API at ``/api/v1`` (django-ninja; OpenAPI at ``/api/v1/openapi.json``, docs at ``/api/v1/docs``).

Mounted by ``localaction.site.urls`` with ``path("api/v1/", api_urls)``. Errors: ``api.errors`` (one shape);
who is calling: ``api.auth``; what they may do: ``registry.access``.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import re_path
from ninja import NinjaAPI

from localaction.faces.api import errors
from localaction.faces.api.auth import READ_AUTH
from localaction.faces.api.routers import datasets, insights, inventories, jurisdictions, network, others, tap
from localaction.faces.api.routers import frameworks as framework_reports
from localaction.faces.api.routers import gateway as solutions
from localaction.faces.api.routers import targets as targets_progress
from localaction.faces.api.schemas.common import Ping

api = NinjaAPI(
    title="LocalAction API",
    version="1",
    description=(
        "Published climate data of local and regional governments (GPC inventories, targets, actions, "
        "hazards) and, for their members and the secretariat, the drafts and the MRV workflow. "
        "Authenticate with `Authorization: Bearer <token>` or the site's session (send X-CSRFToken on "
        'writes). Every error has the shape `{"error": {"code", "message", "details": [{"loc", '
        '"msg"}]}}`. Editable resources carry `revision`: quote it on writes; a stale one gets 409.'
    ),
    urls_namespace="api",
)
errors.install(api)

api.add_router("/jurisdictions", jurisdictions.router)
api.add_router("/inventories", inventories.router)
api.add_router("/targets", others.targets)
api.add_router("/commitments", others.commitments)
api.add_router("/actions", others.actions)
api.add_router("/hazards", others.hazards)
api.add_router("", network.router)  # members, networks, peers (registry/network)
api.add_router("", framework_reports.router)  # /frameworks, /reports, /jurisdictions/{id}/reports
api.add_router("/tap", tap.router)
api.add_router("/solutions", solutions.router)
api.add_router("", targets_progress.router)  # progress, pathway, milestones, 10% programme
api.add_router("/insights", insights.router)
api.add_router("", datasets.router)  # datasets, prefill suggestions, cross-checks (registry/datasets)


@api.get(
    "/ping", response=Ping, auth=READ_AUTH, tags=["meta"], summary="Liveness (and the benchmark's ceiling)"
)
def ping(request: HttpRequest) -> Any:
    return {"ok": True}


def _urls() -> Any:
    patterns, app_name, namespace = api.urls
    # Anything else under /api/v1/ answers 404 in the error shape (not Django's HTML page).
    return ([*patterns, re_path(r"^.*$", errors.not_found_view)], app_name, namespace)


api_urls = _urls()
