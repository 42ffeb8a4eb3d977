"""Gateway use-cases: partners write and submit entries, the secretariat approves or returns them, anyone
searches the approved ones, and each jurisdiction gets suggestions from its own profile."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from localaction.core import clock
from localaction.core.errors import Detail
from localaction.core.tap import rules as tap_rules
from localaction.registry.base import audit
from localaction.registry.base.access import Actor, as_user
from localaction.registry.base.errors import InvalidTransition, NotFound, PermissionDenied, ValidationFailed
from localaction.registry.base.services.common import apply, claim, save, stamp_created, validated
from localaction.registry.base.services.public import current_published
from localaction.registry.gateway import access
from localaction.registry.gateway import search as fts
from localaction.registry.gateway.models import Solution, Status
from localaction.registry.hazards.models import HazardAssessment
from localaction.registry.inventories.public import latest_inventories
from localaction.registry.targets.models import Target

FIELDS = ("kind", "title", "summary", "results", "figures", "agendas", "gpc_sectors", "hazards", "cost_min",
          "cost_max", "currency", "jurisdiction_id", "partner", "links")  # fmt: skip


def _text(s: Solution) -> tuple[str, str]:
    j = s.jurisdiction
    city = f"{j.name} {j.name_ascii}" if j is not None else ""
    body = " ".join([s.summary, s.results, s.partner, city, " ".join(s.hazards), " ".join(s.agendas)])
    return fts.fold(s.title), fts.fold(body)


def _check(s: Solution) -> None:
    validated(s, exclude=["owner", "created_by", "updated_by", "deleted_by", "approved_by"])
    problems = []
    bad = [x for x in s.gpc_sectors if x not in tap_rules.config().sectors]
    if bad:
        problems.append(Detail(("gpc_sectors",), f"unknown: {', '.join(map(str, bad))}"))
    if any(not str(u).startswith(("https://", "http://")) for u in s.links):
        problems.append(Detail(("links",), "links start with https:// or http://"))
    if s.cost_min is not None and s.cost_max is not None and s.cost_min > s.cost_max:
        problems.append(Detail(("cost_max",), "the upper cost is below the lower one"))
    if problems:
        raise ValidationFailed("invalid gateway entry", details=problems)


def _store(s: Solution) -> None:
    s.search_title, s.search_body = _text(s)
    s.save()
    fts.index(s.pk, s.search_title, s.search_body)


def create(actor: Actor, **fields: Any) -> Solution:
    if not access.can_submit_solution(actor):
        raise PermissionDenied("partners and the secretariat add gateway entries")
    s = Solution(owner=as_user(actor))
    apply(s, fields, FIELDS)
    stamp_created(s, actor)
    _check(s)
    with transaction.atomic():
        _store(s)
        audit.record(actor, "create", s, None, audit.snapshot(s))
    return s


def update(actor: Actor, s: Solution, revision: int, **changes: Any) -> Solution:
    if not access.can_edit_solution(actor, s):
        raise PermissionDenied("only its partner edits an entry, while a draft or returned")
    before = audit.snapshot(s)
    apply(s, changes, FIELDS)
    _check(s)
    with transaction.atomic():
        claim(s, revision)
        save(s, actor)
        _store(s)
        audit.record(actor, "update", s, *audit.changed(before, audit.snapshot(s)))
    return s


def get(user: Actor, pk: int) -> Solution:
    s = (
        access.solutions_visible_to(user, Solution.objects.select_related("jurisdiction"))
        .filter(pk=pk)
        .first()
    )
    if s is None:
        raise NotFound(f"gateway entry {pk} not found", details=[Detail(("id",), str(pk))])
    return s  # type: ignore[no-any-return]


def act(actor: Actor, s: Solution, action: str, revision: int, note: str = "") -> Solution:
    """``submit`` (its partner), ``approve`` / ``return`` (the secretariat)."""
    if action == "submit":
        allowed, target = access.can_edit_solution(actor, s), Status.SUBMITTED
    elif action in ("approve", "return"):
        allowed = access.can_approve_solution(actor, s)
        target = Status.APPROVED if action == "approve" else Status.REJECTED
    else:
        raise InvalidTransition(f"unknown action {action!r}", code="unknown_action")
    if not allowed:
        raise PermissionDenied(f"you may not {action} this entry now")
    before = audit.snapshot(s)
    with transaction.atomic():
        claim(s, revision)
        s.status = target
        if action == "approve":
            s.approved_at, s.approved_by = audit.now(), as_user(actor)
        if action == "return":
            s.review_note = note.strip()
        save(s, actor)
        audit.record(actor, action, s, *audit.changed(before, audit.snapshot(s)), comment=note)
    return s


@dataclass(frozen=True)
class SearchFilters:
    q: str = ""
    kind: str = ""
    sector: str = ""
    hazard: str = ""
    agenda: str = ""
    country: str = ""


def find(user: Actor, f: SearchFilters, limit: int = 50) -> list[Solution]:
    """Visible entries matching the words (ranked) and the filters; without words, newest first."""
    qs: QuerySet[Solution] = access.solutions_visible_to(
        user, Solution.objects.select_related("jurisdiction")
    )
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.country:
        qs = qs.filter(jurisdiction__country=f.country.upper())
    if f.q.strip():
        ids = fts.ranked_ids(f.q)
        by_id = {s.pk: s for s in qs.filter(pk__in=ids)}
        rows = [by_id[i] for i in ids if i in by_id]
    else:
        rows = list(qs.order_by("-approved_at", "-id")[:500])
    for name, value in (("gpc_sectors", f.sector), ("hazards", f.hazard), ("agendas", f.agenda)):
        if value:
            rows = [s for s in rows if value in getattr(s, name)]
    return rows[:limit]


@dataclass
class Suggestion:
    solution: Solution
    reasons: list[tuple[str, str]] = field(default_factory=list)  # ("sector" | "hazard" | "target", value)


def profile(jurisdiction_id: int) -> dict[str, list[str]]:
    """What a jurisdiction's public record says it needs: its two largest emission sectors (latest published
    inventory), its published hazards, and the sectors of its open targets (target year not passed)."""
    inv = latest_inventories([jurisdiction_id]).get(jurisdiction_id)
    by_sector = (inv.by_sector_tco2e or {}) if inv else {}
    top = [k for k, v in sorted(by_sector.items(), key=lambda kv: -(kv[1] or 0)) if v][:2]
    hazards = sorted(set(current_published(HazardAssessment.objects.filter(jurisdiction_id=jurisdiction_id))
                         .values_list("hazard_type", flat=True)))  # fmt: skip
    targets = current_published(
        Target.objects.filter(jurisdiction_id=jurisdiction_id, target_year__gte=clock.today().year)
    )
    target_sectors = sorted({s for t in targets for s in (t.gpc_sectors or [])})
    return {"sectors": top, "hazards": hazards, "target_sectors": target_sectors}


def suggestions(jurisdiction_id: int, limit: int = 5) -> list[Suggestion]:
    """Approved entries ranked by how many of the profile's needs they meet (largest sector first)."""
    prof = profile(jurisdiction_id)
    scored: list[tuple[int, int, Suggestion]] = []
    for s in Solution.objects.filter(status=Status.APPROVED).select_related("jurisdiction"):
        sug, points = Suggestion(s), 0
        for rank, sector in enumerate(prof["sectors"]):
            if sector in s.gpc_sectors:
                sug.reasons.append(("sector", sector))
                points += 3 - rank
        for hazard in prof["hazards"]:
            if hazard in s.hazards:
                sug.reasons.append(("hazard", hazard))
                points += 2
        for sector in prof["target_sectors"]:
            if sector in s.gpc_sectors and ("sector", sector) not in sug.reasons:
                sug.reasons.append(("target", sector))
                points += 1
        if points:
            scored.append((-points, s.pk, sug))
    return [sug for _p, _pk, sug in sorted(scored, key=lambda t: (t[0], t[1]))[:limit]]
