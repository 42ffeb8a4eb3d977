"""Waste methods on the shipped library: one guideline edition, defaults from the country, incineration by
type and technology, wastewater names, own factors per tonne or short ton; methane origin; gas distribution."""

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
    compute_records,
)
from tests.core.inventory.test_energy import one

# IPCC 2006 Table 2.3, North America (% wet weight): food 33.9, paper 23.2, wood 6.2, textiles 3.9, rubber 1.4,
# plastics 8.5, metal 4.6, glass 6.5, other 9.8 (sum 98.0 %, rescaled to 100 % in the engine).
NA = {"food": 33.9, "paper": 23.2, "wood": 6.2, "textiles": 3.9, "rubber_leather": 1.4, "plastics": 8.5,
      "metal": 4.6, "glass": 6.5, "other_inert": 9.8}  # fmt: skip
DOC = {"food": 0.15, "paper": 0.40, "wood": 0.43, "textiles": 0.24}  # Table 2.4, wet


def test_food_waste_fod_uses_2006_docf_unless_2019_is_chosen() -> None:
    # 1,000 t food waste deposited in 2018, FOD in 2019 (k food, boreal/temperate wet = 0.185):
    # DDOCm = 1000 x 0.15 x DOCf x MCF 0.6; decomposed in 2019 = DDOCm x (1 - e^-0.185); CH4 = x 0.5 x 16/12
    params = {"deposits": {"2018": 1000}, "climate_zone": "boreal_temperate_wet"}
    ch4 = {}
    for edition, docf in (("ipcc2006", 0.5), ("ipcc2019", 0.7)):
        ch4[edition] = _fod(edition, params)
        expected = 1000 * 0.15 * docf * 0.6 * (1 - math.exp(-0.185)) * 0.5 * 16 / 12
        assert ch4[edition] == pytest.approx(expected)
    assert ch4["ipcc2019"] / ch4["ipcc2006"] == pytest.approx(1.4)  # the +40 % the 2019 DOCf would add


def _fod(edition: str, params: dict[str, object]) -> float:
    rec = ActivityRecord(
        record_id="r", gpc_ref="III.1.1", method=Method.LANDFILL_FOD, activity="food", quantity=0, unit="t",
        params=params,
    )  # fmt: skip
    inv = Inventory(
        jurisdiction="X",
        period=Period(start=dt.date(2019, 1, 1), end=dt.date(2019, 12, 31), year=2019),
        guidelines=edition,
        records=[rec],
    )
    (r,) = compute_records(inv)
    return r.gases_t["CH4"]


def test_landfill_from_municipal_solid_waste_and_country_alone() -> None:
    # DOC x DOCf = sum(share x DOC) x 0.5 / 0.98; CH4 = W x MCF 0.6 (uncategorised) x that x F 0.5 x 16/12
    r = one("III.1.1", Method.LANDFILL_MC, "municipal solid waste", 1000, "t", region="US-CA")
    ddoc = sum(NA[k] / 100 * DOC[k] for k in DOC) * 0.5 / 0.98
    assert r.gases_t["CH4"] == pytest.approx(1000 * 0.6 * ddoc * 0.5 * 16 / 12)
    assert any("Table 2.3, North America (the region of country US" in s for s in r.steps)
    # the region is editable
    other = one(
        "III.1.1",
        Method.LANDFILL_MC,
        "msw",
        1000,
        "t",
        region="US-CA",
        params={"ipcc_region": "Eastern Asia"},
    )
    assert other.gases_t["CH4"] != pytest.approx(r.gases_t["CH4"])
    with pytest.raises(InputError) as exc:
        one("III.1.1", Method.LANDFILL_MC, "msw", 1000, "t", region="")
    assert "param:share_food" in str(exc.value)


def test_fod_climate_zone_from_the_country_shown_and_editable() -> None:
    r = one(
        "III.1.1", Method.LANDFILL_FOD, "food", 1000, "t", region="DE", params={"deposits": {"2018": 1000}}
    )
    assert any("climate zone boreal_temperate_wet: the default for DE" in s for s in r.steps)
    wet = r.gases_t["CH4"]
    dry = one(
        "III.1.1", Method.LANDFILL_FOD, "food", 1000, "t", region="DE",
        params={"deposits": {"2018": 1000}, "climate_zone": "boreal_temperate_dry"},
    ).gases_t["CH4"]  # fmt: skip
    # same DDOCm, k 0.185 (wet) vs 0.06 (dry)
    assert wet / dry == pytest.approx((1 - math.exp(-0.185)) / (1 - math.exp(-0.06)))


def test_incineration_of_msw_finds_its_own_defaults() -> None:
    # fossil CO2 = W x sum(share x dm x CF x FCF) x OF 1 x 44/12 (Table 2.4): paper 0.9 x 0.46 x 0.01, textiles
    # 0.8 x 0.5 x 0.2, rubber 0.84 x 0.67 x 0.2, plastics 1 x 0.75 x 1, other 0.9 x 0.03 x 1 (shares / 0.98)
    r = one("III.3.1", Method.INCINERATION, "msw", 1000, "t", region="US")
    fossil_c = (0.232 * 0.9 * 0.46 * 0.01 + 0.039 * 0.8 * 0.5 * 0.2 + 0.014 * 0.84 * 0.67 * 0.2 + 0.085 * 0.75
                + 0.098 * 0.9 * 0.03) / 0.98  # fmt: skip
    assert r.gases_t["CO2"] == pytest.approx(1000 * fossil_c * 44 / 12)
    # continuous stoker by default (said in the trail): CH4 0.2 kg/Gg, N2O 50 g/t (Tables 5.3, 5.6)
    assert r.gases_t["CH4"] == pytest.approx(1000 * 0.2e-6) and r.gases_t["N2O"] == pytest.approx(0.05)
    batch = one(
        "III.3.1",
        Method.INCINERATION,
        "msw",
        1000,
        "t",
        region="US",
        params={"technology": "batch_fluidised_bed"},
    )
    assert batch.gases_t["CH4"] == pytest.approx(1000 * 237e-6) and batch.gases_t["N2O"] == pytest.approx(
        0.06
    )


