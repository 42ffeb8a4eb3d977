"""URL map: the back-office at /admin/; the API and the pages plug in at the marked places."""

from __future__ import annotations

from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from localaction.faces.api import api_urls

# The API's index answers at "/api/v1" too (clients drop the slash; a redirect would cost a round trip).
_api_index = next(p for p in api_urls[0] if isinstance(p, URLPattern) and p.name == "api-root")

urlpatterns: list[URLPattern | URLResolver] = [
    path("admin/", admin.site.urls),
    path("api/v1", _api_index.callback),
    path("api/v1/", include("localaction.faces.api.urls")),
    path("tap/", include("localaction.faces.web.tap.urls")),
    path("solutions/", include("localaction.faces.web.gateway.urls")),
    path("", include("localaction.faces.web.targets.urls")),
    path("insights/", include("localaction.faces.web.insights.urls")),
    path("network/", include("localaction.faces.web.network.urls")),
    path("", include("localaction.faces.web.frameworks.urls")),
    path("", include("localaction.faces.web.datasets.urls")),
    path("", include("localaction.faces.web.verification.urls")),
    path("", include("localaction.faces.web.urls")),
]
# Static files (the pages' CSS/JS, the admin's) are served by whitenoise's middleware, DEBUG or not.
