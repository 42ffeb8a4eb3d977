"""Peer groups and a jurisdiction's position in each: percentile, group median, distance to the best quartile.

Definitions (worked examples in ``tests/core/insights/test_peers.py``):

- percentile = 100 x (peers doing worse + half the peers tied with it) / (group size - 1): the share of the
  *other* members it does better than; 100 = best, 0 = worst, undefined for a group of one.
- rank = 1 + members doing strictly better (ties share a rank).
- median = the group's median value.
- best quartile = the value a quarter of the way from the best end (numpy's linear interpolation: the 25th
  percentile when lower is better, the 75th when higher is better); distance = how far the member must
  improve to reach it, in the measure's unit; 0 when already inside.

Groups come from the jurisdictions' facts (population band, region, climate zone, income group, country,
kind) or a custom list; a jurisdiction whose fact is unknown is in no group for that key.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict

from localaction.core.insights.model import JurisdictionFacts
from localaction.core.insights.tables import RegistryTables, floats, index_of, ints, strings

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]

#: (upper bound exclusive, label): population bands as data.
POPULATION_BANDS: tuple[tuple[float, str], ...] = (
    (50_000.0, "under 50 k"),
    (250_000.0, "50 k - 250 k"),
    (1_000_000.0, "250 k - 1 M"),
    (5_000_000.0, "1 M - 5 M"),
    (math.inf, "5 M and more"),
)


class GroupBy(StrEnum):
    POPULATION_BAND = "population_band"
    REGION = "region"
    CLIMATE_ZONE = "climate_zone"
    INCOME_GROUP = "income_group"
    COUNTRY = "country"
    KIND = "kind"
    CUSTOM = "custom"


class PeerGroup(BaseModel):
    """How to form a group: by a fact of the jurisdiction, or a custom list of member ids."""

    model_config = ConfigDict(frozen=True)

    by: GroupBy
    name: str = ""  # the custom group's name
    members: tuple[str, ...] = ()  # custom only

    @property
    def rule(self) -> str:
        if self.by == GroupBy.CUSTOM:
            return f"the custom group {self.name or 'of ' + str(len(self.members)) + ' members'}"
        if self.by == GroupBy.POPULATION_BAND:
            return (
                "jurisdictions in the same population band ("
                + ", ".join(b for _, b in POPULATION_BANDS)
                + ")"
            )
        return f"jurisdictions with the same {self.by.value.replace('_', ' ')}"


def population_band(population: float | None) -> str:
    if population is None or not population > 0:
        return ""
    return next(label for upper, label in POPULATION_BANDS if population < upper)


def group_label(j: JurisdictionFacts, group: PeerGroup, year: int) -> str:
    """The group ``j`` belongs to under ``group``; "" = unknown (in no group)."""
    if group.by == GroupBy.CUSTOM:
        return (group.name or "custom") if j.id in group.members else ""
    if group.by == GroupBy.POPULATION_BAND:
        return population_band(j.population_in(year))
    return str(getattr(j, group.by.value))


def group_codes(labels: Sequence[str]) -> tuple[I64, list[str]]:
    """Integer group per row (-1 for "") and the group names."""
    names = sorted({x for x in labels if x})
    pos = {x: i for i, x in enumerate(names)}
    return np.array([pos.get(x, -1) for x in labels], dtype=np.int64), names


def band_codes(population: F64) -> I64:
    """Population band per row, vectorised (-1 for unknown)."""
    uppers = np.array([u for u, _ in POPULATION_BANDS])
    out = np.searchsorted(uppers, population, side="right").astype(np.int64)
    out[~(population > 0)] = -1
    return out


@dataclass
class PositionColumns:
    """Per row: its group's size and median, its percentile, rank, best-quartile value and distance.
    NaN (and rank 0) where the row has no group or no value."""

    n: I64
    percentile: F64
    rank: I64
    median: F64
    best_quartile: F64
    distance: F64


def positions(groups: I64, values: F64, higher_is_better: bool = False) -> PositionColumns:
    """Every row's position in its group, in a few sorted passes (no loop per group)."""
    m = len(values)
    out = PositionColumns(
        n=np.zeros(m, np.int64),
        percentile=np.full(m, np.nan),
        rank=np.zeros(m, np.int64),
        median=np.full(m, np.nan),
        best_quartile=np.full(m, np.nan),
        distance=np.full(m, np.nan),
    )
    valid = np.flatnonzero((groups >= 0) & np.isfinite(values))
    if not len(valid):
        return out
    oriented = -values if higher_is_better else values  # ascending = better
    order = valid[np.lexsort((oriented[valid], groups[valid]))]
    sg, sv = groups[order], oriented[order]
    k = np.arange(len(order))
    new_group = np.r_[True, sg[1:] != sg[:-1]]
    gstart = np.maximum.accumulate(np.where(new_group, k, 0))
    gid = np.cumsum(new_group) - 1
    n = np.bincount(gid)[gid]
    new_run = new_group | np.r_[True, sv[1:] != sv[:-1]]
    rstart = np.maximum.accumulate(np.where(new_run, k, 0))
    rid = np.cumsum(new_run) - 1
    rend = rstart + np.bincount(rid)[rid]
    better, worse, tied = rstart - gstart, gstart + n - rend, rend - rstart
    with np.errstate(divide="ignore", invalid="ignore"):
        pct = np.where(n > 1, 100.0 * (worse + 0.5 * (tied - 1)) / (n - 1), np.nan)
    median = 0.5 * (sv[gstart + (n - 1) // 2] + sv[gstart + n // 2])
    q = 0.25 * (n - 1)
    lo = np.floor(q).astype(np.int64)
    hi = np.minimum(lo + 1, n - 1)
    quart = sv[gstart + lo] + (q - lo) * (sv[gstart + hi] - sv[gstart + lo])
    sign = -1.0 if higher_is_better else 1.0
    out.n[order] = n
    out.percentile[order] = pct
    out.rank[order] = better + 1
    out.median[order] = sign * median
    out.best_quartile[order] = sign * quart
    out.distance[order] = np.maximum(0.0, sv - quart)
    return out


class PeerPosition(BaseModel):
    model_config = ConfigDict(frozen=True)

    group_by: GroupBy
    group: str  # the group's name, e.g. "1 M - 5 M" or "Europe"
    rule: str  # who is in the group, in words
    n: int  # members with a value
    value: float
    unit: str
    percentile: float | None  # None for a group of one
    rank: int
    median: float
    best_quartile: float
    distance_to_best_quartile: float
    higher_is_better: bool


def peer_positions(
    jurisdiction_id: str,
    jurisdictions: Sequence[JurisdictionFacts],
    values: Mapping[str, float],
    groups: Sequence[PeerGroup],
    year: int,
    unit: str = "",
    higher_is_better: bool = False,
) -> list[PeerPosition]:
    """The jurisdiction's position in each group it belongs to; ``values`` maps jurisdiction id -> the
    measure (e.g. from ``series.measure_columns`` or each one's series for ``year``)."""
    members = [j for j in jurisdictions if j.id in values and math.isfinite(values[j.id])]
    me = next((i for i, j in enumerate(members) if j.id == jurisdiction_id), None)
    if me is None:
        return []
    vals = np.array([values[j.id] for j in members], dtype=np.float64)
    out = []
    for spec in groups:
        labels = [group_label(j, spec, year) for j in members]
        if not labels[me]:
            continue
        g, names = group_codes(labels)
        pos = positions(g, vals, higher_is_better)
        pct = float(pos.percentile[me])
        out.append(
            PeerPosition(
                group_by=spec.by,
                group=names[int(g[me])],
                rule=spec.rule,
                n=int(pos.n[me]),
                value=float(vals[me]),
                unit=unit,
                percentile=None if math.isnan(pct) else pct,
                rank=int(pos.rank[me]),
                median=float(pos.median[me]),
                best_quartile=float(pos.best_quartile[me]),
                distance_to_best_quartile=float(pos.distance[me]),
                higher_is_better=higher_is_better,
            )
        )
    return out


def jurisdiction_groups(tables: RegistryTables, group: PeerGroup, year: int) -> tuple[I64, list[str]]:
    """Group code per row of ``tables.jurisdictions`` (-1 = unknown), vectorised; population bands use the
    latest population up to ``year``."""
    jur = tables.jurisdictions
    if group.by == GroupBy.POPULATION_BAND:
        jy = tables.jurisdiction_years
        j = index_of(jur, "id", jy, "jurisdiction_id", "jurisdiction_years")
        yrs, pop = ints(jy, "year"), floats(jy, "population")
        ok = (yrs <= year) & np.isfinite(pop)
        order = np.lexsort((yrs[ok], j[ok]))  # last row per jurisdiction = latest year
        latest = np.full(jur.num_rows, np.nan)
        latest[j[ok][order]] = pop[ok][order]
        return band_codes(latest), [label for _, label in POPULATION_BANDS]
    if group.by == GroupBy.CUSTOM:
        members = set(group.members)
        return group_codes([(group.name or "custom") if i in members else "" for i in strings(jur, "id")])
    return group_codes(strings(jur, group.by.value))
