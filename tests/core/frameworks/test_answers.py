"""Answers: each type, each validation rule, derived values, cross-checks, scoring bands, comparison, charts."""

from __future__ import annotations

from typing import Any

import pytest

from localaction.core.errors import InputError
from localaction.core.frameworks import (
    Framework,
    check_answers,
    compare_reports,
    radar_chart,
    score,
    validate_answers,
)
from localaction.core.frameworks.scoring import indicator_score


def doc(**answers: Any) -> dict[str, Any]:
    return {"framework": "tiny", "edition": "1", "jurisdiction": "X", "year": 2023, "answers": answers}


def errors(fw: Framework, **answers: Any) -> list[str]:
    return [f"{'.'.join(map(str, p.loc))}: {p.msg}" for p in check_answers(fw, doc(**answers)).errors]


def test_percentage_from_numerator_and_denominator(tiny: Framework) -> None:
    r = validate_answers(tiny, doc(share={"numerator": 1, "denominator": 8, "year": 2022, "source": "map"}))
    v = r.values["share"]
    assert (v.value, v.numerator, v.denominator, v.year, v.source) == (12.5, 1, 8, 2022, "map")
    assert errors(tiny, share={"numerator": 1, "denominator": 0})[0].endswith("must be above zero")
    assert "give the denominator" in errors(tiny, share={"numerator": 1})[0]
    assert "does not match" in errors(tiny, share={"numerator": 1, "denominator": 8, "value": 20})[0]
    assert "above the maximum 100" in errors(tiny, share={"numerator": 9, "denominator": 8})[0]
    assert "share.numerator" in errors(tiny, share={"numerator": -1, "denominator": 8})[0]


def test_ratio_uses_its_multiplier(tiny: Framework) -> None:
    r = validate_answers(
        tiny, doc(share={"numerator": 1, "denominator": 2}, rate={"numerator": 3, "denominator": 1500})
    )
    assert r.values["rate"].value == pytest.approx(2.0)  # 3 / 1500 x 1000


def test_number_rules(tiny: Framework) -> None:
    base = {"share": {"numerator": 1, "denominator": 2}}
    assert "not a whole number" in errors(tiny, **base, count=2.5)[0]
    assert "below the minimum 0" in errors(tiny, **base, count=-1)[0]
    assert "expected a number" in errors(tiny, **base, count="three")[0]
    assert "expected a number" in errors(tiny, **base, count=True)[0]  # a boolean is not a number


def test_yes_no_choice_multi_text(tiny: Framework) -> None:
    base = {"share": {"numerator": 1, "denominator": 2}}
    r = validate_answers(tiny, doc(**base, flag="Yes", pick="high", many=["x", "z"], note="Fine"))
    assert (r.value_of("flag"), r.value_of("pick"), r.value_of("many"), r.value_of("note")) == (
        True,
        "high",
        ["x", "z"],
        "Fine",
    )
    assert "expected yes or no" in errors(tiny, **base, flag="maybe")[0]
    assert "not one of: low, high" in errors(tiny, **base, pick="medium")[0]
    assert "select at most 2" in " ".join(errors(tiny, **base, many=["x", "y", "z"]))
    assert "selected twice" in " ".join(errors(tiny, **base, many=["x", "x"]))
    assert "'w' is not one of" in errors(tiny, **base, many=["w"])[0]
    assert "longer than 10" in errors(tiny, **base, note="Far too long a note")[0]
    assert "expected form" in errors(tiny, **base, note="lowercase")[0]


def test_table_rows(tiny: Framework) -> None:
    base = {"share": {"numerator": 1, "denominator": 2}}
    rows = [{"name": "a", "size": 1, "kind": "p"}, {"name": "b"}]
    assert validate_answers(tiny, doc(**base, rows=rows)).value_of("rows") == [
        {"name": "a", "size": 1.0, "kind": "p"},
        {"name": "b"},
    ]
    bad = [{"name": "a", "size": -1}, {"name": "a", "kind": "r"}, {"size": 2, "colour": "red"}, "row"]
    found = errors(tiny, **base, rows=bad)
    assert "answers.rows.value.0.size: -1 is below the minimum 0" in found
    assert "answers.rows.value.1.name: 'a' appears in two rows" in found
    assert any(f.startswith("answers.rows.value.1.kind: 'r' is not one of") for f in found)
    assert "answers.rows.value.2.name: required: Name" in found
    assert any(f.startswith("answers.rows.value.2.colour: not a column") for f in found)
    assert any(f.startswith("answers.rows.value.3: a row is a mapping") for f in found)


