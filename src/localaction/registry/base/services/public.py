"""Read-side queries over what the registry publishes, shared by every kind: the directory's facets, each
jurisdiction's latest population, recent publications, what a reviewer compares against, the review queue.

Visibility is the access module's (``access.public`` / ``access.visible_to``); nothing here writes. The
feature-specific reads are in each feature (``registry.inventories.public``, ``registry.targets.public``);
``registry.services.public`` offers them all to the faces.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from django.db.models import QuerySet

from localaction.registry.base import access, kinds
from localaction.registry.base.access import Actor
from localaction.registry.base.models import Jurisdiction, JurisdictionStat, State, Submission


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


def recent_publications(limit: int = 8, model: type[Submission] | None = None) -> list[Submission]:
    """The latest published versions of any kind (or of ``model`` only), newest first."""
    rows: list[Submission] = []
    for m in [model] if model is not None else kinds.models():
        qs = access.public(m.objects.select_related("jurisdiction")).order_by("-published_at")
        rows += list(qs[:limit])
    rows.sort(key=lambda r: (r.published_at is not None, r.published_at), reverse=True)
    return rows[:limit]


def directory_facets() -> dict[str, list[str]]:
    """The countries, regions and kinds present (for the directory's filters)."""
    jurs = Jurisdiction.objects.all()
    return {
        "countries": sorted(set(jurs.values_list("country", flat=True))),
        "regions": sorted({r for r in jurs.values_list("region", flat=True) if r}),
        "kinds": sorted(set(jurs.values_list("kind", flat=True))),
    }


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
    before = kinds.of(obj).earlier_year
    if found is not None or before is None:
        return found
    return before(obj)  # type: ignore[no-any-return]


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
    for k in kinds.all_kinds():
        model = k.model
        if kind and kind not in (k.slug, model._meta.model_name):
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
