"""Thematic State of Cities reports read the published framework reports (drafts never count)."""

from __future__ import annotations

import pytest

from localaction.core.insights import thematic_report
from localaction.registry.frameworks import services as reports
from localaction.registry.insights.facts import load_facts
from tests.factories import World
from tests.registry.frameworks.helpers import example_answers, published_report


@pytest.mark.django_db
def test_published_singapore_index_feeds_the_biodiversity_report(world: World) -> None:
    report = published_report(world, "singapore_index", 2023)
    reports.create_report(
        world.users["editor_a"],
        world.city_a,
        framework_id="singapore_index",
        year=2024,
        answers=example_answers("singapore_index"),
    )  # a draft: must not count
    facts = load_facts()
    mine = [f for f in facts.indicators if f.framework == "singapore_index"]
    assert {f.year for f in mine} == {2023}
    total = next(f for f in mine if f.indicator == "score")
    assert total.value == report.score_total and total.theme == "biodiversity"
    assert any(f.indicator != "score" for f in mine)
    doc = thematic_report(facts.tables(), "biodiversity", 2023)
    assert doc.sections, "the biodiversity report has a section for the Singapore Index"
