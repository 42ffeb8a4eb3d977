"""Reporting frameworks and framework reports: ``/frameworks`` (the shipped frameworks, each with its form
schema), ``/jurisdictions/{id}/reports`` (a jurisdiction's reports with scores: published for everyone,
drafts for its members) and ``/reports`` (create, edit, workflow, corrections … like every submission)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from localaction.core import frameworks
from localaction.faces.api.auth import READ_AUTH, actor
from localaction.faces.api.params import JurisdictionRef
from localaction.faces.api.routers.submissions import READ_ERRORS, Kind, add_routes
from localaction.faces.api.schemas.common import SLUG, RevisionIn, SubmissionOut
from localaction.faces.api.schemas.derive import unset
from localaction.registry.frameworks import services as reports
from localaction.registry.frameworks.models import FrameworkReport


class FrameworkOut(Schema):
    id: str
    name: str
    edition: str
    version: str
    theme: str
    indicators: int
    scored: bool
    max_score: float | None
    verified: bool
    source: dict[str, Any]


class FrameworkDetailOut(FrameworkOut):
    form: dict[str, Any] = Field(description="sections → fields: labels, units, help, choices, validation")


class ReportOut(SubmissionOut):
    framework_id: str
    edition: str
    year: int
    title: str
    answers: dict[str, Any]
    score_total: float | None
    score_max: float | None
    score_percent: float | None
    complete: bool
    scores: dict[str, Any] = Field(description="per indicator and section, as computed on save")
    warnings: list[dict[str, Any]]


class ReportCreateIn(Schema):
    jurisdiction: str = Field(max_length=100, pattern=SLUG)
    framework_id: str = Field(max_length=60, pattern=r"^[a-z][a-z0-9_]*$")
    edition: str | None = Field(None, max_length=40)
    year: int = Field(ge=1900, le=2200)
    title: str = Field("", max_length=200)
    answers: dict[str, Any] = Field(default_factory=dict)


class ReportUpdateIn(RevisionIn):
    """Only the fields you send change."""

    year: int = unset(ge=1900, le=2200)
    title: str = unset(max_length=200)
    answers: dict[str, Any] = unset(description="the answers: they replace the stored ones")


class EditionQuery(Schema):
    edition: str | None = Field(None, max_length=40)


def _summary(fw: frameworks.Framework) -> dict[str, Any]:
    return {
        "id": fw.id,
        "name": fw.name,
        "edition": fw.edition,
        "version": fw.version,
        "theme": fw.theme,
        "indicators": sum(1 for _ in fw.indicators()),
        "scored": fw.scoring is not None,
        "max_score": fw.scoring.max_total if fw.scoring else None,
        "verified": fw.verified,
        "source": fw.source.model_dump(mode="json"),
    }


def _create(user: Any, jurisdiction: str, **fields: Any) -> FrameworkReport:
    return reports.create_report(user, jurisdiction, **fields)


REPORTS = Kind(
    path="reports",
    one="report",
    model=FrameworkReport,
    out=ReportOut,
    create_in=ReportCreateIn,
    update_in=ReportUpdateIn,
    create=_create,
    update=reports.update_report,
)

router = Router()
catalogue = Router(tags=["frameworks"])
report_routes = Router(tags=["reports"])
add_routes(report_routes, REPORTS)


@catalogue.get(
    "/",
    response=list[FrameworkOut],
    auth=READ_AUTH,
    summary="Shipped frameworks",
)
def list_frameworks(request: HttpRequest) -> Any:
    return [_summary(fw) for fw in frameworks.shipped_frameworks()]


@catalogue.get(
    "/{framework_id}",
    response={200: FrameworkDetailOut, **READ_ERRORS},
    auth=READ_AUTH,
    summary="One framework (newest edition unless ?edition=) with its form schema",
)
def get_framework(request: HttpRequest, framework_id: str, query: Query[EditionQuery]) -> Any:
    fw = frameworks.get_framework(framework_id, query.edition)
    return {**_summary(fw), "form": frameworks.form_schema(fw)}


@router.get(
    "/jurisdictions/{ref}/reports",
    response={200: list[ReportOut], **READ_ERRORS},
    auth=READ_AUTH,
    tags=["reports"],
    summary="A jurisdiction's framework reports with scores (published; drafts for its members)",
)
def list_jurisdiction_reports(request: HttpRequest, ref: JurisdictionRef) -> Any:
    return list(reports.visible_reports(actor(request), ref))


router.add_router("/frameworks", catalogue)
router.add_router("/reports", report_routes)
