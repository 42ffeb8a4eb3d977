"""Every shipped framework loads, reaches forms and exports, and its worked example validates, scores as
computed by hand below, and renders."""

from __future__ import annotations

import json

import pytest

from localaction.core.frameworks import (
    EXPORT_COLUMNS,
    Framework,
    check_answers,
    compare_reports,
    example_report,
    example_reports,
    export_rows,
    form_schema,
    get_framework,
    radar_chart,
    radar_data,
    score,
    shipped_frameworks,
    validate_answers,
)
from localaction.core.frameworks.shipped import framework_files

FRAMEWORKS = {fw.key: fw for fw in shipped_frameworks()}


def test_the_expected_frameworks_are_shipped() -> None:
    assert {fw.theme for fw in FRAMEWORKS.values()} >= {
        "biodiversity",
        "resilience",
        "city_indicators",
        "mobility",
        "water",
        "health_happiness",
    }
    assert len(FRAMEWORKS) == len(framework_files())


@pytest.mark.parametrize("key", sorted(FRAMEWORKS))
def test_every_indicator_reaches_forms_and_exports(key: str) -> None:
    fw = FRAMEWORKS[key]
    declared = [ind.id for _, ind in fw.indicators()]
    schema = json.loads(json.dumps(form_schema(fw)))  # JSON-able
    in_form = [f["id"] for s in schema["sections"] for f in s["fields"]]
    assert in_form == declared
    for section in schema["sections"]:
        for field in section["fields"]:
            ind = fw.indicator(field["id"])
            assert field["label"] and field["type"] == ind.type.value
            assert [c["id"] for c in field.get("columns", [])] == [c.id for c in ind.columns]
    report = validate_answers(fw, example_report(fw.id, fw.edition))
    rows = export_rows(fw, report, score(fw, report))
    assert [r["indicator"] for r in rows] == declared
    assert all(list(r) == EXPORT_COLUMNS for r in rows)
    json.dumps(rows)
    assert fw.source.title and (fw.verified or fw.notes), "an unverified framework says what is unchecked"


@pytest.mark.parametrize("key", sorted(FRAMEWORKS))
def test_every_example_validates_and_renders(key: str) -> None:
    fw = FRAMEWORKS[key]
    report = validate_answers(fw, example_report(fw.id, fw.edition))
    assert not report.problems
    assert set(report.values) >= {ind.id for _, ind in fw.indicators() if ind.required}
    scores = score(fw, report)
    if fw.chart:
        points = radar_data(fw, scores)
        fig = radar_chart(fw, scores)
        assert list(fig.data[0].r) == [p.plotted for p in points]
        json.loads(fig.to_json())


def test_every_example_is_for_a_shipped_framework() -> None:
    keys = {f"{d['framework']}@{d['edition']}" for d in example_reports()}
    assert keys == set(FRAMEWORKS)


def scores_of(
    framework_id: str,
) -> tuple[Framework, dict[str, float | None], dict[str, float | None], float | None]:
    fw = get_framework(framework_id)
    s = score(fw, validate_answers(fw, example_report(framework_id)))
    return fw, {i.id: i.score for i in s.indicators}, {x.id: x.score for x in s.sections}, s.total


def test_singapore_index_example_scores() -> None:
    fw, ind, sec, total = scores_of("singapore_index")
    assert fw.edition == "2014" and fw.indicator_count == 25 and fw.scoring and fw.scoring.max_total == 92
    # 1: 1850/10000 = 18.5 % -> 3   2: 640 ha -> 2   3: 35 birds -> 2   4-8: +3, +2, 0, +1, -1 -> 3, 2, 0, 1, 0
    # 9: 6.2 % -> 2   10: 45/600 = 7.5 % (lower is better) -> 3                      native biodiversity = 18
    # 11: 4100/9500 of the terrestrial area = 43.2 % -> 2   12: 2200/9500 = 23.2 % -> 2
    # 13: 950 ha / 1.2 M x 1000 = 0.79 -> 3   14: 0.75 visits -> 0                        services = 7
    # 15: 30/1200 = 2.5 % -> 2   16: 25 -> 2   17: aligned, 1-3 initiatives -> 3   18: 4 -> 3   19: 6 -> 4
    # 20: partly in place -> 3   21: 15 -> 3   22: primary -> 2   23: 120 -> 2         governance = 24
    # total 18 + 7 + 24 = 49 of 92
    assert [ind[i.id] for _, i in fw.indicators() if i.scored] == [
        3, 2, 2, 3, 2, 0, 1, 0, 2, 3, 2, 2, 3, 0, 2, 2, 3, 3, 4, 3, 3, 2, 2,
    ]  # fmt: skip
    assert sec == {"native_biodiversity": 18, "ecosystem_services": 7, "governance_management": 24}
    assert total == 49
    # the radar has one axis per scored indicator and plots exactly the scores
    points = radar_data(fw, score(fw, example_report("singapore_index")))
    assert [p.plotted for p in points] == [ind[p.axis] for p in points] and len(points) == 23


