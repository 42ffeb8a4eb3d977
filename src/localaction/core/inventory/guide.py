"""Guided entry per GPC line: which calculation methods fit a line, which parameters each method asks of the
officer, and which default the engine will use to read an amount (so a form can say so before it is used).

Pure data and look-ups (no Django): the web form turns it into fields and words. Keep it in step with the
methods: ``tests/core/inventory/test_guide.py`` runs every method a line offers on that line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from localaction.core.catalog import gpc_refs
from localaction.core.catalog.units import parse_unit, ureg
from localaction.core.inventory.methods.convert import US_GAS_UNITS, kind
from localaction.core.inventory.model import Method

M = Method

# GPC line -> the methods that fit it, the usual one first. A rule is the longest matching prefix
# ("I.8.1" before "I." + scope). ``DIRECT`` (gas amounts calculated elsewhere) fits every line.
_BY_PREFIX: dict[str, tuple[Method, ...]] = {
    "I.7": (M.DIRECT,),
    "I.8": (M.FUGITIVE_GAS, M.DIRECT),
    "III.1": (M.LANDFILL_MC, M.LANDFILL_FOD, M.DIRECT),
    "III.2": (M.BIOLOGICAL, M.DIRECT),
    "III.3": (M.INCINERATION, M.DIRECT),
    "III.4": (M.WASTEWATER, M.DIRECT),
}
# Energy lines by scope: 1 fuel burnt in the city, 2 grid-supplied energy, 3 its T&D losses.
_ENERGY_BY_SCOPE: dict[tuple[str, int], tuple[Method, ...]] = {
    ("I", 1): (M.FUEL_COMBUSTION, M.DIRECT),
    ("I", 2): (M.GRID_ENERGY, M.DIRECT),
    ("I", 3): (M.GRID_ENERGY, M.DIRECT),
    ("II", 1): (M.TRANSPORT_FUEL, M.TRANSPORT_DISTANCE, M.DIRECT),
    ("II", 2): (M.GRID_ENERGY, M.TRANSPORT_DISTANCE, M.DIRECT),
    ("II", 3): (M.GRID_ENERGY, M.DIRECT),
}


def methods_for(gpc_ref: str) -> tuple[Method, ...]:
    """The methods that fit a GPC line, the usual one first (unknown lines: every method)."""
    ref = gpc_refs().get(gpc_ref)
    if ref is None:
        return tuple(Method)
    for prefix in sorted(_BY_PREFIX, key=len, reverse=True):
        if gpc_ref == prefix or gpc_ref.startswith(prefix + "."):
            return _BY_PREFIX[prefix]
    try:
        scope = int(ref.scope)
    except (TypeError, ValueError):
        scope = 0
    return _ENERGY_BY_SCOPE.get((ref.sector_code, scope), (M.DIRECT,))


# What each method asks of the officer beyond quantity and unit, by the name of the guided field. Fields named
# like an engine parameter are stored as ``params[name]``; ``activity`` is the record's activity column.
FIELDS: dict[Method, tuple[str, ...]] = {
    M.FUEL_COMBUSTION: ("fuel", "heat_content", "heat_content_unit"),
    M.TRANSPORT_FUEL: ("fuel", "heat_content", "heat_content_unit"),
    M.GRID_ENERGY: ("supply", "grid_zone", "exclude_td_losses"),
    M.TRANSPORT_DISTANCE: ("vehicle_class", "vehicle_fuel", "fuel_intensity", "fuel_intensity_unit"),
    M.LANDFILL_MC: ("waste_type", "site_type", "oxidising_cover", "composition", "recovered_ch4_t"),
    M.LANDFILL_FOD: (
        "waste_type",
        "site_type",
        "climate_zone",
        "oxidising_cover",
        "composition",
        "recovered_ch4_t",
    ),
}
# The units a method's quantity is usually given in (the form offers these; others stay readable in files).
UNITS: dict[Method, tuple[str, ...]] = {
    M.FUEL_COMBUSTION: (
        "m3",
        "ft3",
        "ccf",
        "Mcf",
        "litre",
        "gallon",
        "kg",
        "t",
        "kWh",
        "MWh",
        "GJ",
        "TJ",
        "therm",
        "MMBtu",
    ),
    M.TRANSPORT_FUEL: ("litre", "gallon", "kg", "t", "m3", "GJ", "TJ", "kWh", "GGE", "DGE"),
    M.GRID_ENERGY: ("kWh", "MWh", "GWh", "GJ", "MMBtu", "klb"),
    M.TRANSPORT_DISTANCE: ("vehicle_km", "vehicle_mile"),
    M.LANDFILL_MC: ("t", "kg", "short ton"),
    M.LANDFILL_FOD: ("t", "kg", "short ton"),
    M.BIOLOGICAL: ("t", "kg"),
    M.INCINERATION: ("t", "kg"),
    M.WASTEWATER: ("kg",),
    M.FUGITIVE_GAS: ("m3", "ft3", "Mcf", "t"),
}
# Landfill: waste types with their own DOC default (IPCC 2006 Vol. 5 Table 2.4); "msw" is mixed municipal waste
# whose composition is the record's shares or the region's (Table 2.3).
WASTE_TYPES = ("msw", "food", "garden", "paper", "wood", "textiles", "nappies", "rubber_leather", "sewage_sludge",
               "construction_demolition", "industrial_other")  # fmt: skip
COMPOSITION = ("food", "garden", "paper", "wood", "textiles", "nappies", "rubber_leather", "plastics", "metal",
               "glass", "other_inert")  # fmt: skip
SITE_TYPES = (
    "uncategorised",
    "managed_anaerobic",
    "managed_semi_aerobic",
    "unmanaged_deep",
    "unmanaged_shallow",
)
# Grid energy: what was bought (the activity column): electricity names its grid zone, heat its kind.
SUPPLIES = ("electricity", "district_heat", "district_steam", "district_hot_water", "district_cooling")
# Transport by distance: the library's fuel use per vehicle-km by vehicle class (US FHWA averages), and the
# fuel such vehicles usually run on (the officer may change it).
VEHICLE_FUEL = {
    "passenger_cars": "motor_gasoline",
    "other_2_axle_4_tire_vehicles": "motor_gasoline",
    "motorcycles": "motor_gasoline",
    "diesel_buses_diesel_heavy_duty_vehicles": "diesel",
    "single_unit_2_axle_6_tire_or_more_trucks": "diesel",
    "combination_trucks": "diesel",
}


def vehicle_intensity(library: Any, vehicle_class: str) -> Any | None:
    """The library's fuel use per vehicle-km for a vehicle class (``transport_intensity``), or None."""
    rows = library.find("transport_intensity", activity=vehicle_class)
    return rows[0] if rows else None


