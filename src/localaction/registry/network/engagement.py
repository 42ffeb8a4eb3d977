"""Engagement figures (pure Python): which active members take part in at least one project, network or
programme; the share against the goal; members not engaged for two years; the same by region and office.

A member is *engaged* on a day when one of its activities runs that day (start ≤ day, no end or end ≥ day).
It is *not engaged for two years* when it has been a member for two years or more and no activity of it
overlaps the last two years.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

GOAL = 0.25  # the association's goal: a quarter of its members engaged


@dataclass(frozen=True)
class MemberFact:
    jurisdiction_id: int
    name: str
    region: str = ""
    office: str = ""
    status: str = "active"
    start_date: dt.date | None = None


@dataclass(frozen=True)
class Activity:
    jurisdiction_id: int
    kind: str  # network, project, programme, partnership
    name: str
    start: dt.date | None = None  # None: since ever
    end: dt.date | None = None  # None: still running


@dataclass
class Figures:
    active: int = 0
    engaged: int = 0
    dormant: list[str] = field(default_factory=list)  # names: not engaged for two years

    @property
    def share(self) -> float:
        return self.engaged / self.active if self.active else 0.0

    @property
    def share_pct(self) -> float:
        return 100.0 * self.share

    @property
    def meets_goal(self) -> bool:
        return self.share >= GOAL


@dataclass
class Engagement:
    total: Figures
    by_region: dict[str, Figures]
    by_office: dict[str, Figures]
    engaged_ids: set[int]
    dormant_ids: set[int]
    goal: float = GOAL


def _two_years_before(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 2)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 2, day=28)


def _runs_on(a: Activity, day: dt.date) -> bool:
    return (a.start is None or a.start <= day) and (a.end is None or a.end >= day)


def _overlaps(a: Activity, start: dt.date, end: dt.date) -> bool:
    return (a.start is None or a.start <= end) and (a.end is None or a.end >= start)


def engagement(members: Sequence[MemberFact], activities: Iterable[Activity], today: dt.date) -> Engagement:
    acts: dict[int, list[Activity]] = {}
    for a in activities:
        acts.setdefault(a.jurisdiction_id, []).append(a)
    since = _two_years_before(today)
    total = Figures()
    by_region: dict[str, Figures] = {}
    by_office: dict[str, Figures] = {}
    engaged_ids: set[int] = set()
    dormant_ids: set[int] = set()
    for m in sorted(members, key=lambda m: m.name):
        if m.status != "active":
            continue
        mine = acts.get(m.jurisdiction_id, [])
        engaged = any(_runs_on(a, today) for a in mine)
        dormant = (
            m.start_date is not None
            and m.start_date <= since
            and not any(_overlaps(a, since, today) for a in mine)
        )
        for fig in (
            total,
            by_region.setdefault(m.region or "—", Figures()),
            by_office.setdefault(m.office or "—", Figures()),
        ):
            fig.active += 1
            fig.engaged += int(engaged)
            if dormant:
                fig.dormant.append(m.name)
        if engaged:
            engaged_ids.add(m.jurisdiction_id)
        if dormant:
            dormant_ids.add(m.jurisdiction_id)
    return Engagement(
        total,
        dict(sorted(by_region.items())),
        dict(sorted(by_office.items())),
        engaged_ids,
        dormant_ids,
    )
