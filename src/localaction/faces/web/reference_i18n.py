"""Reference content in the reader's language. The core keeps its reference data in English (GPC sector and
sub-sector names and definitions, notation-key meanings, check descriptions, the TAP's lists, the CDP hazard
list) and stays free of Django; the pages translate those known strings here, through gettext.

Every English string the core can show is listed below with ``gettext_noop`` so that ``make messages``
extracts it; tests/faces/web/test_reference_i18n.py fails when the core gains a string missing here.
``term(text)`` translates a known string and returns anything else (a user's own words) unchanged;
``country_name(code)`` names a country in the active language from Babel's CLDR data."""

from __future__ import annotations

from functools import cache
from typing import Any

from babel import Locale, UnknownLocaleError
from django.utils import translation
from django.utils.translation import gettext, gettext_noop

GPC_TERMS: tuple[str, ...] = (
    gettext_noop("Stationary energy"),
    gettext_noop("Residential Buildings"),
    gettext_noop("Emissions from fuel combustion within the city boundary"),
    gettext_noop("Emissions from grid-supplied energy consumed within the city boundary"),
    gettext_noop("Transmission and distribution losses from grid-supplied energy"),
    gettext_noop("Commercial and institutional buildings and facilities"),
    gettext_noop("Manufacturing industries and construction"),
    gettext_noop("Energy industries"),
    gettext_noop("Emissions from energy used in power plant auxiliary operations within the city"),
    gettext_noop(
        "Emissions from grid-supplied energy consumed in power plant auxiliary operations within the city"
    ),
    gettext_noop(
        "Emissions from transmission and distribution losses from grid-supplied energy used in power plant auxiliary operations"
    ),
    gettext_noop("Energy generation supplied to the grid"),
    gettext_noop("Emissions from energy generation supplied to the grid"),
    gettext_noop("Agriculture, forestry, and fishing activities"),
    gettext_noop("Transmission and distribution losses from grid-supplied energy consumption"),
    gettext_noop("Non-specified sources"),
    gettext_noop("Emissions from transmission and distribution losses from grid-supplied energy consumption"),
    gettext_noop("Fugitive emissions from mining, processing, storage, and transportation of coal"),
    gettext_noop("Emissions from fugitive emissions within the city boundary"),
    gettext_noop("Fugitive emissions from oil and natural gas systems"),
    gettext_noop("Transportation"),
    gettext_noop("On-road"),
    gettext_noop("Emissions from fuel combustion on-road transportation occurring in the city"),
    gettext_noop("Emissions from grid-supplied energy consumed in the city for on-road transportation"),
    gettext_noop(
        "Emissions from transboundary journeys occurring outside the city, and T&D losses from grid-supplied energy consumption"
    ),
    gettext_noop("Railways"),
    gettext_noop("Emissions from fuel combustion for railway transportation occuring in the city"),
    gettext_noop("Emissions from grid-supplied energy consumed in the city for railways"),
    gettext_noop("Waterborne navigation"),
    gettext_noop("Emissions from fuel combustion for waterborne navigation occurring in the city"),
    gettext_noop("Emissions from grid-supplied energy consumed in the city for waterborne navigation"),
    gettext_noop("Aviation"),
    gettext_noop("Emissions from fuel combustion for aviation occurring in the city"),
    gettext_noop("Emissions from grid-supplied energy consumed in the city for aviation"),
    gettext_noop("Off-road"),
    gettext_noop("Emissions from fuel combustion for off-road transportation occurring in the city"),
    gettext_noop("Emissions from grid-supplied energy consumed in the city for off-road transportation"),
    gettext_noop("Waste"),
    gettext_noop("Solid waste generated in the city"),
    gettext_noop(
        "Emissions from solid waste generated in the city and disposed in landfills or open dumps within the city"
    ),
    gettext_noop(
        "Emissions from solid waste generated in the city but disposed in landfills or open dumps outside the city"
    ),
    gettext_noop("Solid waste generated outside the city"),
    gettext_noop(
        "Emissions from waste generated outside the city and disposed in landfills or open dumps within the city"
    ),
    gettext_noop("Biological waste generated in the city"),
    gettext_noop("Emissions from solid waste generated in the city that is treated biologically in the city"),
    gettext_noop(
        "Emissions from solid waste generated in the city but treated biologically outside of the city"
    ),
    gettext_noop("Biological waste generated outside the city"),
    gettext_noop("Emissions from waste generated outside the city boundary but treated in the city"),
    gettext_noop("Incinerated and burned waste generated in the city"),
    gettext_noop("Emissions from waste generated and treated within the city"),
    gettext_noop("Emissions from waste generated within but treated outside of the city"),
    gettext_noop("Incinerated and burned waste generated outside city"),
    gettext_noop("Emissions from waste generated outside the city boundary but treated within the city"),
    gettext_noop("Wastewater generated in the city"),
    gettext_noop("Emissions from wastewater generated and treated within the city"),
    gettext_noop("Emissions from wastewater generated within but treated outside of the city"),
    gettext_noop("Wastewater generated outside the city"),
    gettext_noop("Emissions from wastewater generated outside the city boundary but treated within the city"),
    gettext_noop("Industrial processes and product use (IPPU)"),
    gettext_noop("Industrial processes occurring in the city boundary"),
    gettext_noop("Emissions from industrial processes occurring in the city boundary"),
    gettext_noop("Product use occurring within the city boundary"),
    gettext_noop("Emissions from product use occurring within the city boundary"),
    gettext_noop("Agriculture, forestry and other land use (AFOLU)"),
    gettext_noop("Livestock"),
    gettext_noop("Emissions from livestock"),
    gettext_noop("Land"),
    gettext_noop("Emissions from land"),
    gettext_noop("Aggregate sources and non-CO2 emission sources on land"),
    gettext_noop("Emissions from aggregate sources and non-CO2 emission sources on land"),
    gettext_noop("Other scope 3"),
    gettext_noop("Other Scope 3"),
)
NOTATION_MEANINGS: dict[str, str] = {
    "NO": gettext_noop("not occurring: the activity does not happen in the city"),
    "IE": gettext_noop("included elsewhere: the emissions are counted under another reference (say which)"),
    "NE": gettext_noop("not estimated: the emissions occur but are not estimated (say why)"),
    "C": gettext_noop("confidential: the value is withheld (it still counts in totals where known)"),
}
CHECK_TITLES: dict[str, str] = {
    "completeness.missing_line": gettext_noop(
        "each line of the chosen level (BASIC or BASIC+) has a value or a notation key (community inventories)"
    ),
    "notation.unexplained": gettext_noop("every notation key has an explanation"),
    "notation.ie_without_location": gettext_noop(
        "IE says where the emissions are included, e.g. IE (II.1.1)"
    ),
    "notation.value_with_key": gettext_noop("a line with a value carries no key other than C"),
    "totals.mismatch": gettext_noop("reported totals equal the sum of the lines"),
    "totals.basic_plus_below_basic": gettext_noop(
        "BASIC+ is at least BASIC (a warning when AFOLU removals explain it)"
    ),
    "values.negative_outside_afolu": gettext_noop("negative values only as AFOLU (V.x) removals"),
    "per_capita.implausible": gettext_noop(
        "BASIC per person inside a plausible band (community inventories)"
    ),
    "population.missing": gettext_noop("the population is given (community inventories)"),
    "period.too_old": gettext_noop("the inventory year is at most N years before the reporting year"),
    "year_on_year.jump": gettext_noop(
        "the BASIC total changed by more than the share since the previous inventory: explain it"
    ),
    "year_on_year.activity_change": gettext_noop(
        "a source's activity quantity moved by more than the share since the previous inventory"
    ),
    "year_on_year.emission_change": gettext_noop(
        "a source's emissions moved by more than the share since the previous inventory"
    ),
    "year_on_year.line_total_change": gettext_noop(
        "a GPC line's total (its records, or its value) moved by more than the share since the previous inventory"
    ),
    "year_on_year.factor_change": gettext_noop(
        "a source's implied factor (emissions per unit of activity) moved by more than the share (fuels: a tighter share)"
    ),
    "year_on_year.repeated_value": gettext_noop(
        "a source's activity quantity or emissions equal the previous inventory's exactly (copied forward?)"
    ),
    "year_on_year.factor_repeated": gettext_noop(
        "a grid record's own factor is exactly the previous inventory's (last year's factor reused?)"
    ),
    "year_on_year.emissions_without_activity": gettext_noop(
        "emissions with no activity data where the previous inventory had activity data for the source"
    ),
    "year_on_year.source_missing": gettext_noop(
        "a source of the previous inventory has no record, value or notation key now"
    ),
    "year_on_year.method_changed": gettext_noop(
        "the same record (by id) uses another method or kind of unit than in the previous inventory: restate the earlier year or explain"
    ),
    "year_on_year.line_change": gettext_noop("a GPC line entered directly moved by more than the share"),
    "year_on_year.line_repeated": gettext_noop(
        "a GPC line entered directly equals the previous inventory's exactly (copied forward?)"
    ),
    "factor.implied_out_of_band": gettext_noop(
        "the factor a record used is within the ratio band of the library's value for the same activity (every method; custom and pinned factors and factor parameters), or inside the plausible band where the library has no value"
    ),
    "factor.inconsistent": gettext_noop(
        "the same activity (grid zone and year, fuel) has one factor throughout the inventory"
    ),
    "factor.td_year_mismatch": gettext_noop(
        "a grid record's T&D factor is from another year than its grid factor"
    ),
}
TAP_STAGES: dict[str, str] = {
    "concept": gettext_noop("Concept"),
    "pre_feasibility": gettext_noop("Pre-feasibility"),
    "feasibility": gettext_noop("Feasibility"),
    "design": gettext_noop("Design"),
    "ready_for_financing": gettext_noop("Ready for financing"),
    "under_implementation": gettext_noop("Under implementation"),
}
TAP_INSTRUMENTS: dict[str, str] = {
    "grant": gettext_noop("Grant"),
    "concessional_loan": gettext_noop("Concessional loan"),
    "commercial_loan": gettext_noop("Commercial loan"),
    "equity": gettext_noop("Equity"),
    "guarantee": gettext_noop("Guarantee"),
    "technical_assistance": gettext_noop("Technical assistance"),
}
TAP_AGENDAS: dict[str, str] = {
    "low_emission": gettext_noop("Low emission"),
    "nature_based": gettext_noop("Nature-based"),
    "resilient": gettext_noop("Resilient"),
    "circular": gettext_noop("Circular"),
    "equitable": gettext_noop("Equitable"),
    "smart": gettext_noop("Smart"),
    "sustainable_food": gettext_noop("Sustainable food"),
    "water": gettext_noop("Water"),
    "finance": gettext_noop("Finance"),
    "health": gettext_noop("Health"),
}
TAP_SECTORS: dict[str, str] = {
    "I": gettext_noop("Stationary energy"),
    "II": gettext_noop("Transportation"),
    "III": gettext_noop("Waste"),
    "IV": gettext_noop("Industrial processes and product use"),
    "V": gettext_noop("Agriculture, forestry and other land use"),
    "water": gettext_noop("Water and resilience"),
    "nature": gettext_noop("Nature-based solutions"),
}
HAZARD_TERMS: tuple[str, ...] = (
    gettext_noop("Extreme precipitation"),
    gettext_noop("Rain storm"),
    gettext_noop("Monsoon"),
    gettext_noop("Heavy snow"),
    gettext_noop("Fog"),
    gettext_noop("Hail"),
    gettext_noop("Storm and wind"),
    gettext_noop("Severe wind"),
    gettext_noop("Cyclone (hurricane / typhoon)"),
    gettext_noop("Storm surge"),
    gettext_noop("Extratropical storm"),
    gettext_noop("Tornado"),
    gettext_noop("Lightning / thunderstorm"),
    gettext_noop("Extreme cold temperature"),
    gettext_noop("Extreme winter conditions"),
    gettext_noop("Cold wave"),
    gettext_noop("Extreme cold days"),
    gettext_noop("Extreme hot temperature"),
    gettext_noop("Heat wave"),
    gettext_noop("Extreme hot days"),
    gettext_noop("Water scarcity"),
    gettext_noop("Drought"),
    gettext_noop("Wild fire"),
    gettext_noop("Forest fire"),
    gettext_noop("Land fire"),
    gettext_noop("Flood and sea level rise"),
    gettext_noop("Flash / surface flood"),
    gettext_noop("River flood"),
    gettext_noop("Coastal flood"),
    gettext_noop("Groundwater flood"),
    gettext_noop("Permanent inundation"),
    gettext_noop("Chemical change"),
    gettext_noop("Salt water intrusion"),
    gettext_noop("Ocean acidification"),
    gettext_noop("Atmospheric CO2 concentrations"),
    gettext_noop("Mass movement"),
    gettext_noop("Avalanche"),
    gettext_noop("Landslide"),
    gettext_noop("Rock fall"),
    gettext_noop("Subsidence"),
    gettext_noop("Biological hazards"),
    gettext_noop("Water-borne disease"),
    gettext_noop("Vector-borne disease"),
    gettext_noop("Air-borne disease"),
    gettext_noop("Insect infestation"),
)


