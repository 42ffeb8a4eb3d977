"""Top-performer rules on a worked example."""

from __future__ import annotations

from typing import Any

import pytest

from localaction.core.insights import (
    InventoryFact,
    JurisdictionFacts,
    Measure,
    RankingRule,
    tables_from_facts,
    top_performers,
)
from localaction.core.inventory.model import Level


def _inv(j: str, year: int, basic: float, **kw: Any) -> InventoryFact:
    return InventoryFact(jurisdiction_id=j, year=year, basic_tco2e=basic, boundary="administrative", **kw)


JS = [JurisdictionFacts(id=x, name=x.upper(), population={2015: 1e6, 2020: 1e6}) for x in "abcde"]
INVS = [
    _inv("a", 2015, 100.0),
    _inv("a", 2020, 80.0),  # -20 % over 5 years
    _inv("b", 2017, 100.0),
    _inv("b", 2020, 85.0),  # -15 % over 3 years: faster per year than a
    _inv("c", 2019, 100.0),
    _inv("c", 2020, 10.0),  # only 1 year apart: no base (min span 3)
    _inv("d", 2015, 100.0, level=Level.BASIC_PLUS),
    _inv("d", 2020, 50.0, level=Level.BASIC_PLUS),  # other scope
    _inv("e", 2015, 100.0, gwp_set="AR4"),
    _inv("e", 2020, 50.0),  # GWP set changed: no base
]
TABLES = tables_from_facts(JS, INVS)


def test_highest_reduction_per_scope() -> None:
    top = top_performers(TABLES, Measure(), RankingRule.HIGHEST_REDUCTION)
    scopes = {(r.level, r.boundary): r for r in top.rankings}
    basic = scopes[("BASIC", "administrative")]
    assert [(e.jurisdiction_id, e.rank) for e in basic.entries] == [("a", 1), ("b", 2)]
    assert basic.entries[0].value == pytest.approx(20.0) and basic.entries[0].base_year == 2015
    # d is ranked alone among BASIC+ inventories, never against the BASIC ones.
    assert [e.jurisdiction_id for e in scopes[("BASIC+", "administrative")].entries] == ["d"]
    assert top.excluded["no comparable base at least 3 years earlier"] == 2  # c and e
    assert "same GPC level and boundary" in top.rule_text and "GWP set" in top.rule_text
    assert top.unit == "% below base"


def test_fastest_annual_reduction() -> None:
    # a: (0.8)^(1/5) - 1 = -4.36 %/yr; b: (0.85)^(1/3) - 1 = -5.27 %/yr -> b first.
    top = top_performers(TABLES, Measure(), RankingRule.FASTEST_ANNUAL_REDUCTION)
    basic = next(r for r in top.rankings if r.level == "BASIC")
    assert [e.jurisdiction_id for e in basic.entries] == ["b", "a"]
    assert basic.entries[0].value == pytest.approx(100 * (1 - 0.85 ** (1 / 3)))


def test_lowest_in_peer_group() -> None:
    top = top_performers(
        TABLES, Measure.parse("basic.per_capita"), RankingRule.LOWEST_IN_PEER_GROUP, min_span_years=1
    )
    basic = next(r for r in top.rankings if r.level == "BASIC")
    assert basic.group == "1 M - 5 M"
    # latest per capita: c 10e-6, e 50e-6, a 80e-6, b 85e-6
    assert [e.jurisdiction_id for e in basic.entries] == ["c", "e", "a", "b"]
    assert "population band" in top.rule_text
