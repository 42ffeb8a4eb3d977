"""Words for guided entry: human labels for the library's fuels, units, waste types, site types, climate zones
and vehicle classes, the sentence that says which default reads an amount, and the one mapping from the
engine's messages (``record 'x', field 'param:density_kg_per_l': …``) to what an officer can act on."""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from localaction.core.catalog.factors import factor_library
from localaction.core.catalog.regions import CLIMATE_ZONES
from localaction.core.inventory import guide
from localaction.core.inventory.model import Method
from localaction.faces.web import reference_i18n

FUEL_GROUPS = {
    "Natural gas": gettext_lazy("Gases"),
    "Oil products": gettext_lazy("Oil products"),
    "Coal products": gettext_lazy("Coal and coal gases"),
    "Biomass": gettext_lazy("Biomass and biogas"),
    "Other wastes": gettext_lazy("Waste used as fuel"),
    "Peat": gettext_lazy("Peat"),
}
# The fuels most cities enter, first in the list, in plain words (the rest keep the library's IPCC names).
COMMON_FUELS = {
    "natural_gas": gettext_lazy("Natural gas"),
    "diesel": gettext_lazy("Diesel / gas oil / heating oil"),
    "motor_gasoline": gettext_lazy("Petrol (motor gasoline)"),
    "lpg": gettext_lazy("LPG (liquefied petroleum gas)"),
    "residual_fuel_oil": gettext_lazy("Heavy fuel oil (residual)"),
    "other_kerosene": gettext_lazy("Kerosene (paraffin)"),
    "jet_kerosene": gettext_lazy("Jet fuel (jet kerosene)"),
    "other_bituminous_coal": gettext_lazy("Coal (bituminous)"),
    "lignite": gettext_lazy("Lignite (brown coal)"),
    "wood": gettext_lazy("Wood, wood pellets or chips"),
    "biodiesel": gettext_lazy("Biodiesel"),
    "biogasoline": gettext_lazy("Bioethanol (biogasoline)"),
    "other_biogas": gettext_lazy("Biogas"),
}
UNITS = {
    "m3": gettext_lazy("m³ (cubic metres)"),
    "ft3": gettext_lazy("cubic feet (ft³)"),
    "ccf": gettext_lazy("hundred cubic feet (ccf)"),
    "Mcf": gettext_lazy("thousand cubic feet (Mcf)"),
    "litre": gettext_lazy("litres"),
    "gallon": gettext_lazy("US gallons"),
    "kg": gettext_lazy("kilograms"),
    "t": gettext_lazy("tonnes"),
    "short ton": gettext_lazy("short tons (US)"),
    "kWh": gettext_lazy("kWh"),
    "MWh": gettext_lazy("MWh"),
    "GWh": gettext_lazy("GWh"),
    "GJ": gettext_lazy("GJ"),
    "TJ": gettext_lazy("TJ"),
    "therm": gettext_lazy("therms"),
    "MMBtu": gettext_lazy("MMBtu (million Btu)"),
    "klb": gettext_lazy("thousand pounds of steam (klb)"),
    "GGE": gettext_lazy("gasoline gallon equivalents (GGE)"),
    "DGE": gettext_lazy("diesel gallon equivalents (DGE)"),
    "vehicle_km": gettext_lazy("vehicle-kilometres"),
    "vehicle_mile": gettext_lazy("vehicle-miles"),
}
HEAT_CONTENT_UNITS = {
    "kWh/m3": gettext_lazy("kWh per m³"),
    "MJ/m3": gettext_lazy("MJ per m³"),
    "Btu/ft3": gettext_lazy("Btu per cubic foot"),
    "therm/ccf": gettext_lazy("therms per ccf"),
    "MJ/l": gettext_lazy("MJ per litre"),
    "GJ/t": gettext_lazy("GJ per tonne"),
}
INTENSITY_UNITS = {
    "l/100km": gettext_lazy("litres per 100 km"),
    "l/km": gettext_lazy("litres per km"),
    "gallon/mi": gettext_lazy("US gallons per mile"),
    "kWh/km": gettext_lazy("kWh per km (electric)"),
    "kWh/100km": gettext_lazy("kWh per 100 km (electric)"),
    "kWh/mi": gettext_lazy("kWh per mile (electric)"),
}
SUPPLIES = {
    "electricity": gettext_lazy("Electricity from the grid"),
    "district_heat": gettext_lazy("District heat"),
    "district_steam": gettext_lazy("Steam"),
    "district_hot_water": gettext_lazy("Hot water"),
    "district_cooling": gettext_lazy("District cooling (chilled water)"),
}
VEHICLES = {
    "passenger_cars": gettext_lazy("Passenger cars"),
    "other_2_axle_4_tire_vehicles": gettext_lazy("Light trucks, vans and SUVs"),
    "motorcycles": gettext_lazy("Motorcycles"),
    "diesel_buses_diesel_heavy_duty_vehicles": gettext_lazy("Buses and heavy-duty vehicles (diesel)"),
    "single_unit_2_axle_6_tire_or_more_trucks": gettext_lazy("Single-unit trucks"),
    "combination_trucks": gettext_lazy("Combination trucks (tractor-trailers)"),
    "": gettext_lazy("Other: I give the fuel use per distance"),
}
WASTE_TYPES = {
    "msw": gettext_lazy("Mixed municipal solid waste"),
    "food": gettext_lazy("Food waste"),
    "garden": gettext_lazy("Garden and park waste"),
    "paper": gettext_lazy("Paper and cardboard"),
    "wood": gettext_lazy("Wood"),
    "textiles": gettext_lazy("Textiles"),
    "nappies": gettext_lazy("Nappies (disposable diapers)"),
    "rubber_leather": gettext_lazy("Rubber and leather"),
    "sewage_sludge": gettext_lazy("Sewage sludge"),
    "construction_demolition": gettext_lazy("Construction and demolition waste"),
    "industrial_other": gettext_lazy("Industrial waste (other)"),
}
COMPOSITION = {
    "food": gettext_lazy("Food"),
    "garden": gettext_lazy("Garden and park"),
    "paper": gettext_lazy("Paper and cardboard"),
    "wood": gettext_lazy("Wood"),
    "textiles": gettext_lazy("Textiles"),
    "nappies": gettext_lazy("Nappies"),
    "rubber_leather": gettext_lazy("Rubber and leather"),
    "plastics": gettext_lazy("Plastics"),
    "metal": gettext_lazy("Metal"),
    "glass": gettext_lazy("Glass"),
    "other_inert": gettext_lazy("Other, inert"),
}
SITE_TYPES = {
    "uncategorised": gettext_lazy("Not known (uncategorised site)"),
    "managed_anaerobic": gettext_lazy("Managed, anaerobic (compacted, covered)"),
    "managed_semi_aerobic": gettext_lazy("Managed, semi-aerobic (permeable cover, drainage)"),
    "unmanaged_deep": gettext_lazy("Unmanaged, deep (5 m or more)"),
    "unmanaged_shallow": gettext_lazy("Unmanaged, shallow (less than 5 m)"),
}
CLIMATE_ZONES_LABELS = {
    "": gettext_lazy("The country's default"),
    "boreal_temperate_dry": gettext_lazy("Boreal or temperate, dry"),
    "boreal_temperate_wet": gettext_lazy("Boreal or temperate, wet"),
    "tropical_dry": gettext_lazy("Tropical, dry"),
    "tropical_wet": gettext_lazy("Tropical, wet"),
}
assert set(CLIMATE_ZONES_LABELS) - {""} == set(CLIMATE_ZONES)
assert set(SITE_TYPES) == set(guide.SITE_TYPES) and set(WASTE_TYPES) == set(guide.WASTE_TYPES)
assert set(VEHICLES) - {""} == set(guide.VEHICLE_FUEL) and set(COMPOSITION) == set(guide.COMPOSITION)


