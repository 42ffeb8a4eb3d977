"""The registry ↔ targets-core mapping and the read-side services, on the city of conftest.py.

Worked numbers: every BASIC line is 100 kt in 2019 and 90 kt in 2021; BASIC has 32 lines, so the base is
3,200,000 t, 2021 is 2,880,000 t (−10 %). Target −50 % by 2030 → 1,600,000 t; progress = 320,000 / 1,600,000
= 20 %; the straight line in 2021 is 3,200,000 − 1,600,000 × 2/11 = 2,909,091 t → on track.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from localaction.core import clock
from localaction.core.errors import InputError
from localaction.core.targets import CoverageLevel, TargetKind
from localaction.registry import services
from localaction.registry.base.access import SYSTEM
from localaction.registry.base.errors import PermissionDenied, ValidationFailed
from localaction.registry.services import public
from localaction.registry.targets import programmes
from localaction.registry.targets import services as ts
from localaction.registry.targets.models import Target
from tests.registry.targets.conftest import City, inventory


def test_kinds_map_to_the_core() -> None:
    for kind in ("base_year", "fixed_level", "baseline_scenario", "net_zero", "renewable_share"):
        assert ts.KIND_MAP[kind] == TargetKind(kind)
    assert ts.KIND_MAP["intensity"] == TargetKind.INTENSITY_PER_CAPITA  # the older single kind
    assert ts.KIND_MAP["intensity_per_gdp"] == TargetKind.INTENSITY_PER_GDP


def test_target_row_maps_field_by_field(city: City) -> None:
    t = Target(
        jurisdiction=city.world.city_a, kind="intensity_per_capita", base_year=2019, base_intensity=3.2,
        target_year=2030, reduction_pct=40, gases=["co2", "CH4", "CO2e"], gpc_sectors=["I", "II"],
        level="BASIC+", boundary="city", projected_population=1_200_000,
        interim_targets=[{"year": 2025, "emissions_tco2e": 2.5}, {"year": 2027, "reduction_pct": 30}, "junk"],
    )  # fmt: skip
    core = ts.core_target(t)
    assert core.kind == TargetKind.INTENSITY_PER_CAPITA
    assert core.coverage.gases == ("CO2", "CH4")  # canonical names; "CO2e" is not a gas
    assert core.coverage.level == CoverageLevel.BASIC_PLUS
    assert core.coverage.gpc_sectors == ("I", "II")
    assert [(i.year, i.value, i.reduction_pct) for i in core.interim_targets] == [
        (2025, 2.5, None),
        (2027, None, 30),
    ]
    assert core.target_id == str(t.series)


def test_inventory_point_keeps_only_its_level(city: City) -> None:
    p = ts.inventory_point(city.inventories[0])
    assert p is not None
    assert set(p.totals_tco2e) == {CoverageLevel.BASIC}  # a BASIC inventory has no BASIC+ total
    assert p.totals_tco2e[CoverageLevel.BASIC] == pytest.approx(3_200_000)
    assert p.population == 1_000_000
    assert set(p.by_sector_tco2e) >= {"I", "II", "III"}


def test_progress_worked_example(city: City, pin_today: Callable[[dt.date], None]) -> None:
    pin_today(dt.date(2024, 6, 1))  # the 2025 interim year has not passed yet
    m = ts.progress_of(None, city.target).target
    assert m.result == "comparable"
    assert m.base_value == pytest.approx(3_200_000) and m.latest_value == pytest.approx(2_880_000)
    assert m.progress_pct == pytest.approx(20.0)
    assert m.expected_value == pytest.approx(3_200_000 - 1_600_000 * 2 / 11)
    assert m.status == "on_track"
    interim = ts.progress_of(None, city.target).interim[0]
    assert interim.milestone_year == 2025 and interim.progress_pct == pytest.approx(40.0)
    # The jurisdiction page's summary now comes from the engine.
    simple = public.target_progress(city.target, public.inventory_series(None, city.world.city_a))
    assert simple is not None and simple.achieved_pct == pytest.approx(20.0) and simple.on_track is True
    # From 2026 on, the 2025 interim year has passed with no inventory for it or after it (the latest is
    # 2021): not reported for that year, rather than a rate "needed" for a year gone by.
    pin_today(dt.date(2026, 3, 1))
    late = ts.progress_of(None, city.target).interim[0]
    assert late.result == "not_comparable" and late.code == "progress.not_reported"


@pytest.mark.today("2026-06-15")  # before the 2030 target year
def test_coverage_mismatch_gives_no_figure(city: City) -> None:
    ed = city.world.users["editor_a"]
    t = services.create_target(ed, city.world.city_a, kind="base_year", base_year=2019, reduction_pct=30,
                               base_emissions_tco2e=3_200_000, target_year=2030, level="BASIC+")  # fmt: skip
    m = ts.progress_of(ed, t).target
    assert m.result == "not_comparable" and m.code == "coverage.level"
    assert public.target_progress(t, public.inventory_series(None, city.world.city_a)) is None


@pytest.mark.today("2026-06-15")  # before the 2030 target year
def test_drafts_count_for_members_only(city: City) -> None:
    ed = city.world.users["editor_a"]
    draft = services.create_inventory(ed, city.world.city_a, year=2023, population=1_000_000)
    from tests.factories import complete_lines

    services.replace_contents(ed, draft, revision=draft.revision, lines=complete_lines(80_000.0))
    assert [p.year for p in ts.inventory_points(None, city.world.city_a)] == [2019, 2021]
    assert [p.year for p in ts.inventory_points(ed, city.world.city_a)] == [2019, 2021, 2023]
    assert [p.year for p in ts.inventory_points(city.world.users["editor_b"], city.world.city_a)] == [
        2019,
        2021,
    ]
    assert ts.progress_of(ed, city.target).target.latest_year == 2023
    assert ts.progress_of(None, city.target).target.latest_year == 2021


def test_base_mismatch_warning_shows_both_numbers(city: City) -> None:
    ed = city.world.users["editor_a"]
    t = services.create_target(ed, city.world.city_a, kind="base_year", base_year=2019,
                               base_emissions_tco2e=3_500_000, reduction_pct=50, target_year=2030)  # fmt: skip
    found = {i.code: i for i in ts.target_issues(ed, t)}
    w = found["target.base_mismatch"]
    assert w.field == "base_emissions_tco2e" and w.severity == "warning"
    assert "3,500,000" in w.message and "3,200,000" in w.message


def test_core_errors_block_saving_next_to_the_field(city: City) -> None:
    ed = city.world.users["editor_a"]
    with pytest.raises(ValidationFailed) as exc:
        services.create_target(ed, city.world.city_a, kind="base_year", base_year=2019, reduction_pct=50,
                               base_emissions_tco2e=3_200_000, target_year=2030, gpc_sectors=["I"], gases=["CO2"], interim_targets=[{"year": 2040, "reduction_pct": 10}])  # fmt: skip
    fields = {d.loc[0] for d in exc.value.details}
    assert "interim_targets" in fields
    assert (
        Target.objects.filter(base_year=2019, target_year=2030, reduction_pct=50).count() == 1
    )  # nothing saved


def test_pathway_gap_and_double_counting(city: City) -> None:
    # Constant BAU 2,880,000 (no population projection); actions −200,000 from 2024, −150,000 from 2025
    # → 2,530,000 in 2030; target 1,600,000 → gap 930,000 t = 32.3 % of BAU.
    p = ts.pathway_of(None, city.target)
    assert p.with_actions_target_year_tco2e == pytest.approx(2_530_000)
    assert p.gap_tco2e == pytest.approx(930_000)
    assert p.gap_pct_of_bau == pytest.approx(930_000 / 2_880_000 * 100)
    assert all(a.counted for a in p.actions)
    ed = city.world.users["editor_a"]
    services.create_action(ed, city.world.city_a, title="Bus rapid transit lines", action_type="mitigation",
                           gpc_sectors=["II"], start_date=dt.date(2024, 6, 1), reduction_tco2e_per_yr=200_000.0)  # fmt: skip
    flagged = ts.pathway_of(ed, city.target).double_counting
    assert flagged and flagged[0].kind == "duplicate"
    assert not ts.pathway_of(None, city.target).double_counting  # the public does not see the draft


def test_action_linked_to_another_target_is_not_counted(city: City) -> None:
    ed = city.world.users["editor_a"]
    a = services.create_action(ed, city.world.city_a, title="Solar", action_type="mitigation", gpc_sectors=["I"],
                               start_date=dt.date(2026, 1, 1), reduction_tco2e_per_yr=1000.0,
                               target_series=[str(city.draft_target.series)])  # fmt: skip
    uses = {u.action_id: u for u in ts.pathway_of(ed, city.target).actions}
    assert uses[str(a.pk)].counted is False


def test_pathway_for_a_non_ghg_target_is_an_input_error(city: City) -> None:
    ed = city.world.users["editor_a"]
    t = services.create_target(ed, city.world.city_a, kind="renewable_share", base_year=2019, base_value=10,
                               target_value=40, unit="%", target_year=2030)  # fmt: skip
    with pytest.raises(InputError) as exc:
        ts.pathway_of(ed, t)
    assert exc.value.code == "pathway.not_ghg"


def test_milestones_and_overdue(city: City) -> None:
    # Committed 2018-03-01 (conftest, initiative gcom by default): the GCoM rules apply (from 2017-01-01).
    jur = city.world.city_a
    report = programmes.milestones(jur, as_of=clock.today())  # the target was published today
    assert report is not None and report.framework == "gcom" and "2018-03-01" in report.chosen_because
    status = {i.item: i.status for i in report.items}
    assert status["mitigation_target"] == "met" and status["risk_vulnerability_assessment"] == "overdue"
    assert programmes.milestones(city.world.city_b) is None
    rows = programmes.overdue(city.world.users["reviewer"])
    assert [r.jurisdiction.slug for r in rows] == ["sao-paulo"]
    with pytest.raises(PermissionDenied):
        programmes.overdue(city.world.users["editor_a"])
    programmes.add_evidence(city.world.users["editor_a"], jur, item="mitigation_plan", title="Climate plan",
                            submitted_on=dt.date(2020, 6, 1))  # fmt: skip
    status = {i.item: i.status for i in programmes.milestones(jur).items}  # type: ignore[union-attr]
    assert status["mitigation_plan"] == "met"


def test_recent_inventory_meets_the_inventory_milestone(city: City) -> None:
    year = clock.today().year - 1
    inventory(city.world, year, 50_000.0)
    status = {i.item: i.status for i in programmes.milestones(city.world.city_a).items}  # type: ignore[union-attr]
    assert status["inventory"] == "met"


def test_a_compact_commitment_is_judged_on_the_compact_rules(city: City) -> None:
    # Committed to the Compact on 2015-06-01 (before 2017): Compact rules, 1 / 2 / 3 years.
    jur = city.world.city_a
    programmes.set_framework_commitment(
        SYSTEM, jur, framework="compact_of_mayors", committed_on=dt.date(2015, 6, 1)
    )
    report = programmes.milestones(jur)
    assert report is not None and report.framework == "compact_of_mayors"
    due = {i.item: i.due_on for i in report.items}
    assert due["inventory_initial"] == dt.date(2016, 6, 1) and due["target"] == dt.date(2017, 6, 1)
    assert due["inventory_basic"] == dt.date(2018, 6, 1)


def test_the_commitment_must_be_covered_by_rules(city: City) -> None:
    for kwargs, field in (
        ({"committed_on": dt.date(2013, 1, 1)}, "committed_on"),  # before the Compact
        ({"committed_on": dt.date(2019, 1, 1), "framework": "covenant_2008"}, "framework"),
    ):
        with pytest.raises(ValidationFailed) as exc:
            programmes.set_framework_commitment(SYSTEM, city.world.city_a, **kwargs)  # type: ignore[arg-type]
        assert exc.value.details[0].loc == (field,)


def test_evidence_kinds_match_the_core() -> None:
    from localaction.core.targets import EVIDENCE_KINDS
    from localaction.registry.targets.models.programmes import MILESTONE_ITEMS

    assert sorted(k for k, _ in MILESTONE_ITEMS) == sorted(EVIDENCE_KINDS)


def test_gcom_inventory_without_waste_does_not_count(city: City) -> None:
    # The issue's case through the registry: a published inventory with values in I, II and IV only (waste
    # lines "NO") does not meet the GCoM inventory item; the reason names the missing sector.
    from tests.factories import complete_lines

    ed = city.world.users["editor_a"]
    lines = [
        line if not line["gpc_ref"].startswith("III") else
        {"gpc_ref": line["gpc_ref"], "notation_keys": ["NO"], "explanation": "test: no waste"}
        for line in complete_lines(10.0)
    ]  # fmt: skip
    inv = services.create_inventory(ed, city.world.city_a, year=2019, population=1_000_000)
    inv = services.replace_contents(ed, inv, revision=inv.revision, lines=lines)
    from tests.registry.targets.conftest import publish

    publish(city.world, inv)
    programmes.set_framework_commitment(SYSTEM, city.world.city_a, committed_on=dt.date(2025, 1, 1))
    item = next(i for i in programmes.milestones(city.world.city_a).items if i.item == "inventory")  # type: ignore[union-attr]
    # The conftest's own 2019 and 2021 inventories cover I, II and III: they count; this one is listed.
    assert item.status == "met"
    assert any(p.endswith("waste (III) missing") for p in item.problems), item.problems


def test_efficiency_progress_and_summary(city: City) -> None:
    # Baseline 365,000 kWh in 2022 = 1,000 kWh/day; July 2023 - June 2024: 347,700 kWh / 366 days = 950
    # kWh/day, a 5 % cut -> 50 %. Its midpoint 2023-12-30 is 363 of 1,096 days in; the line there is
    # 1,000 − 100 × 363/1,096 = 966.9 kWh/day: on track.
    e = programmes.efficiency_of(city.commitment, as_of=dt.date(2024, 8, 1))
    assert e is not None and e.progress_pct == pytest.approx(50.0) and e.status == "on_track"
    assert e.decided_by is not None and (e.decided_by.start, e.decided_by.end) == (
        dt.date(2023, 7, 1),
        dt.date(2024, 6, 30),
    )
    assert programmes.efficiency_of(city.draft_commitment) is not None
    public_summary = programmes.summary(None, as_of=dt.date(2024, 8, 1))
    assert public_summary.committed == 1  # the draft stays private
    assert programmes.summary(city.world.users["reviewer"], as_of=dt.date(2024, 8, 1)).committed == 2


def test_readings_before_the_start_or_overlapping_are_refused(city: City) -> None:
    ed = city.world.users["editor_a"]
    cases = [
        (dt.date(2022, 12, 1), dt.date(2023, 1, 31), "before the programme's start 2023-01-01"),
        (dt.date(2024, 6, 1), dt.date(2024, 8, 31), "overlaps the reading 2023-07-01…2024-06-30"),
    ]
    for start, end, words in cases:
        with pytest.raises(ValidationFailed) as exc:
            programmes.add_reading(ed, city.commitment, start=start, end=end, value=1000)
        assert exc.value.details[0].loc == ("start",) and words in exc.value.details[0].msg
    assert len(programmes.readings_of(city.commitment)) == 1  # nothing was written
    programmes.add_reading(
        ed, city.commitment, start=dt.date(2024, 7, 1), end=dt.date(2024, 9, 30), value=1000
    )
    # The draft (fleet fuel, baseline 2022) likewise: two 2024 readings overlapping in March.
    programmes.add_reading(
        ed, city.draft_commitment, start=dt.date(2024, 1, 1), end=dt.date(2024, 3, 31), value=1
    )
    with pytest.raises(ValidationFailed):
        programmes.add_reading(
            ed, city.draft_commitment, start=dt.date(2024, 3, 1), end=dt.date(2024, 3, 31), value=1
        )


def test_readings_permissions_and_validation(city: City) -> None:
    with pytest.raises(PermissionDenied):
        programmes.add_reading(city.world.users["reviewer"], city.commitment, start=dt.date(2024, 4, 1),
                               end=dt.date(2024, 6, 30), value=1)  # fmt: skip
    with pytest.raises(ValidationFailed) as exc:
        programmes.add_reading(city.world.users["editor_a"], city.commitment, start=dt.date(2024, 4, 1),
                               end=dt.date(2024, 3, 1), value=1)  # fmt: skip
    assert exc.value.details[0].loc == ("end",)
    from localaction.registry.base.errors import Conflict

    with pytest.raises(Conflict):
        programmes.delete_reading(city.world.users["editor_a"], city.reading.pk, revision=99)
    programmes.delete_reading(city.world.users["editor_a"], city.reading.pk, revision=city.reading.revision)
    assert programmes.readings_of(city.commitment) == []


def test_framework_commitment_needs_rights(city: City) -> None:
    with pytest.raises(PermissionDenied):
        programmes.set_framework_commitment(city.world.users["editor_b"], city.world.city_a,
                                            committed_on=dt.date(2019, 1, 1))  # fmt: skip
    row = programmes.set_framework_commitment(SYSTEM, city.world.city_a, committed_on=dt.date(2019, 1, 1))
    assert row.committed_on == dt.date(2019, 1, 1) and row.revision == 2
