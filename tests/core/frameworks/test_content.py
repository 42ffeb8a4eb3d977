"""Framework content against the published sources (issue 22, item 5): the Singapore Index 2014
denominators and verified flags, the 2021 edition's status, ISO 37120's poverty indicator, SHIFT's third
category. The sources are cited in the framework files themselves."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from localaction.core.frameworks import (
    check_answers,
    example_report,
    get_framework,
    score,
    shipped_frameworks,
)

SI = get_framework("singapore_index")


def si_doc(**answers: Any) -> dict[str, Any]:
    doc = copy.deepcopy(example_report("singapore_index"))
    doc["answers"].update(answers)
    return doc


def test_indicators_11_and_12_divide_by_the_terrestrial_area() -> None:
    for ind_id in ("permeable_areas", "tree_canopy"):
        ind = SI.indicator(ind_id)
        assert ind.denominator is not None and ind.denominator.label == "Total terrestrial area of the city"
        assert "terrestrial" in ind.help
    for ind_id in ("natural_areas", "protected_natural_areas"):  # 1 and 9: the total area
        d = SI.indicator(ind_id).denominator
        assert d is not None and d.label == "Total area of the city"


def test_the_worked_example_uses_the_terrestrial_area() -> None:
    # Exampleville: 10,000 ha in all, 9,500 ha of land. 11: 4,100 / 9,500 = 43.16 % -> band 39.8-64.2 -> 2;
    # 12: 2,200 / 9,500 = 23.16 % -> band 19.2-29.0 -> 2. (Against the total area: 41 % and 22 %, also 2 and 2.)
    report = check_answers(SI, si_doc())
    assert report.value_of("permeable_areas") == pytest.approx(4100 / 9500 * 100)
    assert report.value_of("tree_canopy") == pytest.approx(2200 / 9500 * 100)
    scores = {i.id: i.score for i in score(SI, report).indicators}
    assert (scores["permeable_areas"], scores["tree_canopy"]) == (2, 2)
    # A terrestrial area larger than the whole city is flagged (a warning naming both indicators).
    odd = check_answers(SI, si_doc(permeable_areas={"numerator": 4100, "denominator": 12000}))
    assert any("terrestrial area is larger" in w.msg for w in odd.warnings)
    mismatch = check_answers(SI, si_doc(tree_canopy={"numerator": 2200, "denominator": 10000}))
    assert any("both divide by the city's terrestrial area" in w.msg for w in mismatch.warnings)


def test_indicator_10_counts_native_plus_invasive_species() -> None:
    ind = SI.indicator("invasive_alien_species")
    assert (
        ind.denominator is not None and "Native species plus invasive alien species" in ind.denominator.label
    )
    assert "to be checked" not in ind.notes
    bad = check_answers(SI, si_doc(invasive_alien_species={"numerator": 700, "denominator": 600}))
    assert any("outnumber all species counted" in e.msg for e in bad.errors)


def test_indicator_14_counts_visits_to_protected_natural_areas_too() -> None:
    ind = SI.indicator("education_visits_per_child")
    assert ind.number == "14" and "protected or secured natural areas" in ind.help and "below 16" in ind.help


def test_no_singapore_index_item_claims_a_verification_it_lacks() -> None:
    # Indicator 1's bands come from WRI's legend and DOMAIN.md, not the manual: unverified, and its note says so.
    natural = SI.indicator("natural_areas")
    assert natural.verified is False and "[check]" in natural.notes
    assert not SI.verified and not any(SI.is_verified(ind) for _, ind in SI.indicators())
    assert "July 2014" in SI.source.citation


def test_the_2021_edition_is_not_shipped_and_the_file_says_why() -> None:
    editions = {fw.edition for fw in shipped_frameworks() if fw.id == "singapore_index"}
    assert editions == {"2014"}
    note = next(n for n in SI.notes if "2021 edition" in n)
    assert "14-28" in note and "not" in note and "shipped" in note


def test_iso_37120_poverty_sits_under_economy() -> None:
    fw = get_framework("city_indicators")
    section_of = {ind.id: s.id for s, ind in fw.indicators()}
    assert section_of["poverty_share"] == "economy"
    poverty = fw.indicator("poverty_share")
    assert poverty.level == "core" and "5.3" in poverty.notes and "[check]" in poverty.notes
    gini = fw.indicator("gini_index")
    assert gini.level == "profile" and "Not found among ISO 37120" in gini.notes
    assert not fw.verified
    assert not any("about 45 core" in n for n in fw.notes)


def test_shift_third_category_is_results_and_impacts() -> None:
    fw = get_framework("mobility_shift_style")
    titles = [s.title for s in fw.sections]
    assert titles == ["Enablers", "Transport systems and services", "Results and impacts"]
    assert "Performance" in fw.sections[2].help
    assert "five levels" in fw.source.licence and "our own" in fw.source.licence
    assert not fw.verified
