"""GPC lines to totals: BASIC, BASIC+, BASIC+ with other scope 3, territorial; by scope and by sector.

The rules live in the catalogue's flags (``catalog/data/gpc_refs.csv``), not here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from localaction.core.catalog.gpc import gpc_refs
from localaction.core.inventory.model import Level, LineResult, Totals


def totals_from_values(
    values: Mapping[str, float | None], level: Level = Level.BASIC, biogenic_co2_t: float = 0.0
) -> Totals:
    """Totals of ``{gpc_ref: tCO2e or None}``; a None (notation key only) counts as zero.

    ``by_sector`` is the city-induced view at the inventory's level (BASIC or BASIC+); ``by_scope`` is the
    scopes view over every line (scope 1 = the territorial total).
    """
    refs = gpc_refs()
    basic = basic_plus = plus_s3 = territorial = 0.0
    by_scope: dict[int, float] = {1: 0.0, 2: 0.0, 3: 0.0}
    by_sector: dict[str, float] = {}
    for ref, value in values.items():
        if value is None:
            continue
        r = refs[ref]
        basic += value if r.in_basic else 0.0
        basic_plus += value if r.in_basic_plus else 0.0
        plus_s3 += value if r.in_basic_plus_other_scope3 else 0.0
        territorial += value if r.in_territorial else 0.0
        by_scope[r.scope] += value
        in_level = r.in_basic if level == Level.BASIC else r.in_basic_plus
        if in_level:
            by_sector[r.sector_code] = by_sector.get(r.sector_code, 0.0) + value
    return Totals(
        basic=basic,
        basic_plus=basic_plus,
        basic_plus_other_scope3=plus_s3,
        territorial=territorial,
        by_scope=by_scope,
        by_sector=by_sector,
        biogenic_co2_t=biogenic_co2_t,
    )


def totals_from_lines(lines: Iterable[LineResult], level: Level = Level.BASIC) -> Totals:
    lines = list(lines)
    return totals_from_values(
        {ln.gpc_ref: ln.value_tco2e for ln in lines}, level, sum(ln.biogenic_co2_t for ln in lines)
    )
