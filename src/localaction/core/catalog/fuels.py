"""Fuel names as people write them: aliases that carry the region where they mean that fuel, and blends.

``catalog/data/fuel_aliases.csv`` holds the aliases (each with its reading and source). "fuel oil" in a US
inventory is distillate fuel oil No. 2 (the fuel IPCC calls gas/diesel oil); elsewhere it is residual fuel oil.
A blend name (B20, E85, B5, E10) is biofuel and fossil fuel by volume share: B<n> = n % biodiesel in diesel,
E<n> = n % ethanol in motor gasoline (the convention the GHG Protocol cross-sector tool uses for its E85 and
B20 rows). Every reading is returned with its text, so the record's trail can say how the name was read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from localaction.core.catalog._data import read_csv
from localaction.core.catalog.regions import country_code

BLEND = re.compile(r"^(?P<kind>[be])(?P<pct>\d{1,2})(?:biodiesel|ethanol|blend)?$")
BLEND_PARTS = {"b": ("biodiesel", "diesel"), "e": ("biogasoline", "motor_gasoline")}
BLEND_SOURCE = (
    "blend naming convention: B<n> / E<n> = n % biodiesel / ethanol by volume (GHG Protocol 'Emission Factors for "
    "Cross-Sector Tools' V2.0, March 2024, Mobile Combustion - Fuel Use: blends computed from the pure fuels by "
    "volume share; US EIA: B20 = 20 % biodiesel, 80 % diesel by volume)"
)


def name_key(text: str) -> str:
    """Case-, space-, dash- and underscore-insensitive key for names people type."""
    return re.sub(r"[\s_\-]+", "", text.strip().lower())


@dataclass(frozen=True)
class Alias:
    alias: str
    fuel_id: str
    region: str  # "" everywhere, a country code, or "non-US"
    reading: str
    source: str

    def applies(self, country: str) -> bool:
        if not self.region:
            return True
        if self.region.startswith("non-"):
            return bool(country) and country != self.region[4:]
        return country == self.region


@cache
def aliases() -> dict[str, tuple[Alias, ...]]:
    out: dict[str, list[Alias]] = {}
    for r in read_csv("fuel_aliases.csv"):
        a = Alias(r["alias"], r["fuel_id"], r["region"], r["reading"], r["source"])
        out.setdefault(name_key(a.alias), []).append(a)
    return {k: tuple(v) for k, v in out.items()}


@dataclass(frozen=True)
class Reading:
    """How a fuel name was read: the fuel id (or blend parts), the text for the trail, and its source."""

    fuel_id: str
    written: str
    reading: str = ""  # "" when the name is the fuel's own id or IPCC name
    source: str = ""
    form: str = ""  # the alias key, e.g. "cng", "lng" (gallon equivalents depend on it)
    blend: tuple[tuple[str, float], ...] = ()  # (fuel id, volume share) for blends

    @property
    def note(self) -> str:
        if self.blend:
            parts = " + ".join(f"{share:.0%} {fid}" for fid, share in self.blend)
            return f"read {self.written!r} as a blend by volume: {parts}"
        return f"read {self.written!r} as {self.reading}" if self.reading else ""


class AliasError(ValueError):
    """A name whose readings exist only for other regions (or none given)."""

    def __init__(self, written: str, options: tuple[Alias, ...], region: str):
        where = f"an inventory in {region!r}" if region else "an inventory without a region"
        shown = "; ".join(f"{a.region or 'everywhere'}: {a.fuel_id} ({a.reading})" for a in options)
        super().__init__(
            f"the fuel name {written!r} means different fuels by country ({shown}) and none is set for {where}; "
            "name the fuel by its id (e.g. diesel, residual_fuel_oil, other_kerosene) or set the inventory's region"
        )


def read_alias(written: str, region: str) -> Reading | None:
    """The reading of an alias or blend name for an inventory in ``region``; None when the name is unknown."""
    key = name_key(written)
    m = BLEND.match(key)
    if m:
        pct = int(m.group("pct"))
        bio, fossil = BLEND_PARTS[m.group("kind")]
        return Reading(
            fossil,
            written,
            source=BLEND_SOURCE,
            form=key,
            blend=((bio, pct / 100.0), (fossil, (100 - pct) / 100.0)),
        )
    options = aliases().get(key)
    if not options:
        return None
    country = country_code(region)
    fitting = [a for a in options if a.applies(country)]
    if not fitting:
        raise AliasError(written, options, region)
    specific = [a for a in fitting if a.region] or fitting
    a = specific[0]
    return Reading(a.fuel_id, written, a.reading, a.source, form=key)
