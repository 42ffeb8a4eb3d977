"""Implied factors out of band on every method, the same activity at two factors, T&D year pairing.

Each case is computed on the shipped library; the hand calculation of the ratio is beside it."""

from __future__ import annotations

import datetime as dt

from localaction.core.inventory import (
    ActivityRecord,
    CheckResult,
    CustomFactor,
    Inventory,
    Method,
    Period,
    compute,
)


def rec(
    rid: str, ref: str, method: Method, activity: str, qty: float, unit: str, **kw: object
) -> ActivityRecord:
    return ActivityRecord(
        record_id=rid, gpc_ref=ref, method=method, activity=activity, quantity=qty, unit=unit, **kw
    )  # type: ignore[arg-type]


def checks(
    *records: ActivityRecord, region: str = "DE", year: int = 2022, code: str = ""
) -> list[CheckResult]:
    inv = Inventory(
        jurisdiction="X",
        period=Period(start=dt.date(year, 1, 1), end=dt.date(year, 12, 31), year=year),
        region=region,
        population=100_000,
        records=list(records),
    )
    found = compute(inv).checks
    return [c for c in found if not code or c.code == code]


def cf(value: float, unit: str, gas: str = "CO2e") -> CustomFactor:
    return CustomFactor(gas=gas, value=value, unit=unit, justification="the city's own value")


OUT = "factor.implied_out_of_band"


def test_custom_factor_per_therm_ten_times_too_high() -> None:
    # library: 1 therm natural gas, residential = 5.3428 kg CO2e; 53.4 kg/therm is 10.0 times that
    bad = rec(
        "gas",
        "I.1.1",
        Method.FUEL_COMBUSTION,
        "natural_gas",
        1e6,
        "therm",
        custom_factor=cf(53.4, "kg/therm"),
    )
    (c,) = checks(bad, region="US", code=OUT)
    assert (c.record_id, c.gpc_ref, c.year, c.severity.value) == ("gas", "I.1.1", 2022, "warning")
    assert "10.0 times" in c.message and "per therm, MMBtu or GJ" in c.message
    fine = bad.model_copy(update={"custom_factor": cf(5.32, "kg/therm")})
    assert not checks(fine, region="US", code=OUT)


def test_grid_custom_factor_against_the_zones_factor_for_the_year() -> None:
    # DE 2022 (Electricity Maps): 0.40953 kg/kWh; a custom 0.04 kg/kWh is 0.098 times it
    bad = rec("elec", "I.1.2", Method.GRID_ENERGY, "DE", 1e6, "kWh", custom_factor=cf(0.04, "kg/kWh"))
    found = checks(bad, code=OUT)
    assert [(c.record_id, c.gpc_ref) for c in found] == [("elec", "I.1.2")]
    assert "0.098 times" in found[0].message


def test_td_loss_share_against_the_library_td_factor() -> None:
    # DE 2022: T&D 0.0615 kg per kWh consumed (Carbon Footprint); a 60 % loss share x 0.40953 = 0.2457: 4.0 times
    bad = rec("elec", "I.1.2", Method.GRID_ENERGY, "DE", 1e6, "kWh", params={"td_loss_share": 0.6})
    found = checks(bad, code=OUT)
    assert [(c.record_id, c.gpc_ref) for c in found] == [("elec", "I.1.3")]
    ok = bad.model_copy(update={"params": {"td_loss_share": 0.15}})
    assert not checks(ok, code=OUT)


def test_transport_distance_factor_outside_the_plausible_band() -> None:
    # 30 kg CO2e per vehicle-km: no library value to compare with a label "bus"; the band is 0.005-3.0
    bad = rec(
        "bus",
        "II.1.1",
        Method.TRANSPORT_DISTANCE,
        "bus",
        1e6,
        "vehicle_km",
        custom_factor=cf(30, "kg/vehicle_km"),
    )
    (c,) = checks(bad, code=OUT)
    assert c.record_id == "bus" and "30 kg CO2e per vehicle-km" in c.message
    # fuel intensity x10 (380 l/100 km) through the library's diesel factors: 10.2 kg CO2e/vkm, also out
    heavy = rec("bus", "II.1.1", Method.TRANSPORT_DISTANCE, "bus", 1e6, "vehicle_km",
                params={"fuel": "diesel", "fuel_intensity": 380, "fuel_intensity_unit": "l/100km"})  # fmt: skip
    assert checks(heavy, code=OUT)
    normal = heavy.model_copy(update={"params": {**heavy.params, "fuel_intensity": 38}})
    assert not checks(normal, code=OUT)