def fuel_label(fuel_id: str) -> str:
    if fuel_id in COMMON_FUELS:
        return str(COMMON_FUELS[fuel_id])
    try:
        return str(reference_i18n.term(factor_library().fuel(fuel_id).name))
    except Exception:  # a name the library does not know: shown as written
        return fuel_id.replace("_", " ")


def fuel_choices(electric: bool = False) -> list[tuple[Any, Any]]:
    """The library's fuels in plain words: the common ones first, then every fuel by group."""
    lib = factor_library()
    common = [(fid, COMMON_FUELS[fid]) for fid in COMMON_FUELS if any(f.fuel_id == fid for f in lib.fuels)]
    if electric:
        common.insert(0, ("electricity", gettext_lazy("Electricity (electric vehicles)")))
    groups: dict[str, list[tuple[str, str]]] = {}
    for f in lib.fuels:
        if f.fuel_id not in COMMON_FUELS:
            groups.setdefault(f.fuel_group, []).append((f.fuel_id, str(reference_i18n.term(f.name))))
    out: list[tuple[Any, Any]] = [("", "—"), (gettext_lazy("Common fuels"), common)]
    for group, fuels in groups.items():
        out.append((FUEL_GROUPS.get(group, group), sorted(fuels, key=lambda x: x[1])))
    return out


