"""Two actions claiming the same reduction: listed for the user to resolve, never silently merged.

Two heuristics (our choice, stated in docs/targets.md):
- ``duplicate``: two actions touch the same GPC sector, run at the same time, and look like the same
  measure (same or similar title, or the very same claimed reduction);
- ``sector_overclaim``: the actions in one sector claim more than that sector's BAU emissions.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from itertools import combinations
from typing import Literal

from pydantic import BaseModel

from localaction.core.targets.model import Action

TITLE_SIMILARITY = 0.5  # Jaccard index of title words above which two titles "look the same"
_WORD = re.compile(r"\w+", re.UNICODE)
_STOP = frozenset({"the", "a", "an", "of", "and", "in", "for", "to", "de", "la", "le", "el", "y", "et", "du"})


class DoubleCount(BaseModel):
    kind: Literal["duplicate", "sector_overclaim"]
    sector: str
    action_ids: tuple[str, ...]
    year: int | None = None
    tco2e: float  # the reduction possibly counted twice (duplicate: the smaller claim; overclaim: the excess)
    message: str


def sector_of(ref: str) -> str:
    """``II.1.1`` -> ``II``."""
    return ref.strip().split(".")[0].upper()


def _refs_overlap(a: str, b: str) -> bool:
    pa, pb = a.strip().upper().split("."), b.strip().upper().split(".")
    n = min(len(pa), len(pb))
    return pa[:n] == pb[:n]


def _shared_sector(a: Action, b: Action) -> str | None:
    for ra in a.gpc_sectors:
        for rb in b.gpc_sectors:
            if _refs_overlap(ra, rb):
                return ra if len(ra) >= len(rb) else rb
    return None


def _period(a: Action) -> tuple[dt.date, dt.date]:
    return a.start_date or dt.date.min, a.end_date or dt.date.max


def _words(title: str) -> set[str]:
    return {w for w in _WORD.findall(title.casefold()) if w not in _STOP}


def title_similarity(a: str, b: str) -> float:
    wa, wb = _words(a), _words(b)
    return len(wa & wb) / len(wa | wb) if wa | wb else 0.0


def duplicates(actions: Sequence[Action]) -> list[DoubleCount]:
    out = []
    for a, b in combinations(actions, 2):
        sector = _shared_sector(a, b)
        if sector is None:
            continue
        (sa, ea), (sb, eb) = _period(a), _period(b)
        if sa > eb or sb > ea:
            continue
        ra, rb = a.reduction_tco2e_per_yr or 0.0, b.reduction_tco2e_per_yr or 0.0
        sim = title_similarity(a.title, b.title)
        same_claim = ra > 0 and ra == rb
        if sim < TITLE_SIMILARITY and not same_claim:
            continue
        why = (
            f"similar titles ({sim:.0%} words shared)"
            if sim >= TITLE_SIMILARITY
            else "the same claimed reduction"
        )
        out.append(
            DoubleCount(
                kind="duplicate",
                sector=sector,
                action_ids=(a.action_id, b.action_id),
                tco2e=min(ra, rb),
                message=(
                    f"{a.title!r} and {b.title!r} both claim reductions in {sector} at the same time, with {why}: "
                    f"up to {min(ra, rb):,.0f} tCO2e/yr may be counted twice; merge them or correct one"
                ),
            )
        )
    return out


def overclaims(actions: Sequence[Action], bau_by_sector: Mapping[str, float], year: int) -> list[DoubleCount]:
    """Sectors whose counted actions claim more than the sector's BAU emissions in ``year``.

    An action in several sectors is counted in full in each (it cannot be split), which errs on flagging.
    """
    out = []
    for sector, bau in sorted(bau_by_sector.items()):
        ids, claimed = [], 0.0
        for a in actions:
            if any(sector_of(r) == sector for r in a.gpc_sectors):
                ids.append(a.action_id)
                claimed += a.reduction_tco2e_per_yr or 0.0
        if len(ids) and claimed > bau:
            out.append(
                DoubleCount(
                    kind="sector_overclaim",
                    sector=sector,
                    action_ids=tuple(ids),
                    year=year,
                    tco2e=claimed - bau,
                    message=(
                        f"actions in sector {sector} claim {claimed:,.0f} tCO2e/yr by {year}, more than the sector's "
                        f"BAU emissions ({bau:,.0f} tCO2e): some reductions are counted twice or overestimated"
                    ),
                )
            )
    return out
