"""The JSON API at ``/api/v1`` (django-ninja; OpenAPI at ``/api/v1/openapi.json``, docs at ``/api/v1/docs``).

Mounted by ``localaction.site.urls`` with ``path("api/v1/", api_urls)``. Errors: ``api.errors`` (one shape);
who is calling: ``api.auth``; what they may do: ``registry.access``.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from localaction.faces.api import errors
from localaction.faces.api.app import LocalActionAPI, build_urls
from localaction.faces.api.auth import READ_AUTH
from localaction.faces.api.routers import datasets, insights, inventories, jurisdictions, network, others, tap
from localaction.faces.api.routers import frameworks as framework_reports
from localaction.faces.api.routers import gateway as solutions
from localaction.faces.api.routers import targets as targets_progress
from localaction.faces.api.schemas.common import Ping

api = LocalActionAPI(
    title="LocalAction API",
    version="1",
    description=(
        "Published climate data of local and regional governments (GPC inventories, targets, actions, "
        "hazards) and, for their members and the secretariat, the drafts and the MRV workflow. "
        "Authenticate with `Authorization: Bearer <token>` or the site's session (send X-CSRFToken on "
        'writes). Every error has the shape `{"error": {"code", "message", "details": [{"loc", '
        '"msg"}]}}`. Editable resources carry `revision`: quote it on writes; a stale one gets 409. '
        "Updates (PATCH) change only the fields you send; `null` clears a field that may be empty. "
        "Reads carry ETag (and, anonymous, Last-Modified) and answer 304 to If-None-Match / "
        "If-Modified-Since; anonymous reads are open to other sites (CORS `*`, no credentials). "
        "Lists are paged (`limit`, `offset`, `next` / `previous` and a Link header); `format=csv` "
        "answers the same page as CSV. Timestamps: `2024-05-01T12:30:45Z` (UTC). See docs/api.md."
    ),
    openapi_extra={"info": {"license": {"name": "Apache-2.0", "identifier": "Apache-2.0"}}},
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


api_urls = build_urls(api)
