"""Year on year, source by source: each kind of change against the previous inventory, and a quiet normal year."""

from __future__ import annotations

import datetime as dt

from localaction.core.inventory import (
    ActivityRecord,
    BoundaryType,
    CheckResult,
    CustomFactor,
    GpcLineInput,
    Inventory,
    InventoryResult,
    Method,
    Period,
    compare_years,
    compute,
)


def period(year: int) -> Period:
    return Period(start=dt.date(year, 1, 1), end=dt.date(year, 12, 31), year=year)


def gas(qty: float, rid: str = "res-gas", **kw: object) -> ActivityRecord:
    return ActivityRecord(
        record_id=rid,
        gpc_ref="I.1.1",
        method=Method.FUEL_COMBUSTION,
        activity="natural gas",
        quantity=qty,
        unit="therm",
        **kw,
    )  # type: ignore[arg-type]


def elec(kwh: float, rid: str = "res-elec") -> ActivityRecord:
    return ActivityRecord(
        record_id=rid, gpc_ref="I.1.2", method=Method.GRID_ENERGY, activity="US-CA", quantity=kwh, unit="kWh"
    )


def inventory(year: int, *records: ActivityRecord, **kw: object) -> InventoryResult:
    inv = Inventory(
        jurisdiction="X", period=period(year), region="US-CA", population=800_000, records=list(records), **kw
    )  # type: ignore[arg-type]
    return compute(inv)


def yoy(current: InventoryResult, *previous: InventoryResult) -> list[CheckResult]:
    res = compute(current.inventory, previous=list(previous))
    # the BASIC total's own check (year_on_year.jump) is tested on its own below
    return [c for c in res.checks if c.code.startswith("year_on_year.") and c.code != "year_on_year.jump"]


BASE = (gas(100_000_000), elec(1_200_000_000))


def test_a_normal_year_raises_nothing() -> None:
    # -3 % gas, +2 % electricity: inside every threshold
    before = inventory(2018, *BASE)
    after = inventory(2019, gas(97_000_000), elec(1_224_000_000))
    assert yoy(after, before) == []


def test_activity_falling_ninety_percent() -> None:
    before = inventory(2018, *BASE)
    after = inventory(2019, gas(10_000_000), elec(1_190_000_000))
    (c,) = yoy(after, before)
    assert (c.code, c.record_id, c.gpc_ref, c.year) == (
        "year_on_year.activity_change",
        "res-gas",
        "I.1.1",
        2019,
    )
    assert "-90%" in c.message and "2018" in c.message


def test_a_factor_applied_ten_times_too_high() -> None:
    own = CustomFactor(value=5.3, unit="kg/therm", justification="utility factor")
    before = inventory(2018, gas(100_000_000, custom_factor=own), BASE[1])
    ten = own.model_copy(update={"value": 53.0})
    after = inventory(2019, gas(99_000_000, custom_factor=ten), elec(1_190_000_000))
    (c,) = yoy(after, before)
    assert (c.code, c.record_id) == ("year_on_year.factor_change", "res-gas") and "+900%" in c.message


def test_a_quantity_copied_from_last_year() -> None:
    before = inventory(2018, *BASE)
    after = inventory(2019, gas(100_000_000), elec(1_190_000_000))
    (c,) = yoy(after, before)
    assert (c.code, c.record_id) == (
        "year_on_year.repeated_value",
        "res-gas",
    ) and "copied forward" in c.message


def test_emissions_with_no_activity_where_last_year_had_some() -> None:
    before = inventory(2018, *BASE)
    direct = ActivityRecord(
        record_id="res-gas",
        gpc_ref="I.1.1",
        method=Method.DIRECT,
        quantity=0,
        unit="t",
        params={"CO2e_t": 530_000},
    )
    after = inventory(2019, direct, elec(1_190_000_000))
    (c,) = yoy(after, before)
    assert (c.code, c.record_id, c.gpc_ref) == ("year_on_year.emissions_without_activity", "res-gas", "I.1.1")
    # the same under another record id (matched by GPC line)
    renamed = direct.model_copy(update={"record_id": "gas-total"})
    (c,) = yoy(inventory(2019, renamed, elec(1_190_000_000)), before)
    assert (c.code, c.record_id) == ("year_on_year.emissions_without_activity", "gas-total")


