"""Datasets, prefill and cross-check: the loaded datasets (public: what they are, their licence), the
suggestions they give a draft (read, refresh, accept, reject, accept a sector), and the cross-check of a
version (read, run now, the city's explanation)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field

from localaction.faces.api.auth import READ_AUTH, WRITE_AUTH, actor
from localaction.faces.api.params import Id, Revision
from localaction.faces.api.routers.submissions import READ_ERRORS, WRITE_ERRORS
from localaction.faces.api.schemas.common import MAX_INT
from localaction.registry.datasets import services
from localaction.registry.datasets.models import CrossCheckRun, Suggestion

router = Router(tags=["datasets"])
Sector = Literal["I", "II", "III", "IV", "V", "VI"]


class DatasetOut(Schema):
    id: int
    kind: str
    publisher: str
    title: str
    version: str
    licence: str
    citation: str
    source_url: str
    file_name: str
    file_sha256: str
    countries: list[str]
    years: list[int]
    sectors: list[str]
    figure_count: int
    unused_columns: list[str]
    loaded_at: dt.datetime


class SuggestionOut(Schema):
    id: int
    target: str = Field(description="line or population")
    gpc_ref: str
    value: float
    unit: str
    method: str = Field(description='e.g. "national 1.A.4.b residential × city population share 2.31 %"')
    trail: str = Field(description="the figures behind it and where they come from")
    caveat: str
    quality: str
    status: str
    dataset_id: int
    dataset: str
    decided_at: dt.datetime | None


class PrefillOut(Schema):
    inventory_id: int
    revision: int
    suggestions: list[SuggestionOut]
    taken: dict[str, str] = Field(description="lines that hold what the officer entered (never overwritten)")
    notes: list[str] = Field(description="what could not be suggested, and why")


class RefreshIn(Schema):
    datasets: list[Annotated[int, Field(ge=1, le=MAX_INT)]] | None = Field(
        None, max_length=100, description="dataset ids (default: every loaded dataset)"
    )


class AcceptIn(Schema):
    revision: Revision


class AcceptOut(Schema):
    suggestion: SuggestionOut
    inventory_revision: int


class SectorIn(Schema):
    sector: Sector
    revision: Revision
    dataset_id: int | None = Field(None, ge=1, le=MAX_INT, description="only this dataset's suggestions")


class SkippedOut(Schema):
    gpc_ref: str
    why: str


class SectorOut(Schema):
    accepted: list[SuggestionOut]
    skipped: list[SkippedOut]
    inventory_revision: int


class CrossCheckFindingOut(Schema):
    id: int
    code: str
    subject: str
    severity: str
    message: str
    comparisons: list[dict[str, Any]]
    explanation: str
    explained_at: dt.datetime | None


class RunOut(Schema):
    id: int
    trigger: str
    computed_at: dt.datetime
    submitted_at: dt.datetime | None
    error: str
    comparisons: list[dict[str, Any]]
    checks: list[CrossCheckFindingOut]


class CrossCheckOut(Schema):
    inventory_id: int
    run: RunOut | None


class ExplainIn(Schema):
    explanation: str = Field(min_length=10, max_length=5000)


def _suggestion(s: Suggestion) -> dict[str, Any]:
    return {
        "id": s.pk,
        "target": s.target,
        "gpc_ref": s.gpc_ref,
        "value": s.value,
        "unit": s.unit,
        "method": s.method,
        "trail": s.trail,
        "caveat": s.caveat,
        "quality": s.quality,
        "status": s.status,
        "dataset_id": s.dataset_id,
        "dataset": s.dataset.short,
        "decided_at": s.decided_at,
    }


def _prefill(p: services.Prefill) -> dict[str, Any]:
    return {
        "inventory_id": p.inventory.pk,
        "revision": p.inventory.revision,
        "suggestions": [_suggestion(s) for s in p.suggestions],
        "taken": p.taken,
        "notes": p.notes,
    }


def _run(r: CrossCheckRun) -> dict[str, Any]:
    return {
        "id": r.pk,
        "trigger": r.trigger,
        "computed_at": r.computed_at,
        "submitted_at": r.submitted_at,
        "error": r.error,
        "comparisons": r.comparisons,
        "checks": list(r.checks.all()),
    }


@router.get("/datasets", response=list[DatasetOut], auth=READ_AUTH, summary="Every loaded dataset")
def list_datasets(request: HttpRequest) -> Any:
    return services.datasets()


@router.get(
    "/inventories/{id}/suggestions",
    response={200: PrefillOut, **READ_ERRORS},
    auth=READ_AUTH,
    summary="The suggestions stored for a version (per GPC line and the population)",
)
def suggestions(request: HttpRequest, id: Id) -> Any:
    return _prefill(services.prefill_of(actor(request), id))


@router.post(
    "/inventories/{id}/suggestions/refresh",
    response={200: PrefillOut, **WRITE_ERRORS},
    auth=WRITE_AUTH,
    summary="Recompute a draft's suggestions from the loaded datasets (editors)",
)
def refresh(request: HttpRequest, id: Id, body: RefreshIn) -> Any:
    return _prefill(services.refresh(actor(request), id, body.datasets))


@router.post(
    "/suggestions/{id}/accept",
    response={200: AcceptOut, **WRITE_ERRORS},
    auth=WRITE_AUTH,
    summary="Accept: the line gets the value with the dataset as its source (never over an entry)",
)
def accept(request: HttpRequest, id: Id, body: AcceptIn) -> Any:
    s, inv = services.accept(actor(request), id, revision=body.revision)
    return {"suggestion": _suggestion(s), "inventory_revision": inv.revision}


@router.post(
    "/suggestions/{id}/reject",
    response={200: SuggestionOut, **WRITE_ERRORS},
    auth=WRITE_AUTH,
    summary="Reject: the line stays as it is; the suggestion is not offered again",
)
def reject(request: HttpRequest, id: Id) -> Any:
    return _suggestion(services.reject(actor(request), id))


@router.post(
    "/inventories/{id}/suggestions/accept-sector",
    response={200: SectorOut, **WRITE_ERRORS},
    auth=WRITE_AUTH,
    summary="Accept one suggestion on every empty line of a GPC sector",
)
def accept_sector(request: HttpRequest, id: Id, body: SectorIn) -> Any:
    r = services.accept_sector(
        actor(request), id, body.sector, revision=body.revision, dataset_id=body.dataset_id
    )
    return {
        "accepted": [_suggestion(s) for s in r.accepted],
        "inventory_revision": r.inventory.revision,
        "skipped": [{"gpc_ref": ref, "why": why} for ref, why in r.skipped],
    }


@router.get(
    "/inventories/{id}/cross-check",
    response={200: CrossCheckOut, **READ_ERRORS},
    auth=READ_AUTH,
    summary="The latest cross-check of a version against the independent estimates",
)
def crosscheck(request: HttpRequest, id: Id) -> Any:
    inv, run = services.crosscheck_of(actor(request), id)
    return {"inventory_id": inv.pk, "run": _run(run) if run else None}


@router.post(
    "/inventories/{id}/cross-check",
    response={200: RunOut, **WRITE_ERRORS},
    auth=WRITE_AUTH,
    summary="Run the cross-check now (members of the jurisdiction and the secretariat)",
)
def crosscheck_now(request: HttpRequest, id: Id) -> Any:
    return _run(services.check_now(actor(request), id))


@router.post(
    "/cross-checks/{id}/explain",
    response={200: CrossCheckOut, **WRITE_ERRORS},
    auth=WRITE_AUTH,
    summary="The city's explanation of a gap (editors and approvers, before validation)",
)
def explain(request: HttpRequest, id: Id, body: ExplainIn) -> Any:
    return services.explain(actor(request), id, body.explanation)
