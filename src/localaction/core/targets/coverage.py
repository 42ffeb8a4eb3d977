"""Does an inventory measure what a target covers? The covered value, or the reason it cannot be had.

A mismatch is an answer, not an error: a target covering BASIC+ cannot be tracked with a BASIC inventory,
and we say so rather than print a misleading figure.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from localaction.core.catalog.gpc import gpc_refs
from localaction.core.targets.model import (
    ALL_GASES,
    Coverage,
    CoverageLevel,
    InventoryPoint,
    Target,
    TargetKind,
)

SECTOR_CODES: tuple[str, ...] = ("I", "II", "III", "IV", "V", "VI")


@dataclass(frozen=True)
class Mismatch:
    """Why a value cannot be compared: a stable ``code`` and a sentence for people."""

    code: str
    reason: str


@cache
def sectors_in_level(level: CoverageLevel) -> frozenset[str]:
    """Sector codes with at least one GPC line counting in ``level`` (BASIC: I, II, III)."""
    out: set[str] = set()
    for r in gpc_refs().values():
        flag = {
            CoverageLevel.BASIC: r.in_basic,
            CoverageLevel.BASIC_PLUS: r.in_basic_plus,
            CoverageLevel.TERRITORIAL: r.in_territorial,
        }[level]
        if flag:
            out.add(r.sector_code)
    return frozenset(out)


def gas_set(gases: tuple[str, ...]) -> dict[str, str]:
    """Upper-cased name -> name as written; empty means all seven gases."""
    return {g.strip().upper(): g.strip() for g in (gases or ALL_GASES)}


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def covered_emissions(coverage: Coverage, point: InventoryPoint) -> float | Mismatch:
    """tCO2e of ``point`` within ``coverage`` (sectors, gases, level, boundary), or why not."""
    y = point.year
    if coverage.boundary and point.boundary and _norm(coverage.boundary) != _norm(point.boundary):
        return Mismatch(
            "coverage.boundary",
            f"the target's boundary ({coverage.boundary!r}) differs from the {y} inventory's "
            f"({point.boundary!r})",
        )
    want, have = gas_set(coverage.gases), gas_set(point.gases)
    if want.keys() != have.keys():
        missing = sorted(want[g] for g in want.keys() - have.keys())
        extra = sorted(have[g] for g in have.keys() - want.keys())
        parts = []
        if missing:
            parts.append(f"does not report {', '.join(missing)}, which the target covers")
        if extra:
            parts.append(f"includes {', '.join(extra)}, which the target does not cover")
        return Mismatch("coverage.gases", f"the {y} inventory {' and '.join(parts)}")
    level = coverage.level
    if level not in point.totals_tco2e:
        return Mismatch(
            "coverage.level",
            f"the target covers {level.value} but the {y} inventory is {point.level.value}"
            + ("" if level != CoverageLevel.TERRITORIAL else " without a complete territorial total"),
        )
    in_level = sectors_in_level(level)
    wanted = set(coverage.gpc_sectors) or set(in_level)
    if wanted >= in_level:
        return point.totals_tco2e[level]
    if level != point.level:
        return Mismatch(
            "coverage.sector_level",
            f"the target covers some sectors at {level.value}, but the {y} inventory's sector totals are "
            f"at {point.level.value}",
        )
    if not point.by_sector_tco2e:
        return Mismatch(
            "coverage.no_sector_breakdown",
            f"the target covers sectors {', '.join(sorted(wanted & in_level))} only, and the {y} inventory "
            "has no totals by sector",
        )
    return sum(point.by_sector_tco2e.get(s, 0.0) for s in sorted(wanted & in_level))


def denominator(target: Target, point: InventoryPoint) -> float | Mismatch:
    """Population (per-capita kinds) or GDP (per-GDP kinds) of ``point``, or why it is missing."""
    name = "population" if target.kind == TargetKind.INTENSITY_PER_CAPITA else "gdp"
    value = point.population if name == "population" else point.gdp
    if value is None or value <= 0:
        return Mismatch(
            "intensity.denominator_missing",
            f"the {point.year} inventory has no {name}; an intensity target needs it for every year",
        )
    return value


def measured_value(target: Target, point: InventoryPoint) -> float | Mismatch:
    """What the target measures in ``point``: tCO2e (less offsets where counted) or tCO2e per unit."""
    emissions = covered_emissions(target.coverage, point)
    if isinstance(emissions, Mismatch):
        return emissions
    if target.offsets_counted:
        emissions -= point.offsets_tco2e
    if not target.kind.is_intensity:
        return emissions
    denom = denominator(target, point)
    return denom if isinstance(denom, Mismatch) else emissions / denom
