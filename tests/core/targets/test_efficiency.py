"""The 10% Efficiency-Gain Programme: like with like (issue 22, item 4). Worked examples with the hand
calculation; the common case is a 2022 baseline of 365,000 kWh = 1,000 kWh/day, start 2023-01-01, target
900 kWh/day, deadline 2026-01-01 (1,096 days later)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from localaction.core.targets import EfficiencyCommitment, Reading, efficiency_progress, programme_summary
from localaction.core.targets.efficiency import new_reading_problems

D = dt.date
BASELINE = Reading(start=D(2022, 1, 1), end=D(2022, 12, 31), value=365_000)  # 1,000 kWh/day


def commitment(
    *readings: Reading,
    cid: str = "c1",
    resource: str = "electricity in public buildings",
    baseline: Reading = BASELINE,
) -> EfficiencyCommitment:
    return EfficiencyCommitment(
        commitment_id=cid,
        resource=resource,
        unit="kWh",
        baseline=baseline,
        start_date=baseline.end + dt.timedelta(days=1),
        readings=list(readings),
    )


def per_day(start: D, end: D, rate: float) -> Reading:
    return Reading(start=start, end=end, value=rate * ((end - start).days + 1))


def year(y: int, rate: float) -> Reading:
    return per_day(D(y, 1, 1), D(y, 12, 31), rate)


def quarters(y: int, rate: float) -> list[Reading]:
    ends = [D(y, 3, 31), D(y, 6, 30), D(y, 9, 30), D(y, 12, 31)]
    starts = [D(y, 1, 1), D(y, 4, 1), D(y, 7, 1), D(y, 10, 1)]
    return [per_day(s, e, rate) for s, e in zip(starts, ends, strict=True)]


# --- the two cases --------------------------------------------------------------------------------


def test_a_one_day_reading_does_not_give_achieved_500_pct() -> None:
    # One day at 500 kWh: per day a 50 % cut, which the old code reported as "achieved, 500 %" of the 10 %.
    # A day is not comparable with a 12-month baseline: shown, decides nothing.
    p = efficiency_progress(commitment(per_day(D(2024, 3, 5), D(2024, 3, 5), 500)), D(2024, 4, 1))
    assert p.status == "not_comparable" and p.progress_pct is None and p.decided_by is None
    (r,) = p.readings
    assert (r.role, r.per_day) == ("indicative", 500) and "not part of a period comparable" in r.reason
    assert any("12 months" in n for n in p.notes)


def test_a_december_reading_after_the_deadline_does_not_override_the_full_year() -> None:
    # 2025, the programme's last year: 932 kWh/day × 365 = 340,180 kWh, a 6.8 % cut: 68 % of the 10 % -> missed.
    # December 2025: 850 kWh/day × 31 = 26,350 kWh (a 15 % cut, "achieved, 150 %" before the fix).
    # December lies inside the year: shown as an indication; the full year decides.
    full, december = year(2025, 932), per_day(D(2025, 12, 1), D(2025, 12, 31), 850)
    assert (full.value, december.value) == (340_180, 26_350)
    for readings in ((full, december), (december, full)):  # whichever was entered first
        p = efficiency_progress(commitment(*readings), D(2026, 2, 1))
        assert p.status == "missed"
        assert p.progress_pct == pytest.approx(68.0)
        assert p.decided_by is not None
        assert (p.decided_by.start, p.decided_by.end, p.decided_by.value) == (full.start, full.end, 340_180)
        roles = {(r.start, r.end): (r.role, r.reason) for r in p.readings}
        assert roles[(full.start, full.end)][0] == "decides"
        role, reason = roles[(december.start, december.end)]
        assert role == "indicative" and "lies inside the reading 2025-01-01…2025-12-31" in reason


# --- like with like ---------------------------------------------------------------------------------------


def test_quarters_roll_up_into_a_comparable_year() -> None:
    # Four 2024 quarters at 940 kWh/day (91 + 91 + 92 + 92 = 366 days, 344,040 kWh): a 6 % cut, 60 % progress.
    # The year's midpoint 2024-07-01 is 547 of 1,096 days in: the line there is 1,000 − 100 × 547/1,096 =
    # 950.1 kWh/day; 940 is below it: on track. Each quarter "decides" as part of the year.
    p = efficiency_progress(commitment(*quarters(2024, 940)), D(2025, 1, 15))
    assert p.status == "on_track" and p.progress_pct == pytest.approx(60.0)
    d = p.decided_by
    assert d is not None and (d.start, d.end, d.days, d.readings) == (D(2024, 1, 1), D(2024, 12, 31), 366, 4)
    assert d.value == pytest.approx(940 * 366) and d.expected_per_day == pytest.approx(
        1000 - 100 * 547 / 1096
    )
    assert [r.role for r in p.readings] == ["decides"] * 4
    # Before the fourth quarter has ended, nothing decides yet.
    early = efficiency_progress(commitment(*quarters(2024, 940)), D(2024, 12, 30))
    assert early.status == "not_comparable" and early.progress_pct is None


def test_rolling_twelve_months_of_quarters() -> None:
    # Q2 2024 … Q1 2025 at 930 kWh/day cover 1 April 2024 - 31 March 2025: 12 months, every season once.
    # 7 % cut -> 70 %. Q1 2024 (at 990) is part of the earlier year only when Q2-Q4 are too: here that
    # year (Q1-Q4 2024) is a comparable period as well, and the later one decides.
    readings = [per_day(D(2024, 1, 1), D(2024, 3, 31), 990), *quarters(2024, 930)[1:]]
    readings.append(per_day(D(2025, 1, 1), D(2025, 3, 31), 930))
    p = efficiency_progress(commitment(*readings), D(2025, 4, 10))
    assert [(x.start, x.end) for x in p.periods] == [
        (D(2024, 1, 1), D(2024, 12, 31)),
        (D(2024, 4, 1), D(2025, 3, 31)),
    ]
    assert p.decided_by is not None and p.decided_by.start == D(2024, 4, 1)
    assert p.progress_pct == pytest.approx(70.0)
    assert [r.role for r in p.readings] == ["counted", "decides", "decides", "decides", "decides"]


def test_a_quarterly_baseline_compares_with_the_same_quarter() -> None:
    # Baseline Q1 2022: 90 days, 90,000 kWh (1,000/day); start 2022-04-01, deadline 2025-04-01.
    # Q1 2023 (90 days) at 950/day is the same calendar span a year later: it decides (a 5 % cut, 50 %).
    # Q2 2023 at 800/day is another season: an indication only.
    base = per_day(D(2022, 1, 1), D(2022, 3, 31), 1000)
    q1, q2 = per_day(D(2023, 1, 1), D(2023, 3, 31), 950), per_day(D(2023, 4, 1), D(2023, 6, 30), 800)
    p = efficiency_progress(commitment(q1, q2, baseline=base), D(2023, 7, 15))
    assert p.decided_by is not None and (p.decided_by.start, p.decided_by.end) == (q1.start, q1.end)
    assert p.progress_pct == pytest.approx(50.0)
    assert [r.role for r in p.readings] == ["decides", "indicative"]
    assert "calendar span" in p.comparison


def test_readings_before_the_start_and_overlapping_ones_are_excluded() -> None:
    before = per_day(D(2022, 7, 1), D(2023, 6, 30), 900)  # half of it is the baseline year
    a = per_day(D(2024, 1, 1), D(2024, 6, 30), 950)
    b = per_day(D(2024, 6, 1), D(2024, 12, 31), 950)  # overlaps a in June: counted twice in a roll-up
    p = efficiency_progress(commitment(before, a, b), D(2025, 1, 15))
    reasons = {(r.start, r.role): r.reason for r in p.readings}
    assert "starts before the programme's start 2023-01-01" in reasons[(before.start, "excluded")]
    assert "overlaps the reading 2024-06-01…2024-12-31" in reasons[(a.start, "excluded")]
    assert "overlaps the reading 2024-01-01…2024-06-30" in reasons[(b.start, "excluded")]
    assert p.status == "not_started" and p.periods == []  # nothing usable


def test_new_readings_are_refused_before_the_start_or_overlapping() -> None:
    c = commitment(year(2024, 950))
    assert new_reading_problems(c, year(2025, 940)) == []
    msgs = [d.msg for d in new_reading_problems(c, per_day(D(2022, 12, 1), D(2023, 1, 31), 900))]
    assert len(msgs) == 1 and "before the programme's start 2023-01-01" in msgs[0]
    msgs = [d.msg for d in new_reading_problems(c, per_day(D(2024, 12, 1), D(2024, 12, 31), 900))]
    assert msgs == [
        "overlaps the reading 2024-01-01…2024-12-31: readings may not overlap (a roll-up would count consumption "
        "twice); correct or delete that one first"
    ]
    late_start = c.model_copy(update={"start_date": D(2022, 6, 1)})  # a start inside the baseline year
    assert (
        "overlaps the baseline period"
        in new_reading_problems(late_start, per_day(D(2022, 7, 1), D(2022, 7, 31), 1))[0].msg
    )


# --- statuses -----------------------------------------------------------------------------------------------


def test_statuses() -> None:
    assert efficiency_progress(commitment(), D(2023, 6, 1)).status == "not_started"
    # 2024 at 990/day (1 % cut, 10 %): the line at 2024-07-01 is 950.1: off track.
    slow = year(2024, 990)
    assert efficiency_progress(commitment(slow), D(2025, 1, 10)).status == "off_track"
    # 2025 at 880/day: at or below 900: achieved (120 %).
    done = efficiency_progress(commitment(slow, year(2025, 880)), D(2026, 2, 1))
    assert done.status == "achieved" and done.progress_pct == pytest.approx(120.0)
    # After the deadline with only 2024 reported: 2025, the last year, is missing: not reported (not "missed").
    gone = efficiency_progress(commitment(slow), D(2026, 2, 1))
    assert gone.status == "not_reported" and any("not reported" in n for n in gone.notes)
    assert efficiency_progress(commitment(), D(2026, 2, 1)).status == "not_reported"
    # 2025 at 990: missed. A reading after the deadline does not rescue it.
    missed = commitment(slow, year(2025, 990), year(2026, 800))
    assert efficiency_progress(missed, D(2027, 2, 1)).status == "missed"


def test_readings_in_another_unit_are_converted() -> None:
    mwh = Reading(start=D(2024, 1, 1), end=D(2024, 12, 31), value=366 * 0.95, unit="MWh")
    p = efficiency_progress(commitment(mwh), D(2025, 1, 15))
    assert p.decided_by is not None and p.decided_by.per_day == pytest.approx(950)


def test_programme_summary() -> None:
    cs = [
        commitment(cid="a"),
        commitment(*quarters(2024, 940)[:1], cid="b"),  # one quarter: not comparable yet
        commitment(year(2024, 990), cid="c", resource="water"),
        commitment(year(2024, 880), cid="d"),
    ]
    s = programme_summary(cs, D(2025, 1, 10))
    assert s.committed == 4 and s.achieved == 1 and s.on_track == 1
    assert s.by_status == {
        "not_started": 1,
        "not_comparable": 1,
        "on_track": 0,
        "off_track": 1,
        "achieved": 1,
        "missed": 0,
        "not_reported": 0,
    }
    assert s.by_resource == {"electricity in public buildings": 3, "water": 1}


# --- invariants ---------------------------------------------------------------------------------------------


@given(cut=st.floats(0, 0.2), start=st.dates(D(2023, 1, 1), D(2024, 12, 31)))
def test_progress_is_proportional_to_the_cut_over_twelve_months(cut: float, start: D) -> None:
    # Any 12 months after the start: 0 % at the baseline rate, 100 % at 0.9 × baseline.
    from localaction.core.targets import add_years

    end = add_years(start, 1) - dt.timedelta(days=1)
    p = efficiency_progress(commitment(per_day(start, end, 1000 * (1 - cut))), D(2026, 1, 1))
    assert p.progress_pct == pytest.approx(cut / 0.1 * 100, abs=1e-6)
    assert p.decided_by is not None and (p.status == "achieved") == (p.decided_by.per_day <= 900 + 1e-9)


@given(days=st.integers(1, 364), rate=st.floats(0, 2000), offset=st.integers(0, 700))
def test_a_reading_shorter_than_the_baseline_never_decides(days: int, rate: float, offset: int) -> None:
    start = D(2023, 1, 1) + dt.timedelta(days=offset)
    r = per_day(start, start + dt.timedelta(days=days - 1), rate)
    p = efficiency_progress(commitment(r), D(2026, 6, 1))
    assert p.decided_by is None and p.progress_pct is None
    assert p.status in ("not_comparable", "not_reported")
