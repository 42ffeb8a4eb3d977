"""Top performers on a measure, only among inventories of comparable scope, with the rule in words.

Each jurisdiction enters with its *latest* inventory up to ``as_of`` that has a value. Its *base* is its
earliest inventory with the same level, boundary and GWP set (a change of GWP set would show as a change in
emissions), at least ``min_span_years`` before the latest. Rankings are made separately for each scope
(level, boundary) of the latest inventory, so a BASIC city is never ranked against a BASIC+ one.

- ``highest_reduction``: reduction against the base = (base - latest) / base x 100, largest first;
- ``fastest_annual_reduction``: compound annual change from base to latest, most negative first;
- ``lowest_in_peer_group``: the latest value, lowest first, within each peer group (and scope).
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel

from localaction.core.insights.model import Measure
from localaction.core.insights.peers import GroupBy, PeerGroup, jurisdiction_groups, positions
from localaction.core.insights.series import MeasureColumns, measure_columns
from localaction.core.insights.tables import RegistryTables, strings

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]


# A base year must be at least this many years before the latest inventory.
MIN_SPAN_YEARS = 3


class RankingRule(StrEnum):
    HIGHEST_REDUCTION = "highest_reduction"
    FASTEST_ANNUAL_REDUCTION = "fastest_annual_reduction"
    LOWEST_IN_PEER_GROUP = "lowest_in_peer_group"


class RankEntry(BaseModel):
    rank: int  # 1 = best; ties share a rank
    jurisdiction_id: str
    value: float  # reduction %, change % per year, or the measure, per the rule
    latest_year: int
    latest_value: float
    base_year: int | None = None
    base_value: float | None = None


class ScopeRanking(BaseModel):
    level: str
    boundary: str
    group: str = ""  # the peer group (lowest_in_peer_group only)
    n_eligible: int
    entries: list[RankEntry]


class TopPerformers(BaseModel):
    rule: RankingRule
    rule_text: str  # the rule in words, with its parameters: shown beside every ranking
    measure: str
    unit: str  # of RankEntry.value
    as_of: int
    rankings: list[ScopeRanking]
    excluded: dict[str, int]  # reason -> jurisdictions left out


def latest_and_base(mc: MeasureColumns, n_jur: int, as_of: int, min_span_years: int) -> tuple[I64, I64]:
    """Row of each jurisdiction's latest inventory and of its base (-1 = none)."""
    ok = np.flatnonzero(np.isfinite(mc.value) & (mc.year <= as_of))
    latest = np.full(n_jur, -1, np.int64)
    order = ok[np.lexsort((mc.year[ok], mc.jurisdiction[ok]))]
    latest[mc.jurisdiction[order]] = order  # later rows overwrite: the last per jurisdiction is the latest
    lat = latest[mc.jurisdiction[ok]]
    same = (
        (mc.scope[ok] == mc.scope[lat])
        & (mc.gwp[ok] == mc.gwp[lat])
        & (mc.year[ok] <= mc.year[lat] - min_span_years)
    )
    cand = ok[same]
    base = np.full(n_jur, -1, np.int64)
    order = cand[np.lexsort((-mc.year[cand], mc.jurisdiction[cand]))]
    base[mc.jurisdiction[order]] = order  # the last written per jurisdiction is its earliest year
    return latest, base


def _rule_text(rule: RankingRule, measure: Measure, min_span_years: int, group: PeerGroup | None) -> str:
    scope = "ranked only against inventories of the same GPC level and boundary"
    base = (
        f"the base is the jurisdiction's earliest inventory with the same level, boundary and GWP set, "
        f"at least {min_span_years} years before its latest"
    )
    if rule == RankingRule.HIGHEST_REDUCTION:
        return (
            f"Largest reduction of {measure.label} from the base to the latest inventory ({base}); {scope}."
        )
    if rule == RankingRule.FASTEST_ANNUAL_REDUCTION:
        return f"Fastest compound annual reduction of {measure.label} from the base to the latest inventory ({base}); {scope}."
    return f"Lowest {measure.label} in the latest inventory, within {group.rule if group else 'the group'}; {scope}."


