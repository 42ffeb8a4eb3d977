"""The emission-factor library: worked checks, validation, lookups and fallbacks, and agreement with the
sources."""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path

import openpyxl
import pytest

from localaction.core.catalog.factors import Factor, FactorLibrary, factor_library
from localaction.core.catalog.gwp import gwp
from localaction.core.catalog.units import parse_unit
from localaction.core.errors import InputError, NotFound


@pytest.fixture(scope="module")
def lib() -> FactorLibrary:
    return factor_library()


def custom(**kw: object) -> Factor:
    base: dict[str, object] = dict(
        factor_id="city.grid.XX.2022",
        category="grid_electricity",
        activity="XX",
        parameter="emission_factor",
        gas="CO2e",
        value=0.3,
        unit="kg/kWh",
        region="XX",
        year=2022,
        sector_of_use="",
        qualifier="",
        source="Utility X sustainability report 2022, table 4",
        data_quality="medium",
        justification="supplier-specific factor published by the city's only utility",
        is_custom=True,
    )
    base.update(kw)
    return Factor(**base)  # type: ignore[arg-type]


# --- worked checks --------------------------------------------------------------------------------------


def test_worked_check_one_tj_diesel_commercial(lib: FactorLibrary) -> None:
    f = lib.combustion_factors("diesel", "commercial_institutional")
    assert {g: f[g].value for g in f} == {"CO2": 74100, "CH4": 10, "N2O": 0.6}
    assert all(x.unit == "kg/TJ" for x in f.values())
    co2e = sum(f[g].value * gwp(g, "AR5") for g in f)
    assert co2e == pytest.approx(74539)


@pytest.mark.parametrize(("fuel", "co2"), [("natural gas", 56100), ("gasoline", 69300), ("LPG", 63100)])
def test_co2_factors(lib: FactorLibrary, fuel: str, co2: float) -> None:
    assert lib.combustion_factors(fuel, "residential")["CO2"].value == co2


def test_every_factor_has_source_unit_and_quality(lib: FactorLibrary) -> None:
    assert len(lib) > 3000
    for f in lib:
        assert f.source.strip(), f.factor_id
        parse_unit(f.unit)
        assert f.data_quality in {"high", "medium", "low"}, f.factor_id
        assert not f.is_custom


def test_waste_lookup_keys_are_unique(lib: FactorLibrary) -> None:
    keys = [
        (f.category, f.parameter, f.activity, f.qualifier, f.gas, f.region, f.edition)
        for f in lib
        if f.category in {"solid_waste", "biological_treatment", "incineration", "wastewater"}
    ]
    assert len(keys) == len(set(keys))
    # every waste default names its edition, and no bonsai-only value passes as IPCC 2006
    waste = [
        f for f in lib if f.category in {"solid_waste", "biological_treatment", "incineration", "wastewater"}
    ]
    assert {f.edition for f in waste} == {"ipcc2006", "ipcc2019"}
    assert not [f for f in waste if f.parameter == "emission_factor" and f.value == 300 and f.gas == "CH4"]


# --- fuels --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "fuel_id"),
    [
        ("Diesel", "diesel"),
        ("gas/diesel oil", "diesel"),
        ("Petrol", "motor_gasoline"),
        ("natural_gas", "natural_gas"),
        ("Natural  Gas", "natural_gas"),
        ("lpg", "lpg"),
        ("kerosene", "other_kerosene"),
        ("coal", "other_bituminous_coal"),
        ("wood", "wood"),
        ("biogas", "other_biogas"),
    ],
)
def test_fuel_aliases(lib: FactorLibrary, typed: str, fuel_id: str) -> None:
    assert lib.fuel(typed).fuel_id == fuel_id


@pytest.mark.parametrize(
    ("typed", "region", "fuel_id", "reading"),
    [
        ("fuel oil", "US-CA", "diesel", "distillate fuel oil No. 2 (US usage)"),
        ("Heating Oil", "US", "diesel", "distillate fuel oil No. 2 (US usage)"),
        ("fuel oil", "GB", "residual_fuel_oil", "residual fuel oil (UK/EU usage)"),
        ("fuel oil", "DE", "residual_fuel_oil", "residual fuel oil (UK/EU usage)"),
        ("No. 6 fuel oil", "", "residual_fuel_oil", "residual fuel oil No. 6"),
    ],
)
def test_regional_aliases_say_how_the_name_was_read(
    lib: FactorLibrary, typed: str, region: str, fuel_id: str, reading: str
) -> None:
    r = lib.read_fuel(typed, region)
    assert (r.fuel_id, r.reading) == (fuel_id, reading)
    assert r.note == f"read {typed!r} as {reading}" and r.source


