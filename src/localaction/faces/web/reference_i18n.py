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
from django.utils.translation import gettext
from django.utils.translation import gettext_noop as N_

GPC_TERMS: tuple[str, ...] = (
    N_("Stationary energy"),
    N_("Residential Buildings"),
    N_("Emissions from fuel combustion within the city boundary"),
    N_("Emissions from grid-supplied energy consumed within the city boundary"),
    N_("Transmission and distribution losses from grid-supplied energy"),
    N_("Commercial and institutional buildings and facilities"),
    N_("Manufacturing industries and construction"),
    N_("Energy industries"),
    N_("Emissions from energy used in power plant auxiliary operations within the city"),
    N_("Emissions from grid-supplied energy consumed in power plant auxiliary operations within the city"),
    N_(
        "Emissions from transmission and distribution losses from grid-supplied energy used in power plant auxiliary operations"
    ),
    N_("Energy generation supplied to the grid"),
    N_("Emissions from energy generation supplied to the grid"),
    N_("Agriculture, forestry, and fishing activities"),
    N_("Transmission and distribution losses from grid-supplied energy consumption"),
    N_("Non-specified sources"),
    N_("Emissions from transmission and distribution losses from grid-supplied energy consumption"),
    N_("Fugitive emissions from mining, processing, storage, and transportation of coal"),
    N_("Emissions from fugitive emissions within the city boundary"),
    N_("Fugitive emissions from oil and natural gas systems"),
    N_("Transportation"),
    N_("On-road"),
    N_("Emissions from fuel combustion on-road transportation occurring in the city"),
    N_("Emissions from grid-supplied energy consumed in the city for on-road transportation"),
    N_(
        "Emissions from transboundary journeys occurring outside the city, and T&D losses from grid-supplied energy consumption"
    ),
    N_("Railways"),
    N_("Emissions from fuel combustion for railway transportation occuring in the city"),
    N_("Emissions from grid-supplied energy consumed in the city for railways"),
    N_("Waterborne navigation"),
    N_("Emissions from fuel combustion for waterborne navigation occurring in the city"),
    N_("Emissions from grid-supplied energy consumed in the city for waterborne navigation"),
    N_("Aviation"),
    N_("Emissions from fuel combustion for aviation occurring in the city"),
    N_("Emissions from grid-supplied energy consumed in the city for aviation"),
    N_("Off-road"),
    N_("Emissions from fuel combustion for off-road transportation occurring in the city"),
    N_("Emissions from grid-supplied energy consumed in the city for off-road transportation"),
    N_("Waste"),
    N_("Solid waste generated in the city"),
    N_(
        "Emissions from solid waste generated in the city and disposed in landfills or open dumps within the city"
    ),
    N_(
        "Emissions from solid waste generated in the city but disposed in landfills or open dumps outside the city"
    ),
    N_("Solid waste generated outside the city"),
    N_(
        "Emissions from waste generated outside the city and disposed in landfills or open dumps within the city"
    ),
    N_("Biological waste generated in the city"),
    N_("Emissions from solid waste generated in the city that is treated biologically in the city"),
    N_("Emissions from solid waste generated in the city but treated biologically outside of the city"),
    N_("Biological waste generated outside the city"),
    N_("Emissions from waste generated outside the city boundary but treated in the city"),
    N_("Incinerated and burned waste generated in the city"),
    N_("Emissions from waste generated and treated within the city"),
    N_("Emissions from waste generated within but treated outside of the city"),
    N_("Incinerated and burned waste generated outside city"),
    N_("Emissions from waste generated outside the city boundary but treated within the city"),
    N_("Wastewater generated in the city"),
    N_("Emissions from wastewater generated and treated within the city"),
    N_("Emissions from wastewater generated within but treated outside of the city"),
    N_("Wastewater generated outside the city"),
    N_("Emissions from wastewater generated outside the city boundary but treated within the city"),
    N_("Industrial processes and product use (IPPU)"),
    N_("Industrial processes occurring in the city boundary"),
    N_("Emissions from industrial processes occurring in the city boundary"),
    N_("Product use occurring within the city boundary"),
    N_("Emissions from product use occurring within the city boundary"),
    N_("Agriculture, forestry and other land use (AFOLU)"),
    N_("Livestock"),
    N_("Emissions from livestock"),
    N_("Land"),
    N_("Emissions from land"),
    N_("Aggregate sources and non-CO2 emission sources on land"),
    N_("Emissions from aggregate sources and non-CO2 emission sources on land"),
    N_("Other scope 3"),
    N_("Other Scope 3"),
)
NOTATION_MEANINGS: dict[str, str] = {
    "NO": N_("not occurring: the activity does not happen in the city"),
    "IE": N_("included elsewhere: the emissions are counted under another reference (say which)"),
    "NE": N_("not estimated: the emissions occur but are not estimated (say why)"),
    "C": N_("confidential: the value is withheld (it still counts in totals where known)"),
}
CHECK_TITLES: dict[str, str] = {
    "completeness.missing_line": N_(
        "each line of the chosen level (BASIC or BASIC+) has a value or a notation key (community inventories)"
    ),
    "notation.unexplained": N_("every notation key has an explanation"),
    "notation.ie_without_location": N_("IE says where the emissions are included, e.g. IE (II.1.1)"),
    "notation.value_with_key": N_("a line with a value carries no key other than C"),
    "totals.mismatch": N_("reported totals equal the sum of the lines"),
    "totals.basic_plus_below_basic": N_(
        "BASIC+ is at least BASIC (a warning when AFOLU removals explain it)"
    ),
    "values.negative_outside_afolu": N_("negative values only as AFOLU (V.x) removals"),
    "per_capita.implausible": N_("BASIC per person inside a plausible band (community inventories)"),
    "population.missing": N_("the population is given (community inventories)"),
    "period.too_old": N_("the inventory year is at most N years before the reporting year"),
    "year_on_year.jump": N_(
        "the BASIC total changed by more than the share since the previous inventory: explain it"
    ),
    "year_on_year.activity_change": N_(
        "a source's activity quantity moved by more than the share since the previous inventory"
    ),
    "year_on_year.emission_change": N_(
        "a source's emissions moved by more than the share since the previous inventory"
    ),
    "year_on_year.factor_change": N_(
        "a source's implied factor (emissions per unit of activity) moved by more than the share (fuels: a tighter share)"
    ),
    "year_on_year.repeated_value": N_(
        "a source's activity quantity or emissions equal the previous inventory's exactly (copied forward?)"
    ),
    "year_on_year.factor_repeated": N_(
        "a grid record's own factor is exactly the previous inventory's (last year's factor reused?)"
    ),
    "year_on_year.emissions_without_activity": N_(
        "emissions with no activity data where the previous inventory had activity data for the source"
    ),
    "year_on_year.source_missing": N_(
        "a source of the previous inventory has no record, value or notation key now"
    ),
    "year_on_year.method_changed": N_(
        "the same record (by id) uses another method or kind of unit than in the previous inventory: restate the earlier year or explain"
    ),
    "year_on_year.line_change": N_("a GPC line entered directly moved by more than the share"),
    "year_on_year.line_repeated": N_(
        "a GPC line entered directly equals the previous inventory's exactly (copied forward?)"
    ),
    "factor.implied_out_of_band": N_(
        "the factor a record used is within the ratio band of the library's value for the same activity (every method; custom and pinned factors and factor parameters), or inside the plausible band where the library has no value"
    ),
    "factor.inconsistent": N_(
        "the same activity (grid zone and year, fuel) has one factor throughout the inventory"
    ),
    "factor.td_year_mismatch": N_("a grid record's T&D factor is from another year than its grid factor"),
}
TAP_STAGES: dict[str, str] = {
    "concept": N_("Concept"),
    "pre_feasibility": N_("Pre-feasibility"),
    "feasibility": N_("Feasibility"),
    "design": N_("Design"),
    "ready_for_financing": N_("Ready for financing"),
    "under_implementation": N_("Under implementation"),
}
TAP_INSTRUMENTS: dict[str, str] = {
    "grant": N_("Grant"),
    "concessional_loan": N_("Concessional loan"),
    "commercial_loan": N_("Commercial loan"),
    "equity": N_("Equity"),
    "guarantee": N_("Guarantee"),
    "technical_assistance": N_("Technical assistance"),
}
TAP_AGENDAS: dict[str, str] = {
    "low_emission": N_("Low emission"),
    "nature_based": N_("Nature-based"),
    "resilient": N_("Resilient"),
    "circular": N_("Circular"),
    "equitable": N_("Equitable"),
    "smart": N_("Smart"),
    "sustainable_food": N_("Sustainable food"),
    "water": N_("Water"),
    "finance": N_("Finance"),
    "health": N_("Health"),
}
TAP_SECTORS: dict[str, str] = {
    "I": N_("Stationary energy"),
    "II": N_("Transportation"),
    "III": N_("Waste"),
    "IV": N_("Industrial processes and product use"),
    "V": N_("Agriculture, forestry and other land use"),
    "water": N_("Water and resilience"),
    "nature": N_("Nature-based solutions"),
}
HAZARD_TERMS: tuple[str, ...] = (
    N_("Extreme precipitation"),
    N_("Rain storm"),
    N_("Monsoon"),
    N_("Heavy snow"),
    N_("Fog"),
    N_("Hail"),
    N_("Storm and wind"),
    N_("Severe wind"),
    N_("Cyclone (hurricane / typhoon)"),
    N_("Storm surge"),
    N_("Extratropical storm"),
    N_("Tornado"),
    N_("Lightning / thunderstorm"),
    N_("Extreme cold temperature"),
    N_("Extreme winter conditions"),
    N_("Cold wave"),
    N_("Extreme cold days"),
    N_("Extreme hot temperature"),
    N_("Heat wave"),
    N_("Extreme hot days"),
    N_("Water scarcity"),
    N_("Drought"),
    N_("Wild fire"),
    N_("Forest fire"),
    N_("Land fire"),
    N_("Flood and sea level rise"),
    N_("Flash / surface flood"),
    N_("River flood"),
    N_("Coastal flood"),
    N_("Groundwater flood"),
    N_("Permanent inundation"),
    N_("Chemical change"),
    N_("Salt water intrusion"),
    N_("Ocean acidification"),
    N_("Atmospheric CO2 concentrations"),
    N_("Mass movement"),
    N_("Avalanche"),
    N_("Landslide"),
    N_("Rock fall"),
    N_("Subsidence"),
    N_("Biological hazards"),
    N_("Water-borne disease"),
    N_("Vector-borne disease"),
    N_("Air-borne disease"),
    N_("Insect infestation"),
)


@cache
def _known() -> frozenset[str]:
    tables: list[Any] = [GPC_TERMS, HAZARD_TERMS, NOTATION_MEANINGS.values(), CHECK_TITLES.values()]
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
