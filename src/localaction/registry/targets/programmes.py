"""Use-cases for milestones (Compact of Mayors / GCoM) and the 10% Efficiency-Gain Programme.

Milestone status is public: it is computed from what the jurisdiction has published (inventories, hazard
assessments, targets) plus the plans recorded as ``MilestoneEvidence``. Readings follow their commitment's
visibility (a published commitment's readings are public). Writes: the jurisdiction's editors and approvers
(``access.can_create_in``); the join date also by secretariat admins (``access.can_edit_jurisdiction``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from localaction.core import clock
from localaction.core.errors import Detail, InputError
from localaction.core.targets import (
    EfficiencyCommitment,
    EfficiencyProgress,
    Evidence,
    MilestoneReport,
    ProgrammeSummary,
    Reading,
    efficiency_progress,
    evaluate_milestones,
    new_reading_problems,
    programme_summary,
    reading_overlaps,
    select_rules,
)
from localaction.registry.base import access, audit
from localaction.registry.base.access import Actor
from localaction.registry.base.errors import NotFound, PermissionDenied, ValidationFailed
from localaction.registry.base.models import Jurisdiction, State
from localaction.registry.base.services.common import claim, stamp_created, validated
from localaction.registry.hazards.models import HazardAssessment
from localaction.registry.inventories.models import ActivityRecord, Inventory
from localaction.registry.targets.models import Commitment, CommitmentKind, Target
from localaction.registry.targets.models.programmes import (
    EfficiencyReading,
    FrameworkCommitment,
    MilestoneEvidence,
)
from localaction.registry.targets.services import inventories_gases


def today() -> dt.date:
    return clock.today()


# --- milestones ------------------------------------------------------------------------------------------


def _day(obj: Any) -> dt.date:
    when = obj.published_at or obj.submitted_at or obj.created_at
    return timezone.localdate(when) if timezone.is_aware(when) else when.date()


def evidence_of(jurisdiction: Jurisdiction) -> list[Evidence]:
    """What counts towards the milestones: published versions (each version is a submission on its date),
    published adaptation commitments (adaptation goals), and the documents recorded as MilestoneEvidence.
    Which milestone item each kind counts for is the rule set's business (``MilestoneRule.evidence``)."""
    out: list[Evidence] = []
    invs = list(access.public(Inventory.objects.filter(jurisdiction=jurisdiction)))
    gases = inventories_gases(invs)
    with_records = set(
        ActivityRecord.objects.filter(inventory__in=invs, deleted_at__isnull=True)
        .values_list("inventory_id", flat=True)
        .distinct()
    )
    for inv in invs:
        sectors = tuple(sorted(s for s, v in (inv.by_sector_tco2e or {}).items() if v))
        out.append(
            Evidence(
                item="inventory",
                submitted_on=_day(inv),
                inventory_year=inv.year,
                gpc_sectors=sectors,
                gases=gases[inv.pk],
                # our rule: activity data is disclosed when the inventory carries activity records
                activity_data=inv.pk in with_records,
                reference=f"inventory {inv.pk}",
            )
        )
    for model, item in ((HazardAssessment, "hazard_assessment"), (Target, "target")):
        for obj in access.public(model.objects.filter(jurisdiction=jurisdiction)):
            out.append(Evidence(item=item, submitted_on=_day(obj), reference=f"{item} {obj.pk}"))
    goals = Commitment.objects.filter(jurisdiction=jurisdiction, kind=CommitmentKind.ADAPTATION)
    for c in access.public(goals):
        out.append(Evidence(item="adaptation_goal", submitted_on=_day(c), reference=f"commitment {c.pk}"))
    for ev in MilestoneEvidence.objects.filter(jurisdiction=jurisdiction):
        out.append(Evidence(item=ev.item, submitted_on=ev.submitted_on, reference=ev.title))
    return out


def framework_commitment(jurisdiction: Jurisdiction) -> FrameworkCommitment | None:
    return FrameworkCommitment.objects.filter(jurisdiction=jurisdiction).order_by("committed_on").first()


def _report(fc: FrameworkCommitment, as_of: dt.date | None) -> MilestoneReport:
    # The rules are chosen by the initiative committed to and the commitment date; the report says which.
    return evaluate_milestones(
        fc.committed_on, evidence_of(fc.jurisdiction), as_of or today(), initiative=fc.framework
    )


