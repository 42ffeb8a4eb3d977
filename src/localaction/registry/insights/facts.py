"""Registry → insights facts: one query per table (``values_list``, no per-row queries), published and
current versions only (``state = published``, not superseded, not soft-deleted).

Jurisdictions are keyed by their slug (stable across exports). Totals-only imports (CDP) carry no computed
totals, so each total falls back to the source's reported figure of the same coverage; a headline total
whose coverage the source states as BASIC counts as BASIC, any other headline total is left out (never
guessed). Free-text boundaries map to a boundary kind by ``BOUNDARY_KINDS``; unknown text gives "".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Max, Q

from localaction.core.insights import (
    ActionFact,
    HazardFact,
    IndicatorFact,
    InventoryFact,
    JurisdictionFacts,
    RegistryTables,
    TargetFact,
    tables_from_facts,
)
from localaction.core.inventory.model import Level
from localaction.registry.actions.models import Action
from localaction.registry.base.models import Jurisdiction, JurisdictionStat, State
from localaction.registry.hazards.models import HazardAssessment
from localaction.registry.inventories.models import Inventory
from localaction.registry.targets.models import Commitment, Target

#: (words in the boundary text, lower case, → kind), first match wins. CDP's 2019 wording compares the
#: boundary with the city's: "Same" is the administrative area, "Larger" a metropolitan one.
BOUNDARY_KINDS: tuple[tuple[str, str], ...] = (
    ("metropolitan", "metropolitan"),
    ("larger", "metropolitan"),
    ("administrative", "administrative"),
    ("same", "administrative"),
    ("geopolitical", "administrative"),
    ("jurisdictional control", "administrative"),
    ("combination", "combined"),
    ("smaller", "partial"),
    ("partial", "partial"),
)


def boundary_kind(text: str) -> str:
    low = text.lower()
    for words, kind in BOUNDARY_KINDS:
        if words in low:
            return kind
    return ""


def _live_published(model: Any) -> Any:
    return model.objects.filter(
        state=State.PUBLISHED, superseded_at__isnull=True, jurisdiction__deleted_at=None
    )


def _first(*values: float | None) -> float | None:
    return next((v for v in values if v is not None), None)


@dataclass
class RegistryFacts:
    jurisdictions: list[JurisdictionFacts]
    inventories: list[InventoryFact]
    targets: list[TargetFact] = field(default_factory=list)
    actions: list[ActionFact] = field(default_factory=list)
    hazards: list[HazardFact] = field(default_factory=list)
    indicators: list[IndicatorFact] = field(default_factory=list)  # published framework reports
    names: dict[str, str] = field(default_factory=dict)  # slug -> display name
    sources: dict[tuple[str, int], str] = field(default_factory=dict)  # (slug, year) -> data source
    inventory_pks: dict[tuple[str, int], int] = field(
        default_factory=dict
    )  # (slug, year) -> the version's pk

    def tables(self) -> RegistryTables:
        return tables_from_facts(
            self.jurisdictions, self.inventories, self.targets, self.actions, self.hazards, self.indicators
        )

    def jurisdiction(self, slug: str) -> JurisdictionFacts | None:
        return next((j for j in self.jurisdictions if j.id == slug), None)


def _jurisdictions() -> tuple[list[JurisdictionFacts], dict[int, str]]:
    rows = list(
        Jurisdiction.objects.values_list(
            "pk", "slug", "name", "kind", "country", "region", "climate_zone", "parent_id"
        ).order_by("slug")
    )
    slug = {r[0]: r[1] for r in rows}
    pops: dict[int, dict[int, float]] = {}
    for jid, year, pop in JurisdictionStat.objects.filter(population__isnull=False).values_list(
        "jurisdiction_id", "year", "population"
    ):
        pops.setdefault(jid, {})[int(year)] = float(pop or 0)
    facts = [
        JurisdictionFacts(
            id=s,
            name=name,
            kind=kind,
            country=country,
            region=region,
            climate_zone=climate,
            population=pops.get(pk, {}),
            parent_id=slug.get(parent) if parent else None,
        )
        for pk, s, name, kind, country, region, climate, parent in rows
    ]
    return facts, slug


_INV_COLUMNS = (
    "jurisdiction_id", "year", "level", "boundary", "gwp_set", "basic_tco2e", "basic_plus_tco2e",
    "territorial_tco2e", "reported_basic_tco2e", "reported_basic_plus_tco2e", "reported_territorial_tco2e",
    "reported_scope1_tco2e", "reported_total_tco2e", "reported_total_scope", "by_sector_tco2e", "population",
    "verification_status", "reporting_year", "published_at", "version", "pk", "data_source",
)  # fmt: skip


def _inventories(
    slug: dict[int, str],
) -> tuple[list[InventoryFact], dict[tuple[str, int], str], dict[tuple[str, int], int]]:
    """One inventory per jurisdiction and year: the most recently reported when a source reported the same
    year twice (CDP files of successive years repeat an accounting year)."""
    best: dict[tuple[int, int], tuple[Any, ...]] = {}
    for r in _live_published(Inventory).values_list(*_INV_COLUMNS):
        row = dict(zip(_INV_COLUMNS, r, strict=True))
        key = (row["jurisdiction_id"], row["year"])
        rank = (
            row["reporting_year"] or 0,
            row["published_at"] or dt.datetime.min.replace(tzinfo=dt.UTC),
            row["pk"],
        )
        if key not in best or rank > best[key][0]:
            best[key] = (rank, row)
    facts, sources, pks = [], {}, {}
    for (jid, year), (_rank, row) in sorted(best.items(), key=lambda kv: (slug[kv[0][0]], kv[0][1])):
        scope = (row["reported_total_scope"] or "").lower()
        headline_basic = row["reported_total_tco2e"] if "basic" in scope and "basic+" not in scope else None
        facts.append(
            InventoryFact(
                jurisdiction_id=slug[jid],
                year=int(year),
                level=Level(row["level"]),
                boundary=boundary_kind(row["boundary"] or ""),
                gwp_set=row["gwp_set"] or "",
                basic_tco2e=_first(row["basic_tco2e"], row["reported_basic_tco2e"], headline_basic),
                basic_plus_tco2e=_first(row["basic_plus_tco2e"], row["reported_basic_plus_tco2e"]),
                territorial_tco2e=_first(
                    row["territorial_tco2e"], row["reported_territorial_tco2e"], row["reported_scope1_tco2e"]
                ),
                by_sector_tco2e={
                    str(k): float(v) for k, v in (row["by_sector_tco2e"] or {}).items() if v is not None
                },
                population=row["population"],
                verification=row["verification_status"],
            )
        )
        sources[(slug[jid], int(year))] = row["data_source"]
        pks[(slug[jid], int(year))] = row["pk"]
    return facts, sources, pks


def _year(d: Any) -> int | None:
    return d.year if d is not None else None


def _targets(slug: dict[int, str]) -> list[TargetFact]:
    cols = ("jurisdiction_id", "series", "kind", "base_year", "base_emissions_tco2e", "target_year",
            "reduction_pct", "target_emissions_tco2e", "year_introduced", "aligned_1_5c", "verification_status")  # fmt: skip
    out = []
    for r in _live_published(Target).values_list(*cols).order_by("pk"):
        row = dict(zip(cols, r, strict=True))
        row["jurisdiction_id"], row["target_id"] = slug[r[0]], str(row.pop("series"))
        row["verification"] = row.pop("verification_status")
        out.append(TargetFact(**row))
    out += [
        TargetFact(jurisdiction_id=slug[j], target_id=str(s), kind=k, year_introduced=y, verification=v)
        for j, s, k, y, v in _live_published(Commitment)
        .values_list("jurisdiction_id", "series", "kind", "year_introduced", "verification_status")
        .order_by("pk")
    ]
    return out


def _actions(slug: dict[int, str]) -> list[ActionFact]:
    cols = ("jurisdiction_id", "series", "title", "agenda", "gpc_sectors", "action_type", "status",
            "start_date", "cost", "currency", "funding_source", "reduction_tco2e_per_yr", "co_benefits")  # fmt: skip
    out = []
    for r in _live_published(Action).values_list(*cols).order_by("pk"):
        row = dict(zip(cols, r, strict=True))
        out.append(
            ActionFact(
                jurisdiction_id=slug[row["jurisdiction_id"]],
                action_id=str(row["series"]),
                title=row["title"],
                agenda=row["agenda"],
                gpc_sectors=tuple(str(x) for x in row["gpc_sectors"] or ()),
                action_type=row["action_type"],
                status=row["status"],
                start_year=_year(row["start_date"]),
                cost=float(row["cost"]) if row["cost"] is not None else None,
                currency=row["currency"],
                funding_source=row["funding_source"],
                reduction_tco2e_per_yr=row["reduction_tco2e_per_yr"],
                co_benefits=tuple(str(x) for x in row["co_benefits"] or ()),
            )
        )
    return out


def _hazards(slug: dict[int, str]) -> list[HazardFact]:
    # An assessment has no year of its own: the year it was submitted (else published) stands for it.
    cols = ("jurisdiction_id", "hazard_type", "hazard_subtype", "probability", "magnitude", "submitted_at",
            "published_at")  # fmt: skip
    return [
        HazardFact(
            jurisdiction_id=slug[j],
            year=_year(sub or pub),
            hazard_type=t,
            hazard_subtype=st,
            probability=p,
            magnitude=m,
        )
        for j, t, st, p, m, sub, pub in _live_published(HazardAssessment).values_list(*cols).order_by("pk")
    ]


def _indicators(slug: dict[int, str]) -> list[IndicatorFact]:
    """Published framework reports as indicator facts: each answered indicator's value (the number its bands
    apply to) and, for scored frameworks, the total score as indicator ``score``."""
    from localaction.core.errors import NotFound
    from localaction.core.frameworks import get_framework
    from localaction.core.frameworks.model import Better
    from localaction.registry.frameworks.models import FrameworkReport

    cols = (
        "jurisdiction_id",
        "framework_id",
        "edition",
        "year",
        "scores",
        "score_total",
        "verification_status",
    )
    out: list[IndicatorFact] = []
    for j, fid, edition, year, scores, total, verification in (
        _live_published(FrameworkReport).values_list(*cols).order_by("pk")
    ):
        try:
            fw = get_framework(fid, edition or None)
        except NotFound:  # a framework file since removed: nothing to say about its indicators
            continue
        lower = {i.id for s in fw.sections for i in s.indicators if i.better == Better.LOWER}
        common = {"jurisdiction_id": slug[j], "framework": fid, "year": int(year), "theme": fw.theme,
                  "verification": verification}  # fmt: skip
        if total is not None:
            out.append(IndicatorFact(indicator="score", value=float(total), **common))
        for item in (scores or {}).get("indicators", []):
            if item.get("scored_value") is not None:
                out.append(IndicatorFact(indicator=item["id"], value=float(item["scored_value"]),
                                         higher_is_better=item["id"] not in lower, **common))  # fmt: skip
    return out


def load_facts() -> RegistryFacts:
    """Everything published, as facts. About one query per table."""
    jurisdictions, slug = _jurisdictions()
    inventories, sources, pks = _inventories(slug)
    return RegistryFacts(
        jurisdictions=jurisdictions,
        inventories=inventories,
        targets=_targets(slug),
        actions=_actions(slug),
        hazards=_hazards(slug),
        indicators=_indicators(slug),
        names={j.id: j.name for j in jurisdictions},
        sources=sources,
        inventory_pks=pks,
    )


def fingerprint() -> str:
    """Changes whenever published data may have changed: counts and latest write of every source table
    (a publication, correction, soft delete or edit of a jurisdiction moves one of them)."""
    parts = []
    for model in (Jurisdiction, JurisdictionStat):
        agg = model.all_objects.aggregate(
            n=Count("pk"), at=Max("updated_at"), gone=Count("pk", filter=Q(deleted_at__isnull=False))
        )
        parts.append(f"{agg['n']}:{agg['gone']}:{agg['at']}")
    from localaction.registry.frameworks.models import FrameworkReport

    for sub in (Inventory, Target, Commitment, Action, HazardAssessment, FrameworkReport):
        agg = sub.all_objects.filter(state=State.PUBLISHED).aggregate(
            n=Count("pk"), at=Max("updated_at"), gone=Count("pk", filter=Q(deleted_at__isnull=False)),
            sup=Count("pk", filter=Q(superseded_at__isnull=False)),
        )  # fmt: skip
        parts.append(f"{agg['n']}:{agg['gone']}:{agg['sup']}:{agg['at']}")
    return "|".join(parts)
