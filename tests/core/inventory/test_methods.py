"""Each calculation method on a worked example, computed by hand in the comments."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from localaction.core.errors import InputError
from localaction.core.inventory import (
    ActivityRecord,
    CustomFactor,
    Inventory,
    Method,
    Period,
    compute,
    compute_records,
)
from tests.core.inventory.fakes import FakeLibrary

Y2020 = Period(start=dt.date(2020, 1, 1), end=dt.date(2020, 12, 31), year=2020, label="2020")


def inv(*records: ActivityRecord, gwp_set: str = "AR5", region: str = "DE") -> Inventory:
    return Inventory(
        jurisdiction="Testville", period=Y2020, gwp_set=gwp_set, region=region, records=list(records)
    )


def rec(ref: str, method: Method, activity: str, quantity: float, unit: str, **kw: object) -> ActivityRecord:
    return ActivityRecord(
        record_id=kw.pop("record_id", "r1"),
        gpc_ref=ref,
        method=method,
        activity=activity,
        quantity=quantity,
        unit=unit,
        **kw,
    )  # type: ignore[arg-type]


def one(inventory: Inventory) -> tuple[float, dict[str, float]]:
    (r,) = compute_records(inventory, FakeLibrary())
    return r.co2e_t, r.gases_t


def test_diesel_one_tj_commercial_ar5() -> None:
    # 74,100 kg CO2 + 10 kg CH4 x 28 + 0.6 kg N2O x 265 = 74,539 kg CO2e
    co2e, gases = one(inv(rec("I.2.1", Method.FUEL_COMBUSTION, "diesel", 1, "TJ")))
    assert co2e == pytest.approx(74.539)
    assert gases == pytest.approx({"CO2": 74.1, "CH4": 0.010, "N2O": 0.0006})


def test_diesel_one_tj_commercial_ar6_uses_fossil_methane() -> None:
    # 74,100 + 10 x 29.8 (AR6 fossil CH4) + 0.6 x 273 = 74,561.8 kg CO2e
    co2e, _ = one(inv(rec("I.2.1", Method.FUEL_COMBUSTION, "diesel", 1, "TJ"), gwp_set="AR6"))
    assert co2e == pytest.approx(74.5618)


def test_fuel_by_volume_uses_density_and_ncv() -> None:
    # 1,000 l x 0.84 kg/l = 0.84 t = 0.00084 Gg; x 43 TJ/Gg = 0.03612 TJ; x 74,539 kg/TJ = 2,692.35 kg CO2e
    co2e, _ = one(inv(rec("I.2.1", Method.FUEL_COMBUSTION, "diesel", 1000, "litres")))
    assert co2e == pytest.approx(0.03612 * 74.539)


def test_fuel_by_mass_and_energy_in_therms() -> None:
    # natural gas, residential: 10,000 therm = 1.05506 TJ gross (a therm is gross by US convention);
    # net = 0.9 x gross = 0.949550 TJ; x (56,100 + 5 x 28 + 0.1 x 265) kg/TJ
    co2e, _ = one(inv(rec("I.1.1", Method.FUEL_COMBUSTION, "natural_gas", 10_000, "therms")))
    assert co2e == pytest.approx(0.9 * 1.05505585262 * (56_100 + 5 * 28 + 0.1 * 265) / 1000, rel=1e-6)
    # the basis can be overridden: therms read as net energy
    net = rec(
        "I.1.1", Method.FUEL_COMBUSTION, "natural_gas", 10_000, "therms", params={"calorific_basis": "net"}
    )
    assert one(inv(net))[0] == pytest.approx(1.05505585262 * (56_100 + 5 * 28 + 0.1 * 265) / 1000, rel=1e-6)
    co2e_mass, _ = one(inv(rec("I.1.1", Method.FUEL_COMBUSTION, "natural_gas", 1, "t")))
    # 1 t = 0.001 Gg x 48 TJ/Gg = 0.048 TJ
    assert co2e_mass == pytest.approx(0.048 * (56_100 + 140 + 26.5) / 1000)


def test_biogenic_co2_is_kept_apart() -> None:
    (r,) = compute_records(inv(rec("I.1.1", Method.FUEL_COMBUSTION, "wood", 1, "TJ")), FakeLibrary())
    assert r.biogenic_co2_t == pytest.approx(112.0)
    assert "CO2" not in r.gases_t
    # only CH4 and N2O count: 300 kg x 28 + 4 kg x 265 = 9,460 kg
    assert r.co2e_t == pytest.approx(9.46)


def test_volume_without_density_names_the_record() -> None:
    with pytest.raises(InputError) as exc:
        compute_records(
            inv(rec("I.1.1", Method.FUEL_COMBUSTION, "natural_gas", 5, "m3", record_id="gas-7")),
            FakeLibrary(),
        )
    assert "gas-7" in str(exc.value)
    assert "density" in str(exc.value)


def test_unit_that_cannot_convert_is_an_error_naming_the_row() -> None:
    with pytest.raises(InputError) as exc:
        compute_records(
            inv(rec("I.1.2", Method.GRID_ENERGY, "DE", 5, "vehicle_km", record_id="row-12")), FakeLibrary()
        )
    assert "row-12" in str(exc.value) and "vehicle_km" in str(exc.value)


def test_grid_energy_with_td_losses_to_scope_3() -> None:
    # 1 GWh x 0.4 kg/kWh = 400 t (I.1.2); T&D 5 % x 1 GWh x 0.4 = 20 t (I.1.3)
    result = compute(inv(rec("I.1.2", Method.GRID_ENERGY, "DE", 1, "GWh")), FakeLibrary())
    line = {ln.gpc_ref: ln.value_tco2e for ln in result.lines}
    assert line["I.1.2"] == pytest.approx(400.0)
    assert line["I.1.3"] == pytest.approx(20.0)
    assert result.totals.basic == pytest.approx(400.0)
    assert result.totals.basic_plus == pytest.approx(420.0)


def test_grid_pinned_factor_and_custom_factor() -> None:
    pinned = rec(
        "I.2.2",
        Method.GRID_ENERGY,
        "",
        1000,
        "MWh",
        factor_id="grid.custom.green",
        params={"include_td_losses": "false"},
    )
    assert one(inv(pinned))[0] == 0.0
    custom = rec(
        "I.2.2",
        Method.GRID_ENERGY,
        "",
        1000,
        "MWh",
        params={"include_td_losses": "false"},
        custom_factor=CustomFactor(value=0.25, unit="kg/kWh", justification="utility disclosure 2020"),
    )
    assert one(inv(custom))[0] == pytest.approx(250.0)


def test_transport_distance_with_fuel_intensity() -> None:
    # 100,000 vkm x 30 l/100km = 30,000 l diesel; x 0.84 kg/l x 43 TJ/Gg = 1.08360 TJ
    # road factors: 74,100 + 3.9 x 28 + 3.9 x 265 = 75,242.7 kg/TJ
    r = rec(
        "II.1.1",
        Method.TRANSPORT_DISTANCE,
        "bus",
        100_000,
        "vehicle_km",
        params={"fuel": "diesel", "fuel_intensity": 30, "fuel_intensity_unit": "l/100km"},
    )
    assert one(inv(r))[0] == pytest.approx(1.0836 * 75.2427, rel=1e-6)


def test_landfill_methane_commitment() -> None:
    # 10,000 t x MCF 0.6 x DOC 0.15 x DOCf 0.5 x F 0.5 x 16/12 = 300 t CH4; x 28 (AR5) = 8,400 tCO2e
    co2e, gases = one(inv(rec("III.1.1", Method.LANDFILL_MC, "food", 10_000, "t")))
    assert gases["CH4"] == pytest.approx(300.0)
    assert co2e == pytest.approx(8400.0)


def test_landfill_methane_commitment_with_recovery_and_oxidation() -> None:
    # managed site covered with oxidising material: MCF 1, OX 0.1 (IPCC 2006 Table 3.2):
    # (10,000 x 1 x 0.15 x 0.5 x 0.5 x 16/12 - 100) x 0.9 = (500 - 100) x 0.9
    r = rec(
        "III.1.1",
        Method.LANDFILL_MC,
        "food",
        10_000,
        "t",
        params={"site_type": "managed", "recovered_ch4_t": 100, "oxidising_cover": "yes"},
    )
    assert one(inv(r))[1]["CH4"] == pytest.approx(360.0)


def test_landfill_first_order_decay_matches_the_ipcc_equations() -> None:
    # Deposits of 1,000 t in 2018 and 2019, k = 0.17: DDOCm deposited each year = 1000 x 0.15 x 0.5 x 0.6 = 45 t.
    # End of 2018: 45. 2019: decomposed 45 (1 - e^-k), accumulated 45 e^-k + 45.
    # 2020: decomposed (45 e^-k + 45)(1 - e^-k). CH4 = decomposed x 0.5 x 16/12.
    e = math.exp(-0.17)
    expected = (45 * e + 45) * (1 - e) * 0.5 * 16 / 12
    r = rec(
        "III.1.1",
        Method.LANDFILL_FOD,
        "food",
        1000,
        "t",
        params={"deposits": {2018: 1000, 2019: 1000}, "climate_zone": "tropical_wet"},
    )
    assert one(inv(r))[1]["CH4"] == pytest.approx(expected)


def test_composting() -> None:
    # 1,000 t wet waste x 4 g/kg = 4 t CH4; x 0.24 g/kg = 0.24 t N2O; AR5 non-fossil: 4 x 28 + 0.24 x 265
    co2e, gases = one(inv(rec("III.2.1", Method.BIOLOGICAL, "composting", 1000, "t")))
    assert gases == pytest.approx({"CH4": 4.0, "N2O": 0.24})
    assert co2e == pytest.approx(4 * 28 + 0.24 * 265)


def test_composting_ar6_uses_non_fossil_methane() -> None:
    co2e, _ = one(inv(rec("III.2.1", Method.BIOLOGICAL, "composting", 1000, "t"), gwp_set="AR6"))
    assert co2e == pytest.approx(4 * 27.0 + 0.24 * 273)


def test_incineration_separates_fossil_and_biogenic_co2() -> None:
    # 1,000 t x dm 0.6 x CF 0.5 x OF 1 = 300 t C; fossil 40 % -> 120 t C x 44/12 = 440 t CO2; biogenic 660 t
    (r,) = compute_records(inv(rec("III.3.1", Method.INCINERATION, "textiles", 1000, "t")), FakeLibrary())
    assert r.gases_t["CO2"] == pytest.approx(440.0)
    assert r.biogenic_co2_t == pytest.approx(660.0)
    # continuous stoker (the default technology, said in the trail): CH4 0.0002 t, N2O 0.05 t
    assert r.co2e_t == pytest.approx(440 + 0.0002 * 28 + 0.05 * 265)
    assert any("continuous_stoker assumed" in s for s in r.steps)


def test_wastewater() -> None:
    # 1,000,000 kg BOD x Bo 0.6 x MCF 0.8 = 480,000 kg = 480 t CH4
    r = rec("III.4.1", Method.WASTEWATER, "anaerobic_deep_lagoon", 1_000_000, "kg")
    assert one(inv(r))[1]["CH4"] == pytest.approx(480.0)


def test_direct_entry_of_gas_amounts() -> None:
    # 2 t SF6 x 23,500 (AR5) + 10 t CH4 x 28 = 47,280 tCO2e
    r = rec("IV.1", Method.DIRECT, "", 0, "t", params={"SF6_t": 2, "CH4_t": 10})
    assert one(inv(r))[0] == pytest.approx(47_280.0)
    by_activity = rec("IV.2", Method.DIRECT, "N2O", 1000, "kg")
    assert one(inv(by_activity))[0] == pytest.approx(265.0)


def test_all_bad_records_are_reported_at_once() -> None:
    bad = inv(
        rec("I.1.1", Method.FUEL_COMBUSTION, "unobtainium", 1, "TJ", record_id="a"),
        rec("I.9.9", Method.FUEL_COMBUSTION, "diesel", 1, "TJ", record_id="b"),
        rec("I.1.1", Method.FUEL_COMBUSTION, "diesel", 1, "bananas", record_id="c"),
    )
    with pytest.raises(InputError) as exc:
        compute_records(bad, FakeLibrary())
    assert [d.loc[0] for d in exc.value.details] == ["record a", "record b", "record c"]


def test_every_record_keeps_its_trail() -> None:
    (r,) = compute_records(inv(rec("I.2.1", Method.FUEL_COMBUSTION, "diesel", 1, "TJ")), FakeLibrary())
    assert {f.gas for f in r.factors} == {"CO2", "CH4", "N2O"}
    assert all(f.source for f in r.factors)
    assert any("74100" in s for s in r.steps)
