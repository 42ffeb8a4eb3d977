"""The 10% Efficiency-Gain Programme tracker."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from localaction.core.targets import EfficiencyCommitment, Reading, efficiency_progress, programme_summary

D = dt.date
BASELINE = Reading(start=D(2022, 1, 1), end=D(2022, 12, 31), value=365_000)  # 1,000 kWh/day


def commitment(
    *readings: Reading, cid: str = "c1", resource: str = "electricity in public buildings"
) -> EfficiencyCommitment:
    return EfficiencyCommitment(
        commitment_id=cid,
        resource=resource,
        unit="kWh",
        baseline=BASELINE,
        start_date=D(2023, 1, 1),
        readings=list(readings),
    )


Q1_2024 = Reading(start=D(2024, 1, 1), end=D(2024, 3, 31), value=91 * 950)  # 950 kWh/day


def test_on_track_worked_example() -> None:
    # Baseline 365,000 kWh in 2022 = 1,000 kWh/day; target 0.9 × = 900 kWh/day; deadline 2026-01-01.
    # Q1 2024: 86,450 kWh over 91 days = 950 kWh/day (a 5 % cut: 50 % of the 10 %).
    # Its midpoint 2024-02-15 is 410 of 1,096 days into the programme: the line there is
    # 1,000 − 100 × 410/1,096 = 962.6 kWh/day; 950 is below it: on track.
    p = efficiency_progress(commitment(Q1_2024), D(2024, 4, 15))
    assert (p.baseline_per_day, p.target_per_day, p.deadline) == (1000, 900, D(2026, 1, 1))
    assert p.status == "on_track"
    assert p.latest is not None and p.latest.per_day == pytest.approx(950)
    assert p.latest.expected_per_day == pytest.approx(1000 - 100 * 410 / 1096)
    assert p.progress_pct == pytest.approx(50.0)
    assert p.notes  # a quarter against a year: seasonal effects are noted


def test_statuses() -> None:
    assert efficiency_progress(commitment(), D(2023, 6, 1)).status == "not_started"
    assert efficiency_progress(commitment(Q1_2024), D(2024, 3, 30)).status == "not_started"  # not ended yet
    slow = Reading(start=D(2024, 1, 1), end=D(2024, 12, 31), value=366 * 990)
    assert efficiency_progress(commitment(slow), D(2025, 1, 10)).status == "off_track"
    done = Reading(start=D(2025, 1, 1), end=D(2025, 12, 31), value=365 * 880)
    assert efficiency_progress(commitment(slow, done), D(2026, 2, 1)).status == "achieved"
    assert efficiency_progress(commitment(slow), D(2026, 2, 1)).status == "missed"
    # a reading after the deadline does not rescue a missed commitment
    late = Reading(start=D(2026, 1, 1), end=D(2026, 3, 31), value=90 * 800)
    assert efficiency_progress(commitment(slow, late), D(2026, 6, 1)).status == "missed"


def test_readings_in_another_unit_are_converted() -> None:
    mwh = Reading(start=D(2024, 1, 1), end=D(2024, 3, 31), value=91 * 0.95, unit="MWh")
    p = efficiency_progress(commitment(mwh), D(2024, 4, 15))
    assert p.latest is not None and p.latest.per_day == pytest.approx(950)


def test_programme_summary() -> None:
    slow = Reading(start=D(2024, 1, 1), end=D(2024, 12, 31), value=366 * 990)
    done = Reading(start=D(2024, 1, 1), end=D(2024, 12, 31), value=366 * 880)
    cs = [
        commitment(cid="a"),
        commitment(Q1_2024, cid="b"),
        commitment(slow, cid="c", resource="water"),
        commitment(done, cid="d"),
    ]
    s = programme_summary(cs, D(2025, 1, 10))
    assert s.committed == 4 and s.achieved == 1 and s.on_track == 2
    assert s.by_status == {"not_started": 1, "on_track": 1, "off_track": 1, "achieved": 1, "missed": 0}
    assert s.by_resource == {"electricity in public buildings": 3, "water": 1}


@given(cut=st.floats(0, 0.2), days=st.integers(28, 400))
def test_progress_is_proportional_to_the_cut(cut: float, days: int) -> None:
    # 0 % progress at the baseline rate, 100 % at 0.9 × baseline, whatever the reading's length.
    r = Reading(
        start=D(2024, 1, 1), end=D(2024, 1, 1) + dt.timedelta(days=days - 1), value=days * 1000 * (1 - cut)
    )
    p = efficiency_progress(commitment(r), D(2025, 6, 1))
    assert p.progress_pct == pytest.approx(cut / 0.1 * 100, abs=1e-6)
    assert p.latest is not None
    assert (p.status == "achieved") == (p.latest.per_day <= 900)
