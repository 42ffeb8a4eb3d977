"""Grid electricity and T&D pairing, district steam, electric vehicles, transport by distance (shipped library)."""

from __future__ import annotations

import datetime as dt

import pytest

from localaction.core.errors import InputError
from localaction.core.inventory import (
    ActivityRecord,
    CustomFactor,
    Inventory,
    Method,
    Period,
    compute_records,
)
from tests.core.inventory.test_energy import one, run


def test_grid_and_td_years_are_paired_or_the_trail_says_which() -> None:
    # Brazil 2023: Electricity Maps grid factor 2023; the library's only BR T&D factor is Carbon Footprint's 2021
    rec = ActivityRecord(
        record_id="r", gpc_ref="I.1.2", method=Method.GRID_ENERGY, activity="BR", quantity=1, unit="MWh"
    )
    inv = Inventory(
        jurisdiction="X",
        period=Period(start=dt.date(2023, 1, 1), end=dt.date(2023, 12, 31), year=2023),
        records=[rec],
    )
    scope2, td = compute_records(inv)
    assert scope2.factors[0].factor_id == "grid.em.BR.2023"
    assert any(
        "td.cf.BR.2021 (2021) paired with the grid factor grid.em.BR.2023 (2023)" in s for s in td.steps
    )
    # 1 MWh x 0.01946795 kg T&D per kWh consumed = 19.468 kg
    assert td.co2e_t == pytest.approx(0.01946794563)


def test_grid_custom_factor_with_the_gas_in_its_unit() -> None:
    cf = CustomFactor(value=0.25, unit="tCO2/MWh", justification="utility disclosure 2019")
    (r,) = run(
        "I.2.2", Method.GRID_ENERGY, "", 2000, "MWh", custom_factor=cf, params={"include_td_losses": False}
    )
    # 2,000 MWh x 0.25 t CO2/MWh = 500 t CO2 (the gas comes from the unit)
    assert r.gases_t == {"CO2": pytest.approx(500.0)}


def test_district_steam_in_thousand_pounds() -> None:
    # 1 klb = 1,194 Btu/lb x 1,000 = 1.194 MMBtu (ENERGY STAR Portfolio Manager, 150 psi);
    # x 66.33 kg CO2 + 1.25 g CH4 + 0.125 g N2O per MMBtu (US EPA Table 7) = 79.2 kg CO2 per klb
    (r,) = run("I.2.2", Method.GRID_ENERGY, "district steam", 1, "klb", region="US")
    assert r.gases_t["CO2"] * 1000 == pytest.approx(1.194 * 66.33)
    assert r.gases_t["CH4"] == pytest.approx(1.194 * 1.25e-6)
    assert r.gases_t["N2O"] == pytest.approx(1.194 * 0.125e-6)
    mmbtu = one("I.2.2", Method.GRID_ENERGY, "steam", 1.194, "MMBtu", region="US")
    assert mmbtu.co2e_t == pytest.approx(r.co2e_t)
    assert any("no T&D losses for purchased heat" in s for s in r.steps)


def test_district_hot_water_needs_the_operators_factor() -> None:
    with pytest.raises(InputError) as exc:
        run("I.1.2", Method.GRID_ENERGY, "hot water", 100, "MWh", region="DE")
    assert "custom_factor" in str(exc.value) and "no sourced default" in str(exc.value)
    cf = CustomFactor(value=0.21, unit="t/MWh", justification="operator's audited factor")
    (r,) = run("I.1.2", Method.GRID_ENERGY, "district_heat", 100, "MWh", region="DE", custom_factor=cf)
    assert r.co2e_t == pytest.approx(21.0)


def test_electric_vehicle_distance_x_consumption_x_grid() -> None:
    # 10,000 vehicle-miles x 0.3 kWh/mile = 3,000 kWh x US-CA grid (2021: 0.217951 kg/kWh) on II.1.2;
    # T&D (0.0102699 kg/kWh consumed) on II.1.3. No kWh/km default is sourced: the intensity is required.
    params = {"fuel": "electricity", "fuel_intensity": 0.3, "fuel_intensity_unit": "kWh/mi"}
    scope2, td = run("II.1.2", Method.TRANSPORT_DISTANCE, "car", 10_000, "vehicle_mile", params=params)
    assert (scope2.gpc_ref, td.gpc_ref) == ("II.1.2", "II.1.3")
    assert scope2.co2e_t == pytest.approx(3000 * 0.21795099 / 1000, rel=1e-4)
    with pytest.raises(InputError) as exc:
        run(
            "II.1.2", Method.TRANSPORT_DISTANCE, "car", 10_000, "vehicle_mile", params={"fuel": "electricity"}
        )
    assert "no sourced default for electric vehicles" in str(exc.value)


def test_distance_factor_per_vehicle_mile_on_kilometres() -> None:
    cf = CustomFactor(value=0.4, unit="kg/vehicle_mile", justification="fleet's measured average")
    r = one("II.1.1", Method.TRANSPORT_DISTANCE, "car", 1609.344, "vehicle_km", custom_factor=cf)
    assert r.co2e_t == pytest.approx(0.4)  # 1,609.344 vkm = 1,000 vehicle-miles x 0.4 kg


def test_a_gas_in_the_factor_unit_must_agree_with_the_factor_gas() -> None:
    cf = CustomFactor(gas="CH4", value=0.3, unit="kgCO2e/kWh", justification="utility figure 2021")
    with pytest.raises(InputError) as exc:
        run("I.2.2", Method.GRID_ENERGY, "", 10, "kWh", custom_factor=cf)
    assert "names CO2e but the factor's gas is CH4" in str(exc.value)
