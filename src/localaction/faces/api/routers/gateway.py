"""The solutions gateway: full-text search with filters (one interface on SQLite and PostgreSQL) and entries.
Only approved entries are public; a partner also sees its own."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from localaction.faces.api.auth import READ_AUTH, actor
from localaction.faces.api.schemas.common import ErrorOut
from localaction.registry.gateway import services
from localaction.registry.gateway.models import Solution

router = Router(tags=["solutions"], auth=READ_AUTH)


class SolutionOut(Schema):
    id: int
    kind: str
    status: str
    title: str
    summary: str
    results: str
    figures: list[dict[str, Any]]
    agendas: list[str]
    gpc_sectors: list[str]
    hazards: list[str]
    cost_min: Decimal | None
    cost_max: Decimal | None
    currency: str
    city: str | None
    partner: str
    links: list[str]


class SearchQuery(Schema):
    q: str = Field("", max_length=200, description="words (any script, accents ignored); each a prefix")
    kind: str = Field("", max_length=12)
    sector: str = Field("", max_length=20)
    hazard: str = Field("", max_length=80)
    agenda: str = Field("", max_length=40)
    country: str = Field("", max_length=2)
    limit: int = Field(50, ge=1, le=200)


def _out(s: Solution) -> dict[str, Any]:
    return {**{f: getattr(s, f) for f in SolutionOut.model_fields if f != "city"},
            "city": s.jurisdiction.name if s.jurisdiction is not None else None}  # fmt: skip


@router.get("", response={200: list[SolutionOut], 422: ErrorOut}, summary="Search solutions and case studies")
def search_solutions(request: HttpRequest, query: Query[SearchQuery]) -> Any:
    data = query.dict()
    limit = data.pop("limit")
    return [_out(s) for s in services.find(actor(request), services.SearchFilters(**data), limit=limit)]


@router.get("/{pk}", response={200: SolutionOut, 404: ErrorOut}, summary="One solution or case study")
def get_solution(request: HttpRequest, pk: int) -> Any:
    return _out(services.get(actor(request), pk))