# The milestone rules of the initiatives (core/targets/data/*.yaml): items and badges.
MILESTONE_TERMS: tuple[str, ...] = (
    gettext_noop("Initial community GHG inventory (stationary energy and in-boundary transport)"),
    gettext_noop("Climate hazards identified"),
    gettext_noop("Activity data behind the inventory disclosed"),
    gettext_noop("Emission reduction target (base year, fixed level, baseline scenario or intensity)"),
    gettext_noop("Climate vulnerability assessment"),
    gettext_noop("BASIC inventory (stationary energy, in-boundary transport, waste; CO2, CH4, N2O)"),
    gettext_noop("Climate action (mitigation) plan"),
    gettext_noop("Climate adaptation plan"),
    gettext_noop("Commitment"),
    gettext_noop("Inventory"),
    gettext_noop("Target"),
    gettext_noop("Compliant"),
    gettext_noop("Community-wide GHG emissions inventory (stationary energy, transportation and waste)"),
    gettext_noop("Climate risk and vulnerability assessment (hazards, risk level, expected impacts)"),
    gettext_noop("Emission reduction target (at least as ambitious as the NDC)"),
    gettext_noop("Adaptation goal(s)"),
    gettext_noop("Climate action plan (mitigation; may be combined with adaptation)"),
    gettext_noop("Climate action plan (adaptation)"),
    gettext_noop("Committed"),
    gettext_noop("Mitigation: Inventory"),
    gettext_noop("Mitigation: Target"),
    gettext_noop("Mitigation: Plan"),
    gettext_noop("Adaptation: Assessment"),
    gettext_noop("Adaptation: Goal"),
    gettext_noop("Adaptation: Plan"),
    gettext_noop("All mitigation and adaptation phases (a LocalAction summary, not a GCoM badge)"),
)


