"""Looking up IPCC waste parameters: names people write, and the guideline edition.

An inventory uses one edition (``ipcc2006``, the default, or ``ipcc2019``, the 2019 Refinement). For the 2006
edition only 2006 values are used: a parameter the library has no 2006 value for is an error asking for the
user's own. The 2019 Refinement updates some 2006 defaults and adds categories; where it changes nothing the
2006 value stands (the returned factor's ``edition`` says which was used, and the trail shows it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Protocol, TypeVar

from localaction.core.errors import InputError

WASTE_CATEGORIES = frozenset({"solid_waste", "biological_treatment", "incineration", "wastewater"})
# When a lookup gives no qualifier: DOC and biological factors are per wet weight; Bo per BOD.
DEFAULT_QUALIFIER = {
    "DOC": "wet",
    "emission_factor:biological_treatment": "wet",
    "Bo": "bod",
    "OX": "default",
}
ACTIVITY_ALIASES = {
    "rubber": "rubber_leather", "leather": "rubber_leather", "yard": "garden", "park": "garden",
    "garden_and_park": "garden", "textile": "textiles", "diapers": "nappies", "bulk": "msw", "bulk_msw": "msw",
    "municipal_solid_waste": "msw", "mixed_msw": "msw", "sludge": "sewage_sludge", "plastic": "plastics",
    "food_waste": "food", "paper_cardboard": "paper", "cardboard": "paper", "other": "other_inert",
    "industrial_waste": "industrial", "clinical_waste": "clinical",
}  # fmt: skip
# Plain names for the IPCC systems, each pointing at the library's qualifier (several spellings per system).
QUALIFIER_ALIASES = {
    "managed": "managed_anaerobic",
    "anaerobic": "managed_anaerobic",
    "semi_aerobic": "managed_semi_aerobic",
    "centralized_aerobic": "centralised_aerobic",
    "aerobic": "centralised_aerobic",
    "centralised_aerobic_well_managed": "centralised_aerobic",
    "overloaded_aerobic": "centralised_aerobic_overloaded",
    "centralised_aerobic_not_well_managed": "centralised_aerobic_overloaded",
    "uasb": "anaerobic_reactor",
    "facultative_lagoon": "anaerobic_shallow_lagoon",
    "septic_tank": "septic",
    "septic_system": "septic",
    "septic_tanks": "septic",
    "sea_river_lake": "sea_river_lake_discharge",
    "untreated": "sea_river_lake_discharge",
    "untreated_discharge": "sea_river_lake_discharge",
    "river_discharge": "sea_river_lake_discharge",
    "sludge_digester": "anaerobic_sludge_digester",
    "continuous": "continuous_stoker",
    "semi_continuous": "semi_continuous_stoker",
    "batch": "batch_stoker",
    "open_burn": "open_burning",
}
# Names that mean more than one IPCC system: refused with the choices.
AMBIGUOUS = {
    "anaerobic_lagoon": "anaerobic_shallow_lagoon (< 2 m deep, MCF 0.2) or anaerobic_deep_lagoon (> 2 m, MCF 0.8)",
    "latrine": "latrine_dry_small, latrine_dry_communal, latrine_wet or latrine_sediment_removal (IPCC 2006 "
    "Table 6.3)",
    "open_dump": "unmanaged_shallow (< 5 m) or unmanaged_deep (>= 5 m): IPCC classes an open dump as an "
    "unmanaged site",
}
# The same site in both editions: 2006 has one semi-aerobic class, the 2019 Refinement splits it (well managed =
# the 2006 class).
SYNONYMS = {
    "managed_semi_aerobic": ("managed_semi_aerobic", "managed_well_semi_aerobic"),
    "managed_well_semi_aerobic": ("managed_well_semi_aerobic", "managed_semi_aerobic"),
}
EDITION_NAMES = {
    "ipcc2006": "IPCC 2006 Guidelines",
    "ipcc2019": "2019 Refinement to the IPCC 2006 Guidelines",
}


class WasteFactor(Protocol):
    @property
    def category(self) -> str: ...
    @property
    def parameter(self) -> str: ...
    @property
    def activity(self) -> str: ...
    @property
    def qualifier(self) -> str: ...
    @property
    def gas(self) -> str: ...
    @property
    def region(self) -> str: ...
    @property
    def edition(self) -> str: ...


F = TypeVar("F", bound=WasteFactor)


def snake(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.strip().lower()).strip("_")


def normalise_edition(text: str) -> str:
    """``2006``, ``IPCC 2006``, ``2019 Refinement``, ``ipcc2019`` … -> ipcc2006 / ipcc2019."""
    key = snake(text)
    if not key or key in {"ipcc2006", "ipcc_2006", "2006", "ipcc_2006_guidelines"}:
        return "ipcc2006"
    if "2019" in key:
        return "ipcc2019"
    raise ValueError(
        f"unknown guideline edition {text!r}; use ipcc2006 (IPCC 2006 Guidelines, the default) or ipcc2019 "
        "(the 2019 Refinement)"
    )


def _qualifier(text: str) -> str:
    key = snake(text)
    if key in AMBIGUOUS:
        raise InputError(f"{text!r} is ambiguous: write {AMBIGUOUS[key]}", code="ambiguous_waste_system")
    return QUALIFIER_ALIASES.get(key, key)


def lookup(
    factors: Iterable[F],
    parameter: str,
    activity: str = "",
    qualifier: str = "",
    region: str = "world",
    *,
    gas: str = "",
    edition: str = "ipcc2006",
) -> F:
    """One waste parameter (see FactorLibrary.waste_param)."""
    act = ACTIVITY_ALIASES.get(snake(activity), snake(activity))
    act = "" if act == "wastewater" else act
    qual = _qualifier(qualifier)
    if qualifier.strip() in {"CH4", "N2O", "CO2"} and not gas:  # gas given as the qualifier
        gas, qual = qualifier.strip(), ""
    if parameter == "DOCf" and not act:
        act = "msw"
    rows = [
        f for f in factors
        if f.category in WASTE_CATEGORIES and f.parameter.lower() == parameter.strip().lower()
        and f.activity == act and (not gas or f.gas == gas)
    ]  # fmt: skip
    if not qual and rows:
        qual = DEFAULT_QUALIFIER.get(parameter, "") or DEFAULT_QUALIFIER.get(
            f"{parameter}:{rows[0].category}", ""
        )
    order = ("ipcc2019", "ipcc2006", "") if edition == "ipcc2019" else ("ipcc2006", "")
    reg = region.strip().upper() or "WORLD"
    for ed in order:
        for q in SYNONYMS.get(qual, (qual,)):
            matches = [f for f in rows if f.qualifier == q and f.edition == ed]
            matches = [f for f in matches if f.region.upper() == reg] or [
                f for f in matches if f.region == "world"
            ]
            if len(matches) == 1:
                return matches[0]
            if len(matches) > 1:
                gases = ", ".join(sorted({f.gas for f in matches}))
                raise InputError(
                    f"{parameter} for {activity!r} has several gases; give gas= one of {gases}",
                    code="ambiguous_factor",
                )
    other = [f for f in rows if f.qualifier in SYNONYMS.get(qual, (qual,)) and f.edition not in order]
    if other:
        raise InputError(
            f"{parameter} for {activity or 'this waste'!r} {qual!r} is not an {EDITION_NAMES[edition]} default "
            f"(the library has it from the {EDITION_NAMES[other[0].edition]}): give your own value, or choose "
            f"that edition for the inventory (guidelines: {other[0].edition})",
            code="missing_default",
        )
    options = sorted({f"activity={f.activity!r} qualifier={f.qualifier!r}" for f in rows})[:12]
    hint = f"known: {'; '.join(options)}" if options else "the library has no default for it"
    raise InputError(
        f"no {EDITION_NAMES.get(edition, edition)} default for {parameter!r} (activity={activity!r}, "
        f"qualifier={qualifier!r}); {hint}",
        code="unknown_waste_param",
    )