def test_a_regional_name_without_a_region_is_refused(lib: FactorLibrary) -> None:
    with pytest.raises(InputError) as exc:
        lib.read_fuel("fuel oil", "")
    assert exc.value.code == "ambiguous_fuel" and "diesel" in exc.value.message
    with pytest.raises(InputError):
        lib.read_fuel("heating oil", "GB")  # UK heating oil is usually kerosene: name the fuel


def test_blends_by_volume_share(lib: FactorLibrary) -> None:
    assert lib.read_fuel("B20").blend == (("biodiesel", 0.2), ("diesel", 0.8))
    assert lib.read_fuel("E85").blend == (("biogasoline", 0.85), ("motor_gasoline", 0.15))
    assert lib.read_fuel("B100").fuel_id == "biodiesel" and not lib.read_fuel("B100").blend


def test_fuel_properties(lib: FactorLibrary) -> None:
    diesel = lib.fuel("diesel")
    # 40 CFR 98 Table MM-1, Distillate Fuel Oil No. 2: 0.1346 t/bbl (the workbook's 0.9133 is No. 4)
    assert diesel.ncv_tj_per_gg == 43 and diesel.density_kg_per_l == pytest.approx(0.8466, abs=1e-4)
    assert lib.fuel("wood").biogenic and not lib.fuel("peat").biogenic
    assert lib.combustion_factors("biogas", "residential")["CO2"].biogenic
    assert lib.fuel("industrial wastes").ncv_tj_per_gg is None


def test_unknown_fuel_message(lib: FactorLibrary) -> None:
    with pytest.raises(InputError) as exc:
        lib.fuel("desel")
    assert exc.value.code == "unknown_fuel"
    assert "diesel" in exc.value.message


# --- combustion fallbacks -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sector", "ch4", "table"),
    [
        ("residential", 300, "Table 2.5"),
        ("agriculture_forestry_fishing", 300, "Table 2.5"),
        ("commercial_institutional", 10, "Table 2.4"),
        ("manufacturing_construction", 10, "Table 2.3"),
        ("energy_industries", 1, "Table 2.2"),
    ],
)
def test_stationary_ch4_by_sector_of_use(lib: FactorLibrary, sector: str, ch4: float, table: str) -> None:
    # DOMAIN check: other bituminous coal CH4 is 300 (Table 2.5), 10 (2.4, 2.3), 1 (2.2) kg/TJ; N2O 1.5 in each
    f = lib.combustion_factors("other bituminous coal", sector)
    assert (f["CH4"].value, f["N2O"].value, f["CH4"].sector_of_use) == (ch4, 1.5, sector)
    assert table in f["CH4"].source


def test_stationary_tables_cover_every_fuel(lib: FactorLibrary) -> None:
    sectors = ("energy_industries", "manufacturing_construction", "commercial_institutional", "residential",
               "agriculture_forestry_fishing")  # fmt: skip
    for fuel in lib.fuels:
        for sector in sectors:
            f = lib.combustion_factors(fuel.fuel_id, sector)
            assert f["CH4"].sector_of_use == sector, (fuel.fuel_id, sector)
    # natural gas N2O is 0.1 in every table (a transcription's 1.5 in Tables 2.2/2.3 is not carried)
    assert {lib.combustion_factors("natural_gas", s)["N2O"].value for s in sectors} == {0.1}


