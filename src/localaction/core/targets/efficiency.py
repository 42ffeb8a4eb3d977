"""The 10% Efficiency-Gain Programme: cut a chosen resource's consumption by 10 % within 3 years.

The programme's parameters (10 %, 3 years) are the LocalAction specification: no public programme document
was found. How readings are compared follows measurement-and-verification practice: the baseline and the
reporting period "must reflect the same span of months" (US DOE, Superior Energy Performance M&V Protocol
s.3.5.1, via the DOE 50001 Ready eGuide step 2.8). So only a *comparable period* decides the status: a
period of the baseline's length covering the same calendar span. For a baseline of whole years (12 months)
that is any run of readings covering exactly as many whole years (every season once); for a shorter baseline
(a quarter, say) it is the same calendar span in a later year. Shorter readings are shown per day as
indications and decide nothing.

Readings that start before the programme's start, or overlap the baseline, are excluded (they belong to the
baseline period); readings that partly overlap each other are excluded both (one of them is wrong, and a
roll-up would count consumption twice); a reading that lies inside another is shown as an indication. The
registry refuses all of these when they are entered (``new_reading_problems``). Our rules, stated as such.

Values are compared per day (value / days, both ends inclusive). The target rate is 0.9 × the baseline rate;
the trajectory runs straight from the baseline rate at the start date to the target rate at the deadline, and a
period is judged at its midpoint (a period's average belongs there: our choice).
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

EfficiencyState = Literal[
    "not_started", "not_comparable", "on_track", "off_track", "achieved", "missed", "not_reported"
]
STATES: tuple[str, ...] = (
    "not_started",  # no reading has ended yet
    "not_comparable",  # readings, but no period of the baseline's length and calendar span yet
    "on_track",
    "off_track",
    "achieved",
    "missed",  # the programme's last comparable period is above the target
    "not_reported",  # the deadline has passed and its last comparable period was not reported
)
Role = Literal["decides", "counted", "indicative", "excluded"]
SOURCE = "LocalAction specification (no public programme document found)"

DAY = dt.timedelta(days=1)


class ReadingResult(BaseModel):
    """One reading, per day, and what it did: decided the status, counted in another comparable period,
    shown as an indication only, or excluded (``reason`` says why)."""

    start: dt.date
    end: dt.date
    days: int
    value: float  # in the commitment's unit
    per_day: float
    reduction_pct: float  # vs the baseline rate
    expected_per_day: float  # the trajectory at the period's midpoint
    on_track: bool
    role: Role = "indicative"
    reason: str = ""


class PeriodResult(BaseModel):
    """A comparable period: one reading, or contiguous readings rolled up, of the baseline's length."""

    start: dt.date
    end: dt.date
    days: int
    value: float
    per_day: float
    reduction_pct: float
    expected_per_day: float
    on_track: bool
    readings: int  # how many readings make it up


class EfficiencyProgress(BaseModel):
    commitment_id: str
    resource: str
    unit: str
    source: str = SOURCE  # where the programme's 10 % / 3 years come from
    baseline_start: dt.date
    baseline_end: dt.date
    baseline_per_day: float
    target_per_day: float  # (1 − reduction) × baseline
    target_per_year: float  # per 365 days, for people
    start_date: dt.date
    deadline: dt.date
    comparison: str  # what a deciding period must be, in words
    status: EfficiencyState
    decided_by: PeriodResult | None = None  # the period that decided the status
    progress_pct: float | None = None  # of the 10 % cut achieved, by the deciding period
    periods: list[PeriodResult] = Field(default_factory=list)  # every comparable period, by end date
    readings: list[ReadingResult] = Field(default_factory=list)  # every reading ended by as_of, by start
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


def _midpoint(start: dt.date, end: dt.date) -> dt.date:
    return start + (end - start) / 2


def _whole_years(start: dt.date, end: dt.date) -> int | None:
    """N when [start, end] is exactly N ≥ 1 whole years (e.g. 1 April to 31 March), else None."""
    n = end.year - start.year + 1
    for years in (n - 1, n):
        if years >= 1 and add_years(start, years) - DAY == end:
            return years
    return None


def _span(r: Reading) -> str:
    return f"{r.start.isoformat()}…{r.end.isoformat()}"


