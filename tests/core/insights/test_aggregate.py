"""Yearly aggregates: the hierarchy rule on a worked example and, with hypothesis, on random forests."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from localaction.core.errors import InputError
from localaction.core.insights import (
    ActionFact,
    HazardFact,
    InventoryFact,
    JurisdictionFacts,
    TargetFact,
    has_flagged_ancestor,
    tables_from_facts,
    yearly_aggregates,
)
from localaction.core.inventory.model import Level

# Province P contains city C, which contains district D; city X stands alone.
JS = [
    JurisdictionFacts(id="P", name="P", kind="province_state", country="BR", population={2020: 10e6}),
    JurisdictionFacts(id="C", name="C", country="BR", parent_id="P", population={2020: 2e6}),
    JurisdictionFacts(
        id="D", name="D", kind="municipality", country="BR", parent_id="C", population={2019: 1e5}
    ),
    JurisdictionFacts(id="X", name="X", country="AR", population={2020: 1e6}),
    JurisdictionFacts(id="N", name="Network", kind="association", country="AR", population={2020: 5e6}),
]


def test_worked_example_no_double_counting() -> None:
    # 2020 inventories: P 1000 t, C 300 t (inside P: left out), D 20 t (inside C and P: left out), X 200 t.
    # Emissions = 1000 + 200 = 1200 t; left out 320 t. Population = P 10 M + X 1 M (C, D inside P;
    # the association carries none) = 11 M.
    invs = [
        InventoryFact(jurisdiction_id="P", year=2020, basic_tco2e=1000.0, level=Level.BASIC_PLUS),
        InventoryFact(jurisdiction_id="C", year=2020, basic_tco2e=300.0),
        InventoryFact(jurisdiction_id="D", year=2020, basic_tco2e=20.0),
        InventoryFact(jurisdiction_id="X", year=2020, basic_tco2e=200.0),
        InventoryFact(jurisdiction_id="C", year=2019, basic_tco2e=310.0),  # 2019: C alone -> counted
    ]
    a = yearly_aggregates(tables_from_facts(JS, invs), 2020)
    assert a.emissions_tco2e == 1200.0 and a.emissions_left_out_tco2e == 320.0 and a.inventories_left_out == 2
    assert a.population_covered == 11e6
    assert a.emissions_by_year == [(2019, 1, 310.0), (2020, 4, 1200.0)]
    assert a.inventories_by_level.as_dict() == {"BASIC": 3, "BASIC+": 1}
    assert a.trend_falling == 1 and a.trend_rising == 0  # C: 310 -> 300
    assert a.countries == 2 and a.jurisdictions == 5


def test_commitments_hazards_actions() -> None:
    targets = [
        TargetFact(jurisdiction_id="C", kind="net_zero", year_introduced=2019),
        TargetFact(jurisdiction_id="C", kind="base_year", reduction_pct=40.0),
        TargetFact(
            jurisdiction_id="X", kind="fixed_level", base_emissions_tco2e=100.0, target_emissions_tco2e=50.0
        ),
        TargetFact(jurisdiction_id="X", kind="waste"),
        TargetFact(jurisdiction_id="P", kind="base_year", reduction_pct=80.0, year_introduced=2025),  # later
    ]
    hazards = [
        HazardFact(jurisdiction_id="C", hazard_type="Water scarcity", hazard_subtype="Drought"),
        HazardFact(jurisdiction_id="C", hazard_type="Water scarcity", hazard_subtype="Drought", year=2018),
        HazardFact(jurisdiction_id="X", hazard_type="Water scarcity"),
    ]
    actions = [
        ActionFact(
            jurisdiction_id="C",
            gpc_sectors=("I", "II"),
            status="implemented",
            cost=10.0,
            currency="EUR",
            co_benefits=("health",),
        ),
        ActionFact(
            jurisdiction_id="X",
            status="planned",
            cost=5.0,
            currency="USD",
            reduction_tco2e_per_yr=3.0,
            funding_source=" bank ",
        ),
        ActionFact(jurisdiction_id="X", status="planned", start_year=2030),  # not started by 2020
    ]
    a = yearly_aggregates(tables_from_facts(JS, targets=targets, hazards=hazards, actions=actions), 2020)
    assert a.jurisdictions_with_target == 2
    assert a.commitments_by_kind.as_dict() == {"base_year": 1, "fixed_level": 1, "net_zero": 1, "waste": 1}
    # net zero -> top band; 40 % -> 30-49; fixed level 100 -> 50 = 50 % -> 50-99.
    assert a.ghg_targets_by_ambition.as_dict() == {"30 - 49 %": 1, "50 - 99 %": 1, "net zero or 100 %": 1}
    assert a.hazards.as_dict() == {"Water scarcity": 2}  # jurisdictions, not assessments
    assert a.hazard_subtypes.as_dict() == {"Drought": 1}
    assert a.actions == 2 and a.actions_by_sector.as_dict() == {"I": 1, "II": 1, "unspecified": 1}
    assert a.finance_by_currency == [("EUR", 1, 10.0), ("USD", 1, 5.0)]
    assert a.actions_with_funding_source == 1 and a.reduction_tco2e_per_yr_by_status == [("planned", 3.0)]
    assert a.co_benefits.as_dict() == {"health": 1, "none stated": 1}


def test_cycle_and_unknown_parent_are_errors() -> None:
    cyc = [
        JurisdictionFacts(id="a", name="a", parent_id="b"),
        JurisdictionFacts(id="b", name="b", parent_id="a"),
    ]
    with pytest.raises(InputError) as e:
        yearly_aggregates(tables_from_facts(cyc), 2020)
    assert e.value.code == "insights_hierarchy_cycle"
    with pytest.raises(InputError) as e:
        yearly_aggregates(tables_from_facts([JurisdictionFacts(id="a", name="a", parent_id="zz")]), 2020)
    assert "zz" in str(e.value)


@st.composite
def forests(draw: st.DrawFn) -> tuple[list[int], list[float | None]]:
    n = draw(st.integers(1, 25))
    parent = [draw(st.integers(-1, i - 1)) if i else -1 for i in range(n)]  # parents come first: no cycles
    values = [draw(st.one_of(st.none(), st.floats(0, 1e6))) for _ in range(n)]
    return parent, values


@settings(max_examples=150, deadline=None)
@given(forests(), st.permutations(list(range(25))))
def test_never_counts_a_child_and_its_parent(
    forest: tuple[list[int], list[float | None]], perm: list[int]
) -> None:
    parent, values = forest
    n = len(parent)
    order = [p for p in perm if p < n]  # shuffle the rows so the rule cannot lean on row order
    ids = [f"j{i}" for i in range(n)]
    js = [
        JurisdictionFacts(
            id=ids[i],
            name=ids[i],
            parent_id=ids[parent[i]] if parent[i] >= 0 else None,
            population={2020: 1.0},
        )
        for i in order
    ]
    invs = [
        InventoryFact(jurisdiction_id=ids[i], year=2020, basic_tco2e=values[i])
        for i in order
        if values[i] is not None
    ]
    a = yearly_aggregates(tables_from_facts(js, invs), 2020)

    def ancestors(i: int) -> list[int]:
        out = []
        while parent[i] >= 0:
            i = parent[i]
            out.append(i)
        return out

    reports = [v is not None for v in values]
    counted = [i for i in range(n) if reports[i] and not any(reports[k] for k in ancestors(i))]
    for i in counted:  # no counted jurisdiction has a counted ancestor
        assert not set(ancestors(i)) & set(counted)
    # every reporting jurisdiction is either counted or inside a counted one
    for i in range(n):
        if reports[i]:
            assert i in counted or set(ancestors(i)) & set(counted)
    assert a.emissions_tco2e == pytest.approx(sum(values[i] or 0.0 for i in counted))
    assert a.emissions_tco2e + a.emissions_left_out_tco2e == pytest.approx(sum(v or 0.0 for v in values))
    assert a.population_covered == sum(1 for i in range(n) if parent[i] < 0)  # roots only


def test_has_flagged_ancestor_vectorised() -> None:
    parent = np.array([-1, 0, 1, -1])
    assert list(has_flagged_ancestor(parent, np.array([True, False, False, True]))) == [
        False,
        True,
        True,
        False,
    ]
