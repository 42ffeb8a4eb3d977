"""Read-side queries over published inventories: each jurisdiction's current inventory, its headline
number and its series over the years."""

from __future__ import annotations

from localaction.registry.base.access import Actor
from localaction.registry.base.models import Jurisdiction
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