def _overlap(a: Reading, b: Reading) -> bool:
    return a.start <= b.end and b.start <= a.end


def comparison_rule(c: EfficiencyCommitment) -> str:
    """What a period must be to decide, in words."""
    years = _whole_years(c.baseline.start, c.baseline.end)
    if years:
        unit = "12 months" if years == 1 else f"{years} whole years"
        return f"{unit} of readings without gaps, like the baseline {_span(c.baseline)}"
    return (
        f"the baseline's calendar span ({c.baseline.start:%d %b}…{c.baseline.end:%d %b}, "
        f"{c.baseline.days} days) in a later year"
    )


def _comparable(c: EfficiencyCommitment, start: dt.date, end: dt.date) -> bool:
    years = _whole_years(c.baseline.start, c.baseline.end)
    if years:
        return add_years(start, years) - DAY == end
    shift = start.year - c.baseline.start.year
    return shift >= 1 and (add_years(c.baseline.start, shift), add_years(c.baseline.end, shift)) == (
        start,
        end,
    )


def reading_overlaps(existing: Sequence[Reading], new: Reading) -> list[Detail]:
    """The existing readings ``new`` overlaps (a roll-up into a comparable period would count them twice)."""
    return [
        Detail(
            ("start",),
            f"overlaps the reading {_span(r)}: readings may not overlap (a roll-up would count consumption "
            "twice); correct or delete that one first",
        )
        for r in existing
        if _overlap(new, r)
    ]


def new_reading_problems(c: EfficiencyCommitment, new: Reading) -> list[Detail]:
    """Why ``new`` may not be added to ``c`` (empty: it may): a reading before the programme's start or
    overlapping the baseline belongs to the baseline period; one overlapping another reading would be counted
    twice in a comparable period."""
    out = []
    if new.start < c.start_date:
        out.append(
            Detail(
                ("start",),
                f"starts before the programme's start {c.start_date.isoformat()}: readings before it belong "
                "to the baseline period",
            )
        )
    elif _overlap(new, c.baseline):
        out.append(Detail(("start",), f"overlaps the baseline period {_span(c.baseline)}"))
    return out + reading_overlaps(c.readings, new)


