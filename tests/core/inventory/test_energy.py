"""Fuels as real inventories give them (issue 15), on the shipped library, each with its hand calculation.

Factors used below (the library's, with their sources in factors.csv): natural gas CO2 56,100 kg/TJ, NCV 48 TJ/Gg;
residential CH4 5 / N2O 0.1 kg/TJ (IPCC 2006 Table 2.5); diesel CO2 74,100, NCV 43, density 0.8466 kg/l;
other bituminous coal CO2 94,600; wood CO2 112,000 (biogenic), NCV 15.6; AR5 GWPs CH4 28, N2O 265.
"""

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
    RecordResult,
    compute_records,
)

THERM_TJ = 105.5056e-6  # 1 therm = 105.5056 MJ (pint, = 100,000 Btu)
NG_RES = 56_100 + 5 * 28 + 0.1 * 265  # kg CO2e per TJ net, natural gas, residential, AR5
GAL_L = 3.785411784


def run(
    ref: str, method: Method, activity: str, quantity: float, unit: str, region: str = "US-CA", **kw: object
) -> list[RecordResult]:
    gwp = str(kw.pop("gwp_set", "AR5"))
    rec = ActivityRecord(
        record_id="r", gpc_ref=ref, method=method, activity=activity, quantity=quantity, unit=unit, **kw
    )  # type: ignore[arg-type]
    period = Period(start=dt.date(2019, 1, 1), end=dt.date(2019, 12, 31), year=2019)
    return compute_records(
        Inventory(jurisdiction="X", period=period, region=region, gwp_set=gwp, records=[rec])
    )


def one(*args: object, **kw: object) -> RecordResult:
    (r,) = run(*args, **kw)  # type: ignore[arg-type]
    return r


def test_therms_are_gross_by_default_and_the_trail_says_so() -> None:
    # 1 therm gross x 0.9 = 94.955 MJ net; x 56,266.5 kg/TJ = 5.3428 kg CO2e (5.936 if read as net: 11 % high)
    r = one("I.1.1", Method.FUEL_COMBUSTION, "natural gas", 1, "therm")
    assert r.co2e_t * 1000 == pytest.approx(0.9 * THERM_TJ * NG_RES, rel=1e-9)
    assert r.co2e_t * 1000 == pytest.approx(5.3428, abs=1e-4)
    assert any("read as gross energy (the convention for therm)" in s for s in r.steps)
    assert any("0.9 (net/gross" in s for s in r.steps)
    net = one("I.1.1", Method.FUEL_COMBUSTION, "natural gas", 1, "therm", params={"calorific_basis": "net"})
    assert net.co2e_t * 1000 == pytest.approx(5.9364, abs=1e-4)


@pytest.mark.parametrize(("unit", "therms"), [("MMBtu", 10.0), ("Dth", 10.0), ("Btu", 1e-5), ("kBtu", 0.01)])
def test_btu_family_is_gross(unit: str, therms: float) -> None:
    r = one("I.1.1", Method.FUEL_COMBUSTION, "natural gas", 1, unit)
    assert r.co2e_t * 1000 == pytest.approx(therms * 0.9 * THERM_TJ * NG_RES, rel=1e-9)


def test_a_custom_factor_is_applied_in_its_own_unit() -> None:
    # 1,000 therm x 5.3 kg/therm = 5.3 t, whatever the calorific basis (no conversion to energy)
    cf = CustomFactor(value=5.3, unit="kg/therm", justification="utility's published factor")
    assert one("I.1.1", Method.FUEL_COMBUSTION, "natural gas", 1000, "therms", custom_factor=cf).co2e_t == 5.3
    # per m3 on m3, per gallon on litres (pint converts the volume), per tonne on short tons
    m3 = CustomFactor(value=1.9, unit="kg/m3", justification="supplier's factor")
    assert one(
        "I.2.1", Method.FUEL_COMBUSTION, "natural gas", 100, "m3", custom_factor=m3
    ).co2e_t == pytest.approx(0.19)
    gal = CustomFactor(value=10.0, unit="kgCO2e/gallon", justification="supplier's factor")
    r = one("I.2.1", Method.FUEL_COMBUSTION, "diesel", 1000, "litre", custom_factor=gal)
    assert r.co2e_t == pytest.approx(1000 / GAL_L * 10 / 1000)


