"""Pathways: BAU from the latest inventory, minus actions, against the target line."""

from __future__ import annotations

import datetime as dt

import plotly.graph_objects as go
import pytest
from hypothesis import given
from hypothesis import strategies as st

from localaction.core.errors import InputError
from localaction.core.targets import (
    Action,
    ActionStatus,
    ActionType,
    BauInputs,
    Coverage,
    CoverageLevel,
    InventoryPoint,
    Target,
    TargetKind,
    pathway,
    pathway_figure,
    pathway_table,
)

COV = Coverage(gpc_sectors=("I", "II", "III"))
TARGET = Target(
    target_id="t1",
    kind=TargetKind.BASE_YEAR,
    base_year=2015,
    base_emissions_tco2e=1.1e6,
    target_year=2030,
    reduction_pct=40,
    coverage=COV,
    projected_population=600_000,
)


def latest(**kw: object) -> InventoryPoint:
    return InventoryPoint.model_validate(
        {
            "year": 2022,
            "totals_tco2e": {"BASIC": 1e6},
            "population": 500_000,
            "by_sector_tco2e": {"I": 600_000, "II": 350_000, "III": 50_000},
            **kw,
        }
    )


def act(
    aid: str, title: str, start: int, red: float, sectors: tuple[str, ...] = ("I",), **kw: object
) -> Action:
    return Action.model_validate(
        {
            "action_id": aid,
            "title": title,
            "start_date": dt.date(start, 1, 1),
            "reduction_tco2e_per_yr": red,
            "gpc_sectors": sectors,
            **kw,
        }
    )


def test_per_capita_bau_and_the_gap() -> None:
    # 2022: 1,000,000 t for 500,000 people = 2 t/person, held; population 600,000 in 2030 (linear between):
    # BAU 2026 = 2 × 550,000 = 1,100,000 t; BAU 2030 = 1,200,000 t.
    # Counted: A (2025, −100,000) and B (2028, −150,000): with actions 2030 = 950,000 t.
    # Not counted: C implemented in 2020 (already in the 2022 inventory), D adaptation only, E in IPPU
    # (outside BASIC), F no start date.
    # Target: 1,100,000 × 0.6 = 660,000 t. Gap = 290,000 t = 24.2 % of BAU = 53.7 % of the 540,000 t needed.
    actions = [
        act("A", "Building retrofits", 2025, 100_000),
        act("B", "Electric buses", 2028, 150_000, ("II",)),
        act("C", "LED street lights", 2020, 30_000, status=ActionStatus.IMPLEMENTED),
        act("D", "Cooling centres", 2025, 0, action_type=ActionType.ADAPTATION),
        act("E", "Cement CCS", 2026, 50_000, ("IV",)),
        Action(action_id="F", title="Someday", reduction_tco2e_per_yr=10, gpc_sectors=("I",)),
    ]
    p = pathway(TARGET, [latest()], actions)
    rows = {r.year: r for r in p.years}
    assert p.method.name == "per_capita" and "2 tCO2e/person" in p.method.text
    assert rows[2026].bau_tco2e == pytest.approx(1.1e6)
    assert rows[2026].with_actions_tco2e == pytest.approx(1.0e6)
    assert rows[2030].with_actions_tco2e == pytest.approx(950_000)
    assert rows[2015].target_tco2e == pytest.approx(1.1e6) and rows[2015].bau_tco2e is None
    assert rows[2022].actual_tco2e == 1e6
    assert p.target_tco2e == pytest.approx(660_000)
    assert p.gap_tco2e == pytest.approx(290_000)
    assert p.gap_pct_of_bau == pytest.approx(290 / 12)
    assert p.gap_pct_of_needed == pytest.approx(290 / 5.4)
    assert {u.action_id for u in p.actions if u.counted} == {"A", "B"}
    reasons = {u.action_id: u.reason for u in p.actions}
    assert "already reflected" in reasons["C"] and "adaptation" in reasons["D"] and "outside" in reasons["E"]
    assert "start date" in reasons["F"]
    assert p.double_counting == []