def test_open_burning_of_plastics() -> None:
    # plastics, open burning: OF 0.58; CO2 = 1 t x 1 x 0.75 x 1 x 0.58 x 44/12; CH4 6,500 g/t; N2O 150 g/t dry
    r = one("III.3.1", Method.INCINERATION, "plastics", 1, "t", params={"technology": "open_burning"})
    assert r.gases_t["CO2"] == pytest.approx(0.75 * 0.58 * 44 / 12)
    assert r.gases_t["CH4"] == pytest.approx(0.0065) and r.gases_t["N2O"] == pytest.approx(150e-6)


def test_incineration_needs_a_complete_composition() -> None:
    with pytest.raises(InputError) as exc:  # Western Europe's Table 2.3 row gives only food, paper and wood
        one("III.3.1", Method.INCINERATION, "msw", 1000, "t", region="DE")
    assert "no complete composition for Western Europe" in str(exc.value)


@pytest.mark.parametrize(("name", "mcf"), [("septic", 0.5), ("septic tank", 0.5), ("centralised_aerobic", 0.0),
                                            ("anaerobic_reactor", 0.8), ("stagnant sewer", 0.5)])  # fmt: skip
def test_wastewater_systems_by_name(name: str, mcf: float) -> None:
    # CH4 = 1,000 kg BOD x Bo 0.6 x MCF / 1000 (IPCC 2006 Table 6.3)
    assert one("III.4.1", Method.WASTEWATER, name, 1000, "kg").gases_t["CH4"] == pytest.approx(0.6 * mcf)


def test_own_factor_per_short_ton_on_waste() -> None:
    # 1,000 short tons x 0.2 t CO2e per short ton = 200 t, on every waste method
    cf = CustomFactor(value=0.2, unit="tCO2e/short ton", justification="operator's measured factor")
    for method, activity in ((Method.LANDFILL_MC, "msw"), (Method.BIOLOGICAL, "composting"),
                             (Method.INCINERATION, "msw"), (Method.WASTEWATER, "septic")):  # fmt: skip
        r = one("III.1.1", method, activity, 1000, "short tons", custom_factor=cf)
        assert r.co2e_t == pytest.approx(200.0), method
    per_tonne = CustomFactor(gas="CH4", value=50, unit="kg/t", justification="site model")
    r = one("III.1.1", Method.LANDFILL_MC, "msw", 1000, "short tons", custom_factor=per_tonne)
    assert r.gases_t["CH4"] == pytest.approx(907.18474 * 0.05)


def test_direct_methane_origin_follows_the_source_in_ar6() -> None:
    waste = one("III.1.1", Method.DIRECT, "CH4", 1, "t", gwp_set="AR6")
    afolu = one("V.1", Method.DIRECT, "CH4", 1, "t", gwp_set="AR6")
    energy = one("I.8.1", Method.DIRECT, "CH4", 1, "t", gwp_set="AR6")
    assert (waste.co2e_t, afolu.co2e_t, energy.co2e_t) == (27.0, 27.0, 29.8)
    fossil = one("III.1.1", Method.DIRECT, "CH4", 1, "t", gwp_set="AR6", params={"methane_origin": "fossil"})
    assert fossil.co2e_t == 29.8


def test_gas_distribution_fugitives_from_throughput() -> None:
    # 1,000,000 therm / 1,026 Btu/scf (40 CFR 98 Table C-1) = 97,465,887 scf = 2,759,930 m3 at 60 °F;
    # x leakage 1 % x CH4 93 % x 0.6772 kg/m3 (CH4 ideal gas at 60 °F, 1 atm; 40 CFR 98.323: 0.0423 lb/scf)
    p = {"leakage_rate": 0.01, "ch4_fraction": 0.93}
    r = one("I.8.1", Method.FUGITIVE_GAS, "natural gas", 1e6, "therm", params=p)
    m3 = 1e6 * 1e5 / 1026 * 0.028316846592
    assert r.gases_t["CH4"] == pytest.approx(m3 * 0.01 * 0.93 * 0.6772 / 1000, rel=2e-4)
    assert r.methane_origin == "fossil"
    with pytest.raises(InputError) as exc:  # no default leakage rate or CH4 share is sourced
        one("I.8.1", Method.FUGITIVE_GAS, "natural gas", 1e6, "therm")
    assert "no sourced default" in str(exc.value)
    with pytest.raises(InputError) as exc:  # m3 without its temperature
        one("I.8.1", Method.FUGITIVE_GAS, "natural gas", 1e6, "m3", params=p)
    assert "gas_temperature_c" in str(exc.value)
    at20 = one("I.8.1", Method.FUGITIVE_GAS, "natural gas", 1e6, "m3", params={**p, "gas_temperature_c": 20})
    assert at20.gases_t["CH4"] == pytest.approx(1e6 * 0.01 * 0.93 * 0.667 / 1000, rel=2e-3)  # IPCC 0.67 kg/m3
    # the utility's own factor per therm of throughput (San Francisco prices leaked therms at 55.39 kg CO2e)
    own = CustomFactor(value=0.5, unit="kgCO2e/therm", justification="utility's leak factor per therm sold")
    assert one("I.8.1", Method.FUGITIVE_GAS, "natural gas", 1e6, "therm", custom_factor=own).co2e_t == 500.0
