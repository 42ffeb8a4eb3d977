"""Rendering helpers shared by the routers: pages and CSV."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse
from pydantic import Field

MAX_LIMIT = 500


def page_params() -> dict[str, Any]:
    return {}


Limit = Field(50, ge=1, le=MAX_LIMIT, description=f"items per page (1-{MAX_LIMIT})")
Offset = Field(0, ge=0, le=10_000_000, description="items to skip")


def paginate(items: Any, limit: int, offset: int) -> dict[str, Any]:
    """A page of a queryset or list; ``count`` is over all pages."""
    count = items.count() if hasattr(items, "count") and not isinstance(items, list) else len(items)
    return {"count": count, "limit": limit, "offset": offset, "items": list(items[offset : offset + limit])}


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list | dict | tuple):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def csv_response(filename: str, columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> HttpResponse:
    """UTF-8 CSV (lists and objects as JSON in their cell), offered as a download."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    response = HttpResponse(buf.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def as_rows(schema: Any, objs: Iterable[Any], context: dict[str, Any]) -> list[dict[str, Any]]:
    return [schema.from_orm(o, context=context).model_dump(mode="json") for o in objs]
