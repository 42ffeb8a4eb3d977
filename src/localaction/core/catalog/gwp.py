"""Global warming potentials (100-year) by IPCC assessment report.

Values come from the CC0 package ``globalwarmingpotentials`` (openclimatedata), plus our small supplement
for AR6 methane by origin (fossil 29.8, non-fossil 27.0). In SAR, AR4 and AR5 one CH4 value serves both
origins, as in GPC reporting practice (AR5: 28).
"""

from __future__ import annotations

from functools import cache
from typing import Literal

import globalwarmingpotentials as gwp_pkg

from localaction.core.catalog._data import read_csv
from localaction.core.errors import InputError

MethaneOrigin = Literal["fossil", "non-fossil"]

GWP_SETS: dict[str, str] = {
    "SAR": "SARGWP100",
    "AR4": "AR4GWP100",
    "AR5": "AR5GWP100",
    "AR6": "AR6GWP100",
}
# The gases the GPC names; HFCs and PFCs are families, reported per species or already as CO2e.
GASES = ("CO2", "CH4", "N2O", "SF6", "NF3")
GPC_FAMILIES = ("HFCs", "PFCs")
SOURCE = "openclimatedata/globalwarmingpotentials v{version} (CC0), IPCC 100-year GWPs"

_ALIASES = {"CO2E": "CO2e", "HFC-134A": "HFC134a", "HFC-23": "HFC23", "HFC-32": "HFC32", "HFC-125": "HFC125"}


def normalise_gwp_set(name: str) -> str:
    key = name.strip().upper().replace("GWP100", "").replace("-", "")
    if key not in GWP_SETS:
        raise InputError(
            f"unknown GWP set {name!r}; use one of {', '.join(GWP_SETS)}", code="unknown_gwp_set"
        )
    return key


def normalise_gas(name: str) -> str:
    raw = name.strip()
    up = raw.upper().replace(" ", "")
    if up in {"CO2", "CH4", "N2O", "SF6", "NF3"}:
        return up
    if up in _ALIASES:
        return _ALIASES[up]
    species = {k.upper().replace("-", ""): k for k in _species()}
    if up.replace("-", "") in species:
        return species[up.replace("-", "")]
    raise InputError(
        f"unknown gas {name!r}; use CO2, CH4, N2O, SF6, NF3, an HFC or PFC species (e.g. HFC134a, CF4) "
        "or CO2e for an amount already in CO2-equivalent",
        code="unknown_gas",
    )


@cache
def _species() -> frozenset[str]:
    names: set[str] = {"CO2"}
    for col in GWP_SETS.values():
        names.update(gwp_pkg.data[col])
    return frozenset(names)


@cache
def _supplement() -> dict[tuple[str, str, str], float]:
    return {
        (r["gwp_set"], r["gas"], r["methane_origin"]): float(r["gwp_100"])
        for r in read_csv("gwp_supplement.csv")
    }


def gwp(gas: str, gwp_set: str = "AR5", methane_origin: MethaneOrigin = "fossil") -> float:
    """The 100-year GWP of ``gas`` in ``gwp_set``; CO2 is 1 and ``CO2e`` is 1 by definition."""
    gas = normalise_gas(gas)
    key = normalise_gwp_set(gwp_set)
    if gas in {"CO2", "CO2e"}:
        return 1.0
    if gas == "CH4" and (key, gas, methane_origin) in _supplement():
        return _supplement()[(key, gas, methane_origin)]
    table: dict[str, float] = gwp_pkg.data[GWP_SETS[key]]
    if gas not in table:
        raise InputError(f"{gas} has no {key} GWP-100; choose another GWP set", code="no_gwp_value")
    return float(table[gas])


def gwp_table(gwp_set: str) -> dict[str, float]:
    """Every gas with a value in the set (CH4 as its fossil value), for display and documentation."""
    key = normalise_gwp_set(gwp_set)
    table = {"CO2": 1.0, **{g: float(v) for g, v in gwp_pkg.data[GWP_SETS[key]].items()}}
    for (s, gas, origin), value in _supplement().items():
        if s == key:
            table[f"{gas} ({origin})"] = value
    return table


def gwp_source() -> str:
    return SOURCE.format(version=gwp_pkg.__version__)