def test_a_custom_factor_per_therm_on_cubic_feet_goes_through_the_heat_content() -> None:
    # 1 Mcf x 1,026 Btu/ft3 (40 CFR 98 Table C-1) = 10.26 therm gross; x 5 kg/therm = 51.3 kg
    cf = CustomFactor(value=5.0, unit="kg/therm", justification="utility's published factor")
    r = one("I.1.1", Method.FUEL_COMBUSTION, "natural gas", 1, "Mcf", custom_factor=cf)
    assert r.co2e_t * 1000 == pytest.approx(51.3, rel=1e-6)


def test_us_epa_per_gallon_factors_by_id() -> None:
    # US EPA diesel 10.21 kg CO2 per gallon (GHG Protocol cross-sector tools V2.0)
    fid = "ghgp.mobile.volume.US.diesel.CO2"
    r = one("II.1.1", Method.TRANSPORT_FUEL, "diesel", 100, "gallon", factor_id=fid)
    assert r.gases_t["CO2"] == pytest.approx(1.021)
    litres = one("II.1.1", Method.TRANSPORT_FUEL, "diesel", 378.5411784, "litre", factor_id=fid)
    assert litres.gases_t["CO2"] == pytest.approx(1.021)
    # CH4 and N2O stay the library's road factors (3.9 / 3.9 kg/TJ) on the diesel's energy
    tj = 100 * GAL_L * 0.8466 / 1e6 * 43
    assert r.gases_t["CH4"] == pytest.approx(tj * 3.9 / 1000)


def test_us_fuel_oil_is_distillate_no_2_and_the_trail_says_so() -> None:
    us = one("I.1.1", Method.FUEL_COMBUSTION, "fuel oil", 1, "TJ", region="US-NY")
    assert us.gases_t["CO2"] == pytest.approx(74.1)  # gas/diesel oil, not residual fuel oil (77.4)
    assert any("read 'fuel oil' as distillate fuel oil No. 2 (US usage)" in s for s in us.steps)
    uk = one("I.1.1", Method.FUEL_COMBUSTION, "fuel oil", 1, "TJ", region="GB")
    assert uk.gases_t["CO2"] == pytest.approx(77.4)


def test_named_biomass_fuel_with_the_users_factor_keeps_its_nature() -> None:
    # wood, 1 t = 0.0156 TJ. A custom CO2 factor is biogenic (apart); CH4 stays non-fossil (AR6 27.0)
    co2 = CustomFactor(gas="CO2", value=1700, unit="kg/t", justification="lab analysis of our wood")
    r = one("I.1.1", Method.FUEL_COMBUSTION, "wood", 1, "t", custom_factor=co2, gwp_set="AR6")
    assert "CO2" not in r.gases_t and r.biogenic_co2_t == pytest.approx(1.7)
    assert r.methane_origin == "non-fossil"
    # residential wood CH4 300 / N2O 4 kg/TJ (Table 2.5): 0.0156 x (300 x 27.0 + 4 x 273) kg
    assert r.co2e_t * 1000 == pytest.approx(0.0156 * (300 * 27.0 + 4 * 273))
    # a CO2e factor counts in the totals; the biogenic CO2 is still reported apart (library: 112,000 kg/TJ)
    co2e = CustomFactor(value=100, unit="kgCO2e/t", justification="supplier's figure excluding biogenic CO2")
    r = one("I.1.1", Method.FUEL_COMBUSTION, "wood", 1, "t", custom_factor=co2e)
    assert r.co2e_t == pytest.approx(0.1) and r.biogenic_co2_t == pytest.approx(0.0156 * 112)


