"""Static assets served by the app itself: Plotly's JavaScript from the Python package (works offline)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django.http import FileResponse, HttpRequest
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET


@cache
def plotly_path() -> Path:
    import plotly

    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


@require_GET
@cache_control(public=True, max_age=7 * 24 * 3600)
def plotly_js(request: HttpRequest) -> FileResponse:
    return FileResponse(plotly_path().open("rb"), content_type="text/javascript; charset=utf-8")