def top_performers(
    tables: RegistryTables,
    measure: Measure,
    rule: RankingRule,
    as_of: int | None = None,
    top: int = 10,
    min_span_years: int = MIN_SPAN_YEARS,
    group: PeerGroup | None = None,
    columns: MeasureColumns | None = None,
) -> TopPerformers:
    """The ``top`` best per scope (and per peer group for ``lowest_in_peer_group``; default group: population
    band). Pass ``columns`` to reuse a ``measure_columns`` result."""
    mc = columns if columns is not None else measure_columns(tables, measure)
    ids = strings(tables.jurisdictions, "id")
    as_of = int(mc.year.max()) if as_of is None and len(mc.year) else (as_of or 0)
    latest, base = latest_and_base(mc, len(ids), as_of, min_span_years)
    has_latest = latest >= 0
    excluded = {"no value up to the year": int((~has_latest).sum())}
    lat_rows = latest[has_latest]
    jur = np.flatnonzero(has_latest)
    unit = measure.unit
    base_rows = np.full(len(jur), -1, np.int64)
    if rule == RankingRule.LOWEST_IN_PEER_GROUP:
        group = group or PeerGroup(by=GroupBy.POPULATION_BAND)
        gcodes, glabels = jurisdiction_groups(tables, group, as_of)
        g = gcodes[jur]
        excluded["no peer group"] = int((g < 0).sum())
        score = mc.value[lat_rows]
        higher = False
        key = np.where(g >= 0, mc.scope[lat_rows] * (len(glabels) + 1) + g, -1)
    else:
        base_rows = base[jur]
        b = np.where(base_rows >= 0, mc.value[np.maximum(base_rows, 0)], np.nan)
        l_ = mc.value[lat_rows]
        span = mc.year[lat_rows] - mc.year[np.maximum(base_rows, 0)]
        with np.errstate(divide="ignore", invalid="ignore"):
            if rule == RankingRule.HIGHEST_REDUCTION:
                score = np.where(b > 0, 100.0 * (b - l_) / b, np.nan)
                unit = "% below base"
            else:
                score = np.where((b > 0) & (l_ > 0), -100.0 * np.expm1(np.log(l_ / b) / span), np.nan)
                unit = "% reduction per year"
        excluded[f"no comparable base at least {min_span_years} years earlier"] = int((base_rows < 0).sum())
        excluded["base or latest not positive"] = int(((base_rows >= 0) & np.isnan(score)).sum())
        higher = True
        key = np.where(np.isfinite(score), mc.scope[lat_rows], -1)
        glabels = []
    pos = positions(key, score, higher_is_better=higher)
    rankings: list[ScopeRanking] = []
    for k in np.unique(key[key >= 0]):
        members = np.flatnonzero(key == k)
        best = members[np.lexsort((np.array([ids[jur[i]] for i in members]), pos.rank[members]))][:top]
        scope_i = int(mc.scope[lat_rows[members[0]]])
        level, boundary = mc.scope_labels[scope_i]
        entries = [
            RankEntry(
                rank=int(pos.rank[i]),
                jurisdiction_id=ids[jur[i]],
                value=float(score[i]),
                latest_year=int(mc.year[lat_rows[i]]),
                latest_value=float(mc.value[lat_rows[i]]),
                base_year=int(mc.year[base_rows[i]]) if base_rows[i] >= 0 else None,
                base_value=float(mc.value[base_rows[i]]) if base_rows[i] >= 0 else None,
            )
            for i in best
        ]
        gname = glabels[int(k) % (len(glabels) + 1)] if glabels else ""
        rankings.append(
            ScopeRanking(
                level=level, boundary=boundary, group=gname, n_eligible=len(members), entries=entries
            )
        )
    return TopPerformers(
        rule=rule,
        rule_text=_rule_text(rule, measure, min_span_years, group),
        measure=measure.id,
        unit=unit,
        as_of=as_of,
        rankings=rankings,
        excluded=excluded,
    )


def rank_all(
    tables: RegistryTables,
    measure: Measure,
    as_of: int | None = None,
    top: int = 10,
    min_span_years: int = MIN_SPAN_YEARS,
) -> list[TopPerformers]:
    """The three rules on one measure, sharing one pass over the columns."""
    mc = measure_columns(tables, measure)
    rules: Sequence[RankingRule] = tuple(RankingRule)
    return [top_performers(tables, measure, r, as_of, top, min_span_years, columns=mc) for r in rules]