def test_a_source_gone_without_a_notation_key() -> None:
    before = inventory(2018, *BASE)
    after = inventory(2019, elec(1_190_000_000))
    (c,) = yoy(after, before)
    assert (c.code, c.gpc_ref) == ("year_on_year.source_missing", "I.1.1")
    keyed = compute(
        after.inventory.model_copy(
            update={
                "lines": [
                    GpcLineInput(gpc_ref="I.1.1", notation_keys=("IE",), included_in="I.2.1", explanation="x")
                ]
            }
        ),
        previous=[before],
    )
    assert not [c for c in keyed.checks if c.code == "year_on_year.source_missing"]


def test_matched_by_gpc_line_method_and_activity_when_ids_change() -> None:
    before = inventory(2018, *BASE)
    after = inventory(2019, gas(10_000_000, rid="gas-2019"), elec(1_210_000_000, rid="elec-2019"))
    assert [(c.code, c.record_id) for c in yoy(after, before)] == [
        ("year_on_year.activity_change", "gas-2019")
    ]


def test_a_method_change_under_the_same_record_id() -> None:
    before = inventory(2018, *BASE)
    by_mass = ActivityRecord(
        record_id="res-gas", gpc_ref="I.1.1", method=Method.FUEL_COMBUSTION, activity="natural gas", quantity=200_000,
        unit="t",
    )  # fmt: skip
    (c,) = yoy(inventory(2019, by_mass, elec(1_190_000_000)), before)
    assert (c.code, c.record_id) == ("year_on_year.method_changed", "res-gas")


def test_small_sources_are_not_compared() -> None:
    # a propane record of 0.05 % of the inventory triples: under year_on_year.min_share (0.5 %)
    propane = ActivityRecord(
        record_id="lpg",
        gpc_ref="I.1.1",
        method=Method.FUEL_COMBUSTION,
        activity="propane",
        quantity=1000,
        unit="gallon",
    )
    before = inventory(2018, *BASE, propane)
    after = inventory(
        2019, gas(98_000_000), elec(1_210_000_000), propane.model_copy(update={"quantity": 3000})
    )
    assert yoy(after, before) == []


def test_lines_entered_directly() -> None:
    def lines(year: int, i11: float, i12: float) -> InventoryResult:
        return compute(
            Inventory(
                jurisdiction="X",
                period=period(year),
                lines=[
                    GpcLineInput(gpc_ref="I.1.1", value_tco2e=i11),
                    GpcLineInput(gpc_ref="I.1.2", value_tco2e=i12),
                ],
            )
        )

    base = lines(2018, 1000.0, 5000.0)
    assert [c.code for c in yoy(lines(2019, 1100.0, 4800.0), base)] == []
    changed = yoy(lines(2019, 2100.0, 4800.0), base)
    assert [(c.code, c.gpc_ref) for c in changed] == [("year_on_year.line_change", "I.1.1")]
    repeated = yoy(lines(2019, 1000.0, 4800.0), base)
    assert [(c.code, c.gpc_ref) for c in repeated] == [("year_on_year.line_repeated", "I.1.1")]


def test_total_jump_against_previous_results() -> None:
    before = inventory(2018, *BASE)
    after = inventory(2019, gas(200_000_000), elec(2_400_000_000))
    codes = {c.code for c in compute(after.inventory, previous=[before]).checks}
    assert "year_on_year.jump" in codes


def test_only_the_same_boundary_type_and_earlier_years_are_compared() -> None:
    ops = inventory(2018, gas(1_000_000), boundary_type=BoundaryType.GOVERNMENT_OPERATIONS)
    community = inventory(2019, *BASE)
    later = inventory(2020, gas(1_000), elec(1))
    assert yoy(community, ops, later) == []


def test_compare_years_orders_a_series_and_checks_each_against_the_one_before() -> None:
    series = [
        inventory(2019, gas(10_000_000), elec(1_190_000_000)),
        inventory(2018, *BASE),
        inventory(2020, *BASE),
    ]
    out = compare_years(series)
    assert [r.inventory.period.year for r in out] == [2018, 2019, 2020]
    by_year = {
        r.inventory.period.year: {c.code for c in r.checks if c.code.startswith("year_on_year.")} for r in out
    }
    assert by_year[2018] == set()
    assert "year_on_year.activity_change" in by_year[2019] and "year_on_year.activity_change" in by_year[2020]


