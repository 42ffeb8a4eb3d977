"""Eligibility and screening scores on worked examples (pure: no database)."""

from __future__ import annotations

import pytest

from localaction.core.errors import InputError
from localaction.core.tap import rules as tap_rules
from localaction.core.tap.rules import Facts, eligibility, weighted_score

OK = Facts(
    submitter="government", council_approval="adopted", project_type="infrastructure", climate_focus="both"
)


def fields(facts: Facts) -> list[str]:
    return [str(d.loc[0]) for d in eligibility(facts)]


def test_an_adopted_infrastructure_project_of_a_government_is_eligible() -> None:
    assert eligibility(OK) == []
    # council decision still to come counts too
    assert eligibility(Facts("government", "forthcoming", "infrastructure", "adaptation")) == []


def test_each_refusal_names_its_field_and_all_are_reported_at_once() -> None:
    # A partner without the government as key stakeholder, no council approval, a campaign, no climate focus:
    # four reasons, one per rule.
    bad = Facts("partner", "none", "campaign", "", government_key_stakeholder=False)
    assert fields(bad) == ["government_key_stakeholder", "council_approval", "project_type", "climate_focus"]
    # A partner WITH the government as key stakeholder passes that rule.
    assert fields(Facts("partner", "adopted", "infrastructure", "mitigation", True)) == []
    # A plan is not an investment.
    assert "infrastructure" in eligibility(Facts("government", "adopted", "plan", "mitigation"))[0].msg


def test_weighted_score_worked_example() -> None:
    # Weights 0.30, 0.25, 0.15, 0.15, 0.15 (sum 1.0); scores 4, 4, 3, 4, 3:
    # 0.30·4 + 0.25·4 + 0.15·3 + 0.15·4 + 0.15·3 = 1.2 + 1.0 + 0.45 + 0.6 + 0.45 = 3.70
    scores = {
        "transformative_ambition": 4,
        "bankability": 4,
        "co_benefits": 3,
        "replicability": 4,
        "inclusiveness": 3,
    }
    assert weighted_score(scores) == 3.70
    # All fives → 5; all zeros → 0 (the scale is kept whatever the weights add up to).
    assert weighted_score(dict.fromkeys(scores, 5)) == 5.0
    assert weighted_score(dict.fromkeys(scores, 0)) == 0.0


def test_weights_are_data() -> None:
    # Two criteria, weights 3 and 1 (sum 4): scores 5 and 1 → (3·5 + 1·1) / 4 = 16 / 4 = 4.0
    cfg = tap_rules.parse_config({
        "stages": ["concept"], "sectors": {"I": "x"}, "agendas": [], "instruments": [], "project_types": {},
        "size_bands": {}, "pipeline_threshold": 3,
        "criteria": [{"key": "a", "label": "A", "weight": 3}, {"key": "b", "label": "B", "weight": 1}],
    })  # fmt: skip
    assert weighted_score({"a": 5, "b": 1}, cfg) == 4.0


def test_bad_scores_are_refused_with_every_problem() -> None:
    with pytest.raises(InputError) as info:
        weighted_score({"transformative_ambition": 7, "bankability": "x", "nonsense": 1})
    locs = {d.loc[0] for d in info.value.details}
    assert {"transformative_ambition", "bankability", "nonsense", "co_benefits"} <= locs


def test_size_bands_and_stage_machine() -> None:
    assert tap_rules.size_band(4_999_999) == "small"
    assert tap_rules.size_band(5_000_000) == "medium"
    assert tap_rules.size_band(80_000_000) == "large"
    assert tap_rules.STEPS["admit"].target == tap_rules.PIPELINE
    assert tap_rules.DRAFT not in tap_rules.FUNDER_VISIBLE
