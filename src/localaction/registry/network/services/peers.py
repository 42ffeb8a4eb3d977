"""Peer matching over what the registry publishes: the facts of every live jurisdiction (population,
region, climate zone, its latest published inventory, published hazards, agendas of its profile, its
networks and its published actions), handed to the insights core's ``match_peers`` (not re-implemented)."""

from __future__ import annotations

from dataclasses import dataclass

from localaction.core.insights.matching import MatchWeights, PeerMatch, match_peers, profiles_from_facts
from localaction.core.insights.model import ActionFact, HazardFact, InventoryFact, JurisdictionFacts
from localaction.registry.actions.models import Action
from localaction.registry.base.models import Jurisdiction, JurisdictionStat
from localaction.registry.base.services.public import current_published
from localaction.registry.hazards.models import HazardAssessment
from localaction.registry.inventories.public import latest_inventories
from localaction.registry.network.models import NetworkMember, Profile


@dataclass
class Peer:
    jurisdiction: Jurisdiction
    match: PeerMatch


def facts() -> tuple[list[JurisdictionFacts], list[InventoryFact], list[HazardFact], list[ActionFact]]:
    jurs = list(Jurisdiction.objects.all())
    pops: dict[int, dict[int, float]] = {}
    for jid, year, pop in JurisdictionStat.objects.filter(population__isnull=False).values_list(
        "jurisdiction_id", "year", "population"
    ):
        if pop is not None:
            pops.setdefault(jid, {})[year] = float(pop)
    agendas: dict[int, set[str]] = {}
    for jid, codes in Profile.objects.values_list("jurisdiction_id", "agendas"):
        agendas.setdefault(jid, set()).update(codes or [])
    for jid, agenda in NetworkMember.objects.filter(
        status="member", network__deleted_at__isnull=True
    ).values_list("jurisdiction_id", "network__agenda"):
        if agenda:
            agendas.setdefault(jid, set()).add(agenda)
    jfacts = [
        JurisdictionFacts(
            id=str(j.pk),
            name=j.name,
            kind=j.kind,
            country=j.country,
            region=j.region,
            climate_zone=j.climate_zone,
            population=pops.get(j.pk, {}),
            agendas=tuple(sorted(agendas.get(j.pk, ()))),
        )
        for j in jurs
    ]
    inv_facts = []
    for jid, inv in latest_inventories().items():
        total = inv.basic_tco2e if inv.basic_tco2e is not None else inv.reported_basic_tco2e
        inv_facts.append(
            InventoryFact(
                jurisdiction_id=str(jid),
                year=inv.year,
                basic_tco2e=total,
                by_sector_tco2e={
                    k: float(v) for k, v in (inv.by_sector_tco2e or {}).items() if v is not None
                },
                population=inv.population,
            )
        )
    hazards = [
        HazardFact(jurisdiction_id=str(jid), hazard_type=t, hazard_subtype=s or "")
        for jid, t, s in current_published(HazardAssessment.objects.all()).values_list(
            "jurisdiction_id", "hazard_type", "hazard_subtype"
        )
    ]
    actions = [
        ActionFact(jurisdiction_id=str(jid), agenda=agenda)
        for jid, agenda in current_published(Action.objects.exclude(agenda="")).values_list(
            "jurisdiction_id", "agenda"
        )
    ]
    return jfacts, inv_facts, hazards, actions


def peers_of(
    jurisdiction: Jurisdiction, *, limit: int = 10, weights: MatchWeights | None = None
) -> list[Peer]:
    """The most similar jurisdictions, best first, each with the reasons (strongest first)."""
    jfacts, inv, haz, act = facts()
    profiles = profiles_from_facts(jfacts, inv, haz, act)
    matches = match_peers(str(jurisdiction.pk), profiles, weights=weights, limit=limit)
    rows = {
        str(j.pk): j for j in Jurisdiction.objects.filter(pk__in=[int(m.jurisdiction_id) for m in matches])
    }
    return [Peer(rows[m.jurisdiction_id], m) for m in matches if m.jurisdiction_id in rows]
