"""Prefill: the suggestions the loaded datasets give a draft, and the officer's accept / reject.

Suggestions are stored per version (so a rejection is remembered and an accepted value keeps its
provenance). Refreshing recomputes the open ones; decided ones stay as they were. Accepting writes the line
through the inventories' ``put_line`` use-case (audited, revision-checked) with the dataset as its source,
the method as its explanation and a low data quality; it is refused when the line already holds a value or
activity records: a suggestion never overwrites what the officer entered.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from localaction.core.catalog import gpc_refs
from localaction.core.errors import Detail
from localaction.registry.base import access, audit
from localaction.registry.base.access import Actor
from localaction.registry.base.errors import Conflict, InvalidTransition, NotFound, PermissionDenied
from localaction.registry.base.services.common import Ref, pk_of
from localaction.registry.datasets.estimates import offer_for
from localaction.registry.datasets.models import Suggestion, SuggestionStatus
from localaction.registry.inventories import services as inventories
from localaction.registry.inventories.models import Inventory

# Which dataset wins a line when a whole sector is accepted: the city's own sources before downscaled ones.
PREFERENCE = {"climate_trace": 0, "crf": 1, "primap": 2, "population": 3, "cdp": 4}


@dataclass
class Prefill:
    inventory: Inventory
    suggestions: list[Suggestion]
    notes: list[str] = field(default_factory=list)
    taken: dict[str, str] = field(default_factory=dict)  # gpc_ref → what the officer entered there

    def open_for(self, ref: str) -> list[Suggestion]:
        return [s for s in self.suggestions if s.gpc_ref == ref and s.status == SuggestionStatus.OPEN]


def _require_edit(user: Actor, inv: Inventory) -> None:
    if not access.can_edit(user, inv):
        raise PermissionDenied(f"only editors and approvers of {inv.jurisdiction} can change the draft {inv}")


def taken_lines(inv: Inventory) -> dict[str, str]:
    """Lines that already hold what the officer entered (a value, notation keys or activity records)."""
    out: dict[str, str] = {}
    for ln in inv.gpc_lines.filter(is_entered=True):
        if ln.entered_value_tco2e is not None:
            out[ln.gpc_ref] = f"{ln.entered_value_tco2e:,.0f} t CO2e entered"
        elif ln.notation_keys:
            out[ln.gpc_ref] = "notation key " + ", ".join(ln.notation_keys)
    for ref in inv.activity_records.filter(deleted_at__isnull=True).values_list("gpc_ref", flat=True):
        out.setdefault(ref, "activity records")
    return out


@transaction.atomic
def refresh(user: Actor, inventory: Ref, dataset_ids: list[int] | None = None) -> Prefill:
    """Recompute the open suggestions of a draft from the loaded datasets (all, or ``dataset_ids``)."""
    inv = inventories.get_inventory(user, inventory)
    _require_edit(user, inv)
    offer = offer_for(inv, dataset_ids)
    now = audit.now()
    rows = {
        (s.dataset_id, s.target, s.gpc_ref): s
        for s in Suggestion.objects.filter(inventory=inv).exclude(status=SuggestionStatus.SUPERSEDED)
    }
    fresh = set()
    for c in offer.candidates:
        key = (c.dataset.pk, c.target, c.gpc_ref)
        fresh.add(key)
        old = rows.get(key)
        if old is not None and old.status != SuggestionStatus.OPEN:
            continue  # decided: never offered again
        if old is not None and (old.value, old.method, old.trail) == (c.value, c.method, c.trail):
            continue
        if old is not None:
            old.status = SuggestionStatus.SUPERSEDED
            old.save(update_fields=["status"])
        Suggestion.objects.create(
            inventory=inv,
            dataset=c.dataset,
            target=c.target,
            gpc_ref=c.gpc_ref,
            value=c.value,
            unit=c.unit,
            method=c.method,
            trail=c.trail,
            caveat=c.caveat,
            quality="low",
            created_at=now,
        )
    stale = [s for key, s in rows.items() if key not in fresh and s.status == SuggestionStatus.OPEN]
    if dataset_ids is not None:
        stale = [s for s in stale if s.dataset_id in dataset_ids]
    for s in stale:
        s.status = SuggestionStatus.SUPERSEDED
        s.save(update_fields=["status"])
    return Prefill(inv, _current(inv), offer.notes, taken_lines(inv))


def _current(inv: Inventory) -> list[Suggestion]:
    return list(
        Suggestion.objects.filter(inventory=inv)
        .exclude(status=SuggestionStatus.SUPERSEDED)
        .select_related("dataset", "decided_by")
    )


def prefill_of(user: Actor, inventory: Ref) -> Prefill:
    """The stored suggestions of a version (read only; whoever may see the version)."""
    inv = inventories.get_inventory(user, inventory)
    return Prefill(inv, _current(inv), [], taken_lines(inv))


def _get(user: Actor, suggestion: Ref) -> tuple[Suggestion, Inventory]:
    s = Suggestion.objects.filter(pk=pk_of(suggestion)).select_related("dataset").first()
    if s is None:
        raise NotFound(f"suggestion {pk_of(suggestion)} not found")
    inv = inventories.get_inventory(user, s.inventory_id)  # NotFound when the version is not visible
    _require_edit(user, inv)
    if s.status != SuggestionStatus.OPEN:
        raise InvalidTransition(f"suggestion {s.pk} is already {s.status}")
    return s, inv


def _decide(user: Actor, s: Suggestion, status: str, inv: Inventory) -> None:
    s.status = status
    s.decided_at = audit.now()
    s.decided_by = access.as_user(user)
    s.save(update_fields=["status", "decided_at", "decided_by"])
    audit.record(
        user,
        f"{status[:-2] if status.endswith('ed') else status}_suggestion",
        s,
        None,
        {
            "status": status,
            "gpc_ref": s.gpc_ref,
            "target": s.target,
            "value": s.value,
            "dataset_id": s.dataset_id,
            "method": s.method,
        },
        jurisdiction_id=inv.jurisdiction_id,
    )


@transaction.atomic
def accept(user: Actor, suggestion: Ref, *, revision: int) -> tuple[Suggestion, Inventory]:
    """Write the suggested value on its line (or the population) with its provenance; ``revision`` is the
    version's as read. Returns the suggestion and the updated version."""
    s, inv = _get(user, suggestion)
    if s.target == "population":
        if inv.population is not None:
            raise Conflict(
                f"{inv} already has a population ({inv.population:,.0f}): a suggestion never overwrites it",
                code="value_entered",
            )
        inv = inventories.update_inventory(user, inv, revision=revision, population=s.value)
    else:
        taken = taken_lines(inv)
        if s.gpc_ref in taken:
            raise Conflict(
                f"{s.gpc_ref} already holds what the officer entered ({taken[s.gpc_ref]}): a suggestion never "
                "overwrites it; clear the line first to use the suggestion",
                code="value_entered",
                details=[Detail(("gpc_ref",), s.gpc_ref)],
            )
        row = inventories.put_line(
            user,
            inv,
            {
                "gpc_ref": s.gpc_ref,
                "value_tco2e": round(s.value, 3),
                "source": s.source_text,
                "explanation": f"Suggested by {s.dataset.short}: {s.method}"[:2000],
                "quality_activity": "low",
                "quality_factor": "low",
            },
            revision=revision,
        )
        inv = row.inventory
    _decide(user, s, SuggestionStatus.ACCEPTED, inv)
    return s, inv


