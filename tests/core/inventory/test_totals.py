"""The GPC totals rules, and invariants that must hold for any inventory."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from localaction.core.catalog import gpc_refs, gwp
from localaction.core.catalog.units import convert
from localaction.core.inventory import (
    ActivityRecord,
    GpcLineInput,
    Inventory,
    Level,
    Method,
    NotationKey,
    Period,
    compute,
    totals_from_values,
)
from tests.core.inventory.fakes import FakeLibrary

Y = Period(start=dt.date(2019, 1, 1), end=dt.date(2019, 12, 31), year=2019)
REFS = list(gpc_refs())


def test_generation_supplied_to_the_grid_counts_only_in_territorial() -> None:
    t = totals_from_values({"I.4.4": 100.0})
    assert (t.basic, t.basic_plus, t.basic_plus_other_scope3, t.territorial) == (0, 0, 0, 100)


@pytest.mark.parametrize("ref", ["III.1.3", "III.2.3", "III.3.3", "III.4.3"])
def test_waste_from_outside_treated_inside_counts_only_in_territorial(ref: str) -> None:
    t = totals_from_values({ref: 10.0})
    assert (t.basic, t.basic_plus, t.territorial) == (0, 0, 10)


def test_waste_treated_outside_is_basic_scope_3() -> None:
    t = totals_from_values({"III.1.2": 10.0})
    assert (t.basic, t.basic_plus, t.territorial, t.by_scope[3]) == (10, 10, 0, 10)


def test_other_scope_3_only_in_basic_plus_with_other_scope_3() -> None:
    t = totals_from_values({"VI.1": 7.0})
    assert (t.basic, t.basic_plus, t.basic_plus_other_scope3, t.territorial) == (0, 0, 7, 0)


def test_transboundary_and_td_losses_and_ippu_afolu_are_basic_plus() -> None:
    for ref in ["I.1.3", "II.1.3", "II.5.3", "IV.1", "IV.2", "V.1", "V.2", "V.3"]:
        t = totals_from_values({ref: 1.0})
        assert (t.basic, t.basic_plus) == (0, 1), ref


def test_scope_2_is_basic_not_territorial() -> None:
    t = totals_from_values({"I.1.2": 5.0, "II.2.2": 5.0})
    assert (t.basic, t.territorial, t.by_scope[2]) == (10, 0, 10)


def test_ii_5_3_is_marked_as_a_template_line() -> None:
    assert gpc_refs()["II.5.3"].is_template_line
    assert sum(r.is_template_line for r in gpc_refs().values()) == 1


def test_notation_key_only_line_counts_zero_but_is_kept() -> None:
    inv = Inventory(
        jurisdiction="X",
        period=Y,
        lines=[
            GpcLineInput(gpc_ref="I.1.1", value_tco2e=10.0),
            GpcLineInput(
                gpc_ref="I.2.1", notation_keys=(NotationKey.IE,), included_in="I.1.1", explanation="in I.1.1"
            ),
        ],
    )
    res = compute(inv)
    line = {ln.gpc_ref: ln for ln in res.lines}
    assert line["I.2.1"].value_tco2e is None and line["I.2.1"].notation_keys == (NotationKey.IE,)
    assert res.totals.basic == 10.0
    assert len(res.lines) == len(REFS)


values = st.dictionaries(
    st.sampled_from(REFS),
    st.floats(min_value=0, max_value=1e9, allow_nan=False, allow_infinity=False),
)


@given(values)
def test_totals_equal_the_sum_of_their_lines(v: dict[str, float]) -> None:
    t = totals_from_values(v)
    refs = gpc_refs()
    assert t.basic == pytest.approx(sum(x for r, x in v.items() if refs[r].in_basic), rel=1e-9, abs=1e-6)
    assert t.territorial == pytest.approx(
        sum(x for r, x in v.items() if refs[r].scope == 1), rel=1e-9, abs=1e-6
    )
    assert sum(t.by_scope.values()) == pytest.approx(sum(v.values()), rel=1e-9, abs=1e-6)


@given(values)
def test_basic_never_exceeds_basic_plus_without_removals(v: dict[str, float]) -> None:
    t = totals_from_values(v, Level.BASIC_PLUS)
    assert t.basic <= t.basic_plus + 1e-6
    assert t.basic_plus <= t.basic_plus_other_scope3 + 1e-6
    assert sum(t.by_sector.values()) == pytest.approx(t.basic_plus, rel=1e-9, abs=1e-6)


records = st.lists(
    st.tuples(
        st.sampled_from(
            [("I.1.1", "natural_gas"), ("I.2.1", "diesel"), ("II.1.1", "diesel"), ("I.1.1", "wood")]
        ),
        st.floats(min_value=0, max_value=1e4, allow_nan=False),
    ),
    min_size=1,
    max_size=8,
)


@settings(max_examples=40, deadline=None)
@given(records, st.sampled_from(["SAR", "AR4", "AR6"]))
def test_changing_the_gwp_set_changes_only_non_co2_gases(
    recs: list[tuple[tuple[str, str], float]], other: str
) -> None:
    items = [
        ActivityRecord(
            record_id=f"r{i}",
            gpc_ref=ref,
            method=Method.FUEL_COMBUSTION,
            activity=fuel,
            quantity=q,
            unit="TJ",
        )
        for i, ((ref, fuel), q) in enumerate(recs)
    ]
    a = compute(
        Inventory(jurisdiction="X", period=Y, gwp_set="AR5", records=items), FakeLibrary(), checks=False
    )
    b = compute(
        Inventory(jurisdiction="X", period=Y, gwp_set=other, records=items), FakeLibrary(), checks=False
    )
    for ra, rb in zip(a.records, b.records, strict=True):
        assert ra.gases_t == rb.gases_t  # the gas amounts never depend on the GWP set
        co2 = ra.gases_t.get("CO2", 0.0)
        non_co2_a = ra.co2e_t - co2
        non_co2_b = rb.co2e_t - co2
        expected = sum(t * gwp(g, other, rb.methane_origin) for g, t in rb.gases_t.items() if g != "CO2")
        assert non_co2_b == pytest.approx(expected, rel=1e-9, abs=1e-9)
        if non_co2_a:
            assert rb.co2e_t - non_co2_b == pytest.approx(co2)


@given(
    st.floats(min_value=1e-6, max_value=1e12, allow_nan=False),
    st.sampled_from(
        [
            ("kWh", "GJ"),
            ("therm", "MJ"),
            ("gallon", "litre"),
            ("short ton", "tonne"),
            ("MMBtu", "kWh"),
            ("vehicle_mile", "vehicle_km"),
            ("m³", "litres"),
        ]
    ),
)
def test_unit_conversions_round_trip(x: float, pair: tuple[str, str]) -> None:
    a, b = pair
    assert convert(convert(x, a, b), b, a) == pytest.approx(x, rel=1e-12)
