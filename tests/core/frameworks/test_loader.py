"""A bad framework file fails loudly: every problem at once, each naming its line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from localaction.core.errors import InputError
from localaction.core.frameworks import Framework, load_framework, parse_framework
from tests.core.frameworks.conftest import TINY


def problems(text: str) -> list[str]:
    with pytest.raises(InputError) as exc:
        parse_framework(text, "bad.yaml")
    assert exc.value.code == "invalid_framework"
    return [str(d) for d in exc.value.details]


def line_of(text: str, needle: str, nth: int = 1) -> int:
    hits = [i for i, ln in enumerate(text.splitlines(), 1) if needle in ln]
    return hits[nth - 1]


def test_tiny_loads(tiny: Framework) -> None:
    assert tiny.indicator_count == 9
    assert tiny.indicator("doubled").derived
    assert tiny.indicator("share").max_score == 4


def test_unknown_field_names_its_line() -> None:
    text = TINY.replace("        label: A count\n", "        label: A count\n        unti: kg\n")
    (msg,) = problems(text)
    assert msg.startswith(f"bad.yaml, line {line_of(text, 'unti: kg')}, sections[0].indicators[1].unti:")
    assert "unknown field" in msg


def test_wrong_type_and_missing_field_name_their_lines() -> None:
    text = TINY.replace("type: yes_no", "type: boolean").replace("        label: A note\n", "")
    found = problems(text)
    assert any(f"line {line_of(text, 'type: boolean')}, sections[0].indicators[3].type" in p for p in found)
    # a missing field is reported at its mapping (the list item that lacks it)
    assert any(f"line {line_of(text, '- id: note')}, sections[1].indicators[0].label" in p for p in found)


def test_band_gap_and_overlap() -> None:
    gap = TINY.replace("{score: 2, min: 7, below: 14}", "{score: 2, min: 8, below: 14}")
    (msg,) = problems(gap)
    assert f"line {line_of(gap, 'min: 8')}" in msg and "gap" in msg
    overlap = TINY.replace("{score: 1, min: 3, max: 5}", "{score: 1, min: 2, max: 5}")
    (msg,) = problems(overlap)
    assert "overlaps" in msg and "sections[0].indicators[1].bands[1]" in msg


def test_bands_must_cover_the_valid_range() -> None:
    text = TINY.replace("          - {score: 4, above: 20}\n", "")
    found = problems(text)
    assert any("no band scores values from 20" in p for p in found)
    # the declared maximum no longer matches either
    assert any("scoring.max_total" in p and "add up to 11" in p for p in found)


def test_formula_errors() -> None:
    text = TINY.replace("count * 2 + share.numerator", "count * 2 + nowhere + __import__('os')")
    (msg,) = problems(text)
    assert f"line {line_of(text, 'formula:')}" in msg and "formula" in msg
    unknown = TINY.replace("count * 2 + share.numerator", "count + nowhere")
    (msg,) = problems(unknown)
    assert "'nowhere' is not an indicator" in msg
    reads_text = TINY.replace("count * 2 + share.numerator", "note + 1")
    assert "a formula reads numbers only" in problems(reads_text)[0]


def test_formula_cycle() -> None:
    text = TINY.replace(
        "        formula: count * 2 + share.numerator\n",
        "        formula: other + 1\n      - {id: other, label: O, type: number, formula: doubled * 2}\n",
    )
    (msg,) = problems(text)
    assert "depend on each other" in msg and "doubled" in msg and "other" in msg


def test_duplicate_ids_and_keys() -> None:
    text = TINY.replace("- id: note", "- id: count")
    assert any("'count' is used twice" in p for p in problems(text))
    dup_key = TINY.replace("        label: A note\n", "        label: A note\n        label: Again\n")
    (msg,) = problems(dup_key)
    assert f"line {line_of(dup_key, 'label: Again')}" in msg and "key given twice" in msg


def test_every_problem_at_once_in_line_order() -> None:
    # Field problems are all reported together; consistency problems (run on a well-formed file) likewise.
    fields = TINY.replace("type: yes_no", "type: boolean").replace("name: Tiny", "nam: Tiny")
    assert len(problems(fields)) == 3  # the unknown key, the missing name, the bad type
    text = TINY.replace("{score: 2, min: 7, below: 14}", "{score: 2, min: 8, below: 14}").replace(
        "max_total: 12", "max_total: 13"
    )
    found = problems(text)
    assert len(found) == 2
    lines = [int(p.split(", line ")[1].split(",")[0]) for p in found]
    assert lines == sorted(lines)


def test_type_specific_fields_are_checked() -> None:
    text = TINY.replace("        per: 1000\n", "").replace(
        "type: text\n", "type: text\n        choices: [{value: a, label: A}]\n"
    )
    found = problems(text)
    assert any("a ratio needs per" in p for p in found)
    assert any("choices belong to choice or multi_choice" in p for p in found)
    scored_unscored = TINY.replace("scoring: {max_total: 12}\n", "")
    assert any("no scoring section" in p for p in problems(scored_unscored))


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(TINY.replace("  - id: b\n", "  - id: b\n   oops: [\n"), "utf-8")
    with pytest.raises(InputError) as exc:
        load_framework(path)
    assert "not valid YAML" in exc.value.message
    assert str(exc.value.details[0]).startswith("broken.yaml, line ")


def test_top_level_must_be_a_mapping() -> None:
    with pytest.raises(InputError):
        parse_framework("- just\n- a list\n", "list.yaml")
