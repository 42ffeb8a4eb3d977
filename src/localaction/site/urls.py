"""URL map: the back-office at /admin/; the API and the pages plug in at the marked places."""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.contrib.staticfiles.urls import staticfiles_urlpatterns
from django.urls import URLPattern, URLResolver, include, path

urlpatterns: list[URLPattern | URLResolver] = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("localaction.faces.api.urls")),
    path("tap/", include("localaction.faces.web.tap.urls")),
    path("solutions/", include("localaction.faces.web.gateway.urls")),
    path("", include("localaction.faces.web.targets.urls")),
    path("insights/", include("localaction.faces.web.insights.urls")),
    path("network/", include("localaction.faces.web.network.urls")),
    path("", include("localaction.faces.web.frameworks.urls")),
    path("", include("localaction.faces.web.verification.urls")),
    path("", include("localaction.faces.web.urls")),
]

if settings.DEBUG:
    # Development only (uvicorn serves no static files): admin CSS/JS from the apps' static folders.
    urlpatterns += staticfiles_urlpatterns()
