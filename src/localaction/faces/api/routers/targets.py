"""Are we on track? Target progress, checks and pathway; milestones; the 10% Efficiency-Gain Programme.

Outputs are the targets core's own pydantic models (one definition per fact). Visibility is the registry's:
a draft target is 404 to others; members and the secretariat get figures from drafts too (see
``registry.services.targets``). Mounted at the API root (``api.add_router("", router)``), so the paths below
sit beside the shared ``/targets/{id}`` routes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from localaction.core.targets import (
    EfficiencyProgress,
    Issue,
    MilestoneReport,
    Pathway,
    ProgrammeSummary,
    TargetProgress,
)
from localaction.faces.api.auth import READ_AUTH, WRITE_AUTH, actor
from localaction.faces.api.params import Id, JurisdictionRef
from localaction.faces.api.schemas.common import ErrorOut
from localaction.registry import services
from localaction.registry.base.errors import NotFound
from localaction.registry.base.services.common import get_visible
from localaction.registry.targets import programmes
from localaction.registry.targets import services as target_services
from localaction.registry.targets.models import Target

router = Router(tags=["progress"])
READ_ERRORS: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}
WRITE_ERRORS: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


class OverdueOut(Schema):
    jurisdiction: str
    name: str
    report: MilestoneReport


class EfficiencyCommitmentOut(Schema):
    id: int
    jurisdiction: str
    title: str
    unit: str
    state: str
    progress: EfficiencyProgress | None


class EfficiencyReadingOut(Schema):
    id: int
    revision: int
    start: dt.date
    end: dt.date
    value: float
    unit: str
    source: str


class EfficiencyCommitmentDetailOut(EfficiencyCommitmentOut):
    readings: list[EfficiencyReadingOut]


class EfficiencyReadingIn(Schema):
    start: dt.date
    end: dt.date
    value: float = Field(ge=0, le=1e15)
    unit: str = Field("", max_length=40)
    source: str = Field("", max_length=300)


def _target(request: HttpRequest, id: int) -> Target:
    return get_visible(actor(request), Target, id)


@router.get("/targets/{id}/progress", response={200: TargetProgress, **READ_ERRORS}, auth=READ_AUTH)
def get_target_progress(request: HttpRequest, id: Id) -> Any:
    """The target and each interim target: % achieved, the straight line, on/off track with the gap, rates
    achieved and needed; or ``not_comparable`` with the reason (coverage)."""
    return target_services.progress_of(actor(request), _target(request, id))


@router.get("/targets/{id}/checks", response={200: list[Issue], **READ_ERRORS}, auth=READ_AUTH)
def get_target_checks(request: HttpRequest, id: Id) -> Any:
    """Every validation finding (errors and warnings, e.g. the 5 % base-emissions check with both numbers)."""
    return target_services.target_issues(actor(request), _target(request, id))


@router.get("/targets/{id}/pathway", response={200: Pathway, **READ_ERRORS}, auth=READ_AUTH)
def get_target_pathway(request: HttpRequest, id: Id) -> Any:
    """BAU, with actions, the target line and inventories per year; the target-year gap; double counting."""
    return target_services.pathway_of(actor(request), _target(request, id))


@router.get("/jurisdictions/{ref}/milestones", response={200: MilestoneReport, **READ_ERRORS}, auth=READ_AUTH)
def get_jurisdiction_milestones(request: HttpRequest, ref: JurisdictionRef) -> Any:
    """Milestone items and badges with dates (public; 404 when the jurisdiction has not committed)."""
    jur = services.get_jurisdiction(ref)
    report = programmes.milestones(jur)
    if report is None:
        raise NotFound(f"{jur.slug} has not recorded a framework commitment")
    return report


@router.get("/milestones/overdue", response={200: list[OverdueOut], **READ_ERRORS}, auth=WRITE_AUTH)
def list_overdue_milestones(request: HttpRequest) -> Any:
    """Committed jurisdictions with an overdue or expired item (secretariat only)."""
    return [
        {"jurisdiction": r.jurisdiction.slug, "name": r.jurisdiction.name, "report": r.report}
        for r in programmes.overdue(actor(request))
    ]


def _commitment_out(c: Any, readings: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": c.pk,
        "jurisdiction": c.jurisdiction.slug,
        "title": c.title,
        "unit": c.unit,
        "state": c.state,
        "progress": programmes.efficiency_of(c),
    }
    if readings:
        out["readings"] = programmes.readings_of(c)
    return out


@router.get(
    "/efficiency/commitments", response={200: list[EfficiencyCommitmentOut], **READ_ERRORS}, auth=READ_AUTH
)
def list_efficiency_commitments(request: HttpRequest, jurisdiction: JurisdictionRef | None = None) -> Any:
    """10% Efficiency-Gain commitments you may see, each with its progress and status."""
    jur = services.get_jurisdiction(jurisdiction) if jurisdiction else None
    return [_commitment_out(c) for c in programmes.efficiency_commitments(actor(request), jur)]


@router.get(
    "/efficiency/commitments/{id}",
    response={200: EfficiencyCommitmentDetailOut, **READ_ERRORS},
    auth=READ_AUTH,
)
def get_efficiency_commitment(request: HttpRequest, id: Id) -> Any:
    return _commitment_out(programmes.get_commitment(actor(request), id), readings=True)


@router.post(
    "/efficiency/commitments/{id}/readings",
    response={201: EfficiencyReadingOut, **WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def add_efficiency_reading(request: HttpRequest, id: Id, payload: EfficiencyReadingIn) -> Any:
    """Add a reading (editors and approvers of the commitment's jurisdiction)."""
    c = programmes.get_commitment(actor(request), id)
    return Status(201, programmes.add_reading(actor(request), c, **payload.dict()))


@router.get("/efficiency/summary", response={200: ProgrammeSummary, **READ_ERRORS}, auth=READ_AUTH)
def get_efficiency_summary(request: HttpRequest) -> Any:
    """How many committed, by status, on track, achieved (over the commitments you may see)."""
    return programmes.summary(actor(request))