# The factor library's fuel names (IPCC 2006 Vol. 2 Table 1.1), as the record form and the library show them.
FUEL_NAMES: tuple[str, ...] = (
    gettext_noop("Anthracite"),
    gettext_noop("Aviation gasoline"),
    gettext_noop("Biodiesels"),
    gettext_noop("Biogasoline"),
    gettext_noop("Bitumen"),
    gettext_noop("Blast furnace gas"),
    gettext_noop("Brown coal briquettes"),
    gettext_noop("Charcoal"),
    gettext_noop("Coal tar"),
    gettext_noop("Coke oven coke"),
    gettext_noop("Coke oven gas"),
    gettext_noop("Coking coal"),
    gettext_noop("Crude oil"),
    gettext_noop("Ethane"),
    gettext_noop("Gas coke"),
    gettext_noop("Gas works gas"),
    gettext_noop("Gas/Diesel oil"),
    gettext_noop("Industrial wastes"),
    gettext_noop("Jet gasoline"),
    gettext_noop("Jet kerosene"),
    gettext_noop("Landfill gas"),
    gettext_noop("Lignite"),
    gettext_noop("Lignite coke"),
    gettext_noop("Liquified Petroleum Gases"),
    gettext_noop("Lubricants"),
    gettext_noop("Motor gasoline"),
    gettext_noop("Municipal waste (Non biomass fraction)"),
    gettext_noop("Municipal wastes (Biomass fraction)"),
    gettext_noop("Naphtha"),
    gettext_noop("Natural Gas Liquids"),
    gettext_noop("Natural gas"),
    gettext_noop("Oil shale and tar sands"),
    gettext_noop("Orimulsion"),
    gettext_noop("Other biogas"),
    gettext_noop("Other bituminous coal"),
    gettext_noop("Other kerosene"),
    gettext_noop("Other liquid biofuels"),
    gettext_noop("Other petroleum products"),
    gettext_noop("Other primary solid biomass fuels"),
    gettext_noop("Oxygen steel furnace gas"),
    gettext_noop("Paraffin waxes"),
    gettext_noop("Patent fuel"),
    gettext_noop("Peat"),
    gettext_noop("Petroleum coke"),
    gettext_noop("Refinery feedstocks"),
    gettext_noop("Refinery gas"),
    gettext_noop("Residual fuel oil"),
    gettext_noop("Shale oil"),
    gettext_noop("Sludge gas"),
    gettext_noop("Sub bituminous coal"),
    gettext_noop("Sulphite lyes (Black liquor)"),
    gettext_noop("Waste oils"),
    gettext_noop("White Spirit/SBP"),
    gettext_noop("Wood or Wood waste"),
)
# Sectors of use of stationary and mobile combustion (core.catalog.factors.SECTORS_OF_USE).
SECTORS_OF_USE: dict[str, str] = {
    "agriculture_forestry_fishing": gettext_noop("Agriculture, forestry and fishing"),
    "aviation": gettext_noop("Aviation"),
    "commercial_institutional": gettext_noop("Commercial and institutional"),
    "energy_industries": gettext_noop("Energy industries"),
    "manufacturing_construction": gettext_noop("Manufacturing and construction"),
    "navigation": gettext_noop("Navigation"),
    "off_road": gettext_noop("Off-road"),
    "rail": gettext_noop("Rail"),
    "residential": gettext_noop("Residential"),
    "road": gettext_noop("Road"),
}

