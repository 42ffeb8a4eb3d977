"""A tiny factor library for unit tests of the methods, with IPCC 2006 default values written out.

The shipped library is tested against the real sources in tests/core/catalog; these tests pin the arithmetic.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from localaction.core.catalog.fuels import Reading
from localaction.core.errors import InputError


@dataclass(frozen=True)
class F:
    factor_id: str
    gas: str
    value: float
    unit: str
    source: str = "IPCC 2006 default (test copy)"
    data_quality: str = "low"
    biogenic: bool = False


@dataclass(frozen=True)
class Fuel:
    fuel_id: str
    ncv_tj_per_gg: float
    density_kg_per_l: float | None
    biogenic: bool = False
    fuel_group: str = "Oil products"
    density_kg_per_m3: float | None = None


FUELS = {
    "diesel": Fuel("diesel", 43.0, 0.84),
    "natural_gas": Fuel("natural_gas", 48.0, None, fuel_group="Natural gas"),
    "wood": Fuel("wood", 15.6, None, biogenic=True, fuel_group="Biomass"),
}
CO2 = {"diesel": 74100.0, "natural_gas": 56100.0, "wood": 112000.0}
CH4_N2O = {  # (fuel, sector) -> (CH4, N2O) kg/TJ; IPCC 2006 Vol 2 Tables 2.3-2.5 and 3.2.2
    ("diesel", "commercial_institutional"): (10.0, 0.6),
    ("diesel", "road"): (3.9, 3.9),
    ("natural_gas", "residential"): (5.0, 0.1),
    ("natural_gas", "commercial_institutional"): (5.0, 0.1),
    ("wood", "residential"): (300.0, 4.0),
}
WASTE: dict[tuple[str, ...], float] = {
    ("DOC", "msw", ""): 0.15,
    ("DOC", "food", ""): 0.15,
    ("DOCf", "msw", ""): 0.5,
    ("DOCf", "food", ""): 0.5,
    ("MCF", "", "uncategorised"): 0.6,
    ("MCF", "", "managed"): 1.0,
    ("F", "", ""): 0.5,
    ("OX", "", "default"): 0.0,
    ("OX", "", "oxidising_cover"): 0.1,
    ("k", "msw", "tropical_wet"): 0.17,
    ("k", "food", "tropical_wet"): 0.17,
    ("emission_factor", "composting", "wet", "CH4"): 4.0,
    ("emission_factor", "composting", "wet", "N2O"): 0.24,
    ("dry_matter", "textiles", ""): 0.6,
    ("carbon_fraction", "textiles", ""): 0.5,
    ("fossil_carbon_fraction", "textiles", ""): 0.4,
    ("oxidation_factor", "msw", ""): 1.0,
    ("emission_factor", "msw", "continuous_stoker", "CH4"): 0.0002,
    ("emission_factor", "msw", "continuous_stoker", "N2O"): 0.05,
    ("Bo", "", "BOD"): 0.6,
    ("MCF", "wastewater", "centralised_aerobic"): 0.0,
    ("MCF", "wastewater", "anaerobic_deep_lagoon"): 0.8,
    ("oxidation_factor", "", "incineration"): 1.0,
}
WASTE_UNITS = {"emission_factor": "g/kg", "k": "1/year"}


@dataclass
class FakeLibrary:
    grid: dict[tuple[str, int], float] = field(
        default_factory=lambda: {("DE", 2020): 0.4, ("DE", 2021): 0.38}
    )
    td: dict[str, float] = field(default_factory=lambda: {"DE": 0.05})

    def get(self, factor_id: str) -> F:
        if factor_id == "grid.custom.green":
            return F(factor_id, "CO2e", 0.0, "kg/kWh")
        raise InputError(f"unknown factor {factor_id}", code="unknown_factor")

    def read_fuel(self, name: str, region: str = "") -> Reading:
        return Reading(self.fuel(name).fuel_id, name)

    def fuel(self, name: str, region: str = "") -> Fuel:
        try:
            return FUELS[name.lower().replace(" ", "_")]
        except KeyError:
            raise InputError(f"unknown fuel {name!r}", code="unknown_fuel") from None

    def combustion_factors(
        self, fuel: str, sector_of_use: str, mobile: bool = False, *, qualifier: str = ""
    ) -> dict[str, F]:
        key = (
            (fuel, sector_of_use) if (fuel, sector_of_use) in CH4_N2O else (fuel, "commercial_institutional")
        )
        ch4, n2o = CH4_N2O[key]
        bio = FUELS[fuel].biogenic
        return {
            "CO2": F(f"t.{fuel}.CO2", "CO2", CO2[fuel], "kg/TJ", biogenic=bio),
            "CH4": F(f"t.{fuel}.{sector_of_use}.CH4", "CH4", ch4, "kg/TJ"),
            "N2O": F(f"t.{fuel}.{sector_of_use}.N2O", "N2O", n2o, "kg/TJ"),
        }

    def grid_factor(self, region: str, year: int) -> F:
        if (region, year) not in self.grid:
            raise InputError(f"no grid factor for {region}", code="no_grid_factor")
        return F(f"grid.{region}.{year}", "CO2e", self.grid[(region, year)], "kg/kWh")

    def td_loss_rate(self, region: str, year: int) -> F | None:
        if region not in self.td:
            return None
        return F(f"td.{region}", "", self.td[region], "dimensionless")

    def waste_param(
        self,
        parameter: str,
        activity: str = "",
        qualifier: str = "",
        region: str = "world",
        *,
        gas: str = "",
        edition: str = "ipcc2006",
    ) -> F:
        for key in (
            (parameter, activity, qualifier, gas),
            (parameter, activity, qualifier),
            (parameter, "", qualifier),
            (parameter, activity, ""),
            (parameter, "", ""),
        ):
            if key in WASTE:
                unit = WASTE_UNITS.get(parameter, "dimensionless")
                if parameter == "emission_factor" and activity == "msw":
                    unit = "kg/t"
                return F(f"w.{'.'.join(k for k in key if k)}", gas, WASTE[key], unit)
        raise InputError(f"no {parameter} for {activity} {qualifier}", code="no_waste_param")

    def fuel_property(self, fuel_id: str, parameter: str, qualifier: str = "", region: str = "") -> F | None:
        return None

    def district_factors(self, activity: str, region: str) -> dict[str, F]:
        return {}

    def msw_composition(self, ipcc_region: str) -> dict[str, F]:
        return {}