def test_stationary_ch4_and_n2o_follow_the_gpc_line() -> None:
    # 1 TJ other bituminous coal, AR5: residential (Table 2.5) 94,600 + 300 x 28 + 1.5 x 265 = 103,397.5 kg;
    # energy industries (2.2) 94,600 + 1 x 28 + 397.5 = 95,025.5; commercial (2.4) 94,600 + 280 + 397.5 = 95,277.5
    cases = {"I.1.1": 103_397.5, "I.5.1": 103_397.5, "I.4.1": 95_025.5, "I.2.1": 95_277.5, "I.3.1": 95_277.5}
    for ref, kg in cases.items():
        r = one(ref, Method.FUEL_COMBUSTION, "coal", 1, "TJ")
        assert r.co2e_t * 1000 == pytest.approx(kg), ref
        assert any(f"from GPC line {ref}" in s for s in r.steps), ref
    given = one(
        "I.1.1", Method.FUEL_COMBUSTION, "coal", 1, "TJ", params={"sector_of_use": "energy_industries"}
    )
    assert given.co2e_t * 1000 == pytest.approx(95_025.5)


@pytest.mark.parametrize(
    ("unit", "tj_net"),
    [
        ("m3", 100 * 0.7 / 1e6 * 48),  # 100 m3 x 0.7 kg/m3 x 48 TJ/Gg
        ("ft3", 3531.4667 * 1026 * 1.055056e-9 * 0.9),  # 100 m3 in ft3 x 1,026 Btu/ft3 gross x 0.9
        ("ccf", 35.314667 * 100 * 1026 * 1.055056e-9 * 0.9),
        ("Mcf", 3.5314667 * 1000 * 1026 * 1.055056e-9 * 0.9),
    ],
)
def test_natural_gas_by_volume(unit: str, tj_net: float) -> None:
    qty = {"m3": 100, "ft3": 3531.4667, "ccf": 35.314667, "Mcf": 3.5314667}[unit]
    r = one("I.1.1", Method.FUEL_COMBUSTION, "natural gas", qty, unit)
    assert r.gases_t["CO2"] == pytest.approx(tj_net * 56.1, rel=1e-5)
    # the utility's own heat content wins
    own = one(
        "I.1.1", Method.FUEL_COMBUSTION, "natural gas", 1, "ccf",
        params={"heat_content": 1.036, "heat_content_unit": "therm/ccf"},
    )  # fmt: skip
    assert own.gases_t["CO2"] == pytest.approx(1.036 * THERM_TJ * 0.9 * 56.1, rel=1e-9)


def test_cng_and_lng_gallon_equivalents() -> None:
    # CNG: 1 GGE = 5.660 lb = 2.5673 kg natural gas (NIST); x 48 TJ/Gg = 0.00012323 TJ; x 56,100 kg/TJ CO2
    r = one("II.1.1", Method.TRANSPORT_FUEL, "CNG", 1000, "GGE")
    assert r.gases_t["CO2"] == pytest.approx(1000 * 5.66 * 0.45359237 / 1e6 * 48 * 56.1, rel=1e-9)
    # LNG: 1 DGE = 6.06 lb
    lng = one("II.1.1", Method.TRANSPORT_FUEL, "LNG", 1000, "DGE")
    assert lng.gases_t["CO2"] == pytest.approx(1000 * 6.06 * 0.45359237 / 1e6 * 48 * 56.1, rel=1e-9)
    with pytest.raises(InputError) as exc:  # the DGE of CNG is not sourced: the user's value is needed
        one("II.1.1", Method.TRANSPORT_FUEL, "CNG", 1000, "DGE")
    assert "kg_per_dge" in str(exc.value)
    given = one("II.1.1", Method.TRANSPORT_FUEL, "CNG", 1000, "DGE", params={"kg_per_dge": 2.9})
    assert given.gases_t["CO2"] == pytest.approx(2.9 * 48 * 56.1 / 1000)