def milestones(jurisdiction: Jurisdiction, as_of: dt.date | None = None) -> MilestoneReport | None:
    """The jurisdiction's milestone items and badges, or None when it has not committed to a framework."""
    fc = framework_commitment(jurisdiction)
    if fc is None:
        return None
    return _report(fc, as_of)


@dataclass
class Overdue:
    jurisdiction: Jurisdiction
    report: MilestoneReport

    @property
    def late_items(self) -> list[Any]:
        return [i for i in self.report.items if i.status in ("overdue", "expired")]


def overdue(user: Actor, as_of: dt.date | None = None) -> list[Overdue]:
    """Committed jurisdictions with an item overdue or expired (the secretariat's follow-up list)."""
    if not access.is_secretariat(user):
        raise PermissionDenied("only the secretariat sees the overdue list")
    out = []
    for fc in FrameworkCommitment.objects.select_related("jurisdiction").order_by("committed_on"):
        row = Overdue(fc.jurisdiction, _report(fc, as_of))
        if row.late_items:
            out.append(row)
    return out


@transaction.atomic
def set_framework_commitment(
    user: Actor, jurisdiction: Jurisdiction, *, committed_on: dt.date, framework: str = "gcom"
) -> FrameworkCommitment:
    """Record (or correct) the jurisdiction's commitment: the initiative (``gcom`` or ``compact_of_mayors``)
    and its date. Refused when no shipped rule set covers that commitment (e.g. a date before the Compact)."""
    if not access.can_edit_jurisdiction(user, jurisdiction):
        raise PermissionDenied(f"only editors of {jurisdiction} or an admin can record its commitment")
    try:
        select_rules(framework, committed_on)
    except InputError as exc:
        field = "framework" if exc.code == "milestones.unknown_initiative" else "committed_on"
        raise ValidationFailed(exc.message, details=[Detail((field,), exc.message)]) from None
    row = framework_commitment(jurisdiction)
    if row is None:
        row = FrameworkCommitment(jurisdiction=jurisdiction, framework=framework, committed_on=committed_on)
        stamp_created(row, user)
        validated(row, exclude=["jurisdiction"])
        row.save()
        audit.record(user, "create", row, None, audit.snapshot(row))
        return row
    before = audit.snapshot(row)
    claim(row, row.revision)
    row.framework = framework
    row.committed_on = committed_on
    row.updated_by = access.as_user(user)
    row.save()
    audit.record(user, "update", row, *audit.changed(before, audit.snapshot(row)))
    return row


@transaction.atomic
def add_evidence(user: Actor, jurisdiction: Jurisdiction, **fields: Any) -> MilestoneEvidence:
    """Record a plan (or other evidence) submitted towards a milestone item."""
    if not access.can_create_in(user, jurisdiction):
        raise PermissionDenied(f"only editors and approvers of {jurisdiction} can record milestone evidence")
    allowed = {"item", "submitted_on", "title", "url"}
    bad = sorted(set(fields) - allowed)
    if bad:
        raise ValidationFailed("unknown fields", details=[Detail((b,), "not an editable field") for b in bad])
    row = MilestoneEvidence(jurisdiction=jurisdiction, **fields)
    stamp_created(row, user)
    validated(row, exclude=["jurisdiction"])
    row.save()
    audit.record(user, "create", row, None, audit.snapshot(row))
    return row


# --- 10% Efficiency-Gain Programme ------------------------------------------------------------------------


def efficiency_commitments(user: Actor, jurisdiction: Jurisdiction | None = None) -> list[Commitment]:
    """The current version of each 10% commitment ``user`` may see."""
    qs = access.visible_to(user, Commitment.objects.select_related("jurisdiction"))
    qs = qs.filter(kind=CommitmentKind.EFFICIENCY_GAIN_10, superseded_at__isnull=True).exclude(
        state=State.WITHDRAWN
    )
    if jurisdiction is not None:
        qs = qs.filter(jurisdiction=jurisdiction)
    by_series: dict[UUID, Commitment] = {}
    for c in qs.order_by("version"):
        if c.state == State.PUBLISHED or access.roles_in(user, c.jurisdiction_id):
            by_series[c.series] = c
    return sorted(by_series.values(), key=lambda c: (c.jurisdiction.name_ascii, c.title))


def get_commitment(user: Actor, pk: int) -> Commitment:
    c = Commitment.objects.filter(pk=pk, kind=CommitmentKind.EFFICIENCY_GAIN_10).select_related(
        "jurisdiction"
    )
    obj = c.first()
    if obj is None or not access.can_view(user, obj):
        raise NotFound(f"10% commitment {pk} not found", details=[Detail(("id",), str(pk))])
    return obj