def test_mobile_mode_factors(lib: FactorLibrary) -> None:
    rail = lib.combustion_factors("diesel", "rail", mobile=True)
    assert (rail["CH4"].value, rail["N2O"].value) == (4.15, 28.6)
    off = lib.combustion_factors("petrol", "off_road", mobile=True, qualifier="household_equipment_2_stroke")
    assert off["CH4"].value == 180
    with pytest.raises(InputError) as exc:
        lib.combustion_factors("petrol", "off_road", mobile=True)
    assert exc.value.code == "ambiguous_factor"
    # IPCC 2006 Vol. 2 Table 3.2.2 road defaults: diesel 3.9 / 3.9, gasoline (uncontrolled) 33 / 3.2 kg/TJ
    road = lib.combustion_factors("diesel", "road", mobile=True)
    assert (road["CH4"].value, road["N2O"].value, road["N2O"].sector_of_use) == (3.9, 3.9, "road")
    petrol = lib.combustion_factors("petrol", "road", mobile=True)
    assert (petrol["CH4"].value, petrol["N2O"].value) == (33.0, 3.2)
    # a mode without its own kg/TJ defaults for that fuel falls back to commercial/institutional (documented)
    cng_boat = lib.combustion_factors("lpg", "navigation", mobile=True)
    assert cng_boat["N2O"].sector_of_use == "commercial_institutional"


def test_bad_sector(lib: FactorLibrary) -> None:
    with pytest.raises(InputError):
        lib.combustion_factors("diesel", "road")  # a mode needs mobile=True
    with pytest.raises(InputError):
        lib.combustion_factors("diesel", "kitchen")


# --- grid and T&D -----------------------------------------------------------------------------------------


def test_grid_factor_exact_and_nearest_year(lib: FactorLibrary) -> None:
    f = lib.grid_factor("de", 2022)
    assert (f.factor_id, f.unit, f.gas, f.year) == ("grid.em.DE.2022", "kg/kWh", "CO2e", 2022)
    assert lib.grid_factor("DE", 2030).year == 2024  # nearest earlier
    assert lib.grid_factor("DE", 2010).year == 2021  # nothing earlier: nearest
    assert lib.grid_factor("US-EGRID-CAMX", 2015).year == 2014
    assert lib.grid_factor("UK", 2023).region == "GB"
    assert lib.grid_factor("US-CA", 2021).value == pytest.approx(0.21795, abs=1e-5)


def test_no_grid_factor(lib: FactorLibrary) -> None:
    with pytest.raises(InputError) as exc:
        lib.grid_factor("Atlantis", 2022)
    assert exc.value.code == "no_grid_factor" and "Atlantis" in exc.value.message


def test_td_losses(lib: FactorLibrary) -> None:
    td = lib.td_loss_rate("US-CA", 2021)
    assert td is not None and td.parameter == "td_emission_factor" and td.unit == "kg/kWh"
    share = lib.td_loss_rate("DE", 2022, as_share=True)
    assert share is not None and 0 < share.value < 0.3 and share.unit == "dimensionless"
    assert lib.td_loss_rate("Atlantis", 2022) is None


# --- waste ----------------------------------------------------------------------------------------------


def test_waste_params(lib: FactorLibrary) -> None:
    w = lib.waste_param
    assert w("DOC", "food").value == 0.15 and w("DOC", "food", "dry").value == 0.38
    assert w("DOCf").value == 0.5 and w("F").value == 0.5
    assert w("MCF", qualifier="managed_anaerobic").value == 1.0
    assert w("MCF", qualifier="unmanaged_shallow").value == 0.4
    assert w("OX").value == 0 and w("OX", qualifier="oxidising_cover").value == 0.1  # 2006 Table 3.2
    assert w("k", "food", "boreal_temperate_wet").value == 0.185
    assert w("k", "paper", "tropical_dry").value == 0.045
    assert w("emission_factor", "composting", gas="CH4").value == 4
    assert w("emission_factor", "composting", gas="N2O").value == 0.24
    assert w("emission_factor", "anaerobic_digestion", gas="CH4").value == 0.8
    assert w("Bo").value == 0.6 and w("Bo").unit == "kg/kg"
    assert w("fossil_carbon_fraction", "plastics").value == 1.0


