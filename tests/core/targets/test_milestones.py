"""Compact of Mayors and GCoM milestones: both rule sets as data with their sources, chosen by the commitment
and its date, deterministic with dates. Due dates below are worked by hand from the commitment date."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from localaction.core.errors import InputError
from localaction.core.targets import Evidence, add_years, evaluate_milestones, load_rules, parse_rules
from localaction.core.targets.milestones import select_rules

D = dt.date
COMPACT = load_rules("compact_of_mayors")
GCOM = load_rules("gcom")

COMMIT = D(2015, 3, 15)  # a Compact commitment
BASIC_INVENTORY = Evidence(
    item="inventory",
    submitted_on=D(2016, 2, 1),
    inventory_year=2014,
    gpc_sectors=("I", "II", "III"),
    gases=("CO2", "CH4", "N2O"),
    activity_data=True,
    reference="inv-1",
)


def items(report: object) -> dict[str, object]:
    return {i.item: i for i in report.items}  # type: ignore[attr-defined]


def status(report: object, item: str) -> str:
    return items(report)[item].status  # type: ignore[attr-defined, no-any-return]


# --- the shipped rules ----------------------------------------------------------------------------------


def test_compact_rules_1_2_3_years() -> None:
    due = {r.id: r.due_within_years for r in COMPACT.items}
    assert due == {
        "inventory_initial": 1,  # stationary energy and in-boundary transport
        "hazard_identification": 1,
        "inventory_activity_data": 2,
        "target": 2,
        "vulnerability_assessment": 3,
        "inventory_basic": 3,  # I, II, III and CO2, CH4, N2O
        "mitigation_plan": 3,
        "adaptation_plan": 3,
    }
    basic = next(r for r in COMPACT.items if r.id == "inventory_basic")
    assert basic.renew_every_years == 3 and basic.inventory is not None
    assert basic.inventory.required_sectors == ("I", "II", "III")
    assert basic.inventory.required_gases == ("CO2", "CH4", "N2O") and basic.inventory.max_age_years == 3
    initial = next(r for r in COMPACT.items if r.id == "inventory_initial")
    assert initial.inventory is not None and initial.inventory.required_sectors == ("I", "II")


def test_gcom_rules_2_and_3_years_and_the_three_named_sectors() -> None:
    due = {r.id: r.due_within_years for r in GCOM.items}
    assert due == {
        "inventory": 2,
        "risk_vulnerability_assessment": 2,
        "mitigation_target": 3,
        "adaptation_goal": 3,
        "mitigation_plan": 3,
        "adaptation_plan": 3,
    }
    inv = next(r for r in GCOM.items if r.id == "inventory")
    assert inv.inventory is not None and inv.inventory.required_sectors == ("I", "II", "III")
    # Not found for the GCoM, so not applied (and said so in the notes): renewal, age, gases.
    assert inv.renew_every_years is None and inv.inventory.max_age_years is None
    assert inv.inventory.required_gases == ()
    assert "renewal" in GCOM.notes and "gases" in GCOM.notes


@pytest.mark.parametrize("rules", [COMPACT, GCOM], ids=["compact", "gcom"])
def test_every_rule_carries_its_source(rules: object) -> None:
    assert rules.source and rules.applies is not None and "[check" in rules.notes  # type: ignore[attr-defined]
    for item in rules.items:  # type: ignore[attr-defined]
        assert item.source, item.id
        # anything sourced only regionally (or not at all) stays unverified and says [check] or [R]
        if not item.verified:
            assert "[check" in item.source or "[R]" in item.source, item.id
        else:
            assert "[P]" in item.source, item.id
    for badge in rules.badges:  # type: ignore[attr-defined]
        assert badge.source, badge.id


# --- which rules apply -----------------------------------------------------------------------------------


def test_the_commitment_and_its_date_choose_the_rules() -> None:
    assert select_rules("compact_of_mayors", D(2015, 6, 1))[0].framework == "compact_of_mayors"
    assert select_rules("compact_of_mayors", D(2016, 12, 31))[0].framework == "compact_of_mayors"
    assert select_rules("gcom", D(2016, 9, 1))[0].framework == "compact_of_mayors"  # before 2017
    rules, why = select_rules("compact_of_mayors", D(2017, 1, 1))  # the cut-off day itself: GCoM terms
    assert rules.framework == "gcom" and "2017-01-01" in why and "our choice" in why
    assert select_rules("gcom", D(2019, 5, 1))[0].framework == "gcom"
    with pytest.raises(InputError) as e:
        select_rules("gcom", D(2013, 1, 1))  # before the Compact was launched
    assert e.value.code == "milestones.no_rules"
    with pytest.raises(InputError) as e:
        select_rules("covenant_2008", D(2019, 1, 1))
    assert e.value.code == "milestones.unknown_initiative"


def test_the_report_shows_which_rules_applied() -> None:
    r = evaluate_milestones(D(2018, 3, 1), [], D(2019, 1, 1), initiative="gcom")
    assert (r.framework, r.initiative) == ("gcom", "gcom")
    assert "2018-03-01" in r.chosen_because and r.source.startswith("[P]") and "[check" in r.notes
    c = evaluate_milestones(D(2015, 3, 1), [], D(2016, 1, 1), initiative="compact_of_mayors")
    assert c.framework == "compact_of_mayors" and "inventory_initial" in items(c)
    # Rules given by name apply as they are, with no "chosen because".
    assert evaluate_milestones(D(2018, 3, 1), [], D(2019, 1, 1), COMPACT).chosen_because == ""


# --- GCoM: worked example -------------------------------------------------------------------------------


def test_gcom_worked_example() -> None:
    # Committed 2018-03-01: inventory and risk assessment due 2020-03-01; targets, goals, plans 2021-03-01.
    # Inventory (I, II, III) 2019-11-01: met. Hazard assessment 2020-06-01: met, late. Target 2021-01-15: met.
    # As of 2021-06-30: no adaptation goal and no plans: overdue since 2021-03-01.
    evidence = [
        Evidence(
            item="inventory", submitted_on=D(2019, 11, 1), inventory_year=2017, gpc_sectors=("I", "II", "III")
        ),
        Evidence(item="hazard_assessment", submitted_on=D(2020, 6, 1)),
        Evidence(item="target", submitted_on=D(2021, 1, 15)),
    ]
    r = evaluate_milestones(D(2018, 3, 1), evidence, D(2021, 6, 30), initiative="gcom")
    it = items(r)
    assert it["inventory"].status == "met" and it["inventory"].due_on == D(2020, 3, 1)  # type: ignore[attr-defined]
    rva = it["risk_vulnerability_assessment"]
    assert (rva.status, rva.due_on, rva.late) == ("met", D(2020, 3, 1), True)  # type: ignore[attr-defined]
    assert it["mitigation_target"].status == "met"  # type: ignore[attr-defined]
    for overdue in ("adaptation_goal", "mitigation_plan", "adaptation_plan"):
        assert (it[overdue].status, it[overdue].due_on) == ("overdue", D(2021, 3, 1))  # type: ignore[attr-defined]
    badges = {b.badge: b for b in r.badges}
    assert badges["mitigation_inventory"].status == "earned"
    assert badges["mitigation_inventory"].earned_on == D(2019, 11, 1)
    assert badges["adaptation_assessment"].earned_on == D(2020, 6, 1)  # each phase on its own
    assert badges["mitigation_plan"].status == "not_earned"
    assert badges["all_phases"].missing == ["adaptation_goal", "mitigation_plan", "adaptation_plan"]


def test_gcom_inventory_needs_waste_not_any_three_sectors() -> None:
    # The case: sectors I, II and IV (IPPU), no waste, came back "met" by a count of three.
    no_waste = Evidence(
        item="inventory", submitted_on=D(2019, 1, 10), gpc_sectors=("I.1.1", "II.1.1", "IV.1")
    )
    r = evaluate_milestones(D(2018, 3, 1), [no_waste], D(2019, 6, 1), GCOM)
    inv = items(r)["inventory"]
    assert inv.status == "due"  # type: ignore[attr-defined]
    assert inv.problems == ["the inventory submitted on 2019-01-10: waste (III) missing"]  # type: ignore[attr-defined]
    two = no_waste.model_copy(update={"gpc_sectors": ("IV.1", "V.1")})
    problem = items(evaluate_milestones(D(2018, 3, 1), [two], D(2019, 6, 1), GCOM))["inventory"].problems[0]  # type: ignore[attr-defined]
    assert problem.endswith("stationary energy (I), transportation (II), waste (III) missing")


# --- Compact: worked examples ---------------------------------------------------------------------------


def test_compact_statuses_with_dates() -> None:
    # Committed 2015-03-15: initial inventory and hazards due 2016-03-15; activity data and target 2017-03-15;
    # the BASIC inventory, vulnerability assessment and plans 2018-03-15.
    # The inventory of 2016-02-01 (I, II, III; CO2, CH4, N2O; activity data) meets the initial, the
    # activity-data and the BASIC items at once; the BASIC one needs renewing by 2019-02-01.
    evidence = [BASIC_INVENTORY, Evidence(item="target", submitted_on=D(2017, 1, 10))]
    r = evaluate_milestones(COMMIT, evidence, D(2018, 6, 30), COMPACT)
    it = items(r)
    for met in ("inventory_initial", "inventory_activity_data", "inventory_basic", "target"):
        assert it[met].status == "met", met  # type: ignore[attr-defined]
    assert it["inventory_initial"].due_on == D(2016, 3, 15)  # type: ignore[attr-defined]
    assert it["inventory_basic"].valid_until == D(2019, 2, 1)  # type: ignore[attr-defined]
    assert it["inventory_basic"].reference == "inv-1"  # type: ignore[attr-defined]
    assert it["hazard_identification"].status == "overdue"  # type: ignore[attr-defined]
    assert (it["mitigation_plan"].status, it["mitigation_plan"].due_on) == ("overdue", D(2018, 3, 15))  # type: ignore[attr-defined]
    badges = {b.badge: b for b in r.badges}
    assert badges["committed"].status == "earned" and badges["committed"].earned_on == COMMIT
    assert badges["inventory"].status == "not_earned" and badges["inventory"].missing == [
        "hazard_identification"
    ]


def test_compact_year_one_inventory_need_not_have_waste_or_three_gases() -> None:
    # Year 1 asks stationary energy and in-boundary transport (CO2e accepted); waste and the three gases are
    # due within 3 years. An inventory of I and II only, CO2 only, meets the first and not the BASIC item.
    partial = BASIC_INVENTORY.model_copy(update={"gpc_sectors": ("I.1.1", "II.1.1"), "gases": ("CO2",)})
    r = evaluate_milestones(COMMIT, [partial], D(2016, 6, 1), COMPACT)
    it = items(r)
    assert it["inventory_initial"].status == "met"  # type: ignore[attr-defined]
    basic = it["inventory_basic"]
    assert basic.status == "due"  # type: ignore[attr-defined]
    assert "waste (III) missing" in basic.problems[0] and "CH4, N2O missing" in basic.problems[0]  # type: ignore[attr-defined]


def test_compact_inventory_must_be_recent_and_disclose_activity_data() -> None:
    old = BASIC_INVENTORY.model_copy(update={"inventory_year": 2011})  # 5 years before 2016
    r = evaluate_milestones(COMMIT, [old], D(2016, 6, 1), COMPACT)
    assert "5 years" in items(r)["inventory_initial"].problems[0]  # type: ignore[attr-defined]
    no_data = BASIC_INVENTORY.model_copy(update={"activity_data": False})
    r = evaluate_milestones(COMMIT, [no_data], D(2016, 6, 1), COMPACT)
    assert "activity data is not disclosed" in items(r)["inventory_activity_data"].problems[0]  # type: ignore[attr-defined]
    assert status(r, "inventory_initial") == "met"


def test_compact_renewal_expires_and_badges_with_it() -> None:
    evidence = [
        BASIC_INVENTORY,
        Evidence(item="hazard_assessment", submitted_on=D(2016, 3, 1)),
        Evidence(item="target", submitted_on=D(2017, 1, 10)),
        Evidence(item="vulnerability_assessment", submitted_on=D(2017, 5, 1)),
        Evidence(item="mitigation_plan", submitted_on=D(2017, 12, 1)),
        Evidence(item="adaptation_plan", submitted_on=D(2017, 11, 1)),
    ]
    r = evaluate_milestones(COMMIT, evidence, D(2018, 1, 1), COMPACT)
    compliant = next(b for b in r.badges if b.badge == "compliant")
    assert compliant.status == "earned"
    assert (compliant.earned_on, compliant.expires_on) == (D(2017, 12, 1), D(2019, 2, 1))
    later = evaluate_milestones(COMMIT, evidence, D(2019, 2, 2), COMPACT)
    assert status(later, "inventory_basic") == "expired"
    assert next(b for b in later.badges if b.badge == "compliant").status == "expired"
    renewed = [
        *evidence,
        BASIC_INVENTORY.model_copy(update={"submitted_on": D(2019, 1, 20), "inventory_year": 2017}),
    ]
    assert status(evaluate_milestones(COMMIT, renewed, D(2019, 2, 2), COMPACT), "inventory_basic") == "met"


def test_due_on_the_day_overdue_the_day_after_and_late_is_recorded() -> None:
    assert status(evaluate_milestones(COMMIT, [], D(2016, 3, 15), COMPACT), "inventory_initial") == "due"
    assert status(evaluate_milestones(COMMIT, [], D(2016, 3, 16), COMPACT), "inventory_initial") == "overdue"
    late = BASIC_INVENTORY.model_copy(update={"submitted_on": D(2016, 9, 1)})
    item = items(evaluate_milestones(COMMIT, [late], D(2016, 10, 1), COMPACT))["inventory_initial"]
    assert item.status == "met" and item.late  # type: ignore[attr-defined]


# --- the rules schema -----------------------------------------------------------------------------------

MINIMAL = {
    "framework": "gcom",
    "version": "x",
    "source": "test",
    "items": [{"id": "inventory", "label": "Inventory", "due_within_years": 2}],
    "badges": [{"id": "inv", "label": "Inventory", "requires": ["inventory"]}],
}


def test_rules_are_data() -> None:
    rules = parse_rules(MINIMAL)
    assert evaluate_milestones(D(2020, 3, 15), [], D(2021, 6, 1), rules).items[0].status == "due"
    with pytest.raises(InputError) as e:
        parse_rules({**MINIMAL, "badges": [{"id": "b", "label": "B", "requires": ["nope"]}]})
    assert e.value.code == "milestones.bad_rules" and "nope" in str(e.value.details)
    with pytest.raises(InputError):
        evaluate_milestones(
            D(2020, 3, 15), [Evidence(item="bogus", submitted_on=D(2020, 3, 15))], D(2020, 3, 15)
        )


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"inventory": {"min_sectors": 3, "required_sector": ["III"]}}, "required_sector"),  # a typo
        ({"renew_every": 3}, "renew_every"),
        ({"inventory": {"required_sectors": ["I", "VII"]}}, "'VII' is not a GPC sector"),
        ({"inventory": {"required_gases": ["CO2", "CO3"]}}, "'CO3' is not a GPC gas"),
        ({"evidence": ["plan"]}, "unknown evidence kind 'plan'"),
    ],
)
def test_unknown_keys_and_values_are_refused(change: dict[str, object], words: str) -> None:
    data = {**MINIMAL, "items": [{**MINIMAL["items"][0], **change}]}  # type: ignore[dict-item]
    with pytest.raises(InputError) as e:
        parse_rules(data, "my_rules.yaml")
    assert e.value.code == "milestones.bad_rules"
    assert words in str(e.value.details) and "my_rules.yaml" in str(e.value.details)
    with pytest.raises(InputError):
        parse_rules({**MINIMAL, "renewal": 3})  # unknown top-level key


def test_leap_day() -> None:
    assert add_years(D(2020, 2, 29), 1) == D(2021, 2, 28)
    assert add_years(D(2020, 2, 29), 4) == D(2024, 2, 29)


@given(
    commit=st.dates(D(2014, 9, 1), D(2030, 12, 31)),
    as_of=st.dates(D(2014, 9, 1), D(2040, 12, 31)),
    sub=st.one_of(st.none(), st.dates(D(2014, 9, 1), D(2040, 12, 31))),
)
def test_deterministic_and_consistent_with_dates(
    commit: dt.date, as_of: dt.date, sub: dt.date | None
) -> None:
    evidence = [] if sub is None else [Evidence(item="target", submitted_on=sub)]
    a = evaluate_milestones(commit, evidence, as_of, initiative="gcom")
    assert a == evaluate_milestones(commit, evidence, as_of, initiative="gcom")
    # The target is due in 2 years under the Compact (before 2017), in 3 under the GCoM.
    item_id, years = ("target", 2) if commit < D(2017, 1, 1) else ("mitigation_target", 3)
    assert a.framework == ("compact_of_mayors" if years == 2 else "gcom")
    item = items(a)[item_id]
    assert item.due_on == add_years(commit, years)  # type: ignore[attr-defined]
    if sub is not None and sub <= as_of:
        assert item.status == "met" and item.late == (sub > item.due_on)  # type: ignore[attr-defined]
    else:
        assert item.status == ("due" if as_of <= item.due_on else "overdue")  # type: ignore[attr-defined]