def _flags(c: EfficiencyCommitment, readings: list[Reading]) -> dict[int, tuple[Role, str]]:
    """Readings (by index in ``readings``) that are excluded or only indicative, and why."""
    flags: dict[int, tuple[Role, str]] = {}
    for i, r in enumerate(readings):
        if r.start < c.start_date:
            flags[i] = ("excluded", f"starts before the programme's start {c.start_date.isoformat()}")
        elif _overlap(r, c.baseline):
            flags[i] = ("excluded", f"overlaps the baseline period {_span(c.baseline)}")
    outside = set(flags)  # already excluded: they take no part in the overlap checks
    for i, a in enumerate(readings):
        for j, b in enumerate(readings):
            if j <= i or i in outside or j in outside or not _overlap(a, b):
                continue
            if (a.start, a.end) == (b.start, b.end):
                for k in (i, j):
                    flags[k] = ("excluded", f"the period {_span(a)} is entered twice")
            elif a.start <= b.start and b.end <= a.end:
                flags.setdefault(j, ("indicative", f"lies inside the reading {_span(a)}: shown, not counted"))
            elif b.start <= a.start and a.end <= b.end:
                flags.setdefault(i, ("indicative", f"lies inside the reading {_span(b)}: shown, not counted"))
            else:
                flags[i] = ("excluded", f"overlaps the reading {_span(b)}: correct one of them")
                flags[j] = ("excluded", f"overlaps the reading {_span(a)}: correct one of them")
    return flags


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

    def expected_at(start: dt.date, stop: dt.date) -> float:
        t = min(max((_midpoint(start, stop) - c.start_date).days / span, 0.0), 1.0)
        return base + (target - base) * t

    ended = sorted(
        ((i, r) for i, r in enumerate(c.readings) if r.end <= as_of),
        key=lambda x: (x[1].start, x[1].end, x[0]),
    )
    readings = [r for _, r in ended]
    values = [_value(c, r, f"readings[{i}]") for i, r in ended]
    flags = _flags(c, readings)
    results = []
    for k, r in enumerate(readings):
        per_day = values[k] / r.days
        expected = expected_at(r.start, r.end)
        role, reason = flags.get(k, ("indicative", ""))
        results.append(
            ReadingResult(
                start=r.start,
                end=r.end,
                days=r.days,
                value=values[k],
                per_day=per_day,
                reduction_pct=(1 - per_day / base) * 100,
                expected_per_day=expected,
                on_track=per_day <= expected,
                role=role,
                reason=reason,
            )
        )
    # Comparable periods: contiguous runs of usable readings whose span matches the baseline's.
    usable = [k for k in range(len(readings)) if k not in flags]
    periods: list[tuple[PeriodResult, list[int]]] = []
    for a in range(len(usable)):
        for b in range(a, len(usable)):
            if b > a and readings[usable[b]].start != readings[usable[b - 1]].end + DAY:
                break
            first, last = readings[usable[a]], readings[usable[b]]
            if not _comparable(c, first.start, last.end):
                continue
            members = usable[a : b + 1]
            total = sum(values[k] for k in members)
            days = (last.end - first.start).days + 1
            expected = expected_at(first.start, last.end)
            periods.append(
                (
                    PeriodResult(
                        start=first.start,
                        end=last.end,
                        days=days,
                        value=total,
                        per_day=total / days,
                        reduction_pct=(1 - total / days / base) * 100,
                        expected_per_day=expected,
                        on_track=total / days <= expected,
                        readings=len(members),
                    ),
                    members,
                )
            )
    periods.sort(key=lambda p: (p[0].end, p[0].start))
    # Before the deadline the latest comparable period decides; after it, the latest ending by the deadline.
    window = [p for p in periods if p[0].end <= end] if as_of > end else periods
    decider = window[-1] if window else None
    for _, members in periods:
        for k in members:
            results[k].role = "counted"
    if decider is not None:
        for k in decider[1]:
            results[k].role = "decides"
    for k in usable:
        if results[k].role == "indicative":
            results[k].reason = "not part of a period comparable with the baseline: an indication only"
    notes: list[str] = []
    status: EfficiencyState
    counted = [r for k, r in enumerate(results) if k not in flags or flags[k][0] == "indicative"]
    best = decider[0] if decider else None
    if best is None:
        if as_of > end:
            status = "not_reported"
            notes.append(
                f"no period comparable with the baseline ({comparison_rule(c)}) ended by the deadline"
            )
        else:
            status = "not_comparable" if counted else "not_started"
    elif best.per_day <= target:
        status = "achieved"
    elif as_of > end:
        # "missed" needs the programme's last comparable period; an earlier one is not the final word.
        if (end - best.end).days >= c.baseline.days:
            status = "not_reported"
            notes.append(
                f"the last comparable period reported ends {best.end.isoformat()}, a full baseline length before "
                f"the deadline {end.isoformat()}: the programme's last period is not reported"
            )
        else:
            status = "missed"
    else:
        status = "on_track" if best.on_track else "off_track"
    if any(r.role == "indicative" for r in results):
        notes.append(
            f"only {comparison_rule(c)} decide; shorter readings are indications (seasonal use differs)"
        )
    return EfficiencyProgress(
        commitment_id=c.commitment_id,
        resource=c.resource,
        unit=c.unit,
        baseline_start=c.baseline.start,
        baseline_end=c.baseline.end,
        baseline_per_day=base,
        target_per_day=target,
        target_per_year=target * 365,
        start_date=c.start_date,
        deadline=end,
        comparison=comparison_rule(c),
        status=status,
        decided_by=best,
        progress_pct=(1 - best.per_day / base) / cut * 100 if best else None,
        periods=[p for p, _ in periods],
        readings=results,
        notes=notes,
    )


def programme_summary(commitments: Sequence[EfficiencyCommitment], as_of: dt.date) -> ProgrammeSummary:
    """The programme-wide view: how many committed, by status, on track, achieved, by resource."""
    states = [efficiency_progress(c, as_of).status for c in commitments]
    counts: Counter[str] = Counter(states)
    return ProgrammeSummary(
        as_of=as_of,
        committed=len(commitments),
        by_status={s: counts.get(s, 0) for s in STATES},
        on_track=counts["on_track"] + counts["achieved"],
        achieved=counts["achieved"],
        by_resource=dict(Counter(c.resource for c in commitments)),
    )
