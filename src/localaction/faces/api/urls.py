"""``include("localaction.faces.api.urls")``: the API's routes plus a JSON 404 for unknown paths under it."""

from __future__ import annotations

from localaction.faces.api import api_urls

urlpatterns, app_name = api_urls[0], api_urls[2]  # the namespace ninja reverses in ("api")