def test_waste_defaults_are_one_edition(lib: FactorLibrary) -> None:
    """IPCC 2006 by default: DOCf 0.5 for every waste type, aerobic wastewater MCF 0; the 2019 Refinement's
    0.7 (food), 0.1 (wood), 0.03 (aerobic) only when the inventory chooses it."""
    w = lib.waste_param
    assert [w("DOCf", t).value for t in ("food", "wood", "garden", "paper")] == [0.5, 0.5, 0.5, 0.5]
    assert [w("DOCf", t, edition="ipcc2019").value for t in ("food", "wood", "garden", "paper")] == [
        0.7, 0.1, 0.7, 0.5]  # fmt: skip
    assert (
        w("DOCf", "paper", edition="ipcc2019").edition == "ipcc2006"
    )  # no 2019 change: the 2006 value stands
    assert w("MCF", "wastewater", "centralised_aerobic").value == 0
    assert w("MCF", "wastewater", "centralised_aerobic", edition="ipcc2019").value == 0.03
    assert w("OX", qualifier="managed_well_semi_aerobic", edition="ipcc2019").value == 0.1
    with pytest.raises(InputError) as exc:  # a 2019-only category is not a 2006 default
        w("MCF", qualifier="managed_poorly_semi_aerobic")
    assert exc.value.code == "missing_default" and "ipcc2019" in exc.value.message
    with pytest.raises(InputError):  # 2006 EF_effluent was not read: no default rather than a borrowed one
        w("n2o_n_emission_factor", qualifier="effluent")
    assert w("n2o_n_emission_factor", qualifier="effluent", edition="ipcc2019").value == 0.005


def test_incineration_defaults_by_type_and_technology(lib: FactorLibrary) -> None:
    w = lib.waste_param
    # IPCC 2006 Vol. 5 Table 2.4: plastics dm 100 %, CF 75 %, FCF 100 %; paper FCF 1 %
    assert (w("dry_matter", "plastics").value, w("carbon_fraction", "plastics").value) == (1.0, 0.75)
    assert w("fossil_carbon_fraction", "paper").value == 0.01
    # Table 5.3 CH4 by technology (kg/Gg wet), Table 5.6 N2O (g/t wet); open burning OF 58 %
    assert w("emission_factor", "msw", "continuous_stoker", gas="CH4").value == 0.2
    assert w("emission_factor", "msw", "batch_fluidised_bed", gas="CH4").value == 237
    assert w("emission_factor", "msw", "batch_stoker", gas="N2O").value == 60
    assert w("oxidation_factor", qualifier="open_burning").value == 0.58


def test_waste_param_engine_spellings(lib: FactorLibrary) -> None:
    w = lib.waste_param
    assert w("emission_factor", activity="composting", qualifier="CH4").value == 4
    assert w("MCF", activity="wastewater", qualifier="anaerobic_reactor").value == 0.8
    for name in ("septic", "septic_tank", "Septic system"):
        assert w("MCF", activity="wastewater", qualifier=name).value == 0.5
    assert w("MCF", qualifier="uncategorised").value == 0.6
    assert w("MCF", qualifier="managed").value == 1.0
    with pytest.raises(InputError) as exc:
        w("MCF", activity="wastewater", qualifier="anaerobic lagoon")
    assert "anaerobic_shallow_lagoon" in exc.value.message and "anaerobic_deep_lagoon" in exc.value.message


def test_unknown_waste_param(lib: FactorLibrary) -> None:
    with pytest.raises(InputError) as exc:
        lib.waste_param("k", "food", "martian")
    assert exc.value.code == "unknown_waste_param" and "tropical_wet" in exc.value.message


# --- get / find / custom --------------------------------------------------------------------------------


def test_get_and_find(lib: FactorLibrary) -> None:
    assert lib.get("ipcc2006.stationary.natural_gas.CO2").value == 56100
    with pytest.raises(NotFound) as exc:
        lib.get("ipcc2006.stationary.natural_gas.C02")
    assert exc.value.code == "unknown_factor" and "ipcc2006.stationary.natural_gas.CO2" in exc.value.message
    rows = lib.find(category="grid_electricity", region="de", year=2022)
    assert rows and all(r.region == "DE" for r in rows)


def test_with_custom(lib: FactorLibrary) -> None:
    mine = lib.with_custom([custom()])
    assert len(mine) == len(lib) + 1 and "city.grid.XX.2022" not in lib
    assert mine.grid_factor("XX", 2023).factor_id == "city.grid.XX.2022"
    override = lib.with_custom([custom(factor_id="city.grid.DE.2022", region="DE", value=0.1)])
    assert override.grid_factor("DE", 2022).value == 0.1  # custom beats shipped for the same region and year


