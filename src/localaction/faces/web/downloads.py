"""Download responses every page shares: an attachment, and a chart's numbers as CSV."""

from __future__ import annotations

from django.http import HttpResponse


def attachment(body: bytes | str, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def chart_csv(text: str, name: str) -> HttpResponse:
    """A CSV document made by ``core.io.writers`` (it carries its own BOM) as a download."""
    return attachment(text, "text/csv; charset=utf-8", name)
