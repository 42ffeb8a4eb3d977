"""Peer matching over registry rows, on a worked example (default weights: population 2, region 1,
climate zone 1, emissions per capita 1.5, sector mix 1, hazards 1, agendas 1).

Home: 1.0 M people, Europe, Cfb, agendas {low_carbon, ecomobile} (its profile).

| peer | facts | similarities | score |
|---|---|---|---|
| Twin | 1.0 M, Europe, Cfb, {low_carbon, ecomobile} | pop 1, region 1, climate 1, agendas 1 | 5/5 = 1.0 |
| Smalltown | 100 k, Europe, Cfa, {low_carbon} | pop 1 − 1/2 = 0.5, region 1, climate 0.5 (same group C), agendas 1/2 | (1 + 1 + 0.5 + 0.5) / 5 = 0.6 |
| Farcity | 1.0 M, Asia, Af, {ecomobile} from its network | pop 1, region 0, climate 0, agendas 1/2 | (2 + 0 + 0 + 0.5) / 5 = 0.5 |
| Tiny | 10 k only | one factor (< 2): left out | — |
"""

from __future__ import annotations

import pytest

from localaction.registry import services
from localaction.registry.base.access import SYSTEM
from localaction.registry.base.models import Jurisdiction
from localaction.registry.network.models import Profile
from localaction.registry.network.services import networks, peers


def _jur(
    slug: str, pop: int, region: str = "", zone: str = "", agendas: tuple[str, ...] = ()
) -> Jurisdiction:
    j = services.create_jurisdiction(
        SYSTEM, name=slug.title(), slug=slug, kind="city", country="DE", region=region, climate_zone=zone
    )
    services.set_stat(SYSTEM, j, year=2024, population=pop)
    if agendas:
        Profile.objects.create(jurisdiction=j, agendas=list(agendas))
    return j


@pytest.fixture
def example(db: None) -> Jurisdiction:
    home = _jur("home", 1_000_000, "Europe", "Cfb", ("low_carbon", "ecomobile"))
    _jur("twin", 1_000_000, "Europe", "Cfb", ("low_carbon", "ecomobile"))
    _jur("smalltown", 100_000, "Europe", "Cfa", ("low_carbon",))
    far = _jur("farcity", 1_000_000, "Asia", "Af")
    _jur("tiny", 10_000)
    net = networks.create_network(SYSTEM, slug="eco", name="Eco", agenda="ecomobile")
    services.grant_role(SYSTEM, services.create_user(SYSTEM, "far-editor"), far, "editor")
    from localaction.registry.base.models import User

    networks.join(User.objects.get(username="far-editor"), net, far)
    return home


def test_ranks_and_scores(example: Jurisdiction) -> None:
    got = [(p.jurisdiction.slug, round(p.match.score, 3)) for p in peers.peers_of(example)]
    assert got == [("twin", 1.0), ("smalltown", 0.6), ("farcity", 0.5)]  # tiny: one shared fact only


def test_reasons_strongest_first(example: Jurisdiction) -> None:
    small = peers.peers_of(example)[1]
    # contributions weight × similarity: population 2 × 0.5 = 1, region 1, climate 0.5, agendas 0.5
    assert [(r.factor, r.detail, round(r.similarity, 2)) for r in small.match.reasons] == [
        ("population", "100 k vs 1.0 M", 0.5),
        ("region", "both Europe", 1.0),
        ("climate_zone", "Cfa vs Cfb", 0.5),
        ("agendas", "shared: low_carbon", 0.5),
    ]
    far = peers.peers_of(example)[2]
    assert ("agendas", "shared: ecomobile") in [
        (r.factor, r.detail) for r in far.match.reasons
    ]  # network agenda


def test_limit(example: Jurisdiction) -> None:
    assert [p.jurisdiction.slug for p in peers.peers_of(example, limit=1)] == ["twin"]
