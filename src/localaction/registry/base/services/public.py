"""Read-side queries over what the registry publishes: the registry's summary, recent publications, the
directory search, a jurisdiction's current inventories, and target progress.

Visibility is the access module's (``access.public`` / ``access.visible_to``); nothing here writes.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from localaction.registry.actions.models import Action
from localaction.registry.base import access
from localaction.registry.base.access import Actor
from localaction.registry.base.models import Jurisdiction, JurisdictionStat, State, Submission
from localaction.registry.frameworks.models import FrameworkReport
from localaction.registry.hazards.models import HazardAssessment
from localaction.registry.inventories.models import Inventory
from localaction.registry.targets.models import Commitment, Target, TargetKind
from localaction.registry.targets.services import series_progress

SUBMISSION_MODELS: tuple[type[Submission], ...] = (
    Inventory,
    Target,
    Commitment,
    Action,
    HazardAssessment,
    FrameworkReport,
)


def fold(text: str) -> str:
    """Text for accent- and case-insensitive matching in any script: ``São`` → ``sao``, ``서울`` stays."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold().strip()


def current_published(qs: QuerySet[Any]) -> QuerySet[Any]:
    """Published versions that no correction has replaced."""
    return access.public(qs).filter(superseded_at__isnull=True)


def latest_stats(jurisdiction_ids: list[int] | None = None) -> dict[int, JurisdictionStat]:
    """Each jurisdiction's latest year with a population."""
    qs = JurisdictionStat.objects.filter(population__isnull=False)
    if jurisdiction_ids is not None:
        qs = qs.filter(jurisdiction_id__in=jurisdiction_ids)
    out: dict[int, JurisdictionStat] = {}
    for stat in qs.order_by("jurisdiction_id", "year"):
        out[stat.jurisdiction_id] = stat
    return out


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


def recent_publications(limit: int = 8) -> list[Submission]:
    """The latest published versions of any kind, newest first."""
    rows: list[Submission] = []
    for model in SUBMISSION_MODELS:
        qs = access.public(model.objects.select_related("jurisdiction")).order_by("-published_at")
        rows += list(qs[:limit])
    rows.sort(key=lambda r: (r.published_at is not None, r.published_at), reverse=True)
    return rows[:limit]


@dataclass
class DirectoryRow:
    jurisdiction: Jurisdiction
    population: int | None = None
    population_year: int | None = None
    inventory: Inventory | None = None

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
    stats = latest_stats(ids)
    latest = latest_inventories(ids)
    rows = []
    for j in jurs:
        stat = stats.get(j.pk)
        pop = stat.population if stat else None
        if population_min is not None and (pop is None or pop < population_min):
            continue
        if population_max is not None and (pop is None or pop > population_max):
            continue
        rows.append(DirectoryRow(j, pop, stat.year if stat else None, latest.get(j.pk)))
    return rows


def directory_facets() -> dict[str, list[str]]:
    """The countries, regions and kinds present (for the directory's filters)."""
    jurs = Jurisdiction.objects.all()
    return {
        "countries": sorted(set(jurs.values_list("country", flat=True))),
        "regions": sorted({r for r in jurs.values_list("region", flat=True) if r}),
        "kinds": sorted(set(jurs.values_list("kind", flat=True))),
    }


def inventory_series(user: Actor, jurisdiction: Jurisdiction) -> list[Inventory]:
    """The current published inventory of each year, oldest first (the trend)."""
    del user  # the trend is public data only, whoever asks
    qs = current_published(Inventory.objects.filter(jurisdiction=jurisdiction)).order_by("year", "version")
    by_year: dict[int, Inventory] = {}
    for inv in qs:
        by_year[inv.year] = inv
    return [by_year[y] for y in sorted(by_year)]


def published_of(model: type[Submission], jurisdiction: Jurisdiction) -> QuerySet[Any]:
    return current_published(model.objects.filter(jurisdiction=jurisdiction))


def previous_version(user: Actor, obj: Submission) -> Submission | None:
    """What a reviewer compares against: the version before in the same series, else (inventories) the
    jurisdiction's latest published inventory of an earlier year."""
    model = type(obj)
    earlier = access.visible_to(
        user, model.all_objects.filter(series=obj.series, version__lt=obj.version)
    ).order_by("-version")
    found = earlier.first()
    if found is not None or not isinstance(obj, Inventory):
        return found
    return (
        current_published(Inventory.objects.filter(jurisdiction_id=obj.jurisdiction_id, year__lt=obj.year))
        .order_by("-year", "-version")
        .first()
    )


@dataclass
class Progress:
    base_year: int
    base_tco2e: float
    target_year: int
    target_tco2e: float
    latest_year: int | None
    latest_tco2e: float | None
    achieved_pct: float | None  # share of the planned reduction achieved so far
    expected_tco2e: float | None  # the straight line from base to target, at the latest year
    on_track: bool | None
    unit: str = "tCO2e"


def _target_level(target: Target, base: float) -> float | None:
    if target.target_emissions_tco2e is not None:
        return target.target_emissions_tco2e
    if target.kind == TargetKind.NET_ZERO:
        return 0.0
    if target.kind == TargetKind.BASELINE_SCENARIO:
        if target.bau_emissions_tco2e is None or target.reduction_pct is None:
            return None
        return target.bau_emissions_tco2e * (1 - target.reduction_pct / 100)
    if target.reduction_pct is None:
        return None
    return base * (1 - target.reduction_pct / 100)


def _per_capita(inv: Inventory) -> float | None:
    value = emissions_of(inv)
    return value / inv.population if value is not None and inv.population else None


def target_progress(target: Target, series: list[Inventory]) -> Progress | None:
    """Progress of a target against the given inventories, computed by the targets core (coverage-aware:
    None when the inventories do not measure what the target covers; see services.targets)."""
    tp = series_progress(target, series)
    m = tp.target
    if m.result != "comparable":
        return None
    return Progress(
        base_year=m.base_year,
        base_tco2e=m.base_value,
        target_year=m.milestone_year,
        target_tco2e=m.target_value,
        latest_year=m.latest_year if m.latest_year > m.base_year else None,
        latest_tco2e=m.latest_value if m.latest_year > m.base_year else None,
        achieved_pct=m.progress_pct if m.latest_year > m.base_year else None,
        expected_tco2e=m.expected_value,
        on_track=m.on_track if m.latest_year > m.base_year else None,
        unit=tp.unit,
    )


def review_queue(
    user: Actor,
    *,
    states: list[str] | None = None,
    kind: str = "",
    country: str = "",
    q: str = "",
) -> list[Submission]:
    """Submissions ``user`` may see in the given states (default: the ones waiting for the secretariat),
    oldest submission first."""
    wanted = states or [State.SUBMITTED, State.VALIDATED, State.VERIFIED]
    rows: list[Submission] = []
    needle = fold(q)
    for model in SUBMISSION_MODELS:
        if kind and model._meta.model_name != kind:
            continue
        qs = access.visible_to(user, model.objects.select_related("jurisdiction")).filter(state__in=wanted)
        if country:
            qs = qs.filter(jurisdiction__country=country.upper())
        rows += [
            r
            for r in qs
            if not needle or needle in fold(r.jurisdiction.name) or needle in fold(r.jurisdiction.name_ascii)
        ]
    rows.sort(key=lambda r: (r.submitted_at is None, r.submitted_at or r.updated_at))
    return rows
