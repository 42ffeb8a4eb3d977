"""Peer groups, percentiles, medians and best quartiles on worked examples; hypothesis on the percentile."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from localaction.core.insights import GroupBy, JurisdictionFacts, PeerGroup, peer_positions, positions
from localaction.core.insights.peers import band_codes, population_band


def test_positions_worked_example_lower_is_better() -> None:
    # One group, values 1..5 (tCO2e/person, lower is better).
    # value 1: does better than all 4 others -> percentile 100, rank 1; value 5 -> 0, rank 5; 3 -> 50.
    # median 3; best quartile = 25th percentile with linear interpolation = 2; distance of 5 to it = 3.
    p = positions(np.zeros(5, np.int64), np.array([3.0, 1.0, 5.0, 2.0, 4.0]))
    assert list(p.percentile) == [50.0, 100.0, 0.0, 75.0, 25.0]
    assert list(p.rank) == [3, 1, 5, 2, 4]
    assert set(p.median) == {3.0} and set(p.best_quartile) == {2.0}
    assert list(p.distance) == [1.0, 0.0, 3.0, 0.0, 2.0]


def test_positions_higher_is_better_and_ties() -> None:
    # Scores 10, 10, 4 (higher better): the two 10s tie -> each beats 1 of 2 others plus half a tie:
    # (1 + 0.5) / 2 = 75; the 4 beats nobody -> 0. Best quartile = 75th percentile = 10.
    p = positions(np.zeros(3, np.int64), np.array([10.0, 10.0, 4.0]), higher_is_better=True)
    assert list(p.percentile) == [75.0, 75.0, 0.0]
    assert list(p.rank) == [1, 1, 3]
    assert list(p.best_quartile) == [10.0, 10.0, 10.0] and list(p.distance) == [0.0, 0.0, 6.0]


def test_groups_are_separate_and_unknowns_are_left_out() -> None:
    p = positions(np.array([0, 0, 1, -1, 1]), np.array([1.0, 2.0, 9.0, 0.5, np.nan]))
    assert list(p.n) == [2, 2, 1, 0, 0]
    assert p.percentile[0] == 100.0 and np.isnan(p.percentile[2])  # a group of one has no percentile
    assert np.isnan(p.percentile[3]) and np.isnan(p.percentile[4])


@given(
    st.lists(st.tuples(st.integers(0, 3), st.floats(-1e6, 1e6, allow_nan=False)), min_size=1, max_size=60),
    st.booleans(),
)
def test_percentiles_within_0_100_and_monotone(rows: list[tuple[int, float]], higher: bool) -> None:
    g = np.array([r[0] for r in rows], np.int64)
    v = np.array([r[1] for r in rows])
    p = positions(g, v, higher_is_better=higher)
    ok = ~np.isnan(p.percentile)
    assert ((p.percentile[ok] >= 0) & (p.percentile[ok] <= 100)).all()
    for i in range(len(rows)):
        for j in range(len(rows)):
            if g[i] == g[j] and ok[i] and ok[j]:
                better = v[i] > v[j] if higher else v[i] < v[j]
                if better:  # a better value never has a lower percentile, nor a worse rank
                    assert p.percentile[i] >= p.percentile[j] and p.rank[i] <= p.rank[j]
                if v[i] == v[j]:
                    assert p.percentile[i] == p.percentile[j]
    assert (p.distance[ok] >= 0).all()


def test_population_bands() -> None:
    assert population_band(49_999) == "under 50 k"
    assert population_band(50_000) == "50 k - 250 k"
    assert population_band(None) == ""
    assert list(band_codes(np.array([10.0, 300_000.0, 6e6, np.nan]))) == [0, 2, 4, -1]


def test_peer_positions_by_group() -> None:
    js = [
        JurisdictionFacts(id="a", name="A", region="Europe", population={2020: 1.2e6}),
        JurisdictionFacts(id="b", name="B", region="Europe", population={2020: 2.0e6}),
        JurisdictionFacts(id="c", name="C", region="Asia", population={2020: 3.0e6}),
        JurisdictionFacts(id="d", name="D", region="", population={2020: 10_000}),
    ]
    values = {"a": 4.0, "b": 6.0, "c": 2.0, "d": 1.0}
    groups = [
        PeerGroup(by=GroupBy.REGION),
        PeerGroup(by=GroupBy.POPULATION_BAND),
        PeerGroup(by=GroupBy.CUSTOM, name="mentors", members=("a", "c")),
    ]
    pos = {p.group_by: p for p in peer_positions("a", js, values, groups, 2020, "tCO2e/person")}
    # Europe: a=4 vs b=6 -> a better than 1 of 1 -> 100; median 5.
    assert pos[GroupBy.REGION].group == "Europe" and pos[GroupBy.REGION].percentile == 100.0
    assert pos[GroupBy.REGION].median == 5.0
    # 1 M - 5 M band: a, b, c -> values 2, 4, 6: a in the middle -> 50; best quartile 3 -> distance 1.
    band = pos[GroupBy.POPULATION_BAND]
    assert (band.group, band.n, band.percentile) == ("1 M - 5 M", 3, 50.0)
    assert band.best_quartile == pytest.approx(3.0) and band.distance_to_best_quartile == pytest.approx(1.0)
    assert pos[GroupBy.CUSTOM].percentile == 0.0 and "mentors" in pos[GroupBy.CUSTOM].rule
    # d has no region: no region position for it.
    assert GroupBy.REGION not in {p.group_by for p in peer_positions("d", js, values, groups, 2020)}