def test_emissions_entered_directly_that_move_or_repeat() -> None:
    def cement(t: float) -> ActivityRecord:
        return ActivityRecord(
            record_id="cement",
            gpc_ref="IV.1",
            method=Method.DIRECT,
            quantity=0,
            unit="t",
            params={"CO2_t": t},
        )

    before = inventory(2018, *BASE, cement(100_000))
    moved = yoy(inventory(2019, gas(99_000_000), elec(1_190_000_000), cement(180_000)), before)
    assert [(c.code, c.record_id) for c in moved] == [("year_on_year.emission_change", "cement")]
    assert "+80%" in moved[0].message
    same = yoy(inventory(2019, gas(99_000_000), elec(1_190_000_000), cement(100_000)), before)
    assert [(c.code, c.record_id) for c in same] == [("year_on_year.repeated_value", "cement")]
    assert "emissions" in same[0].message


def test_last_years_grid_factor_reused() -> None:
    own = CustomFactor(value=0.21, unit="kg/kWh", justification="utility disclosure")
    e2018 = elec(1_200_000_000).model_copy(update={"custom_factor": own})
    e2019 = elec(1_190_000_000).model_copy(update={"custom_factor": own})
    before = inventory(2018, gas(100_000_000), e2018)
    (c,) = yoy(inventory(2019, gas(99_000_000), e2019), before)
    assert (c.code, c.record_id) == ("year_on_year.factor_repeated", "res-elec") and "reused" in c.message
    fresh = e2019.model_copy(update={"custom_factor": own.model_copy(update={"value": 0.2})})
    assert yoy(inventory(2019, gas(99_000_000), fresh), before) == []


def test_an_empty_draft_is_not_compared_with_last_year() -> None:
    # Nothing entered yet: no "BASIC changed -100 %", no "source missing" for every line of last year.
    before = inventory(2018, *BASE)
    empty = compute(Inventory(jurisdiction="X", period=period(2019), region="US-CA"), previous=[before])
    assert [c.code for c in empty.checks if c.code.startswith("year_on_year.")] == []
    with_totals = Inventory(
        jurisdiction="X", period=period(2019), region="US-CA", previous_totals={2018: 5000.0}
    )
    assert [c.code for c in compute(with_totals).checks if c.code.startswith("year_on_year.")] == []
    # The first record starts the comparison: the gone electricity source and the BASIC fall show up.
    started = compute(inventory(2019, gas(100_000_000)).inventory, previous=[before])
    found = {c.code for c in started.checks}
    assert "year_on_year.source_missing" in found
    assert "year_on_year.jump" in found


def test_a_line_that_fell_48_percent_is_named_though_no_source_moved_past_its_share() -> None:
    """Two records on I.1.1, each falling 48 %: under the source share (50 %), past the line total's (30 %)."""
    other = ActivityRecord(record_id="com-gas", gpc_ref="I.1.1", method=Method.FUEL_COMBUSTION,
                           activity="natural gas", quantity=50_000_000, unit="therm")  # fmt: skip
    before = inventory(2018, gas(100_000_000), other, elec(1_200_000_000))
    fell = inventory(
        2019, gas(52_000_000), other.model_copy(update={"quantity": 26_000_000}), elec(1_210_000_000)
    )
    found = yoy(fell, before)
    assert [(c.code, c.gpc_ref) for c in found] == [("year_on_year.line_total_change", "I.1.1")]
    assert "-48% against 2018" in found[0].message
    # 25 % down: under the share, nothing
    calm = inventory(
        2019, gas(75_000_000), other.model_copy(update={"quantity": 37_500_000}), elec(1_210_000_000)
    )
    assert yoy(calm, before) == []
    # a record moving past its own share names the line once, by the record
    big = yoy(inventory(2019, gas(10_000_000), other, elec(1_210_000_000)), before)
    assert "year_on_year.line_total_change" not in {c.code for c in big} and big