def readings_of(commitment: Commitment) -> list[EfficiencyReading]:
    return list(EfficiencyReading.objects.filter(commitment_series=commitment.series).order_by("start", "id"))


def core_commitment(c: Commitment, readings: list[EfficiencyReading] | None = None) -> EfficiencyCommitment:
    """Our mapping: the baseline is the commitment's baseline year (1 January - 31 December) and value; the
    start is ``start_date`` (default: the 1 January after the baseline year); the resource is the title."""
    if c.baseline_year is None or c.baseline_value is None:
        raise ValidationFailed(
            "a 10% commitment needs its baseline",
            details=[
                Detail((f,), "required") for f in ("baseline_year", "baseline_value") if getattr(c, f) is None
            ],
        )
    rows = readings if readings is not None else readings_of(c)
    return EfficiencyCommitment(
        commitment_id=str(c.pk),
        jurisdiction=c.jurisdiction.slug,
        resource=c.title,
        unit=c.unit,
        baseline=Reading(
            start=dt.date(c.baseline_year, 1, 1), end=dt.date(c.baseline_year, 12, 31), value=c.baseline_value
        ),
        start_date=c.start_date or dt.date(c.baseline_year + 1, 1, 1),
        readings=[Reading(start=r.start, end=r.end, value=r.value, unit=r.unit) for r in rows],
    )


def efficiency_of(c: Commitment, as_of: dt.date | None = None) -> EfficiencyProgress | None:
    try:
        return efficiency_progress(core_commitment(c), as_of or today())
    except ValidationFailed:
        return None


def summary(user: Actor, as_of: dt.date | None = None) -> ProgrammeSummary:
    """Programme-wide counts over the commitments ``user`` may see (the public: published ones)."""
    cores = []
    for c in efficiency_commitments(user):
        try:
            cores.append(core_commitment(c))
        except ValidationFailed:
            continue
    return programme_summary(cores, as_of or today())


@transaction.atomic
def add_reading(user: Actor, commitment: Commitment, **fields: Any) -> EfficiencyReading:
    """A new reading (start, end, value, unit, source) for the commitment's series."""
    c = get_commitment(user, commitment.pk)
    if not access.can_create_in(user, c.jurisdiction):
        raise PermissionDenied(f"only editors and approvers of {c.jurisdiction} can add readings")
    allowed = {"start", "end", "value", "unit", "source"}
    bad = sorted(set(fields) - allowed)
    if bad:
        raise ValidationFailed("unknown fields", details=[Detail((b,), "not an editable field") for b in bad])
    row = EfficiencyReading(jurisdiction=c.jurisdiction, commitment_series=c.series, **fields)
    stamp_created(row, user)
    problems = []
    if row.start and row.end and row.end < row.start:
        problems.append(Detail(("end",), "is before the start"))
    elif row.start and row.end:
        # Our rule (docs/targets.md): refused, not skipped, so the series stays one without overlaps.
        new = Reading(start=row.start, end=row.end, value=max(row.value or 0.0, 0.0), unit=row.unit)
        try:
            problems += new_reading_problems(core_commitment(c), new)
        except ValidationFailed:  # no baseline yet: only the overlaps can be checked
            existing = [Reading(start=r.start, end=r.end, value=r.value) for r in readings_of(c)]
            problems += reading_overlaps(existing, new)
    if problems:
        raise ValidationFailed("invalid reading", details=problems)
    validated(row, exclude=["jurisdiction"])
    row.save()
    audit.record(user, "create", row, None, audit.snapshot(row))
    return row


@transaction.atomic
def delete_reading(user: Actor, reading_id: int, *, revision: int) -> None:
    row = EfficiencyReading.objects.filter(pk=reading_id).first()
    if row is None or not access.roles_in(user, row.jurisdiction_id):
        raise NotFound(f"reading {reading_id} not found")
    if not access.can_create_in(user, row.jurisdiction_id):
        raise PermissionDenied("only the jurisdiction's editors and approvers can delete readings")
    before = audit.snapshot(row)
    claim(row, revision)
    row.deleted_at = audit.now()
    row.deleted_by = access.as_user(user)
    row.save()
    audit.record(user, "delete", row, *audit.changed(before, audit.snapshot(row)))
