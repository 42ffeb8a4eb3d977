"""Golden: the year-on-year checks on two real series.

San Francisco's community inventory 1990-2019 (DataSF) by commodity: each commodity's activity and SF's own
emissions become a record with SF's implied factor (the city's own, in its own unit). C40's 136 inventories by
GPC line. A normal year raises no year-on-year warning; the real anomalies of the SF series are found; planted
anomalies of each kind are caught. The thresholds are ``checks/thresholds.yaml`` (docs/inventory.md).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from pathlib import Path

import pytest

from localaction.core.catalog.units import parse_unit
from localaction.core.errors import InputError
from localaction.core.inventory import (
    ActivityRecord,
    CustomFactor,
    Inventory,
    InventoryResult,
    Method,
    Period,
    compare_years,
    compute,
)
from localaction.core.inventory.lines_io import read_lines_file

SF = "inventories/sf_communitywide_ghg_inventory_1990_2019.csv"
C40 = "inventories/c40_gpc_inventories_long.csv"
# commodity -> (GPC line, method, activity: a fuel only where SF's factor is for that fossil fuel)
SF_KINDS = {
    "Electricity": ("I.2.2", Method.GRID_ENERGY, "US-CA"),
    "Steam": ("I.2.2", Method.GRID_ENERGY, "steam"),
    "Natural Gas": ("I.1.1", Method.FUEL_COMBUSTION, "natural gas"),
    "Gasoline": ("II.1.1", Method.TRANSPORT_FUEL, "gasoline"),
    "Diesel": ("II.1.1", Method.TRANSPORT_FUEL, "diesel"),
    "CNG": ("II.1.1", Method.TRANSPORT_FUEL, ""),
    "Propane": ("II.1.1", Method.TRANSPORT_FUEL, "propane"),
    "Solid Waste": ("III.1.1", Method.LANDFILL_MC, "msw"),
    "Sludge gas": ("I.2.1", Method.FUEL_COMBUSTION, ""),
    "Gas Oil": ("I.4.1", Method.FUEL_COMBUSTION, ""),
    "LPGas, Liquid fuel, solid fuel": ("I.1.1", Method.FUEL_COMBUSTION, ""),
    "Fugitive Emissions": ("III.4.1", Method.WASTEWATER, ""),
    "Process Emissions": ("III.4.1", Method.WASTEWATER, ""),
    "Animal Waste": ("V.1", Method.DIRECT, ""),
}  # biofuels (B5, B20, B100, renewable diesel and CNG) and other fuels: II.x lines, SF's factor only
YOY = "year_on_year."


def _sf_series(shared_data: Path) -> dict[int, Inventory]:
    with (shared_data / SF).open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    agg: dict[tuple[int, str, str], list[float]] = defaultdict(lambda: [0.0, 0.0])
    for r in rows:
        key = (int(r["Calendar_Year"]), r["Commodity_Type"], r["Quantity_Units"])
        agg[key][0] += float(r["Quantity"] or 0)
        agg[key][1] += float(r["Emissions_mtCO2e"] or 0)
    records: dict[int, list[ActivityRecord]] = defaultdict(list)
    for (year, commodity, unit), (qty, t) in sorted(agg.items()):
        if qty == 0 and t == 0:
            continue
        rid = f"{commodity}|{unit}"
        default = ("II.5.1", Method.FUEL_COMBUSTION, "") if commodity == "Other Unspecified Fuels" else (
            "II.1.1", Method.TRANSPORT_FUEL, "")  # fmt: skip
        ref, method, activity = SF_KINDS.get(commodity, default)
        if unit == "miles":
            ref, method, unit = "II.1.1", Method.TRANSPORT_DISTANCE, "vehicle_mile"
        try:
            usable = qty > 0 and unit != "mtCO2e" and bool(parse_unit(unit))
        except InputError:  # "people", "Avg kgN/day": no activity the engine can read
            usable = False
        if not usable:
            records[year].append(
                ActivityRecord(
                    record_id=rid,
                    gpc_ref=ref,
                    method=Method.DIRECT,
                    quantity=0,
                    unit="t",
                    params={"CO2e_t": t},
                )
            )
            continue
        own = CustomFactor(
            value=t * 1000 / qty, unit=f"kg/{unit}", justification="San Francisco's own factor"
        )
        params = {"include_td_losses": False} if method == Method.GRID_ENERGY else {}
        records[year].append(
            ActivityRecord(
                record_id=rid,
                gpc_ref=ref,
                method=method,
                activity=activity,
                quantity=qty,
                unit=unit,
                custom_factor=own,
                params=params,
            )
        )
    return {
        y: Inventory(
            jurisdiction="San Francisco",
            period=Period(start=dt.date(y, 1, 1), end=dt.date(y, 12, 31), year=y),
            region="US-CA",
            population=880_000,
            records=recs,
        )
        for y, recs in records.items()
    }


# The line-total check (issue 16) is the reviewer's prompt at a tighter share (30 %) than the source checks
# tuned here (50 %): by design it speaks in years these series call normal (measured below), so the "a
# normal year raises nothing" tests leave it out, as they leave out the total's jump.
REVIEW_PROMPTS = {YOY + "jump", YOY + "line_total_change"}


def _yoy(res: InventoryResult) -> set[tuple[str, str | None]]:
    return {
        (c.code, c.record_id or c.gpc_ref)
        for c in res.checks
        if c.code.startswith(YOY) and c.code not in REVIEW_PROMPTS
    }


@pytest.fixture(scope="module")
def sf(shared_data: Path) -> dict[int, Inventory]:
    return _sf_series(shared_data)


@pytest.fixture(scope="module")
def sf_checked(sf: dict[int, Inventory]) -> dict[int, InventoryResult]:
    return {
        r.inventory.period.year: r for r in compare_years([compute(i, checks=False) for i in sf.values()])
    }


def test_sf_normal_years_raise_no_year_on_year_warning(sf_checked: dict[int, InventoryResult]) -> None:
    assert _yoy(sf_checked[2017]) == set()  # against 2016
    assert _yoy(sf_checked[2018]) == set()  # against 2017


def test_sf_real_anomalies_are_found(sf_checked: dict[int, InventoryResult]) -> None:
    # steam: 12,101,600 therm in 1990, 2000, 2005, 2010 and 2012 (copied forward)
    for year in (2000, 2005, 2010, 2012):
        assert (YOY + "repeated_value", "Steam|Therm") in _yoy(sf_checked[year]), year
    # LPG and other residential fuels: the same 23,699 t from 1990 to 2012
    assert (YOY + "repeated_value", "LPGas, Liquid fuel, solid fuel|mtCO2e") in _yoy(sf_checked[2010])
    # animal waste (82,817 t in 2015) gone from 2016 without a notation key
    assert (YOY + "source_missing", "V.1") in _yoy(sf_checked[2016])
    # 2019: PG&E's electricity at a near-zero factor (0.0813 -> 0.0279 kg CO2e/kWh across SF's supplies)
    assert (YOY + "factor_change", "Electricity|kWh") in _yoy(sf_checked[2019])
    # landfilled organics 2015: emissions +59 % for +34 % tonnes (a method change to explain)
    assert (YOY + "emission_change", "Solid Waste|tons") in _yoy(sf_checked[2015])


def _planted(
    sf: dict[int, Inventory], change: dict[str, dict[str, object] | None]
) -> set[tuple[str, str | None]]:
    """2018 with records replaced (None = removed), checked against the real 2017."""
    recs = []
    for r in sf[2018].records:
        if r.record_id in change:
            if change[r.record_id] is not None:
                recs.append(r.model_copy(update=change[r.record_id]))
        else:
            recs.append(r)
    before = compute(sf[2017], checks=False)
    return _yoy(compute(sf[2018].model_copy(update={"records": recs}), previous=[before]))


def test_sf_planted_anomalies_are_caught(sf: dict[int, Inventory]) -> None:
    by_id = {r.record_id: r for r in sf[2018].records}
    before = {r.record_id: r for r in sf[2017].records}
    gas, elec, diesel = by_id["Natural Gas|Therm"], by_id["Electricity|kWh"], by_id["Diesel|gallons"]
    # a consumption figure that falls 90 % (Dth entered as therm?)
    assert (YOY + "activity_change", gas.record_id) in _planted(
        sf, {gas.record_id: {"quantity": gas.quantity / 10}}
    )
    # a factor applied to the wrong unit (x10)
    assert elec.custom_factor is not None
    ten = elec.custom_factor.model_copy(update={"value": elec.custom_factor.value * 10})
    assert (YOY + "factor_change", elec.record_id) in _planted(sf, {elec.record_id: {"custom_factor": ten}})
    # last year's factor reused for a fuel whose SF factor moved: the commodity's 2017 quantity copied forward
    copied = {"quantity": before["Gasoline|miles"].quantity}
    assert (YOY + "repeated_value", "Gasoline|miles") in _planted(sf, {"Gasoline|miles": copied})
    # emissions with no activity behind them
    direct = {"method": Method.DIRECT, "quantity": 0, "unit": "t", "custom_factor": None, "activity": "",
              "params": {"CO2e_t": 40_000}}  # fmt: skip
    assert (YOY + "emissions_without_activity", diesel.record_id) in _planted(sf, {diesel.record_id: direct})
    # a source dropped without a notation key
    assert (YOY + "source_missing", "III.1.1") in _planted(sf, {"Solid Waste|tons": None})


def test_sf_commercial_gas_factor_dip_is_flagged(shared_data: Path) -> None:
    """The 2012 dip of PG&E's commercial gas factor (5.19 -> 4.66 kg CO2e/therm, -10 %) against 2010."""
    with (shared_data / SF).open(encoding="utf-8-sig", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["Sector_Detail2"] == "PG&E Commercial & Industrial"
                and r["Commodity_Type"] == "Natural Gas"]  # fmt: skip
    results = []
    for r in rows:
        y, qty, t = int(r["Calendar_Year"]), float(r["Quantity"]), float(r["Emissions_mtCO2e"])
        own = CustomFactor(value=t * 1000 / qty, unit="kg/therm", justification="SF's factor")
        rec = ActivityRecord(record_id="pge-com-gas", gpc_ref="I.2.1", method=Method.FUEL_COMBUSTION,
                             activity="natural gas", quantity=qty, unit="therm", custom_factor=own)  # fmt: skip
        inv = Inventory(jurisdiction="SF", period=Period(start=dt.date(y, 1, 1), end=dt.date(y, 12, 31), year=y),
                        region="US-CA", records=[rec])  # fmt: skip
        results.append(compute(inv, checks=False))
    checked = {r.inventory.period.year: _yoy(r) for r in compare_years(results)}
    assert (YOY + "factor_change", "pge-com-gas") in checked[2012]
    assert (YOY + "factor_change", "pge-com-gas") in checked[2018]  # and back up in 2018
    assert (YOY + "factor_change", "pge-com-gas") not in checked[2016] | checked[2017]


