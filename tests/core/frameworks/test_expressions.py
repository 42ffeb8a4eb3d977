"""The formula language: what it accepts, what it refuses, and that it computes like arithmetic."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from localaction.core.frameworks.expressions import ExpressionError, MissingValue, parse


def test_arithmetic_names_parts_and_functions() -> None:
    e = parse("max(a, 2) * (b.numerator / b.denominator) + abs(-c) - round(1.26, 1)")
    assert e.names == {"a", "b", "c"}
    got = e.evaluate({"a": 3.0, "b": {"value": 50.0, "numerator": 1.0, "denominator": 4.0}, "c": 1.0})
    assert got == pytest.approx(3 * 0.25 + 1 - 1.3)


def test_comparisons_and_booleans_give_one_or_zero() -> None:
    assert parse("a <= b and not b > 10").evaluate({"a": 1.0, "b": 2.0}) == 1.0
    assert parse("1 < a < 3").evaluate({"a": 5.0}) == 0.0
    assert parse("a if a > 0 else 0").evaluate({"a": -2.0}) == 0.0


@pytest.mark.parametrize(
    "source",
    [
        "__import__('os').system('true')",
        "a.__class__",
        "open('x')",
        "[1, 2]",
        "'text'",
        "lambda: 1",
        "a[0]",
        "min",
        "a.numerator.value",
        "x = 1",
        "max(a, key=b)",
        "True",
        "a @ b",
    ],
)
def test_refuses_anything_but_arithmetic(source: str) -> None:
    with pytest.raises(ExpressionError):
        parse(source)


def test_missing_names_and_bad_arithmetic() -> None:
    with pytest.raises(MissingValue) as exc:
        parse("a + b").evaluate({"a": 1.0})
    assert exc.value.name == "b"
    with pytest.raises(ExpressionError):
        parse("a / b").evaluate({"a": 1.0, "b": 0.0})
    with pytest.raises(ExpressionError):
        parse("a ** 1000").evaluate({"a": 10.0})
    with pytest.raises(ExpressionError):
        parse("a.numerator").evaluate({"a": 2.0})


@given(
    st.floats(-1e6, 1e6, allow_nan=False),
    st.floats(-1e6, 1e6, allow_nan=False),
    st.floats(0.5, 1e3, allow_nan=False),
)
def test_computes_like_python(a: float, b: float, c: float) -> None:
    assert parse("(a + b) * 2 - b / c").evaluate({"a": a, "b": b, "c": c}) == pytest.approx(
        (a + b) * 2 - b / c
    )