def test_e85_blend_by_volume() -> None:
    # 100 gal E85 = 85 gal ethanol + 15 gal gasoline. Gasoline: 15 x 3.7854 l x 0.745343 kg/l x 44.3 TJ/Gg
    # x 69,300 kg/TJ fossil CO2. Ethanol: 85 gal x 0.084 MMBtu/gal (40 CFR 98 C-1, gross) x 0.95 = net TJ, x
    # 70,800 kg/TJ biogenic CO2 (reported apart, its CH4 non-fossil).
    fossil, bio = run("II.1.1", Method.TRANSPORT_FUEL, "E85", 100, "gallon")
    gasoline_tj = 15 * GAL_L * 0.745342576 / 1e6 * 44.3
    assert fossil.gases_t["CO2"] == pytest.approx(gasoline_tj * 69.3, rel=1e-6)
    ethanol_tj = 85 * 0.084 * 1.055056e-3 * 0.95
    assert bio.biogenic_co2_t == pytest.approx(ethanol_tj * 70.8, rel=1e-6)
    assert (fossil.record_id, bio.record_id, bio.methane_origin) == ("r", "r#bio", "non-fossil")


def test_biodiesel_volume_needs_a_density_none_is_sourced() -> None:
    with pytest.raises(InputError) as exc:
        run("II.1.1", Method.TRANSPORT_FUEL, "B20", 100, "gallon")
    assert "biofuel_density_kg_per_l" in str(exc.value)
    fossil, bio = run(
        "II.1.1", Method.TRANSPORT_FUEL, "B20", 100, "gallon", params={"biofuel_density_kg_per_l": 0.88}
    )
    # biodiesel: 20 gal x 3.7854 l x 0.88 kg/l x 27 TJ/Gg x 70,800 kg/TJ biogenic
    assert bio.biogenic_co2_t == pytest.approx(20 * GAL_L * 0.88 / 1e6 * 27 * 70.8, rel=1e-6)
    assert fossil.gases_t["CO2"] == pytest.approx(80 * GAL_L * 0.8466 / 1e6 * 43 * 74.1, rel=1e-6)


def test_off_road_equipment_choice_from_a_parameter() -> None:
    # gasoline off-road: 4-stroke household 120 kg CH4/TJ, 2-stroke 180 (IPCC 2006 Vol. 2 Table 3.3.1)
    four = one(
        "II.5.1",
        Method.TRANSPORT_FUEL,
        "gasoline",
        1,
        "TJ",
        params={"equipment": "household equipment 4-stroke"},
    )
    two = one(
        "II.5.1",
        Method.TRANSPORT_FUEL,
        "gasoline",
        1,
        "TJ",
        params={"equipment": "household_equipment_2_stroke"},
    )
    assert (four.gases_t["CH4"], two.gases_t["CH4"]) == (pytest.approx(0.12), pytest.approx(0.18))
    with pytest.raises(InputError) as exc:
        one("II.5.1", Method.TRANSPORT_FUEL, "gasoline", 1, "TJ")
    assert "household_equipment_2_stroke" in str(exc.value)


def test_names_the_record_itself_settles() -> None:
    # kerosene on an aviation line is jet kerosene (71,500 kg CO2/TJ), elsewhere other kerosene (71,900)
    jet = one("II.4.1", Method.TRANSPORT_FUEL, "kerosene", 1, "TJ")
    assert jet.gases_t["CO2"] == pytest.approx(71.5) and any("jet kerosene" in s for s in jet.steps)
    assert one("I.1.1", Method.FUEL_COMBUSTION, "kerosene", 1, "TJ").gases_t["CO2"] == pytest.approx(71.9)
    # "gas" in therms is natural gas; in gallons on a road line, gasoline (69,300 kg CO2/TJ)
    assert one("I.1.1", Method.FUEL_COMBUSTION, "gas", 1, "therm").gases_t["CO2"] == pytest.approx(
        0.9 * THERM_TJ * 56.1
    )
    car = one("II.1.1", Method.TRANSPORT_FUEL, "gas", 1, "TJ")
    assert car.gases_t["CO2"] == pytest.approx(56.1)  # an energy in a road line: natural gas (CNG)
    petrol = one("II.1.1", Method.TRANSPORT_FUEL, "Gas", 1000, "gallon")
    assert petrol.gases_t["CO2"] == pytest.approx(1000 * GAL_L * 0.745342576 / 1e6 * 44.3 * 69.3, rel=1e-6)
    with pytest.raises(InputError):
        one("I.1.1", Method.FUEL_COMBUSTION, "gas", 1000, "gallon")
