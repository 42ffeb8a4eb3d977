"""The public registry's read side for the faces: the shared queries (``registry.base.services.public``),
the features' (``registry.inventories.public``, ``registry.targets.public``), and what combines them: the
registry's summary and the directory."""

from __future__ import annotations

from dataclasses import dataclass

from localaction.registry.base.models import Jurisdiction
from localaction.registry.base.services.public import (
    current_published,
    directory_facets,
    fold,
    latest_stats,
    previous_version,
    published_of,
    recent_publications,
    review_queue,
)
from localaction.registry.inventories.models import Inventory
from localaction.registry.inventories.public import (
    PopulationUsed,
    emissions_of,
    inventory_series,
    latest_inventories,
    population_used,
    populations_used,
)
from localaction.registry.targets.models import Commitment, Target
from localaction.registry.targets.public import Progress, target_progress

__all__ = [
    "DirectoryRow",
    "PopulationUsed",
    "Progress",
    "Summary",
    "current_published",
    "directory_facets",
    "emissions_of",
    "fold",
    "inventory_series",
    "latest_inventories",
    "latest_stats",
    "population_used",
    "populations_used",
    "previous_version",
    "published_of",
    "recent_publications",
    "registry_summary",
    "review_queue",
    "search_jurisdictions",
    "target_progress",
]


@dataclass
class Summary:
    jurisdictions: int
    countries: int
    population: int
    inventories: int
    commitments: int
    emissions_tco2e: float


def registry_summary() -> Summary:
    """What the registry holds. Population: each jurisdiction's latest known population. Emissions: the sum
    of each jurisdiction's latest published BASIC (one year per jurisdiction, so nothing counts twice over
    time; parents and children are not netted against each other)."""
    jurs = Jurisdiction.objects.all()
    stats = latest_stats()
    latest = latest_inventories()
    return Summary(
        jurisdictions=jurs.count(),
        countries=jurs.values("country").distinct().count(),
        population=sum(s.population or 0 for s in stats.values()),
        inventories=current_published(Inventory.objects.all()).count(),
        commitments=current_published(Target.objects.all()).count()
        + current_published(Commitment.objects.all()).count(),
        emissions_tco2e=sum(emissions_of(inv) or 0.0 for inv in latest.values()),
    )


@dataclass
class DirectoryRow:
    jurisdiction: Jurisdiction
    population: int | None = None
    population_year: int | None = None
    inventory: Inventory | None = None
    population_used: PopulationUsed | None = None

    @property
    def emissions_tco2e(self) -> float | None:
        return emissions_of(self.inventory)


def search_jurisdictions(
    q: str = "",
    *,
    country: str = "",
    region: str = "",
    kind: str = "",
    population_min: int | None = None,
    population_max: int | None = None,
) -> list[DirectoryRow]:
    """Jurisdictions matching every given filter. ``q`` matches the name in its own script or in ASCII,
    ignoring case and accents (``sao paulo`` finds São Paulo), or the slug."""
    qs = Jurisdiction.objects.all()
    if country:
        qs = qs.filter(country=country.upper())
    if region:
        qs = qs.filter(region=region)
    if kind:
        qs = qs.filter(kind=kind)
    jurs = list(qs.order_by("name_ascii", "name"))
    needle = fold(q)
    if needle:
        jurs = [j for j in jurs if needle in fold(j.name) or needle in fold(j.name_ascii) or needle in j.slug]
    ids = [j.pk for j in jurs]
    latest = latest_inventories(ids)
    people = populations_used({j.pk: latest.get(j.pk) for j in jurs})  # as every per-person figure
    rows = []
    for j in jurs:
        used = people.get(j.pk)
        pop = used.value if used else None
        if population_min is not None and (pop is None or pop < population_min):
            continue
        if population_max is not None and (pop is None or pop > population_max):
            continue
        rows.append(DirectoryRow(j, pop, used.year if used else None, latest.get(j.pk), used))
    return rows
