"""Numbers as people and machines write them: declared, detected, ambiguous, dressed."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from localaction.core.io import (
    NumberContext,
    NumberError,
    decimal_for_locale,
    looks_like_number,
    parse_decimal_mark,
    parse_int,
    parse_number,
    parse_quantity,
    parse_year,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1234", 1234),
        ("-12.5", -12.5),
        ("\u221212", -12),  # minus sign
        ("+3", 3),
        ("0.125", 0.125),  # a leading 0 cannot start a thousands group: a decimal point
        ("1234.567", 1234.567),  # four digits before the point: no group
        ("1,234.5", 1234.5),
        ("1,234,567", 1234567),
        ("850.000,5", 850000.5),  # the Brazilian way
        ("1.234.567", 1234567),
        ("1 234,5", 1234.5),  # ASCII space between thousands
        ("1\u00a0234,5", 1234.5),  # no-break space (pt_PT, pl_PL)
        ("1\u202f234,5", 1234.5),  # narrow no-break space (fr_FR)
        ("1'234.5", 1234.5),  # Swiss
        ("12,5", 12.5),
        ("0,125", 0.125),
        ("2.1e6", 2_100_000),
        ("1,5E3", 1500),
        ("  7 ", 7),
        ("", None),
    ],
)
def test_unambiguous_numbers_need_no_declaration(text: str, value: float | None) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["1,234", "1.234", "12.500", "999,999"])
def test_ambiguous_numbers_are_an_error_never_a_guess(text: str) -> None:
    with pytest.raises(NumberError) as exc:
        parse_number(text)
    assert exc.value.code == "ambiguous_number"
    assert "--decimal" in exc.value.message


def test_declared_format_decides_and_contradictions_are_named() -> None:
    assert parse_number("1,234", "point") == 1234
    assert parse_number("1,234", "comma") == 1.234
    assert parse_number("1.234", "comma") == 1234
    assert parse_number("1.234,5", "comma") == 1234.5
    with pytest.raises(NumberError) as exc:
        parse_number("850.000,5", "point")
    assert exc.value.code == "mixed_number_format" and "decimal comma" in exc.value.message


@pytest.mark.parametrize(
    ("text", "code", "says"),
    [
        (
            "$763,955,224,976",
            "currency_in_number",
            "'$' is a currency sign: write the number alone and give the currency in its own column",
        ),
        ("R$ 1.234,56", "currency_in_number", "currency sign"),
        ("€12", "currency_in_number", "currency sign"),
        ("1200 USD", "currency_in_number", "'USD' is a currency"),
        ("12 %", "percent_in_number", "'%' is a percent sign"),
        ("12 kWh", "unit_in_number", "carries a unit (kWh)"),
        ("(1,234)", "negative_in_brackets", "minus sign"),
        ("about 12 kt", "unreadable_number", "is not a number"),
    ],
)
def test_dressed_numbers_get_a_message_that_diagnoses(text: str, code: str, says: str) -> None:
    with pytest.raises(NumberError) as exc:
        parse_number(text)
    assert exc.value.code == code and says in exc.value.message
    assert isinstance(exc.value, ValueError)  # callers that catch ValueError keep working


def test_units_with_the_number_read_where_a_column_takes_them() -> None:
    assert parse_quantity("12 kWh") == (12, "kWh")
    assert parse_quantity("1.234,5 MWh", "comma") == (1234.5, "MWh")
    assert parse_quantity("5") == (5, "")
    with pytest.raises(NumberError) as exc:
        parse_quantity("12 bananas")
    assert exc.value.code == "unknown_unit_in_number"


def test_whole_numbers_years_and_marks() -> None:
    assert parse_int("1,234") == 1234 and parse_int("1.234") == 1234  # the only whole reading
    assert parse_int("2019.0") == 2019
    with pytest.raises(NumberError):
        parse_int("12.5")
    assert parse_year("2019") == 2019 and parse_year("") is None
    with pytest.raises(NumberError) as exc:
        parse_year("217")
    assert exc.value.code == "not_a_year"
    assert parse_decimal_mark("comma") == "comma" and parse_decimal_mark(",") == "comma"
    assert parse_decimal_mark(None) is None
    assert decimal_for_locale("pt_BR") == "comma" and decimal_for_locale("en-US") == "point"
    assert decimal_for_locale("de") == "comma" and decimal_for_locale("fr_FR") == "comma"


def test_figures_are_told_from_text() -> None:
    for text in ("2016", "$763,955,224,976", "12 kWh", "12%", "-0.5", "1 234,5"):
        assert looks_like_number(text), text
    for text in (
        "IE (I.1.1)",
        "POINT (6.15 62.47)",
        "2017-01-01 - 2017-12-31",
        "NO",
        "",
        "Scope 3",
        "The plan costs $12m over 2 years, see p. 4",
        "(41.87, 12.56)",
    ):
        assert not looks_like_number(text), text


class _Columns:
    def __init__(self, columns: dict[str, list[str]]) -> None:
        self.data = columns

    def column_keys(self) -> list[object]:
        return list(self.data)

    def column_texts(self, column: object) -> list[str]:
        return self.data.get(str(column), [])


def test_context_settles_ambiguous_cells_by_column_then_file() -> None:
    cols = _Columns({"a": ["1,234", "0,5"], "b": ["2.000"], "c": ["1,000", "7"]})
    ctx = NumberContext(source=cols)
    assert ctx.parse("1,234", "a") == 1.234  # its column writes 0,5
    assert ctx.parse("2.000", "b") == 2000  # no evidence in b: the file (column a) writes decimal commas
    with pytest.raises(NumberError) as exc:
        ctx.parse("2.5", "a")  # a column that writes 0,5 cannot also write 2.5
    assert exc.value.code == "mixed_number_format" and "0,5" in exc.value.message
    mixed = NumberContext(source=_Columns({"a": ["0,5"], "b": ["0.5"], "c": ["1,000"]}))
    with pytest.raises(NumberError) as exc:
        mixed.parse("1,000", "c")  # both conventions in the file: nothing settles it
    assert exc.value.code == "ambiguous_number"
    assert NumberContext(declared="point").parse("1,000", "c") == 1000


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False).map(lambda x: round(x, 3)))
def test_a_formatted_number_reads_back(value: float) -> None:
    point = f"{value:,.3f}"
    comma = point.replace(",", "_").replace(".", ",").replace("_", ".")
    assert parse_number(point, "point") == pytest.approx(value)
    assert parse_number(comma, "comma") == pytest.approx(value)
    assert parse_number(repr(value), "point") == pytest.approx(value)
