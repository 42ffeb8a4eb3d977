"""TAP: the public pipeline summary, the uniform project sheet (funders, the desk, the city) and funders'
interest. Visibility is tap.access's: funders see only pipeline projects and only their own interest."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from localaction.core.tap import rules as tap_rules
from localaction.faces.api.auth import READ_AUTH, WRITE_AUTH, actor
from localaction.faces.api.schemas.common import ErrorOut
from localaction.registry.base.errors import PermissionDenied
from localaction.registry.tap import access, services
from localaction.registry.tap.models import Interest, Project
from localaction.registry.tap.queries import Filters, pipeline

router = Router(tags=["tap"])
ERRORS: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


class SummaryOut(Schema):
    pipeline_projects: int
    funding_sought: dict[str, Decimal] = Field(description="per currency, never converted")


class ProjectOut(Schema):
    id: int
    title: str
    summary: str
    jurisdiction: str
    country: str
    region: str
    status: str
    stage: str
    sectors: list[str]
    agendas: list[str]
    climate_focus: str
    instruments: list[str]
    location: str
    currency: str
    total_cost: Decimal | None
    funding_secured: Decimal
    funding_sought: Decimal
    ghg_tco2e_per_yr: float | None
    ghg_tco2e_lifetime: float | None
    adaptation_benefits: str
    co_benefits: str
    sdgs: list[int]
    council_approval: str
    council_approval_date: dt.date | None
    score: float | None
    size_band: str
    revision: int


class InterestIn(Schema):
    instrument: str = Field("", max_length=30)
    message: str = Field("", max_length=2000)


class InterestOut(Schema):
    id: int
    project: int
    organisation: str
    instrument: str
    message: str
    created_at: dt.datetime


class ProjectFilters(Schema):
    q: str = Field("", max_length=100)
    sector: str = Field("", max_length=20)
    region: str = Field("", max_length=100)
    size: str = Field("", max_length=20)
    stage: str = Field("", max_length=30)
    instrument: str = Field("", max_length=30)


def _out(p: Project) -> dict[str, Any]:
    j = p.jurisdiction
    return {**{f: getattr(p, f) for f in ProjectOut.model_fields if hasattr(p, f) and f != "jurisdiction"},
            "jurisdiction": j.name, "country": j.country, "region": j.region}  # fmt: skip


def _interest(i: Interest) -> dict[str, Any]:
    return {"id": i.pk, "project": i.project_id, "organisation": i.organisation, "instrument": i.instrument,
            "message": i.message, "created_at": i.created_at}  # fmt: skip


@router.get("/summary", response={200: SummaryOut}, auth=READ_AUTH, summary="Public pipeline summary")
def get_tap_summary(request: HttpRequest) -> Any:
    rows = Project.objects.filter(status__in=sorted(tap_rules.FUNDER_VISIBLE))
    sought: dict[str, Decimal] = {}
    for cur, amount in rows.values_list("currency", "funding_sought"):
        sought[cur] = sought.get(cur, Decimal(0)) + amount
    return {"pipeline_projects": rows.count(), "funding_sought": dict(sorted(sought.items()))}


@router.get("/projects", response={200: list[ProjectOut], **ERRORS}, auth=WRITE_AUTH,
            summary="Pipeline projects (funders, the TAP desk)")  # fmt: skip
def list_tap_projects(request: HttpRequest, filters: Query[ProjectFilters]) -> Any:
    if not access.can_use_portal(actor(request)):
        raise PermissionDenied("the pipeline is for funders and the TAP desk")
    return [_out(p) for p in pipeline(actor(request), Filters(**filters.dict()))]


@router.get(
    "/projects/{pk}", response={200: ProjectOut, **ERRORS}, auth=WRITE_AUTH, summary="A project sheet"
)
def get_tap_project(request: HttpRequest, pk: int) -> Any:
    return _out(services.get_project(actor(request), pk))


@router.get("/projects/{pk}/interest", response={200: list[InterestOut], **ERRORS}, auth=WRITE_AUTH,
            summary="Interest in a project (a funder sees only its own)")  # fmt: skip
def list_project_interest(request: HttpRequest, pk: int) -> Any:
    p = services.get_project(actor(request), pk)
    return [
        _interest(i) for i in access.interests_visible_to(actor(request), Interest.objects.filter(project=p))
    ]


@router.post("/projects/{pk}/interest", response={201: InterestOut, **ERRORS}, auth=WRITE_AUTH,
             summary="Express interest (funders)")  # fmt: skip
def add_project_interest(request: HttpRequest, pk: int, body: InterestIn) -> Any:
    p = services.get_project(actor(request), pk)
    return Status(201, _interest(services.express_interest(actor(request), p, body.instrument, body.message)))