def test_waste_methods_given_parameters_against_the_defaults() -> None:
    # landfill: MCF 1.0 given for an uncategorised site (default 0.6) is 1.7 times: inside; DOC 1.5 for food
    # (default 0.15) is 10 times: out
    ok = rec("lf", "III.1.1", Method.LANDFILL_MC, "food", 1000, "t", params={"MCF": 1.0})
    assert not checks(ok, code=OUT)
    bad = rec("lf", "III.1.1", Method.LANDFILL_MC, "food", 1000, "t", params={"DOC": 1.5})
    assert [c.record_id for c in checks(bad, code=OUT)] == ["lf"]
    # composting: 40 g CH4/kg given (default 4): CO2e ratio (40 x 28 + 0.24 x 265)/(4 x 28 + 0.24 x 265) = 6.7
    comp = rec("c", "III.2.1", Method.BIOLOGICAL, "composting", 1000, "t", params={"ef_ch4_g_per_kg": 40})
    assert "6.7 times" in checks(comp, code=OUT)[0].message
    # wastewater: Bo 6 given (default 0.6) for a septic system: 10 times
    ww = rec("w", "III.4.1", Method.WASTEWATER, "septic", 1e6, "kg", params={"Bo": 6})
    assert "10.0 times" in checks(ww, code=OUT)[0].message
    # incineration: a custom factor per short ton 10x the library's
    inc = rec(
        "i",
        "III.3.1",
        Method.INCINERATION,
        "plastics",
        1000,
        "short tons",
        custom_factor=cf(25, "t/short ton"),
    )
    assert checks(inc, code=OUT)


def test_fugitive_leakage_band() -> None:
    p = {"ch4_fraction": 0.93, "leakage_rate": 0.2}
    bad = rec("leak", "I.8.1", Method.FUGITIVE_GAS, "natural_gas", 1e6, "therm", params=p)
    (c,) = checks(bad, region="US", code=OUT)
    assert "20.00%" in c.message
    assert not checks(bad.model_copy(update={"params": {**p, "leakage_rate": 0.002}}), region="US", code=OUT)


def test_the_same_grid_zone_at_two_factors_in_one_inventory() -> None:
    res = rec("res", "I.1.2", Method.GRID_ENERGY, "DE", 2e6, "kWh")
    com = rec("com", "I.2.2", Method.GRID_ENERGY, "DE", 1e6, "kWh", custom_factor=cf(0.3, "kg/kWh"))
    (c,) = checks(res, com, code="factor.inconsistent")
    assert (
        (c.record_id, c.gpc_ref) == ("com", "I.2.2") and "0.3 kg CO2e/kWh" in c.message and "res" in c.message
    )
    same = com.model_copy(update={"custom_factor": None})
    assert not checks(res, same, code="factor.inconsistent")


def test_the_same_fuel_at_two_factors_but_not_coal_in_two_sectors() -> None:
    # residential vs commercial coal differ in CH4 (300 vs 10 kg/TJ) but not in CO2: consistent
    a = rec("a", "I.1.1", Method.FUEL_COMBUSTION, "coal", 10, "TJ")
    b = rec("b", "I.2.1", Method.FUEL_COMBUSTION, "coal", 5, "TJ")
    assert not checks(a, b, code="factor.inconsistent")
    # natural gas: library (5.327 kg CO2 per therm) vs a custom 6.0 kg CO2/therm
    g1 = rec("g1", "I.1.1", Method.FUEL_COMBUSTION, "natural gas", 2e6, "therm")
    g2 = rec(
        "g2",
        "I.2.1",
        Method.FUEL_COMBUSTION,
        "natural gas",
        1e6,
        "therm",
        custom_factor=cf(6.0, "kg/therm", "CO2"),
    )
    (c,) = checks(g1, g2, region="US", code="factor.inconsistent")
    assert c.record_id == "g2"


def test_td_factor_of_another_year() -> None:
    br = rec("br", "I.1.2", Method.GRID_ENERGY, "BR", 1e6, "kWh")
    (c,) = checks(br, region="BR", year=2023, code="factor.td_year_mismatch")
    assert (c.record_id, c.gpc_ref) == ("br", "I.1.3") and "2021" in c.message and "2023" in c.message
    assert not checks(rec("de", "I.1.2", Method.GRID_ENERGY, "DE", 1e6, "kWh"), year=2022,
                      code="factor.td_year_mismatch")  # fmt: skip
