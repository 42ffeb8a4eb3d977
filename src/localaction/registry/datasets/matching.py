"""Which loaded figures are about a jurisdiction: by identifier (CDP account ``cdp_account``, Climate TRACE
source ``climate_trace`` or GHS-FUA ``ghs_fua``, UN/LOCODE, slug), else by name within its country (case,
accents and spacing folded); and the national figures of its country."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from django.db.models import Q, QuerySet

from localaction.registry.base.models import Jurisdiction, JurisdictionIdentifier
from localaction.registry.datasets.models import DatasetFigure


def fold(text: str) -> str:
    """``'São Paulo '`` → ``'sao paulo'`` (for names written in Latin script with or without accents)."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().replace("-", " ").split())


def identifiers(jur: Jurisdiction) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for scheme, value in JurisdictionIdentifier.objects.filter(jurisdiction=jur).values_list(
        "scheme", "value"
    ):
        out.setdefault(scheme, set()).add(value)
    return out


def city_figures(
    jur: Jurisdiction,
    *,
    kinds: Iterable[str],
    dataset_ids: Iterable[int] | None = None,
    measures: Iterable[str] | None = None,
) -> list[DatasetFigure]:
    """The figures about the city itself (not national), from datasets of ``kinds``."""
    ids = identifiers(jur)
    qs: QuerySet[DatasetFigure] = DatasetFigure.objects.filter(dataset__kind__in=list(kinds)).exclude(
        place_scheme=""
    )
    if dataset_ids is not None:
        qs = qs.filter(dataset_id__in=list(dataset_ids))
    if measures is not None:
        qs = qs.filter(measure__in=list(measures))
    by_id = Q(place_scheme="slug", place_id=jur.slug)
    if jur.unlocode:
        by_id |= Q(place_scheme="unlocode", place_id=jur.unlocode.upper())
    for scheme in ("cdp_account", "climate_trace"):
        if ids.get(scheme):
            by_id |= Q(place_scheme=scheme, place_id__in=sorted(ids[scheme]))
    if ids.get("ghs_fua"):
        by_id |= Q(place_scheme="climate_trace", place_ref__in=sorted(ids["ghs_fua"]))
    found = list(qs.filter(by_id).select_related("dataset"))
    # By name within the country, for the schemes where the city has no identifier of its own.
    names = {fold(jur.name), fold(jur.name_ascii)} - {""}
    schemes = ["name"] + [s for s in ("cdp_account", "climate_trace") if not ids.get(s)]
    seen = {f.pk for f in found}
    for f in qs.filter(country=jur.country, place_scheme__in=schemes).select_related("dataset"):
        if f.pk not in seen and fold(f.place_name) in names:
            found.append(f)
    return found


def national_figures(
    country: str,
    *,
    kinds: Iterable[str],
    dataset_ids: Iterable[int] | None = None,
    measures: Iterable[str] | None = None,
) -> QuerySet[DatasetFigure]:
    qs = DatasetFigure.objects.filter(dataset__kind__in=list(kinds), country=country, place_scheme="")
    if dataset_ids is not None:
        qs = qs.filter(dataset_id__in=list(dataset_ids))
    if measures is not None:
        qs = qs.filter(measure__in=list(measures))
    return qs.select_related("dataset")