@transaction.atomic
def reject(user: Actor, suggestion: Ref) -> Suggestion:
    """Leave the line as it is; the suggestion is not offered again for this version."""
    s, inv = _get(user, suggestion)
    _decide(user, s, SuggestionStatus.REJECTED, inv)
    return s


@dataclass
class SectorResult:
    inventory: Inventory
    accepted: list[Suggestion]
    skipped: list[tuple[str, str]]  # (gpc_ref, why)


@transaction.atomic
def accept_sector(
    user: Actor, inventory: Ref, sector: str, *, revision: int, dataset_id: int | None = None
) -> SectorResult:
    """Accept one open suggestion on every line of a GPC sector that is still empty (the preferred dataset
    when several suggest a line: the city's own sources first, or ``dataset_id``); all or nothing."""
    inv = inventories.get_inventory(user, inventory)
    _require_edit(user, inv)
    refs = [r for r, meta in gpc_refs().items() if meta.sector_code == sector]
    if not refs:
        raise NotFound(f"unknown GPC sector {sector!r}; use I, II, III, IV, V or VI")
    taken = taken_lines(inv)
    open_ = [s for s in _current(inv) if s.status == SuggestionStatus.OPEN and s.target == "line"]
    accepted: list[Suggestion] = []
    skipped: list[tuple[str, str]] = []
    current = inv
    rev = revision
    for ref in refs:
        offers = [s for s in open_ if s.gpc_ref == ref and (dataset_id is None or s.dataset_id == dataset_id)]
        if not offers:
            continue
        if ref in taken:
            skipped.append((ref, taken[ref]))
            continue
        best = min(offers, key=lambda s: (PREFERENCE.get(s.dataset.kind, 9), -s.dataset_id))
        done, current = accept(user, best, revision=rev)
        rev = current.revision
        accepted.append(done)
    return SectorResult(current, accepted, skipped)
