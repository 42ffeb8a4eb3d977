"""Use-cases for framework reports: start a draft, save answers, read what a user may see, trends and peers.

The workflow (submit … publish), corrections and soft delete are the registry's generic services
(``registry.services.workflow``): a report is a Submission like any other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from localaction.core import frameworks as fw_engine
from localaction.core.errors import Detail, LocalActionError
from localaction.registry.base import access, audit
from localaction.registry.base.access import Actor
from localaction.registry.base.errors import PermissionDenied, ValidationFailed
from localaction.registry.base.models import Jurisdiction, State
from localaction.registry.base.services.common import (
    Ref,
    apply,
    claim,
    get_visible,
    pk_of,
    require_edit,
    save,
    stamp_created,
)
from localaction.registry.base.services.jurisdictions import get_jurisdiction
from localaction.registry.frameworks.models import FrameworkReport

REPORT_FIELDS = ("framework_id", "edition", "year", "title", "answers")
EDITABLE_FIELDS = ("year", "title", "answers")  # the framework of a series never changes


def _check(report: FrameworkReport) -> None:
    """Draft check with one detail per problem, located at the answer (``answers.<indicator>.…``)."""
    problems: list[Detail] = []
    try:
        fw = report.framework()
    except LocalActionError as exc:  # an unknown framework or edition
        raise ValidationFailed(exc.message, details=[Detail(("framework_id",), exc.message)]) from None
    report.edition = fw.edition
    if not isinstance(report.year, int) or not 1900 <= report.year <= 2200:
        problems.append(Detail(("year",), "give the reporting year, e.g. 2024"))
    if not isinstance(report.answers, dict):
        problems.append(Detail(("answers",), "answers is a mapping of indicator id to answer"))
    else:
        problems += [Detail(tuple(p.loc), p.msg) for p in report.check_answers(complete=False).errors]
    if problems:
        raise ValidationFailed(f"invalid answers to {fw.name} ({fw.edition})", details=problems)


@transaction.atomic
def create_report(
    user: Actor,
    jurisdiction: Ref | str,
    *,
    framework_id: str,
    year: int,
    edition: str | None = None,
    title: str = "",
    answers: dict[str, Any] | None = None,
    data_source: str = "entered",
    external_id: str = "",
) -> FrameworkReport:
    """A new draft report (version 1 of a new series). Draft answers may be incomplete, never wrong."""
    jur = get_jurisdiction(jurisdiction)
    if not access.can_create_in(user, jur):
        raise PermissionDenied(f"only editors and approvers of {jur} can start a report")
    report = FrameworkReport(
        jurisdiction=jur,
        framework_id=framework_id,
        edition=edition or "",
        year=year,
        title=title,
        answers=answers or {},
        data_source=data_source,
        external_id=external_id,
    )
    stamp_created(report, user)
    _check(report)
    report.save()
    audit.record(user, "create", report, None, audit.snapshot(report))
    return report


@transaction.atomic
def update_report(user: Actor, report: Ref, *, revision: int, **changes: Any) -> FrameworkReport:
    """Change a draft's year, title or answers (all of them at once: ``answers`` replaces the mapping)."""
    current = get_visible(user, FrameworkReport, pk_of(report))
    require_edit(user, current)
    before = audit.snapshot(current)
    claim(current, revision)
    apply(current, changes, EDITABLE_FIELDS)
    _check(current)
    save(current, user)
    b, a = audit.changed(before, audit.snapshot(current))
    audit.record(user, "update", current, b, a)
    return current


def get_report(user: Actor, ref: Ref) -> FrameworkReport:
    return get_visible(user, FrameworkReport, pk_of(ref))


def visible_reports(user: Actor, jurisdiction: Ref | str | None = None) -> QuerySet[FrameworkReport]:
    """Published reports for everyone; drafts and reports in review for the jurisdiction's members and the
    secretariat (``access.visible_to``)."""
    qs = access.visible_to(user, FrameworkReport.objects.select_related("jurisdiction"))
    if jurisdiction is not None:
        qs = qs.filter(jurisdiction_id=get_jurisdiction(jurisdiction).pk)
    return qs.order_by("framework_id", "-year", "-version")


def published_reports(jurisdiction: Jurisdiction | None = None) -> QuerySet[FrameworkReport]:
    """Current published versions (no correction replaced them), oldest year first."""
    qs = access.public(FrameworkReport.objects.select_related("jurisdiction")).filter(
        superseded_at__isnull=True
    )
    if jurisdiction is not None:
        qs = qs.filter(jurisdiction=jurisdiction)
    return qs.order_by("framework_id", "year", "version")


@dataclass
class FrameworkTrend:
    framework: fw_engine.Framework
    reports: list[FrameworkReport]  # published, by year
    comparison: fw_engine.Comparison | None  # first (baseline) vs latest, when there are two

    @property
    def latest(self) -> FrameworkReport:
        return self.reports[-1]


def trends(jurisdiction: Jurisdiction) -> list[FrameworkTrend]:
    """Each framework a jurisdiction has published: its reports by year, and baseline vs latest."""
    by_key: dict[tuple[str, str], list[FrameworkReport]] = {}
    for r in published_reports(jurisdiction):
        by_key.setdefault((r.framework_id, r.edition), []).append(r)
    out = []
    for (fid, edition), reports in sorted(by_key.items()):
        fw = fw_engine.get_framework(fid, edition)
        cmp = (
            fw_engine.compare_reports(fw, reports[0].document(), reports[-1].document())
            if len(reports) > 1
            else None
        )
        out.append(FrameworkTrend(fw, reports, cmp))
    return out


@dataclass
class PeerValue:
    jurisdiction: Jurisdiction
    year: int
    value: Any
    score: float | None
    is_self: bool


def peer_values(
    framework_id: str, indicator_id: str, *, edition: str | None = None, me: Jurisdiction | None = None
) -> list[PeerValue]:
    """Every jurisdiction's latest published value of one indicator (numbers first, highest first)."""
    fw = fw_engine.get_framework(framework_id, edition)
    fw.indicator(indicator_id)  # NotFound for an unknown indicator
    latest: dict[int, FrameworkReport] = {}
    for r in access.public(FrameworkReport.objects.select_related("jurisdiction")).filter(
        framework_id=fw.id, edition=fw.edition, superseded_at__isnull=True
    ):
        if r.jurisdiction_id not in latest or latest[r.jurisdiction_id].year <= r.year:
            latest[r.jurisdiction_id] = r
    rows = []
    for r in latest.values():
        report = fw_engine.check_answers(fw, r.document(), complete=False)
        scores = {s["id"]: s.get("score") for s in r.scores.get("indicators", [])}
        rows.append(
            PeerValue(
                r.jurisdiction,
                r.year,
                report.value_of(indicator_id),
                scores.get(indicator_id),
                me is not None and r.jurisdiction_id == me.pk,
            )
        )
    rows.sort(key=lambda p: (not isinstance(p.value, int | float), -(p.value or 0) if _num(p.value) else 0))
    return rows


def _num(x: Any) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool)


def in_review(report: FrameworkReport) -> bool:
    return report.state in (State.SUBMITTED, State.VALIDATED, State.VERIFIED)
