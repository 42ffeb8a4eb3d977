"""Compact of Mayors / GCoM milestones: rules as data, deterministic with dates."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from localaction.core.errors import InputError
from localaction.core.targets import Evidence, add_years, evaluate_milestones, load_rules, parse_rules

D = dt.date
COMMIT = D(2020, 3, 15)
GOOD_INVENTORY = Evidence(
    item="inventory",
    submitted_on=D(2021, 2, 1),
    inventory_year=2019,
    gpc_sectors=("I", "II", "III"),
    gases=("CO2", "CH4", "N2O"),
    reference="inv-1",
)


def status(report: object, item: str) -> str:
    return next(i.status for i in report.items if i.item == item)  # type: ignore[attr-defined]


def test_the_shipped_rules() -> None:
    rules = load_rules()
    due = {r.id: r.due_within_years for r in rules.items}
    assert due == {
        "inventory": 1,
        "hazard_assessment": 1,
        "target": 2,
        "mitigation_plan": 3,
        "adaptation_plan": 3,
    }
    inv = next(r for r in rules.items if r.id == "inventory")
    assert inv.renew_every_years == 3 and inv.inventory is not None
    assert (inv.inventory.min_sectors, inv.inventory.min_gases, inv.inventory.max_age_years) == (3, 3, 3)


def test_statuses_with_dates() -> None:
    # Committed 2020-03-15: inventory and hazards due 2021-03-15, target 2022-03-15, plans 2023-03-15.
    # As of 2023-06-30: the inventory (2021-02-01) is met and valid until 2024-02-01; no hazard assessment
    # (overdue since 2021-03-15); target met 2022-01-10; no plans (overdue since 2023-03-15).
    evidence = [GOOD_INVENTORY, Evidence(item="target", submitted_on=D(2022, 1, 10))]
    r = evaluate_milestones(COMMIT, evidence, D(2023, 6, 30))
    items = {i.item: i for i in r.items}
    assert items["inventory"].status == "met" and items["inventory"].valid_until == D(2024, 2, 1)
    assert items["inventory"].due_on == D(2021, 3, 15) and not items["inventory"].late
    assert items["inventory"].reference == "inv-1"
    assert items["hazard_assessment"].status == "overdue"
    assert items["target"].status == "met" and items["target"].due_on == D(2022, 3, 15)
    assert items["mitigation_plan"].status == "overdue" and items["mitigation_plan"].due_on == D(2023, 3, 15)
    badges = {b.badge: b for b in r.badges}
    assert badges["committed"].status == "earned" and badges["committed"].earned_on == COMMIT
    assert badges["inventory"].status == "not_earned" and badges["inventory"].missing == ["hazard_assessment"]


def test_due_before_the_deadline() -> None:
    r = evaluate_milestones(COMMIT, [], D(2021, 3, 15))
    assert status(r, "inventory") == "due"  # due on the day itself, overdue the day after
    assert status(evaluate_milestones(COMMIT, [], D(2021, 3, 16)), "inventory") == "overdue"


def test_inventory_renewal_expires_and_badges_with_it() -> None:
    # Everything in by 2022-12-01; the inventory (2021-02-01) needs renewing by 2024-02-01.
    evidence = [
        GOOD_INVENTORY,
        Evidence(item="hazard_assessment", submitted_on=D(2021, 3, 1)),
        Evidence(item="target", submitted_on=D(2022, 1, 10)),
        Evidence(item="mitigation_plan", submitted_on=D(2022, 12, 1)),
        Evidence(item="adaptation_plan", submitted_on=D(2022, 11, 1)),
    ]
    r = evaluate_milestones(COMMIT, evidence, D(2023, 1, 1))
    compliant = next(b for b in r.badges if b.badge == "compliant")
    assert compliant.status == "earned"
    assert (compliant.earned_on, compliant.expires_on) == (D(2022, 12, 1), D(2024, 2, 1))
    later = evaluate_milestones(COMMIT, evidence, D(2024, 2, 2))
    assert status(later, "inventory") == "expired"
    assert next(b for b in later.badges if b.badge == "compliant").status == "expired"
    renewed = [
        *evidence,
        GOOD_INVENTORY.model_copy(update={"submitted_on": D(2024, 1, 20), "inventory_year": 2022}),
    ]
    assert status(evaluate_milestones(COMMIT, renewed, D(2024, 2, 2)), "inventory") == "met"


def test_an_inventory_must_have_3_sectors_3_gases_and_be_recent() -> None:
    thin = GOOD_INVENTORY.model_copy(update={"gpc_sectors": ("I.1.1", "I.2.1", "II.1.1")})  # sectors I and II
    old = GOOD_INVENTORY.model_copy(update={"inventory_year": 2016})  # 5 years before 2021
    two_gases = GOOD_INVENTORY.model_copy(update={"gases": ("CO2", "co2", "CH4")})
    for ev, words in [(thin, "2 sector"), (old, "5 years"), (two_gases, "gas")]:
        r = evaluate_milestones(COMMIT, [ev], D(2021, 6, 1))
        item = next(i for i in r.items if i.item == "inventory")
        assert item.status == "overdue" and words in item.problems[0]


def test_late_is_recorded() -> None:
    late = GOOD_INVENTORY.model_copy(update={"submitted_on": D(2021, 9, 1)})
    item = evaluate_milestones(COMMIT, [late], D(2021, 10, 1)).items[0]
    assert item.status == "met" and item.late


def test_rules_are_data() -> None:
    # A framework version giving two years for the inventory: only the data changes.
    rules = parse_rules(
        {
            "framework": "gcom",
            "version": "x",
            "source": "test",
            "items": [{"id": "inventory", "label": "Inventory", "due_within_years": 2}],
            "badges": [{"id": "inv", "label": "Inventory", "requires": ["inventory"]}],
        }
    )
    assert evaluate_milestones(COMMIT, [], D(2021, 6, 1), rules).items[0].status == "due"
    with pytest.raises(InputError) as e:
        parse_rules(
            {
                "framework": "x",
                "version": "1",
                "source": "s",
                "items": [],
                "badges": [{"id": "b", "label": "B", "requires": ["nope"]}],
            }
        )
    assert e.value.code == "milestones.bad_rules" and "nope" in str(e.value)
    with pytest.raises(InputError):
        evaluate_milestones(COMMIT, [Evidence(item="bogus", submitted_on=COMMIT)], COMMIT)


def test_leap_day() -> None:
    assert add_years(D(2020, 2, 29), 1) == D(2021, 2, 28)
    assert add_years(D(2020, 2, 29), 4) == D(2024, 2, 29)


@given(
    commit=st.dates(D(2000, 1, 1), D(2030, 12, 31)),
    as_of=st.dates(D(2000, 1, 1), D(2040, 12, 31)),
    sub=st.one_of(st.none(), st.dates(D(2000, 1, 1), D(2040, 12, 31))),
)
def test_deterministic_and_consistent_with_dates(
    commit: dt.date, as_of: dt.date, sub: dt.date | None
) -> None:
    evidence = [] if sub is None else [Evidence(item="target", submitted_on=sub)]
    a = evaluate_milestones(commit, evidence, as_of)
    assert a == evaluate_milestones(commit, evidence, as_of)
    item = next(i for i in a.items if i.item == "target")
    assert item.due_on == add_years(commit, 2)
    if sub is not None and sub <= as_of:
        assert item.status == "met" and item.late == (sub > item.due_on)
    else:
        assert item.status == ("due" if as_of <= item.due_on else "overdue")
