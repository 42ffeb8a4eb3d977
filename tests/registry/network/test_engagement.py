"""Engagement figures on a worked example (pure rules, no database).

Today is 2026-06-01; two years back is 2024-06-01. Active members and what they take part in:

| member | region | office | since | activities | engaged today | not engaged for 2 years |
|---|---|---|---|---|---|---|
| Alpha | Europe | EU | 2010 | network, joined 2025-01-01, still in | yes | no |
| Bravo | Europe | EU | 2012 | project 2019 – 2022-06-30 (ended before the window) | no | yes |
| Charlie | Asia | World | 2025-01-01 (member < 2 years) | none | no | no (too new) |
| Delta | Asia | World | 2015 | programme 2023 – 2024-12-31 (overlaps the window, ended) | no | no |
| Echo | Asia | World | 2016 | none | no | yes |
| Foxtrot | Europe | EU | 2011 | partnership from 2026-07-01 (not started yet) | no | yes |
| Golf (lapsed) | Asia | World | 2010 | network | not counted | not counted |

Active 6, engaged 1 (Alpha) → share 1/6 = 16.7 % < 25 % goal. Europe: 3 active, 1 engaged (33 %),
dormant Bravo and Foxtrot; Asia: 3 active, 0 engaged, dormant Echo.
"""

from __future__ import annotations

import datetime as dt

from localaction.registry.network.engagement import GOAL, Activity, MemberFact, engagement

D = dt.date
MEMBERS = [
    MemberFact(1, "Alpha", "Europe", "EU", "active", D(2010, 1, 1)),
    MemberFact(2, "Bravo", "Europe", "EU", "active", D(2012, 1, 1)),
    MemberFact(3, "Charlie", "Asia", "World", "active", D(2025, 1, 1)),
    MemberFact(4, "Delta", "Asia", "World", "active", D(2015, 1, 1)),
    MemberFact(5, "Echo", "Asia", "World", "active", D(2016, 1, 1)),
    MemberFact(6, "Foxtrot", "Europe", "EU", "active", D(2011, 1, 1)),
    MemberFact(7, "Golf", "Asia", "World", "lapsed", D(2010, 1, 1)),
]
ACTIVITIES = [
    Activity(1, "network", "EcoMobility", D(2025, 1, 1), None),
    Activity(2, "project", "Solar", D(2019, 1, 1), D(2022, 6, 30)),
    Activity(4, "programme", "Green", D(2023, 1, 1), D(2024, 12, 31)),
    Activity(6, "partnership", "Heat", D(2026, 7, 1), None),
    Activity(7, "network", "Food", D(2020, 1, 1), None),
]
TODAY = D(2026, 6, 1)


def test_worked_example_totals() -> None:
    e = engagement(MEMBERS, ACTIVITIES, TODAY)
    assert (e.total.active, e.total.engaged) == (6, 1)
    assert round(e.total.share, 4) == round(1 / 6, 4)
    assert e.goal == GOAL == 0.25
    assert not e.total.meets_goal
    assert e.engaged_ids == {1}
    assert e.dormant_ids == {2, 5, 6}
    assert e.total.dormant == ["Bravo", "Echo", "Foxtrot"]


def test_worked_example_by_region_and_office() -> None:
    e = engagement(MEMBERS, ACTIVITIES, TODAY)
    assert list(e.by_region) == ["Asia", "Europe"]
    eu = e.by_region["Europe"]
    assert (eu.active, eu.engaged, eu.dormant) == (3, 1, ["Bravo", "Foxtrot"])
    assert round(eu.share_pct, 1) == 33.3
    assert eu.meets_goal
    asia = e.by_region["Asia"]
    assert (asia.active, asia.engaged, asia.dormant) == (3, 0, ["Echo"])
    assert e.by_office["EU"].active == 3 and e.by_office["World"].engaged == 0


def test_goal_is_met_at_exactly_a_quarter() -> None:
    # four active members, one in a network: 1/4 = 25 % meets the goal
    ms = [MemberFact(i, f"M{i}", start_date=D(2020, 1, 1)) for i in range(4)]
    e = engagement(ms, [Activity(0, "network", "N", None, None)], TODAY)
    assert e.total.share == 0.25 and e.total.meets_goal


def test_an_activity_ending_today_still_counts_and_29_february_is_handled() -> None:
    e = engagement(
        [MemberFact(1, "A", start_date=D(2020, 1, 1))],
        [Activity(1, "project", "P", None, D(2028, 2, 29))],
        D(2028, 2, 29),
    )
    assert e.engaged_ids == {1} and e.dormant_ids == set()
