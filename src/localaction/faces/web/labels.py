"""Every public label from one place: an internal id (``singapore_index``, ``highest_reduction``,
``province_state``, ``efficiency_gain_10``, ``boreal_temperate_wet``, ``ready_for_financing`` …) becomes the
human name a reader sees, in their language.

``label(value)`` looks the id up in, in order: the names given here (climate zones, rankings, TAP stages and
instruments, peer-matching factors, report columns, units), the shipped frameworks' names, and every choice
of every registry model (kinds, statuses, levels, hazard types: their ``TextChoices`` labels, translated
already). An id nobody named reads with its underscores turned to spaces and a capital, never as the raw
identifier; anything that is not an id (a city's name, a number, a GPC reference) is left as it is. In
templates: ``{{ value|label }}``.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from django.apps import apps
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

# An internal id as the pages must never show it: lower-case words joined by underscores.
ID = re.compile(r"^[A-Za-z][a-z0-9]*(?:_[A-Za-z0-9]+)+$")

NAMES: dict[str, Any] = {
    # IPCC climate zones (core.catalog.regions.CLIMATE_ZONES)
    "boreal_temperate_dry": _("boreal or temperate, dry"),
    "boreal_temperate_wet": _("boreal or temperate, wet"),
    "tropical_dry": _("tropical, dry"),
    "tropical_wet": _("tropical, wet"),
    # rankings (core.insights.rankings.RankingRule)
    "highest_reduction": _("Highest reduction since the base year"),
    "fastest_annual_reduction": _("Fastest reduction per year"),
    "lowest_in_peer_group": _("Lowest in the peer group"),
    # TAP stages and instruments (core/tap/config.yaml)
    "concept": _("concept"),
    "pre_feasibility": _("pre-feasibility"),
    "feasibility": _("feasibility"),
    "design": _("design"),
    "ready_for_financing": _("ready for financing"),
    "under_implementation": _("under implementation"),
    "concessional_loan": _("concessional loan"),
    "commercial_loan": _("commercial loan"),
    "technical_assistance": _("technical assistance"),
    # peer matching (core.insights.matching) and report columns
    "climate_zone": _("climate zone"),
    "emissions_per_capita": _("emissions per person"),
    "sector_mix": _("sector mix"),
    "population_band": _("population band"),
    "is_subject": _("this jurisdiction"),
    "target_year": _("target year"),
    "baseline_year": _("baseline year"),
    "baseline_value": _("baseline value"),
    "target_value": _("target value"),
    "on_track": _("on track"),
    "off_track": _("off track"),
    "population_covered": _("population covered"),
    "emissions_covered_tco2e": _("emissions covered (t CO2e)"),
    "jurisdictions_with_inventory": _("jurisdictions with an inventory"),
    "jurisdictions_with_ghg_target": _("jurisdictions with a GHG target"),
    "jurisdictions_with_net_zero_target": _("jurisdictions with a net-zero target"),
    "actions_implemented": _("actions implemented"),
    "estimated_reduction_tco2e_per_yr": _("estimated reduction (t CO2e per year)"),
    # TAP project sizes (core/tap/config.yaml)
    "small": _("small"),
    "medium": _("medium"),
    "large": _("large"),
    # insights measures (registry.insights.queries.MEASURES)
    "basic": "BASIC",
    "basic_plus": "BASIC+",
    "basic.per_capita": _("BASIC per person"),
    "basic_plus.per_capita": _("BASIC+ per person"),
    "territorial": _("territorial total"),
    "sector_I": _("Sector I: stationary energy"),
    "sector_II": _("Sector II: transportation"),
    "sector_III": _("Sector III: waste"),
    # framework themes (core/frameworks/data: ``theme``)
    "climate": _("climate"),
    "biodiversity": _("biodiversity"),
    "resilience": _("resilience"),
    "mobility": _("mobility"),
    "water": _("water"),
    "health_happiness": _("health and happiness"),
    "city_indicators": _("city indicators"),
    # factor library: kinds of value, regions, data quality
    "ef": _("emission factor"),
    "ncv": _("net calorific value"),
    "density": _("density"),
    "world": _("world"),
    "low": _("low"),
    "high": _("high"),
    # independent estimates (registry.datasets: the sources a reported inventory is compared with)
    "national": _("national inventory, scaled down"),
    "climate_trace": _("Climate TRACE"),
    "cdp": _("CDP-ICLEI"),
    # factor library categories (core/catalog/data/factors.csv)
    "biological_treatment": _("biological treatment"),
    "district_energy": _("district energy"),
    "fuel_property": _("fuel property"),
    "grid_electricity": _("grid electricity"),
    "grid_td_losses": _("grid transmission and distribution losses"),
    "incineration": _("incineration"),
    "mobile_combustion": _("mobile combustion"),
    "solid_waste": _("solid waste"),
    "stationary_combustion": _("stationary combustion"),
    "transport_intensity": _("transport intensity"),
    "wastewater": _("wastewater"),
    # population bands of peer groups (core.insights.peers.POPULATION_BANDS; the others are figures)
    "under 50 k": _("under 50 k"),
    "5 M and more": _("5 M and more"),
    # insights report columns (faces/web/insights: the CSV keeps these names)
    "series": _("series"),
    "year": _("year"),
    "value": _("value"),
    "unit": _("unit"),
    "verification": _("verification"),
    "level": _("level"),
    "boundary": _("boundary"),
    "GWP set": _("GWP set"),
    "source": _("source"),
    "note": _("note"),
    # milestone rule sets (core/targets: the Compact of Mayors, the Global Covenant of Mayors)
    "compact_of_mayors": _("Compact of Mayors"),
    "gcom": _("Global Covenant of Mayors (GCoM)"),
}

# Units as a reader says them; "count" says nothing a number does not (7 jurisdictions, not "7.00 count").
UNITS: dict[str, Any] = {
    "count": "",
    "tCO2e": _("t CO2e"),
    "tCO2e/person": _("t CO2e per person"),
    "%": "%",
}


@cache
def _choices() -> dict[str, str]:
    out: dict[str, str] = {}
    for model in apps.get_models():
        if not model.__module__.startswith("localaction."):
            continue
        for f in model._meta.get_fields():
            for value, text in getattr(f, "choices", None) or ():
                if isinstance(value, str) and value not in out and not isinstance(text, list | tuple):
                    out[value] = text
    return out


@cache
def _frameworks(language: str) -> dict[str, str]:
    from localaction.core.frameworks.shipped import shipped_frameworks

    return {fw.id: fw.localized(language).name for fw in shipped_frameworks()}


def humanise(value: str) -> str:
    """``water_sanitation`` → ``Water sanitation``: the last resort for an id nobody named."""
    text = value.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def label(value: Any) -> Any:
    """The human name of an internal id; anything else unchanged (see the module's doc)."""
    if not isinstance(value, str):
        return value
    key = value.strip()
    if key in NAMES:
        return NAMES[key]
    names = _frameworks(get_language() or "en")
    if key in names:
        return names[key]
    low = key.lower()
    if low in NAMES:
        return NAMES[low]
    choices = _choices()
    if key in choices:
        return choices[key]
    from localaction.faces.web.reference_i18n import SECTORS_OF_USE

    if key in SECTORS_OF_USE:
        return gettext(SECTORS_OF_USE[key])
    if ID.match(key):
        return humanise(key)
    return value


_ID_IN_TEXT = re.compile(r"\b[A-Za-z][a-z0-9]*(?:_[A-Za-z0-9]+)+\b")


def words(text: Any) -> Any:
    """The ids inside a sentence (``climate zone: boreal_temperate_wet vs tropical_wet``) as their names;
    file names (``inventory_lines.csv``) stay as they are."""
    if not isinstance(text, str) or "_" not in text:
        return text

    def name(m: re.Match[str]) -> str:
        if text[m.end() : m.end() + 1] == "." and text[m.end() + 1 : m.end() + 2].isalpha():
            return m.group(0)
        return str(label(m.group(0)))

    return _ID_IN_TEXT.sub(name, text)


def unit(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    return UNITS.get(value.strip(), label(value))


def framework_name(framework_id: str) -> str:
    return str(_frameworks().get(framework_id, humanise(framework_id)))


def rules_label(rules: str) -> str:
    """A milestone or comparison rule set (``compact_of_mayors``) as its name."""
    return str(label(rules))


def answer(value: Any) -> str:
    """A framework answer as a reader reads it: a choice as its name, a list as its items, a table (list of
    rows) one row per line as "name: value" pairs, yes/no for booleans; numbers as they are."""
    from django.utils.translation import gettext as gettext_now

    if value is None:
        return "—"
    if isinstance(value, bool):
        return str(gettext_now("yes") if value else gettext_now("no"))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dict):
        return "; ".join(f"{label(k)}: {answer(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        sep = " | " if any(isinstance(v, dict) for v in value) else ", "
        return sep.join(answer(v) for v in value)
    return str(words(label(value)))


_EVIDENCE = re.compile(r"^(inventory|target|hazard_assessment|commitment) (\d+)$")


def evidence(reference: Any) -> Any:
    """What met a milestone item, as a link in words: ``inventory 12`` → "2023 inventory"; a document's
    title (the city's own words) marked as such, in no particular language."""
    from django.urls import reverse
    from django.utils.html import format_html

    text = str(reference or "")
    m = _EVIDENCE.match(text)
    if not m:
        return format_html('<span lang="" dir="auto">{}</span>', text)
    kind, pk = m.group(1), int(m.group(2))
    if kind == "inventory":
        inv = apps.get_model("registry", "Inventory").objects.filter(pk=pk).first()
        if inv is not None:
            url = reverse("web:inventory", args=[pk])
            return format_html('<a href="{}">{}</a>', url, _("%(year)s inventory") % {"year": inv.year})
    if kind == "target":
        target = apps.get_model("registry", "Target").objects.filter(pk=pk).first()
        if target is not None:
            url = reverse("targets:target", args=[pk])
            return format_html(
                '<a href="{}">{}</a>', url, _("target for %(year)s") % {"year": target.target_year}
            )
    names = {"hazard_assessment": _("climate risk assessment"), "commitment": _("adaptation goal")}
    return names.get(kind, _("published record"))