@pytest.fixture(scope="module")
def c40(shared_data: Path) -> dict[str, list[InventoryResult]]:
    by: dict[str, list[InventoryResult]] = defaultdict(list)
    for item in read_lines_file(shared_data / C40):
        by[item.city].append(compute(item.inventory, checks=False))
    return by


NORMAL_C40 = [("Barcelona", 2019), ("Bogotá", 2016), ("Boston", 2009), ("Buenos Aires", 2013), ("Athens", 2017),
              ("Amman", 2019), ("Istanbul", 2020)]  # fmt: skip


def test_c40_normal_years_raise_no_year_on_year_warning(c40: dict[str, list[InventoryResult]]) -> None:
    quiet = consecutive = 0
    for city, results in c40.items():
        checked = compare_years(results)
        by_year = {r.inventory.period.year: r for r in checked}
        for year, res in by_year.items():
            if year - 1 in by_year:
                consecutive += 1
                quiet += not _yoy(res)
        for c, y in NORMAL_C40:
            if c == city:
                assert _yoy(by_year[y]) == set(), (city, y)
    # 40 of C40's 76 consecutive-year pairs raise nothing; the others carry line moves above 50 % on lines of
    # at least 0.5 % of the inventory (e.g. Boston's I.4.4, Cape Town's T&D lines) or exact repeats
    assert consecutive == 76 and quiet >= 40