def test_custom_validation_reports_every_problem(lib: FactorLibrary) -> None:
    bad = [
        custom(is_custom=False),
        custom(factor_id="grid.em.DE.2022", justification="because"),
        custom(factor_id="x.1", unit="furlongs per fortnight of kale"),
        custom(factor_id="x.2", source=" "),
    ]
    with pytest.raises(InputError) as exc:
        lib.with_custom(bad)
    assert exc.value.code == "invalid_custom_factor"
    text = str(exc.value)
    for needle in ("is_custom=True", "already used", "justification", "unknown unit", "source is empty"):
        assert needle in text


def test_library_rejects_duplicates_and_bad_quality() -> None:
    f = custom(is_custom=False, justification="")
    with pytest.raises(InputError) as exc:
        FactorLibrary([f, f, dataclasses.replace(f, factor_id="y", data_quality="great")], [])
    msgs = [d.msg for d in exc.value.details]
    assert "duplicate factor_id" in msgs and any("data_quality" in m for m in msgs)


# --- golden: the package tables agree with the raw sources -------------------------------------------------


def test_stationary_table_matches_source(lib: FactorLibrary, shared_data: Path) -> None:
    path = shared_data / "factors" / "ipcc2006_stationary_combustion_defaults_from_ghgp_v2.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert len(rows) == 54 == len(lib.fuels)
    for r in rows:
        fuel = lib.fuel(r["fuel"])
        f = lib.combustion_factors(fuel.fuel_id, "commercial_institutional")
        assert f["CO2"].value == float(r["co2_kg_per_TJ"])
        assert f["CH4"].value == float(r["ch4_kg_per_TJ_commercial_institutional"])
        assert f["N2O"].value == float(r["n2o_kg_per_TJ_commercial_institutional"])
        if r["ncv_TJ_per_Gg"] != "NA":
            assert fuel.ncv_tj_per_gg == float(r["ncv_TJ_per_Gg"])


def test_grid_tables_match_sources(lib: FactorLibrary, shared_data: Path) -> None:
    path = shared_data / "factors" / "electricity_maps_yearly_carbon_intensity_2021_2024_via_citycatalyst.csv"
    for r in list(csv.DictReader(path.open(encoding="utf-8")))[::17]:
        f = lib.get(f"grid.em.{r['Zone id']}.{r['Datetime (UTC)'][:4]}")
        assert f.value == pytest.approx(float(r["Carbon intensity gCO₂eq/kWh (direct)"]) / 1000)
    wb = openpyxl.load_workbook(
        shared_data
        / "factors"
        / "carbonfootprint_ltd_2023_07_international_electricity_factors_release_11.xlsx",
        read_only=True,
        data_only=True,
    )
    for r in list(wb["Country 2023 Electricity Factor"].iter_rows(min_row=6, values_only=True))[::23]:
        if r[0] and r[0] != "HK" and isinstance(r[10], int):
            assert lib.get(f"grid.cf.{r[0]}.{r[10]}").value == pytest.approx(r[3])
            assert lib.get(f"td.cf.{r[0]}.{r[10]}").value == pytest.approx(r[4])


def test_k_values_match_source(lib: FactorLibrary, shared_data: Path) -> None:
    path = shared_data / "waste" / "ipcc2006_table3.3_landfill_k_values_usepa_lfg-calc-py.csv"
    rows = [r for r in csv.reader(path.open(encoding="utf-8-sig")) if len(r) == 6 and r[4] == "Default"]
    names = {"Paper/textiles waste": "paper", "Wood/straw waste": "wood", "Food waste/Sewage sludge": "food",
             "Bulk waste": "msw"}  # fmt: skip
    checked = 0
    for _, wtype, climate, precip, _, value in rows:
        if wtype in names:
            zone = ("boreal_temperate" if climate.startswith("Boreal") else "tropical") + (
                "_dry" if precip.startswith("Dry") else "_wet"
            )
            assert lib.waste_param("k", names[wtype], zone).value == float(value)
            checked += 1
    assert checked == 16
