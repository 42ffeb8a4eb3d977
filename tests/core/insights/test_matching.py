"""Peer matching with reasons."""

from __future__ import annotations

import pytest

from localaction.core.insights import (
    HazardFact,
    InventoryFact,
    JurisdictionFacts,
    MatchWeights,
    PeerProfile,
    match_peers,
    profiles_from_facts,
)


def test_match_worked_example() -> None:
    me = PeerProfile(
        id="me", name="Me", population=1.0e6, region="Europe", climate_zone="Cfb", emissions_per_capita=4.0
    )
    twin = PeerProfile(
        id="twin",
        name="Twin",
        population=1.2e6,
        region="Europe",
        climate_zone="Cfa",
        emissions_per_capita=4.0,
    )
    far = PeerProfile(
        id="far", name="Far", population=1.0e4, region="Asia", climate_zone="Aw", emissions_per_capita=16.0
    )
    out = match_peers("me", [me, twin, far])
    assert [m.jurisdiction_id for m in out] == ["twin", "far"]
    reasons = {r.factor: r for r in out[0].reasons}
    assert reasons["population"].detail == "1.2 M vs 1.0 M"
    assert reasons["region"].detail == "both Europe" and reasons["region"].similarity == 1.0
    assert reasons["climate_zone"].similarity == 0.5  # same Köppen main group C
    assert reasons["population"].as_dict()["factor"] == "population"
    # far: population 100x apart -> 0; region 0; climate 0; per capita 4x apart -> 0.
    assert out[1].score == pytest.approx(0.0)


def test_weights_are_data_and_zero_weight_drops_a_factor() -> None:
    me = PeerProfile(id="me", name="Me", population=1.0e6, region="Europe")
    a = PeerProfile(id="a", name="A", population=1.0e6, region="Asia")
    b = PeerProfile(id="b", name="B", population=1.0e5, region="Europe")
    by_pop = match_peers("me", [me, a, b], MatchWeights(population=5, region=1), min_factors=1)
    by_region = match_peers("me", [me, a, b], MatchWeights(population=1, region=5), min_factors=1)
    assert by_pop[0].jurisdiction_id == "a" and by_region[0].jurisdiction_id == "b"
    only_region = match_peers("me", [me, a, b], MatchWeights(population=0), min_factors=1)
    assert all(r.factor != "population" for m in only_region for r in m.reasons)


def test_too_few_shared_facts_is_no_match() -> None:
    me = PeerProfile(id="me", name="Me", region="Europe", population=1e6)
    thin = PeerProfile(id="t", name="T", region="Europe")
    assert match_peers("me", [me, thin]) == []


def test_profiles_from_facts_sector_mix_and_hazards() -> None:
    js = [
        JurisdictionFacts(id="a", name="A", population={2020: 1e6}),
        JurisdictionFacts(id="b", name="B", population={2020: 2e6}),
    ]
    invs = [
        InventoryFact(jurisdiction_id="a", year=2020, basic_tco2e=4e6, by_sector_tco2e={"I": 3e6, "II": 1e6}),
        InventoryFact(jurisdiction_id="b", year=2020, basic_tco2e=8e6, by_sector_tco2e={"I": 4e6, "II": 4e6}),
    ]
    hz = [
        HazardFact(jurisdiction_id=j, hazard_type="Extreme hot temperature", hazard_subtype="Heat wave")
        for j in "ab"
    ]
    profiles = profiles_from_facts(js, invs, hz, year=2020)
    assert profiles[0].emissions_per_capita == 4.0 and profiles[0].sector_shares == {"I": 0.75, "II": 0.25}
    out = match_peers("a", profiles)
    reasons = {r.factor: r for r in out[0].reasons}
    # mix: 1 - (|0.75-0.5| + |0.25-0.5|) / 2 = 0.75
    assert reasons["sector_mix"].similarity == pytest.approx(0.75)
    assert reasons["hazards"].detail == "shared: Heat wave" and reasons["hazards"].similarity == 1.0
