"""Countries: the IPCC region of a country (for MSW composition, IPCC 2006 Vol. 5 Table 2.3) and its default
climate zone (for landfill decay rates, Table 3.3). Data: ``catalog/data/countries.csv``, a source on each row.

Both are coarse defaults: the trail says which was used, and a record overrides them (``param:ipcc_region``,
``param:climate_zone``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from localaction.core.catalog._data import read_csv

CLIMATE_ZONES = ("boreal_temperate_dry", "boreal_temperate_wet", "tropical_dry", "tropical_wet")


@dataclass(frozen=True)
class Country:
    iso2: str
    m49_subregion: str
    ipcc_region: str
    region_source: str
    climate_zone: str  # "" where no default is known
    climate_zone_source: str


@cache
def countries() -> dict[str, Country]:
    return {
        r["iso2"]: Country(
            r["iso2"],
            r["m49_subregion"],
            r["ipcc_region"],
            r["region_source"],
            r["climate_zone"],
            r["climate_zone_source"],
        )
        for r in read_csv("countries.csv")
    }


def country_code(region: str) -> str:
    """The ISO 3166-1 country of a region id: ``US-CA`` -> US, ``US-EGRID-CAMX`` -> US, ``GB`` -> GB, ``UK`` ->
    GB; "" when the id does not start with a country code."""
    head = re.split(r"[-_\s]", region.strip(), maxsplit=1)[0].upper()
    head = {"UK": "GB"}.get(head, head)
    return head if len(head) == 2 and head.isalpha() else ""


def country(region: str) -> Country | None:
    return countries().get(country_code(region))


def ipcc_regions() -> list[str]:
    return sorted({c.ipcc_region for c in countries().values()})