def test_resilience_self_assessment_example_scores() -> None:
    fw, _, sec, total = scores_of("resilience_self_assessment")
    # each essential is the mean of its two questions: (2+3)/2, (3+2)/2, (1+0)/2, (2+2)/2, (1+2)/2,
    # (2+1)/2, (1+1)/2, (2+1)/2, (3+3)/2, (0+1)/2; the total sums all 20 answers: 33 of 60
    assert list(sec.values()) == [2.5, 2.5, 0.5, 2.0, 1.5, 1.5, 1.0, 1.5, 3.0, 0.5]
    assert total == 33
    s = score(fw, example_report(fw.id))
    assert [p.plotted for p in radar_data(fw, s)] == list(sec.values())  # the radar's data is the scores
    fig = radar_chart(fw, s)
    assert list(fig.data[0].r) == list(sec.values())
    assert list(fig.data[0].theta) == [x.title for x in fw.sections]


def test_mobility_example_scores_and_derives() -> None:
    fw, _, sec, total = scores_of("mobility_shift_style")
    # enablers (4+3+3+2)/4 = 3; systems (4+3+4+2+2)/5 = 3; results (3+3+2)/3 = 2.667; total 35 of 60
    assert sec["enablers"] == 3 and sec["systems_services"] == 3 and sec["results"] == pytest.approx(8 / 3)
    assert total == 35
    r = validate_answers(fw, example_report(fw.id))
    assert r.value_of("sustainable_mode_share") == 61  # 28 + 9 + 24
    assert r.value_of("road_deaths_per_100k") == pytest.approx(3.5)  # 42 / 1.2 M x 100 000


def test_water_example_derives() -> None:
    fw = get_framework("water_security")
    r = validate_answers(fw, example_report(fw.id))
    assert r.value_of("non_revenue_water") == pytest.approx(22.5)  # (80 M - 62 M) / 80 M
    assert r.value_of("domestic_water_lpcd") == pytest.approx(100)  # 43.8 M m3 x 1000 / 365 / 1.2 M
    assert r.values["non_revenue_water"].year == 2022
    assert score(fw, r).total is None  # not a scored framework


def test_city_indicators_example() -> None:
    fw = get_framework("city_indicators")
    assert len(fw.sections) == 19 and fw.require_data_year
    r = validate_answers(fw, example_report(fw.id))
    assert r.value_of("unemployment_rate") == pytest.approx(7)  # 42 000 / 600 000
    assert r.value_of("physicians_per_100k") == pytest.approx(300)  # 3 600 / 1.2 M x 100 000
    assert all(v.year for v in r.values.values())
    levels = {ind.level for _, ind in fw.indicators()}
    assert levels == {"core", "supporting", "profile"}  # profile: context, not an ISO 37120 indicator
    doc = example_report(fw.id)
    del doc["answers"]["gini_index"]["year"]
    (missing,) = check_answers(fw, doc).errors  # every value carries its data year
    assert missing.loc == ["answers", "gini_index", "year"] and "give the year" in missing.msg


def test_hazard_register_example() -> None:
    fw = get_framework("hazard_register")
    hazard = fw.indicator("hazards").columns[0]
    assert len(hazard.choices) == 35 and len({c.group for c in hazard.choices}) == 10
    r = validate_answers(fw, example_report(fw.id))
    rows = r.value_of("hazards")
    assert isinstance(rows, list) and [row["hazard"] for row in rows] == [
        "heat_wave",
        "river_flood",
        "drought",
    ]


def test_comparison_of_two_singapore_applications() -> None:
    fw = get_framework("singapore_index")
    latest = example_report(fw.id)
    baseline = json.loads(json.dumps(latest))
    baseline["year"] = 2019
    baseline["answers"]["natural_areas"] = {"numerator": 1200, "denominator": 10000}  # 12 % -> 2
    baseline["answers"]["outreach_events"] = 40  # -> 1
    c = compare_reports(fw, baseline, latest)
    assert c.total_change == 2 and c.baseline_total == 47 and c.latest_total == 49
    nat = next(i for i in c.indicators if i.id == "natural_areas")
    assert nat.change == pytest.approx(6.5) and nat.direction == "improved"
    fig = radar_chart(fw, score(fw, latest), baseline=score(fw, baseline))
    assert [t.name for t in fig.data] == ["baseline", "latest"]
