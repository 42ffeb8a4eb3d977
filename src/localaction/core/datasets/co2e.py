"""The CO2 equivalent of one category's figures under the inventory's GWP set.

A publisher's own basket (PRIMAP-hist ``KYOTOGHG (AR5GWP100)``, the CRF's Summary 2 total, Climate TRACE's
``co2e_100yr``) is used when it is under the inventory's set. Otherwise the gases are weighted with the
inventory's GWPs (``core.catalog.gwp``: methane from energy is fossil, from other sectors non-fossil),
adding the F-gas groups the publisher gives only as CO2 equivalents; the note says what was done. A
basket under another set is the last resort, and says so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, Protocol

from localaction.core.catalog.gwp import gwp

BASKETS = ("KYOTOGHG", "TOTAL", "CO2e")
GASES = ("CO2", "CH4", "N2O", "SF6", "NF3")


class GasFigure(Protocol):
    @property
    def gas(self) -> str: ...
    @property
    def gwp_set(self) -> str: ...
    @property
    def value(self) -> float: ...


@dataclass(frozen=True)
class CO2e:
    value_t: float
    note: str


def co2e(figures: Iterable[GasFigure], gwp_set: str, *, fossil_methane: bool) -> CO2e | None:
    rows = list(figures)
    baskets = [f for f in rows if f.gas in BASKETS and f.gwp_set]
    same = [f for f in baskets if f.gwp_set == gwp_set]
    if same:
        return CO2e(sum(f.value for f in same), f"the publisher's CO2e under {gwp_set}")
    gases = _one_set_per_gas([f for f in rows if f.gas not in BASKETS and f.gas != "FGASES"], gwp_set)
    if any(not f.gwp_set for f in gases):  # tonnes of gas: weighted with the inventory's GWPs
        origin: Literal["fossil", "non-fossil"] = "fossil" if fossil_methane else "non-fossil"
        total = 0.0
        parts = []
        for f in gases:
            if f.gwp_set:  # an F-gas group given only as CO2e
                total += f.value
                parts.append(f"{f.gas} as published ({f.gwp_set})")
            else:
                total += f.value * gwp(f.gas, gwp_set, origin)
                parts.append(f.gas)
        return CO2e(total, f"{', '.join(dict.fromkeys(parts))} weighted with {gwp_set} GWP-100")
    if baskets:
        other = baskets[0].gwp_set
        same_set = [f for f in baskets if f.gwp_set == other]
        return CO2e(
            sum(f.value for f in same_set),
            f"the publisher's CO2e under {other} (no gases given to apply {gwp_set})",
        )
    if gases:
        sets = ", ".join(sorted({f.gwp_set for f in gases}))
        return CO2e(sum(f.value for f in gases), f"the publisher's CO2e per gas under {sets}")
    return None


def _one_set_per_gas(rows: list[GasFigure], gwp_set: str) -> list[GasFigure]:
    """A gas group given as CO2e under several sets (PRIMAP-hist's HFCS under AR4, AR5 and AR6) counts once:
    under the inventory's set when given, else under one other set."""
    out = [f for f in rows if not f.gwp_set]
    groups: dict[str, list[GasFigure]] = {}
    for f in rows:
        if f.gwp_set:
            groups.setdefault(f.gas, []).append(f)
    for found in groups.values():
        same = [f for f in found if f.gwp_set == gwp_set]
        chosen = same or [f for f in found if f.gwp_set == sorted({g.gwp_set for g in found})[-1]]
        out.extend(chosen)
    return out