@dataclass(frozen=True)
class Reading:
    """How the engine will read an amount of a fuel: ``how`` is one of energy (no conversion to explain),
    heat_content (volume x energy per volume), density (volume x density x NCV), ncv (mass x NCV), given (the
    officer's own energy content), missing (the library cannot convert: the officer must give a value)."""

    how: str
    fuel_id: str
    fuel_name: str
    unit: str
    value: float | None = None
    value_unit: str = ""
    source: str = ""
    ncv: float | None = None
    ncv_source: str = ""


def _unit_kind(unit: str) -> str | None:
    try:
        return kind(ureg.Quantity(1, parse_unit(unit)))
    except Exception:  # an unreadable unit: the engine says so with the record
        return None


def fuel_reading(library: Any, fuel_id: str, unit: str, region: str, heat_content: float | None) -> Reading:
    """Which library value turns ``unit`` of ``fuel_id`` into energy, as ``methods.convert`` does."""
    fuel = library.fuel(fuel_id)
    base = {"fuel_id": fuel.fuel_id, "fuel_name": fuel.name, "unit": unit}
    ncv = {"ncv": fuel.ncv_tj_per_gg, "ncv_source": "IPCC 2006 Vol. 2 Table 1.2"}
    k = _unit_kind(unit) if unit else None
    if k == "volume" and heat_content is not None:
        return Reading("given", **base)
    if k == "volume":
        us_gas = any(n in str(parse_unit(unit)) for n in US_GAS_UNITS)
        prop = library.fuel_property(fuel.fuel_id, "heat_content", "gross", region)
        if prop is not None and (us_gas or not (fuel.density_kg_per_l or fuel.density_kg_per_m3)):
            return Reading("heat_content", **base, value=prop.value, value_unit=prop.unit, source=prop.source)
        if fuel.density_kg_per_l:
            src = "GHG Protocol cross-sector tools V2.0"
            return Reading(
                "density", **base, value=fuel.density_kg_per_l, value_unit="kg/l", source=src, **ncv
            )
        if fuel.density_kg_per_m3:
            src = "GHG Protocol cross-sector tools V2.0"
            return Reading(
                "density", **base, value=fuel.density_kg_per_m3, value_unit="kg/m³", source=src, **ncv
            )
        return Reading("missing", **base)
    if k == "mass":
        return Reading("ncv", **base, **ncv) if fuel.ncv_tj_per_gg else Reading("missing", **base)
    return Reading("energy", **base)


def composition_default(library: Any, region: str) -> tuple[str, dict[str, float]]:
    """The IPCC 2006 Table 2.3 region of the inventory's country and its MSW composition (rescaled as the
    engine does when the row is complete); ("", {}) when the region names no known country."""
    from localaction.core.catalog.regions import country

    c = country(region) if region else None
    if c is None:
        return "", {}
    shares = {k: float(f.value) for k, f in library.msw_composition(c.ipcc_region).items()}
    total = sum(shares.values())
    complete = all(k in shares for k in COMPOSITION if k not in {"garden", "nappies"})
    if complete and total:
        shares = {k: v / total for k, v in shares.items()}
    return c.ipcc_region, shares
