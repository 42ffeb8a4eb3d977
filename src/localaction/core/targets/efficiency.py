"""The 10% Efficiency-Gain Programme: cut a chosen resource's consumption by 10 % within 3 years.

Readings are normalised per day (value / days in the period) so a quarter compares with a year. The target
rate is 0.9 × the baseline rate; the trajectory runs straight from the baseline rate at the start date to the
target rate at the deadline, and a reading is judged at its period's midpoint (a period's average belongs
there: our choice).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, Field

from localaction.core.catalog.units import convert
from localaction.core.errors import Detail, InputError
from localaction.core.targets.milestones import add_years
from localaction.core.targets.model import EfficiencyCommitment, Reading

EfficiencyState = Literal["not_started", "on_track", "off_track", "achieved", "missed"]
LENGTH_TOLERANCE = 0.10  # a reading whose length differs more than this from the baseline's gets a note


class ReadingResult(BaseModel):
    start: dt.date
    end: dt.date
    days: int
    value: float  # in the commitment's unit
    per_day: float
    reduction_pct: float  # vs the baseline rate
    expected_per_day: float  # the trajectory at the period's midpoint
    on_track: bool


class EfficiencyProgress(BaseModel):
    commitment_id: str
    resource: str
    unit: str
    baseline_per_day: float
    target_per_day: float  # (1 − reduction) × baseline
    target_per_year: float  # per 365 days, for people
    start_date: dt.date
    deadline: dt.date
    status: EfficiencyState
    latest: ReadingResult | None = None
    progress_pct: float | None = None  # of the 10 % cut achieved, by the deciding reading
    readings: list[ReadingResult] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)


class ProgrammeSummary(BaseModel):
    as_of: dt.date
    committed: int
    by_status: dict[str, int]
    on_track: int  # on track or achieved
    achieved: int
    by_resource: dict[str, int]


def deadline(c: EfficiencyCommitment) -> dt.date:
    return add_years(c.start_date, c.duration_years)


def _value(c: EfficiencyCommitment, r: Reading, where: str) -> float:
    if not r.unit or r.unit == c.unit:
        return r.value
    try:
        return convert(r.value, r.unit, c.unit)
    except InputError as exc:
        raise InputError(
            exc.message, code=exc.code, details=[Detail((c.commitment_id, where, "unit"), exc.message)]
        ) from exc


def _midpoint(r: Reading) -> dt.date:
    return r.start + (r.end - r.start) / 2


def efficiency_progress(c: EfficiencyCommitment, as_of: dt.date) -> EfficiencyProgress:
    """Status of one commitment as of ``as_of``; only readings ending by then count."""
    problems = [
        Detail((c.commitment_id, where, "end"), "a period ends on or after its start")
        for where, r in [("baseline", c.baseline)] + [(f"readings[{i}]", r) for i, r in enumerate(c.readings)]
        if r.end < r.start
    ]
    if problems:
        raise InputError("reading periods run backwards", code="efficiency.bad_period", details=problems)
    base = _value(c, c.baseline, "baseline") / c.baseline.days
    if base <= 0:
        raise InputError("the baseline reading must be above zero", code="efficiency.zero_baseline")
    cut = c.reduction_pct / 100.0
    target = base * (1 - cut)
    end = deadline(c)
    span = (end - c.start_date).days
    notes: list[str] = []
    results = []
    for i, r in sorted(enumerate(c.readings), key=lambda x: x[1].end):
        if r.end > as_of or r.start < c.start_date:
            continue
        per_day = _value(c, r, f"readings[{i}]") / r.days
        t = min(max((_midpoint(r) - c.start_date).days / span, 0.0), 1.0)
        expected = base + (target - base) * t
        results.append(
            ReadingResult(
                start=r.start,
                end=r.end,
                days=r.days,
                value=per_day * r.days,
                per_day=per_day,
                reduction_pct=(1 - per_day / base) * 100,
                expected_per_day=expected,
                on_track=per_day <= expected,
            )
        )
        if abs(r.days - c.baseline.days) > LENGTH_TOLERANCE * c.baseline.days:
            notes.append(
                f"the reading {r.start}…{r.end} ({r.days} days) is compared per day with a {c.baseline.days}-day "
                "baseline: seasonal use may distort it"
            )
    # After the deadline the last reading ending by the deadline decides; before, the latest one.
    window = [x for x in results if x.end <= end] if as_of > end else results
    latest = window[-1] if window else None
    status: EfficiencyState
    if latest is None:
        status = "missed" if as_of > end else "not_started"
    elif latest.per_day <= target:
        status = "achieved"
    elif as_of > end:
        status = "missed"
    else:
        status = "on_track" if latest.on_track else "off_track"
    return EfficiencyProgress(
        commitment_id=c.commitment_id,
        resource=c.resource,
        unit=c.unit,
        baseline_per_day=base,
        target_per_day=target,
        target_per_year=target * 365,
        start_date=c.start_date,
        deadline=end,
        status=status,
        latest=latest,
        progress_pct=(1 - latest.per_day / base) / cut * 100 if latest else None,
        readings=results,
        notes=notes,
    )


def programme_summary(commitments: Sequence[EfficiencyCommitment], as_of: dt.date) -> ProgrammeSummary:
    """The programme-wide view: how many committed, by status, on track, achieved, by resource."""
    states = [efficiency_progress(c, as_of).status for c in commitments]
    counts = Counter(states)
    return ProgrammeSummary(
        as_of=as_of,
        committed=len(commitments),
        by_status={
            s: counts.get(s, 0) for s in ("not_started", "on_track", "off_track", "achieved", "missed")
        },
        on_track=counts["on_track"] + counts["achieved"],
        achieved=counts["achieved"],
        by_resource=dict(Counter(c.resource for c in commitments)),
    )
