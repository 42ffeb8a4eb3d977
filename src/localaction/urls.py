"""URL map: the back-office at /admin/; the API and the pages plug in at the marked places."""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.contrib.staticfiles.urls import staticfiles_urlpatterns
from django.urls import URLPattern, URLResolver, include, path

urlpatterns: list[URLPattern | URLResolver] = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("localaction.api.urls")),
    path("tap/", include("localaction.web.tap.urls")),
    path("solutions/", include("localaction.web.tap.gateway_urls")),
    path("", include("localaction.web.targets.urls")),
    path("insights/", include("localaction.insights_web.urls")),
    path("network/", include("localaction.web.network.urls")),
    path("", include("localaction.web.framework_pages.urls")),
    path("", include("localaction.web.urls")),
]

if settings.DEBUG:
    # Development only (uvicorn serves no static files): admin CSS/JS from the apps' static folders.
    urlpatterns += staticfiles_urlpatterns()
