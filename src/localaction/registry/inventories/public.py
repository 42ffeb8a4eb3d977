"""Read-side queries over published inventories: each jurisdiction's current inventory, its headline
number and its series over the years."""

from __future__ import annotations

from dataclasses import dataclass

from localaction.registry.base.access import Actor
from localaction.registry.base.models import Jurisdiction, JurisdictionStat
from localaction.registry.base.services.public import current_published
from localaction.registry.inventories.models import Inventory


def latest_inventories(jurisdiction_ids: list[int] | None = None) -> dict[int, Inventory]:
    """Each jurisdiction's current published inventory of its latest year."""
    qs = current_published(Inventory.objects.all())
    if jurisdiction_ids is not None:
        qs = qs.filter(jurisdiction_id__in=jurisdiction_ids)
    out: dict[int, Inventory] = {}
    for inv in qs.order_by("jurisdiction_id", "year", "version"):
        out[inv.jurisdiction_id] = inv
    return out


def emissions_of(inv: Inventory | None) -> float | None:
    """The headline number of an inventory: BASIC as computed, else the BASIC the source reported, else the
    source's own headline total (CDP's "total city-wide emissions", whatever it covers)."""
    if inv is None:
        return None
    for value in (inv.basic_tco2e, inv.reported_basic_tco2e, getattr(inv, "reported_total_tco2e", None)):
        if value is not None:
            return float(value)
    return None


def inventory_series(user: Actor, jurisdiction: Jurisdiction) -> list[Inventory]:
    """The current published inventory of each year, oldest first (the trend)."""
    del user  # the trend is public data only, whoever asks
    qs = current_published(Inventory.objects.filter(jurisdiction=jurisdiction)).order_by("year", "version")
    by_year: dict[int, Inventory] = {}
    for inv in qs:
        by_year[inv.year] = inv
    return [by_year[y] for y in sorted(by_year)]


def earlier_year(inv: Inventory) -> Inventory | None:
    """The jurisdiction's latest published inventory of an earlier year (what a reviewer compares with)."""
    return (
        current_published(Inventory.objects.filter(jurisdiction_id=inv.jurisdiction_id, year__lt=inv.year))
        .order_by("-year", "-version")
        .first()
    )


# --- the population behind a per-person figure: one rule for every page ----------------------------------

FROM_INVENTORY = "as given in the inventory"


@dataclass(frozen=True)
class PopulationUsed:
    """The population a per-person figure divides by, with the year it is for and where it comes from."""

    value: int
    year: int
    source: str  # the registry figure's source, or FROM_INVENTORY

    def per_person(self, total: float | None) -> float | None:
        return total / self.value if total is not None and self.value else None


def populations_used(rows: dict[int, Inventory | None]) -> dict[int, PopulationUsed | None]:
    """For each jurisdiction id, the population its per-person figure uses (``rows``: the jurisdiction's
    inventory shown, or None): the inventory's own population for its year; else the registry's figure for
    the inventory's year; else (no inventory) the registry's latest figure. Every page that shows a
    per-person figure or a population beside one (jurisdiction, inventory, directory, compare, network)
    asks this, so they agree. One query."""
    stats: dict[int, dict[int, JurisdictionStat]] = {}
    for stat in JurisdictionStat.objects.filter(
        jurisdiction_id__in=list(rows), population__isnull=False
    ).order_by("jurisdiction_id", "year"):
        stats.setdefault(stat.jurisdiction_id, {})[stat.year] = stat
    out: dict[int, PopulationUsed | None] = {}
    for jid, inv in rows.items():
        known = stats.get(jid, {})
        found: PopulationUsed | None = None
        if inv is not None and inv.population:
            found = PopulationUsed(int(inv.population), inv.year, FROM_INVENTORY)
        elif inv is not None and inv.year in known:
            s = known[inv.year]
            found = PopulationUsed(int(s.population or 0), s.year, s.source or "registry")
        elif inv is None and known:
            s = known[max(known)]
            found = PopulationUsed(int(s.population or 0), s.year, s.source or "registry")
        out[jid] = found
    return out


def population_used(inv: Inventory) -> PopulationUsed | None:
    """``populations_used`` for one inventory."""
    return populations_used({inv.jurisdiction_id: inv})[inv.jurisdiction_id]
