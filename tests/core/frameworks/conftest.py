"""A tiny framework with one indicator of each type, written as YAML text (line numbers matter)."""

from __future__ import annotations

import pytest

from localaction.core.frameworks import Framework, parse_framework

TINY = """\
format: 1
id: tiny
name: Tiny
edition: "1"
theme: test
source: {title: A test}
scoring: {max_total: 12}
sections:
  - id: a
    title: A
    indicators:
      - id: share
        label: A share
        type: percentage
        required: true
        numerator: {label: Part}
        denominator: {label: Whole}
        validation: {min: 0, max: 100}
        bands:
          - {score: 0, below: 1}
          - {score: 1, min: 1, below: 7}
          - {score: 2, min: 7, below: 14}
          - {score: 3, min: 14, max: 20}
          - {score: 4, above: 20}
      - id: count
        label: A count
        type: number
        validation: {min: 0, integer: true}
        bands:
          - {score: 0, max: 2}
          - {score: 1, min: 3, max: 5}
          - {score: 2, min: 6}
      - id: rate
        label: A rate
        type: ratio
        per: 1000
        numerator: {label: Events}
        denominator: {label: People}
      - id: flag
        label: A flag
        type: yes_no
        scores: {yes: 2, no: 0}
      - id: pick
        label: A pick
        type: choice
        choices:
          - {value: low, label: Low, score: 0}
          - {value: high, label: High, score: 2}
      - id: many
        label: Many
        type: multi_choice
        choices:
          - {value: x, label: X}
          - {value: y, label: Y}
          - {value: z, label: Z}
        validation: {max_selected: 2}
        bands:
          - {score: 0, max: 0}
          - {score: 1, min: 1, max: 1}
          - {score: 2, min: 2}
  - id: b
    title: B
    indicators:
      - id: note
        label: A note
        type: text
        validation: {max_length: 10, pattern: "[A-Z].*"}
      - id: doubled
        label: Doubled
        type: number
        formula: count * 2 + share.numerator
      - id: rows
        label: Rows
        type: table
        key: name
        columns:
          - {id: name, label: Name, type: text, required: true}
          - {id: size, label: Size, type: number, validation: {min: 0}}
          - {id: kind, label: Kind, type: choice, choices: [{value: p, label: P}, {value: q, label: Q}]}
        rules:
          - {check: count <= 100, message: count is implausible, severity: warning}
"""


@pytest.fixture(scope="session")
def tiny() -> Framework:
    return parse_framework(TINY, "tiny.yaml")
