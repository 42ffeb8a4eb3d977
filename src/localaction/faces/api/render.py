"""Rendering shared by the routers: one timestamp form, pages with ``next``/``previous`` links, and CSV
through the project's one writer (``localaction.core.io``: UTF-8 with BOM, CRLF, formula guard)."""

from __future__ import annotations

import datetime as dt
import decimal
import json
import math
import uuid
from collections.abc import Iterable, Sequence
from enum import Enum
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Schema
from ninja.renderers import JSONRenderer
from ninja.responses import NinjaJSONEncoder
from pydantic import Field

from localaction.core.io import csv_bytes

MAX_LIMIT = 500
MAX_OFFSET = 2**31 - 1  # beyond this SQLite's INTEGER overflows: a 422, as on PostgreSQL
CSV_TYPE = "text/csv; charset=utf-8"


def timestamp(value: dt.datetime) -> str:
    """The API's one timestamp form: RFC 3339 in UTC, whole seconds, ``Z`` (``2024-05-01T12:30:45Z``)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class Encoder(NinjaJSONEncoder):
    def default(self, o: Any) -> Any:
        if isinstance(o, dt.datetime):
            return timestamp(o)
        return super().default(o)


def finite(value: Any) -> Any:
    """``value`` with NaN and infinities as null (JSON has no such numbers; a parser would refuse them)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [finite(v) for v in value]
    return value


class Renderer(JSONRenderer):
    encoder_class = Encoder

    def render(self, request: HttpRequest, data: Any, *, response_status: int) -> Any:
        return super().render(request, finite(data), response_status=response_status)


class Paging(Schema):
    """``limit`` and ``offset`` of every paged list (JSON and CSV alike)."""

    limit: int = Field(50, ge=1, le=MAX_LIMIT, description=f"items per page (1-{MAX_LIMIT})")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="items to skip")


def _page_url(request: HttpRequest, offset: int, limit: int) -> str:
    query = request.GET.copy()
    query["offset"] = str(offset)
    query["limit"] = str(limit)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def page_links(request: HttpRequest, count: int, limit: int, offset: int) -> tuple[str | None, str | None]:
    """The next and previous pages' URLs (None at either end); also set as the ``Link`` header."""
    nxt = _page_url(request, offset + limit, limit) if offset + limit < count else None
    prev = _page_url(request, max(0, offset - limit), limit) if offset > 0 else None
    links = [f'<{url}>; rel="{rel}"' for url, rel in ((nxt, "next"), (prev, "prev")) if url]
    request.la_page = {"links": links, "count": count}  # type: ignore[attr-defined]  # read by api.http
    return nxt, prev


def paginate(request: HttpRequest, items: Any, limit: int, offset: int) -> dict[str, Any]:
    """A page of a queryset or list; ``count`` is over all pages."""
    count = items.count() if hasattr(items, "count") and not isinstance(items, list) else len(items)
    nxt, prev = page_links(request, count, limit, offset)
    return {
        "count": count,
        "limit": limit,
        "offset": offset,
        "next": nxt,
        "previous": prev,
        "items": list(items[offset : offset + limit]),
    }


def _cell(value: Any) -> Any:
    """A JSON value as a CSV cell: timestamps in the API's form, lists and objects as JSON text."""
    if isinstance(value, dt.datetime):
        return timestamp(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, uuid.UUID | decimal.Decimal):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, cls=Encoder, ensure_ascii=False, sort_keys=True)
    return value


def csv_response(filename: str, columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> HttpResponse:
    """CSV offered as a download: booleans ``true``/``false``, empty cell = null, lists as JSON arrays."""
    body = csv_bytes(columns, ({c: _cell(row.get(c)) for c in columns} for row in rows))
    response = HttpResponse(body, content_type=CSV_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def as_rows(schema: type[Schema], objs: Iterable[Any], context: dict[str, Any]) -> list[dict[str, Any]]:
    """Objects as the rows their JSON would carry (the same schema, so CSV and JSON never disagree)."""
    return [schema.from_orm(o, context=context).model_dump() for o in objs]