# Units spelt as English words in the factor library (the others are symbols: kg/TJ, tCO2e/MWh).
UNIT_WORDS: tuple[str, ...] = (gettext_noop("dimensionless"),)


@cache
def _known() -> frozenset[str]:
    tables: list[Any] = [
        GPC_TERMS,
        UNIT_WORDS,
        FUEL_NAMES,
        SECTORS_OF_USE.values(),
        HAZARD_TERMS,
        MILESTONE_TERMS,
        NOTATION_MEANINGS.values(),
        CHECK_TITLES.values(),
    ]
    tables += [TAP_STAGES.values(), TAP_INSTRUMENTS.values(), TAP_AGENDAS.values(), TAP_SECTORS.values()]
    return frozenset(text for table in tables for text in table)


def term(text: Any) -> Any:
    """A known reference string in the active language; anything else unchanged (never a user's words
    passed through the catalogue)."""
    if isinstance(text, str) and text in _known():
        return gettext(text)
    return text


def tap_label(table: dict[str, str], value: str) -> str:
    """A TAP list value (``pre_feasibility``) as its label in the active language."""
    english = table.get(value)
    return gettext(english) if english else value.replace("_", " ").capitalize()


def notation_meaning(key: str) -> str:
    english = NOTATION_MEANINGS.get(key)
    return gettext(english) if english else key


def check_title(code: str) -> str:
    english = CHECK_TITLES.get(code)
    return gettext(english) if english else ""


@cache
def _locale(language: str) -> Locale | None:
    try:
        return Locale.parse(translation.to_locale(language))
    except (UnknownLocaleError, ValueError):
        return None


def country_name(code: Any, language: str | None = None) -> str:
    """``BR`` → ``Brasil`` in es, ``巴西`` in zh-hans (CLDR, through Babel); an unknown code stays as it is."""
    text = str(code or "")
    locale = _locale(language or translation.get_language() or "en")
    if locale is None or not text:
        return text
    name = locale.territories.get(text.upper())
    return str(name) if name and len(text) == 2 else text