def test_required_unknown_header_and_drafts(tiny: Framework) -> None:
    found = errors(tiny, nope=1)
    assert "answers.nope: not an indicator of Tiny (1)" in found
    assert "answers.share: required: A share" in found
    assert not check_answers(tiny, doc(), complete=False).errors  # a draft may be incomplete
    wrong = check_answers(
        tiny, {"framework": "other", "edition": "2", "colour": 1, "answers": {}}, complete=False
    )
    assert {p.loc[0] for p in wrong.errors} == {"framework", "edition", "colour"}
    with pytest.raises(InputError) as exc:
        validate_answers(tiny, doc(nope=1))
    assert exc.value.code == "invalid_answers" and len(exc.value.details) == 2


def test_data_year_after_the_report_is_a_warning(tiny: Framework) -> None:
    r = check_answers(tiny, doc(share={"numerator": 1, "denominator": 2, "year": 2024}))
    assert not r.errors and "after the reporting year" in r.warnings[0].msg


def test_derived_values_and_rules(tiny: Framework) -> None:
    r = validate_answers(tiny, doc(share={"numerator": 3, "denominator": 4, "year": 2021}, count=5))
    assert r.values["doubled"].value == 13  # 5 x 2 + 3
    assert r.values["doubled"].derived and r.values["doubled"].year == 2021
    assert "doubled" not in validate_answers(tiny, doc(share={"numerator": 3, "denominator": 4})).values
    assert "computed from a formula" in errors(tiny, share={"numerator": 1, "denominator": 2}, doubled=4)[0]
    r = check_answers(tiny, doc(share={"numerator": 1, "denominator": 2}, count=101))
    assert [w.msg for w in r.warnings] == ["count is implausible"]


# Indicator 1 of the Singapore Index: <1 % = 0, 1-6.9 % = 1, 7-13.9 % = 2, 14-20 % = 3, >20 % = 4.
@pytest.mark.parametrize(
    ("percent", "expected"),
    [
        (0, 0),
        (0.99, 0),
        (1, 1),
        (6.9, 1),
        (6.95, 1),
        (7, 2),
        (13.99, 2),
        (14, 3),
        (20, 3),
        (20.01, 4),
        (100, 4),
    ],
)
def test_percentage_bands_at_their_edges(tiny: Framework, percent: float, expected: int) -> None:
    assert indicator_score(tiny.indicator("share"), percent)[0] == expected


@pytest.mark.parametrize(("count", "expected"), [(0, 0), (2, 0), (3, 1), (5, 1), (6, 2), (600, 2)])
def test_whole_number_bands(tiny: Framework, count: int, expected: int) -> None:
    assert indicator_score(tiny.indicator("count"), float(count))[0] == expected


def test_scores_per_type_section_and_total(tiny: Framework) -> None:
    answers = doc(
        share={"numerator": 15, "denominator": 100}, count=4, flag="no", pick="high", many=["x", "y"]
    )
    s = score(tiny, validate_answers(tiny, answers))
    by_id = {i.id: i.score for i in s.indicators}
    # share 15 % -> 3; count 4 -> 1; flag no -> 0; pick high -> 2; two selected -> 2
    assert by_id == {"share": 3, "count": 1, "flag": 0, "pick": 2, "many": 2}
    assert s.section("a").score == 8 and s.section("a").max_score == 12
    assert s.section("b").score is None and s.section("b").scored == 0
    assert (s.total, s.max_total, s.complete) == (8, 12, True)
    partial = score(tiny, doc(share={"numerator": 15, "denominator": 100}))  # a draft document
    assert (partial.total, partial.complete) == (3, False)


def test_compare_baseline_and_latest(tiny: Framework) -> None:
    base = doc(share={"numerator": 5, "denominator": 100}, count=2, pick="low", note="Before")
    last = doc(share={"numerator": 15, "denominator": 100}, count=2, pick="high", note="After")
    base["year"] = 2019
    c = compare_reports(tiny, base, last)
    ch = {i.id: i for i in c.indicators}
    assert ch["share"].change == pytest.approx(10) and ch["share"].change_percent == pytest.approx(200)
    assert (ch["share"].baseline_score, ch["share"].latest_score, ch["share"].direction) == (1, 3, "improved")
    assert ch["count"].direction == "unchanged" and not ch["count"].changed
    assert ch["note"].changed and ch["note"].change is None and ch["note"].direction is None
    assert c.sections[0].change == 4  # (3 + 0 + 2) - (1 + 0 + 0)
    assert (c.baseline_year, c.latest_year, c.total_change) == (2019, 2023, 4)


def test_compare_refuses_another_framework(tiny: Framework) -> None:
    with pytest.raises(InputError):
        compare_reports(tiny, doc(), {"framework": "other", "answers": {}})


def test_radar_needs_a_chart(tiny: Framework) -> None:
    with pytest.raises(InputError):
        radar_chart(tiny, score(tiny, doc()))