def unit_choices(method: str, current: str = "") -> list[tuple[str, Any]]:
    units = list(guide.UNITS.get(Method(method), ())) if method in set(Method) else []
    if not units:
        units = ["kWh", "MWh", "GJ", "m3", "litre", "t", "kg", "vehicle_km"]
    if current and current not in units:
        units.append(current)  # a unit read from a file stays selectable
    return [(u, UNITS.get(u, u)) for u in units]


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:.4g}"


def reading_hint(r: guide.Reading) -> str:
    """The sentence that says how the amount will be read, with the library value and its source."""
    what = {"fuel": fuel_label(r.fuel_id), "unit": UNITS.get(r.unit, r.unit)}
    if r.how == "heat_content":
        return _(
            "%(fuel)s in %(unit)s: we use the library's energy content per volume (%(value)s %(value_unit)s, "
            "%(source)s) unless you give your utility's value below."
        ) % {**what, "value": _num(r.value), "value_unit": r.value_unit, "source": r.source}
    if r.how == "density":
        return _(
            "%(fuel)s in %(unit)s: we use the library's density (%(value)s %(value_unit)s, %(source)s) and "
            "energy content per mass (%(ncv)s TJ per thousand tonnes, %(ncv_source)s) unless you give your "
            "utility's energy content per volume below."
        ) % {
            **what,
            "value": _num(r.value),
            "value_unit": r.value_unit,
            "source": r.source,
            "ncv": _num(r.ncv),
            "ncv_source": r.ncv_source,
        }
    if r.how == "ncv":
        return _(
            "%(fuel)s in %(unit)s: we use the library's energy content per mass (%(ncv)s TJ per thousand "
            "tonnes, %(ncv_source)s)."
        ) % {**what, "ncv": _num(r.ncv), "ncv_source": r.ncv_source}
    if r.how == "given":
        return _("%(fuel)s in %(unit)s: we use the energy content you give below.") % what
    if r.how == "missing":
        return (
            _(
                "%(fuel)s in %(unit)s: the library has no density or energy content for it: give the energy content "
                "below, or the amount as energy (kWh, GJ) or mass."
            )
            % what
        )
    return _("%(fuel)s in %(unit)s: no conversion needed; the factors are per unit of energy.") % what


# --- the engine's messages in the officer's words ------------------------------------------------------------

