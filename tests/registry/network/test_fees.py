"""Fee rules from levels.yaml, on worked examples."""

from __future__ import annotations

from decimal import Decimal

import pytest

from localaction.core.errors import InputError
from localaction.registry.network.fees import fee_due, parse_rules, rules


@pytest.mark.parametrize(
    ("level", "population", "fee"),
    [
        # basic_global bands: ≤100 k → 1 000; ≤500 k → 2 500; ≤1 M → 5 000; ≤5 M → 8 000; above → 12 000
        ("basic_global", 100_000, 1000),  # the band's top is inside the band
        ("basic_global", 100_001, 2500),
        ("basic_global", 1_850_000, 8000),
        ("basic_global", 9_000_000, 12000),  # the open-ended last band
        ("basic_global", None, 1000),  # population unknown: the lowest band
        # advanced_global: 0.012 per person, at least 2 000, at most 40 000
        ("advanced_global", 100_000, 2000),  # 100 000 × 0.012 = 1 200 → the minimum 2 000
        ("advanced_global", 1_850_000, 22200),  # 1 850 000 × 0.012 = 22 200
        ("advanced_global", 2_400_000, 28800),  # 2 400 000 × 0.012 = 28 800
        ("advanced_global", 12_000_000, 40000),  # 144 000 → capped at 40 000
        ("advanced_regional", 310_000, 1860),  # 310 000 × 0.006 = 1 860
        ("advanced_regional", 123_457, 1000),  # 740.7 → the minimum 1 000
        ("advanced_regional", 1_234_584, 7408),  # 7 407.504 → rounded to whole euros: 7 408
    ],
)
def test_fee_due_worked_examples(level: str, population: int | None, fee: int) -> None:
    assert fee_due(level, population) == Decimal(fee)


def test_rounding_half_up() -> None:
    # 1 234 583 × 0.006 = 7 407.498 → 7 407 (below a half); 1 234 584 × 0.006 = 7 407.504 → 7 408
    assert fee_due("advanced_regional", 1_234_583) == Decimal(7407)
    assert fee_due("advanced_regional", 1_234_584) == Decimal(7408)


def test_unknown_level_names_the_known_ones() -> None:
    with pytest.raises(InputError) as exc:
        fee_due("platinum", 1000)
    assert "basic_global" in exc.value.message
    assert exc.value.details[0].loc == ("level",)


def test_shipped_file_is_valid_and_has_the_four_levels() -> None:
    assert [lv.code for lv in rules().levels] == [
        "basic_global",
        "advanced_global",
        "basic_regional",
        "advanced_regional",
    ]
    assert rules().currency == "EUR"


def test_bad_files_are_refused_naming_the_place() -> None:
    text = """
currency: EUR
levels:
  - {code: a, name: A, tier: basic, scope: global, rule: bands,
     bands: [{max_population: 500, fee: 1}, {max_population: 100, fee: 2}, {max_population: null, fee: 3}]}
  - {code: b, name: B, tier: gold, scope: global, rule: per_capita}
"""
    with pytest.raises(InputError) as exc:
        parse_rules(text, "x.yaml")
    locs = [d.loc for d in exc.value.details]
    assert ("x.yaml", "levels", 0) in locs  # bands out of order
    assert ("x.yaml", "levels", 1, "tier") in locs
    with pytest.raises(InputError, match="not valid YAML"):
        parse_rules("levels: [", "x.yaml")
