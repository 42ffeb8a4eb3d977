"""Insights: a jurisdiction's series with its trend, its peer positions, and top performers — the same
numbers as the insights pages (``registry.insights.queries``), published data only, public. The answers
are the insights core's own models (one definition per fact)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from localaction.core.insights import RankingRule
from localaction.core.insights.comparable import Reason, Verdict
from localaction.core.insights.peers import PeerPosition
from localaction.core.insights.rankings import TopPerformers
from localaction.core.insights.series import Series
from localaction.faces.api.auth import READ_AUTH
from localaction.faces.api.params import JurisdictionRef
from localaction.faces.api.schemas.common import ErrorOut
from localaction.registry import services
from localaction.registry.insights import queries

router = Router(tags=["insights"], auth=READ_AUTH)
ERRORS: dict[int, Any] = {404: ErrorOut, 422: ErrorOut}


class MeasureQuery(Schema):
    measure: str = Field(
        "basic", max_length=60, description="basic, basic.per_capita, basic_plus, sector_II, … (see docs)"
    )


class PeersQuery(MeasureQuery):
    year: int | None = Field(None, ge=1900, le=2200, description="latest inventory up to this year")


class RankingQuery(MeasureQuery):
    rule: RankingRule = RankingRule.HIGHEST_REDUCTION
    as_of: int | None = Field(None, ge=1900, le=2200)
    top: int = Field(10, ge=1, le=100)


class ComparisonOut(Schema):
    year: int
    against: int = Field(description="the latest inventory year it is compared with")
    verdict: Verdict
    reasons: list[Reason]


class SeriesOut(Schema):
    jurisdiction: str = Field(description="the jurisdiction's slug")
    series: Series
    comparisons: list[ComparisonOut] = Field(description="each earlier year against the latest")
    sources: dict[str, str] = Field(description="year → data source of that inventory")


class ScopeOut(Schema):
    level: str
    boundary: str


class PeersOut(Schema):
    jurisdiction: str
    year: int | None
    scope: ScopeOut | None
    rule: str = Field("", description="who it is compared with, in words")
    positions: list[PeerPosition]
    note: str


def _slug(ref: str) -> str:
    return str(services.get_jurisdiction(ref).slug)


@router.get(
    "/jurisdictions/{ref}/series",
    response={200: SeriesOut, **ERRORS},
    summary="Series, trend, like-for-like",
)
def get_jurisdiction_series(request: HttpRequest, ref: JurisdictionRef, q: Query[MeasureQuery]) -> Any:
    slug = _slug(ref)
    perf = queries.performance(slug, queries.parse_measure(q.measure))
    return {
        "jurisdiction": slug,
        "series": perf["series"],
        "comparisons": perf["comparisons"],
        "sources": {str(k): v for k, v in perf["sources"].items()},
    }


@router.get(
    "/jurisdictions/{ref}/peers",
    response={200: PeersOut, **ERRORS},
    summary="Positions in peer groups",
)
def get_jurisdiction_peer_positions(request: HttpRequest, ref: JurisdictionRef, q: Query[PeersQuery]) -> Any:
    return queries.peers(_slug(ref), queries.parse_measure(q.measure), q.year)


@router.get(
    "/rankings", response={200: TopPerformers, **ERRORS}, summary="Top performers, with the rule in words"
)
def get_rankings(request: HttpRequest, q: Query[RankingQuery]) -> Any:
    return queries.rankings(queries.parse_measure(q.measure), q.rule, q.as_of, q.top)