def test_c40_real_repeats_are_found(c40: dict[str, list[InventoryResult]]) -> None:
    auckland = {r.inventory.period.year: _yoy(r) for r in compare_years(c40["Auckland"])}
    for year in (2017, 2018, 2019):  # V.2 at -1,313,386 t four years running
        assert (YOY + "line_repeated", "V.2") in auckland[year]


def test_c40_planted_anomalies_are_caught(c40: dict[str, list[InventoryResult]]) -> None:
    years = {r.inventory.period.year: r for r in c40["Barcelona"]}
    before, base = years[2018], years[2019].inventory
    top = max((ln for ln in base.lines if ln.value_tco2e), key=lambda ln: abs(ln.value_tco2e or 0))
    prev_value = next(ln.value_tco2e for ln in before.inventory.lines if ln.gpc_ref == top.gpc_ref)

    def planted(value: float | None) -> set[tuple[str, str | None]]:
        lines = [
            ln.model_copy(update={"value_tco2e": value}) if ln.gpc_ref == top.gpc_ref else ln
            for ln in base.lines
        ]
        return _yoy(compute(base.model_copy(update={"lines": lines}), previous=[before]))

    assert (YOY + "line_change", top.gpc_ref) in planted((top.value_tco2e or 0) * 10)
    assert (YOY + "line_repeated", top.gpc_ref) in planted(prev_value)
    assert (YOY + "source_missing", top.gpc_ref) in planted(None)


def test_c40_line_totals_that_moved_past_30_percent_are_named(c40: dict[str, list[InventoryResult]]) -> None:
    """A line that fell 46 % (Buenos Aires I.3.1, 2013) passed every source check; the line-total check names
    it. Over C40's 76 consecutive-year pairs it speaks in 16 (lines of at least 5 % of the inventory)."""
    fired = pairs = 0
    named: set[tuple[str, int, str | None]] = set()
    for city, results in c40.items():
        by_year = {r.inventory.period.year: r for r in compare_years(results)}
        for year, res in by_year.items():
            if year - 1 not in by_year:
                continue
            pairs += 1
            hits = [c for c in res.checks if c.code == YOY + "line_total_change"]
            fired += bool(hits)
            named |= {(city, year, c.gpc_ref) for c in hits}
    assert ("Buenos Aires", 2013, "I.3.1") in named
    assert pairs == 76 and fired == 16