def test_gdp_elasticity() -> None:
    # Population flat, GDP +20 % by 2030, elasticity 0.5: BAU 2030 = 1,000,000 × 1.2 ** 0.5 = 1,095,445 t.
    t = TARGET.model_copy(update={"projected_population": None})
    bau = BauInputs(population={2030: 500_000}, gdp={2030: 1.2e9}, gdp_elasticity=0.5)
    p = pathway(t, [latest(gdp=1e9)], [], bau)
    assert p.method.name == "per_capita_gdp" and p.method.parameters["gdp_elasticity"] == 0.5
    assert p.bau_target_year_tco2e == pytest.approx(1e6 * 1.2**0.5)


def test_without_population_projection_bau_is_constant_and_says_so() -> None:
    p = pathway(TARGET.model_copy(update={"projected_population": None}), [latest()])
    assert p.method.name == "constant" and "no population projection" in p.method.text
    assert p.bau_target_year_tco2e == 1e6


def test_double_counting_is_flagged_not_resolved() -> None:
    # Two LED streetlight actions in the same sector and years: flagged (similar titles).
    # Waste actions claiming 70,000 t/yr where waste BAU in 2030 is 50,000 × 1.2 = 60,000: over-claim of 10,000.
    actions = [
        act("A", "LED street lighting", 2024, 20_000),
        act("B", "LED street lighting retrofit phase 2", 2025, 15_000),
        act("W1", "Landfill gas capture", 2024, 40_000, ("III",)),
        act("W2", "Composting programme", 2025, 30_000, ("III.2",)),
    ]
    p = pathway(TARGET, [latest()], actions)
    kinds = {(d.kind, d.action_ids) for d in p.double_counting}
    assert ("duplicate", ("A", "B")) in kinds
    over = next(d for d in p.double_counting if d.kind == "sector_overclaim")
    assert over.sector == "III" and over.action_ids == ("W1", "W2") and over.tco2e == pytest.approx(10_000)
    # still in the with-actions line: the user resolves it
    assert p.with_actions_target_year_tco2e == pytest.approx(1.2e6 - 105_000)


def test_not_comparable_inventory_raises_with_the_reason() -> None:
    t = TARGET.model_copy(update={"coverage": Coverage(level=CoverageLevel.BASIC_PLUS)})
    with pytest.raises(InputError) as e:
        pathway(t, [latest()])
    assert e.value.code == "pathway.not_comparable" and "BASIC+" in e.value.message


def test_intensity_target_line_in_tonnes() -> None:
    # 2 t/person in 2015 (base from inventory), −25 % -> 1.5 t/person in 2030 × 600,000 people = 900,000 t.
    t = Target(
        kind=TargetKind.INTENSITY_PER_CAPITA,
        base_year=2015,
        target_year=2030,
        reduction_pct=25,
        coverage=COV,
        projected_population=600_000,
    )
    base = InventoryPoint(year=2015, totals_tco2e={CoverageLevel.BASIC: 9e5}, population=450_000)
    p = pathway(t, [base, latest()])
    assert p.target_tco2e == pytest.approx(900_000)


def test_table_and_figure_carry_the_same_numbers() -> None:
    p = pathway(TARGET, [latest()], [act("A", "Retrofits", 2025, 100_000)])
    table = pathway_table(p)
    fig = pathway_figure(p)
    assert isinstance(fig, go.Figure)
    names = [tr.name for tr in fig.data]
    assert names == ["BAU", "With actions", "Target", "Inventories"]
    assert list(fig.data[1].y) == [r["with_actions_tco2e"] for r in table]
    assert f"{p.gap_tco2e:,.0f}" in fig.layout.annotations[0].text
    assert fig.layout.yaxis.rangemode == "tozero"  # the value axis starts at zero


@given(
    pops=st.dictionaries(st.integers(2023, 2040), st.floats(1e3, 1e7), min_size=0, max_size=5),
    e0=st.floats(1e3, 1e8),
)
def test_with_no_actions_the_pathway_is_bau(pops: dict[int, float], e0: float) -> None:
    t = TARGET.model_copy(update={"target_year": 2040, "projected_population": 600_000})
    p = pathway(t, [latest(totals_tco2e={"BASIC": e0})], [], BauInputs(population=pops))
    for r in p.years:
        assert r.with_actions_tco2e == r.bau_tco2e
    assert p.years[-1].year == 2040
