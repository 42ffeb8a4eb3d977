"""Peer matching: for one jurisdiction, a ranked list of similar ones, with the reasons for each match.

Each factor gives a similarity in [0, 1]; the score is the weighted mean over the factors known for both
(weights are data: ``MatchWeights``). Factors:

- population: 1 - |log10(a / b)| / 2 (equal = 1, ten times apart = 0.5, a hundred times = 0);
- region, climate zone: equal = 1; climate zones sharing the Köppen main group (first letter) = 0.5; else 0;
- emissions per capita: 1 - |ln(a / b)| / ln 4 (four times apart = 0), both positive;
- sector mix: 1 - half the sum of absolute differences of the sector shares (1 = identical mix);
- hazards, agendas: shared / all named by either (Jaccard).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict, Field

from localaction.core.insights.model import ActionFact, HazardFact, InventoryFact, JurisdictionFacts


class MatchWeights(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    population: float = Field(default=2.0, ge=0)
    region: float = Field(default=1.0, ge=0)
    climate_zone: float = Field(default=1.0, ge=0)
    emissions_per_capita: float = Field(default=1.5, ge=0)
    sector_mix: float = Field(default=1.0, ge=0)
    hazards: float = Field(default=1.0, ge=0)
    agendas: float = Field(default=1.0, ge=0)


class PeerProfile(BaseModel):
    """What matching looks at for one jurisdiction (built by ``profiles_from_facts``)."""

    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    population: float | None = None
    region: str = ""
    climate_zone: str = ""
    emissions_per_capita: float | None = None  # tCO2e/person, BASIC, latest inventory
    sector_shares: dict[str, float] = Field(default_factory=dict)  # sector code -> share of the level total
    hazards: frozenset[str] = frozenset()
    agendas: frozenset[str] = frozenset()


class MatchReason(BaseModel):
    model_config = ConfigDict(frozen=True)

    factor: str
    detail: str  # e.g. "1.2 M vs 1.0 M"
    similarity: float  # 0 … 1
    weight: float

    def as_dict(self) -> dict[str, object]:
        return {"factor": self.factor, "detail": self.detail, "similarity": round(self.similarity, 3)}


class PeerMatch(BaseModel):
    jurisdiction_id: str
    name: str
    score: float  # weighted mean similarity, 0 … 1
    reasons: list[MatchReason]  # strongest contribution first


def _people(x: float) -> str:
    if x >= 1e6:
        return f"{x / 1e6:.1f} M"
    if x >= 1e3:
        return f"{x / 1e3:.0f} k"
    return f"{x:.0f}"


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b)


def _factors(me: PeerProfile, other: PeerProfile) -> list[tuple[str, float, str]]:
    out: list[tuple[str, float, str]] = []
    if me.population and other.population and me.population > 0 and other.population > 0:
        s = max(0.0, 1.0 - abs(math.log10(other.population / me.population)) / 2.0)
        out.append(("population", s, f"{_people(other.population)} vs {_people(me.population)}"))
    if me.region and other.region:
        same = me.region == other.region
        out.append(("region", float(same), f"both {me.region}" if same else f"{other.region} vs {me.region}"))
    if me.climate_zone and other.climate_zone:
        a, b = me.climate_zone, other.climate_zone
        s = 1.0 if a == b else 0.5 if a[0].upper() == b[0].upper() else 0.0
        out.append(("climate_zone", s, f"both {a}" if a == b else f"{b} vs {a}"))
    ea, eb = me.emissions_per_capita, other.emissions_per_capita
    if ea and eb and ea > 0 and eb > 0:
        s = max(0.0, 1.0 - abs(math.log(eb / ea)) / math.log(4.0))
        out.append(("emissions_per_capita", s, f"{eb:.1f} vs {ea:.1f} tCO2e/person"))
    if me.sector_shares and other.sector_shares:
        keys = set(me.sector_shares) | set(other.sector_shares)
        tv = 0.5 * sum(abs(me.sector_shares.get(k, 0.0) - other.sector_shares.get(k, 0.0)) for k in keys)
        top = max(other.sector_shares, key=lambda k: other.sector_shares[k])
        detail = (
            f"mix {100 * (1 - tv):.0f} % alike; sector {top} "
            f"{100 * other.sector_shares[top]:.0f} % vs {100 * me.sector_shares.get(top, 0.0):.0f} %"
        )
        out.append(("sector_mix", max(0.0, 1.0 - tv), detail))
    for factor, a_set, b_set in (
        ("hazards", me.hazards, other.hazards),
        ("agendas", me.agendas, other.agendas),
    ):
        if a_set and b_set:
            shared = sorted(a_set & b_set)
            detail = (
                ("shared: " + ", ".join(shared[:3]) + (" …" if len(shared) > 3 else ""))
                if shared
                else "none shared"
            )
            out.append((factor, _jaccard(a_set, b_set), detail))
    return out


def match_peers(
    jurisdiction_id: str,
    profiles: Sequence[PeerProfile],
    weights: MatchWeights | None = None,
    limit: int = 10,
    min_factors: int = 2,
) -> list[PeerMatch]:
    """The ``limit`` most similar jurisdictions, best first (ties by id). A candidate compared on fewer
    than ``min_factors`` factors is left out: one shared fact is not a match."""
    weights = weights or MatchWeights()
    w = weights.model_dump()
    me = next((p for p in profiles if p.id == jurisdiction_id), None)
    if me is None:
        return []
    scored: list[tuple[float, str, PeerProfile, list[tuple[str, float, str]]]] = []
    for other in profiles:
        if other.id == me.id:
            continue
        facts = [(f, s, d) for f, s, d in _factors(me, other) if w[f] > 0]
        if len(facts) < min_factors:
            continue
        score = sum(w[f] * s for f, s, _ in facts) / sum(w[f] for f, _, _ in facts)
        scored.append((-score, other.id, other, facts))
    scored.sort(key=lambda t: (t[0], t[1]))
    # Models only for the few returned: building them for every candidate dominated the time.
    return [
        PeerMatch(
            jurisdiction_id=other.id,
            name=other.name,
            score=-neg,
            reasons=[
                MatchReason(factor=f, detail=d, similarity=s, weight=w[f])
                for f, s, d in sorted(facts, key=lambda x: -x[1] * w[x[0]])
            ],
        )
        for neg, _, other, facts in scored[:limit]
    ]


def profiles_from_facts(
    jurisdictions: Sequence[JurisdictionFacts],
    inventories: Sequence[InventoryFact] = (),
    hazards: Sequence[HazardFact] = (),
    actions: Sequence[ActionFact] = (),
    year: int | None = None,
) -> list[PeerProfile]:
    """Profiles as of ``year`` (default: everything): the latest inventory up to then, hazard types named,
    agendas pursued (the jurisdiction's own and its actions')."""
    latest: dict[str, InventoryFact] = {}
    for f in inventories:
        if (year is None or f.year <= year) and (
            f.jurisdiction_id not in latest or f.year > latest[f.jurisdiction_id].year
        ):
            latest[f.jurisdiction_id] = f
    haz: dict[str, set[str]] = {}
    for h in hazards:
        if year is None or h.year is None or h.year <= year:
            haz.setdefault(h.jurisdiction_id, set()).add(h.hazard_subtype or h.hazard_type)
    ag: dict[str, set[str]] = {}
    for a in actions:
        if a.agenda:
            ag.setdefault(a.jurisdiction_id, set()).add(a.agenda)
    out = []
    for j in jurisdictions:
        inv = latest.get(j.id)
        pop = (
            j.population_in(year, 100)
            if year is not None
            else (j.population[max(j.population)] if j.population else None)
        )
        per_capita = None
        shares: dict[str, float] = {}
        if inv is not None:
            den = inv.population or j.population_in(inv.year, 2)
            if inv.basic_tco2e is not None and den:
                per_capita = inv.basic_tco2e / den
            total = sum(v for v in inv.by_sector_tco2e.values() if v > 0)
            if total > 0:
                shares = {k: max(v, 0.0) / total for k, v in inv.by_sector_tco2e.items()}
        out.append(
            PeerProfile(
                id=j.id,
                name=j.name,
                population=pop,
                region=j.region,
                climate_zone=j.climate_zone,
                emissions_per_capita=per_capita,
                sector_shares=shares,
                hazards=frozenset(haz.get(j.id, ())),
                agendas=frozenset(set(j.agendas) | ag.get(j.id, set())),
            )
        )
    return out
