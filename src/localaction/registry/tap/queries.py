"""The funder portal's filters over the projects a user may see (sector, region, size, stage, instrument)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from localaction.core.tap import rules as tap_rules
from localaction.registry.base.access import Actor
from localaction.registry.tap import access
from localaction.registry.tap.models import Project


@dataclass(frozen=True)
class Filters:
    q: str = ""
    sector: str = ""
    region: str = ""
    size: str = ""
    stage: str = ""
    instrument: str = ""
    status: str = ""


def pipeline(user: Actor, f: Filters, *, funder_view: bool = True) -> QuerySet[Project]:
    """Visible projects matching ``f``; ``funder_view`` keeps only sealed ones (what funders browse)."""
    qs = access.projects_visible_to(user, Project.objects.select_related("jurisdiction", "call"))
    if funder_view:
        qs = qs.filter(status__in=sorted(tap_rules.FUNDER_VISIBLE))
    if f.status:
        qs = qs.filter(status=f.status)
    if f.q:
        qs = qs.filter(Q(title__icontains=f.q) | Q(summary__icontains=f.q) | Q(jurisdiction__name__icontains=f.q)
                       | Q(jurisdiction__name_ascii__icontains=f.q))  # fmt: skip
    if f.region:
        qs = qs.filter(jurisdiction__region=f.region)
    if f.stage:
        qs = qs.filter(stage=f.stage)
    if f.size in tap_rules.config().size_bands:
        low, high = tap_rules.config().size_bands[f.size]
        qs = qs.filter(total_cost__gte=low)
        if high is not None:
            qs = qs.filter(total_cost__lt=high)
    rows = list(qs.order_by("-score", "title"))
    # JSON list membership in Python: the same on SQLite and PostgreSQL (the pipeline is hundreds of rows).
    if f.sector:
        rows = [p for p in rows if f.sector in (p.sectors or [])]
    if f.instrument:
        rows = [p for p in rows if f.instrument in (p.instruments or [])]
    return qs.filter(pk__in=[p.pk for p in rows]).order_by("-score", "title")
