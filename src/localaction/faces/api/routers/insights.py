"""Insights: a jurisdiction's series with its trend, its peer positions, and top performers — the same
numbers as the insights pages (``registry.insights_data.queries``), published data only, public."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from localaction.core.insights import RankingRule
from localaction.faces.api.auth import READ_AUTH
from localaction.registry.insights import queries

router = Router(tags=["insights"], auth=READ_AUTH)


class MeasureQuery(Schema):
    measure: str = Field("basic", description="basic, basic.per_capita, basic_plus, sector_II, … (see docs)")


class PeersQuery(MeasureQuery):
    year: int | None = Field(None, ge=1900, le=2200, description="latest inventory up to this year")


class RankingQuery(MeasureQuery):
    rule: RankingRule = RankingRule.HIGHEST_REDUCTION
    as_of: int | None = Field(None, ge=1900, le=2200)
    top: int = Field(10, ge=1, le=100)


@router.get("/jurisdictions/{slug}/series", response=dict[str, Any], summary="Series, trend, like-for-like")
def series(request: HttpRequest, slug: str, q: Query[MeasureQuery]) -> Any:
    perf = queries.performance(slug, queries.parse_measure(q.measure))
    return {
        "jurisdiction": slug,
        "series": perf["series"].model_dump(mode="json"),
        "comparisons": perf["comparisons"],
        "sources": {str(k): v for k, v in perf["sources"].items()},
    }


@router.get("/jurisdictions/{slug}/peers", response=dict[str, Any], summary="Positions in peer groups")
def peers(request: HttpRequest, slug: str, q: Query[PeersQuery]) -> Any:
    out = queries.peers(slug, queries.parse_measure(q.measure), q.year)
    return out | {"positions": [p.model_dump(mode="json") for p in out["positions"]]}


@router.get("/rankings", response=dict[str, Any], summary="Top performers, with the rule in words")
def rankings(request: HttpRequest, q: Query[RankingQuery]) -> Any:
    return queries.rankings(queries.parse_measure(q.measure), q.rule, q.as_of, q.top).model_dump(mode="json")