# Engine field (``param:<name>`` or a record column) -> the guided form's field that fixes it.
FIELD_OF = {
    "activity": "activity",
    "unit": "unit",
    "quantity": "quantity",
    "param:heat_content": "heat_content",
    "param:heat_content_unit": "heat_content_unit",
    "param:density_kg_per_l": "heat_content",
    "param:fuel_intensity": "fuel_intensity",
    "param:fuel_intensity_unit": "fuel_intensity_unit",
    "param:vehicle_class": "vehicle_class",
    "params": "fuel_intensity",
    "param:climate_zone": "climate_zone",
    "param:site_type": "site_type",
    "param:share_*": "share_food",
    "param:recovered_ch4_t": "recovered_ch4_t",
    "custom_factor_value": "custom_value",
}
# Names an officer sees in the form, for the engine's parameter names quoted in a message.
PARAM_WORDS = {
    "heat_content": gettext_lazy("“Energy content”"),
    "heat_content_unit": gettext_lazy("“Energy content unit”"),
    "density_kg_per_l": gettext_lazy("“Energy content” (or the fuel's density, in advanced parameters)"),
    "density_kg_per_m3": gettext_lazy("the gas's density (advanced parameters)"),
    "fuel": gettext_lazy("“Fuel”"),
    "fuel_intensity": gettext_lazy("“Fuel use per distance”"),
    "fuel_intensity_unit": gettext_lazy("“Unit of fuel use”"),
    "vehicle_class": gettext_lazy("“Vehicle type”"),
    "climate_zone": gettext_lazy("“Climate zone”"),
    "site_type": gettext_lazy("“Site type”"),
    "share_*": gettext_lazy("the waste composition"),
    "share_food": gettext_lazy("the waste composition"),
    "share_paper": gettext_lazy("the waste composition"),
    "ipcc_region": gettext_lazy("the IPCC region (advanced parameters)"),
    "DOC": gettext_lazy("DOC (advanced parameters)"),
    "td_loss_share": gettext_lazy("the T&D loss share (advanced parameters)"),
    "kg_per_gge": gettext_lazy("kg per GGE (advanced parameters)"),
    "kg_per_dge": gettext_lazy("kg per DGE (advanced parameters)"),
    "calorific_basis": gettext_lazy("the calorific basis (advanced parameters)"),
    "sector_of_use": gettext_lazy("“Sector of use” (advanced parameters)"),
    "include_td_losses": gettext_lazy("“Leave out transmission and distribution losses”"),
    "grid_zone": gettext_lazy("“Grid zone or country”"),
    "oxidising_cover": gettext_lazy("the site's cover"),
    "recovered_ch4_t": gettext_lazy("“Methane recovered”"),
    "deposits": gettext_lazy("earlier deposits (advanced parameters)"),
    "country": gettext_lazy("the country (advanced parameters)"),
}
_PREFIX = re.compile(r"^record '(?P<id>[^']*)', field '(?P<field>[^']*)': (?P<msg>.*)$", re.S)
# Whole messages the officer meets most, by the engine's wording (first match wins).
_KNOWN: list[tuple[re.Pattern[str], Any]] = [
    (
        re.compile(r"^(?P<fuel>\w+) has no sourced density or heat content in the library"),
        gettext_lazy(
            "The library has no density or energy content for %(fuel)s: give its energy content per volume "
            "(your supplier's value), or enter the amount as energy (kWh, GJ) or mass (tonnes)."
        ),
    ),
    (
        re.compile(r"^give param:fuel and param:fuel_intensity"),
        gettext_lazy(
            "Choose the vehicle type (we then use the library's fuel use per km), or give the fuel use per "
            "distance and the vehicles' fuel."
        ),
    ),
    (
        re.compile(r"^give param:fuel_intensity in kWh per distance"),
        gettext_lazy(
            "Electric vehicles: give the electricity use per distance (e.g. 0.18 kWh per km); the library has "
            "no sourced default."
        ),
    ),
    (
        re.compile(r"^give the grid region"),
        gettext_lazy(
            "Give the grid zone or country: the inventory names none (set it in the inventory's details)."
        ),
    ),
    (
        re.compile(r"^name the fuel"),
        gettext_lazy("Choose the fuel."),
    ),
    (
        re.compile(r"^'(?P<unit>[^']*)' cannot be used for (?P<what>.+) \(needs (?P<needs>[^)]*)\)"),
        gettext_lazy("%(unit)s is not a unit for %(what)s: choose a unit such as %(needs)s."),
    ),
    (
        re.compile(r"^give the landfill's climate zone"),
        gettext_lazy("Choose the landfill's climate zone: the library has no default for this country."),
    ),
    (
        re.compile(r"^municipal solid waste needs its composition"),
        gettext_lazy(
            "Mixed municipal waste needs its composition: give the shares, or set the inventory's country so "
            "the IPCC regional default applies."
        ),
    ),
    (
        re.compile(r"^waste shares must be between 0 and 1"),
        gettext_lazy("The waste shares must each be between 0 and 100 % and add up to 100 % at most."),
    ),
    (
        re.compile(r"^no grid emission factor for region '(?P<region>[^']*)'"),
        gettext_lazy(
            "The library has no grid factor for %(region)s: choose a country or grid zone it knows (e.g. DE, "
            "US-CA), or give your supplier's factor."
        ),
    ),
    (
        re.compile(r"^unknown fuel '(?P<fuel>[^']*)'"),
        gettext_lazy("%(fuel)s is not a fuel the library knows: choose one from the list."),
    ),
    (
        re.compile(r"is not a GPC reference number"),
        gettext_lazy("Choose a GPC line from the list."),
    ),
]
_PARAM = re.compile(r"param:(?P<name>[A-Za-z_*<>]+)")


def words(text: str) -> str:
    """The remaining internal names replaced by what the form calls them."""
    text = _PARAM.sub(
        lambda m: str(PARAM_WORDS.get(m.group("name"), m.group("name").replace("_", " "))), text
    )
    return text.replace("`localaction factors refs`", _("the list of GPC lines")).replace(
        "`localaction factors list`", _("the factor library page")
    )


def officer_error(message: str) -> tuple[str | None, str]:
    """(the form field to show it at, or None; the message in the officer's words)."""
    text = message.strip()
    if text.startswith("record ") and ": record '" in text:  # compute's wrapper: "record x: record 'x', …"
        text = text.split(": ", 1)[1]
    field = None
    m = _PREFIX.match(text)
    if m:
        field, text = FIELD_OF.get(m.group("field")), m.group("msg")
    for pattern, known in _KNOWN:
        hit = pattern.search(text)
        if hit:
            values = {
                k: fuel_label(v) if k == "fuel" else v.replace("_", " ") if k == "what" else v
                for k, v in hit.groupdict().items()
            }
            return field, str(known) % values if values else str(known)
    return field, words(text)
