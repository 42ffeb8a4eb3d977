from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from localaction.core.errors import InputError
from localaction.core.inventory.periods import add_months, inventory_year, parse_period

D = dt.date


@pytest.mark.parametrize(
    ("text", "start", "end", "year"),
    [
        ("2019", D(2019, 1, 1), D(2019, 12, 31), 2019),
        (" 2019 ", D(2019, 1, 1), D(2019, 12, 31), 2019),
        ("2016.0", D(2016, 1, 1), D(2016, 12, 31), 2016),
        ("2019-2020", D(2019, 7, 1), D(2020, 6, 30), 2020),
        ("2019/20", D(2019, 7, 1), D(2020, 6, 30), 2020),
        ("FY2019", D(2018, 7, 1), D(2019, 6, 30), 2019),
        ("FY19", D(2018, 7, 1), D(2019, 6, 30), 2019),
        ("FY 2018-19", D(2018, 7, 1), D(2019, 6, 30), 2019),
        ("April 2018 - April 2019", D(2018, 4, 1), D(2019, 3, 31), 2018),
        ("July 2018 - June 2019", D(2018, 7, 1), D(2019, 6, 30), 2019),
        ("01 July 2014-- 30 June 2015", D(2014, 7, 1), D(2015, 6, 30), 2015),
        ("2013 Apr - 2014 Mar", D(2013, 4, 1), D(2014, 3, 31), 2013),
        ("1 Jan 2016 - 31 Dec 2016", D(2016, 1, 1), D(2016, 12, 31), 2016),
        ("2015-07-01 to 2016-06-30", D(2015, 7, 1), D(2016, 6, 30), 2016),
        ("2015-07-01 - 2016-06-30", D(2015, 7, 1), D(2016, 6, 30), 2016),  # CDP's form
        ("2015-01-01 - 2016-01-01", D(2015, 1, 1), D(2015, 12, 31), 2015),  # exclusive end, as CDP writes it
        ("2017-10-01 - 2018-09-30", D(2017, 10, 1), D(2018, 9, 30), 2018),
        ("Jan-Dec 2017", D(2017, 1, 1), D(2017, 12, 31), 2017),
        ("Jul - Jun 2019", D(2018, 7, 1), D(2019, 6, 30), 2019),
        ("July 1, 2018 - June 30, 2019", D(2018, 7, 1), D(2019, 6, 30), 2019),
        ("March 2019", D(2019, 3, 1), D(2019, 3, 31), 2019),
        ("1 de enero a 31 de diciembre de 2017", D(2017, 1, 1), D(2017, 12, 31), 2017),
        ("ene. 2017 - dic. 2017", D(2017, 1, 1), D(2017, 12, 31), 2017),
        ("janv. 2017 - déc. 2017", D(2017, 1, 1), D(2017, 12, 31), 2017),
        ("1er juillet 2018 au 30 juin 2019", D(2018, 7, 1), D(2019, 6, 30), 2019),
        ("março 2018 - fevereiro 2019", D(2018, 3, 1), D(2019, 2, 28), 2018),
        ("1. Januar 2018 bis 31. Dezember 2018", D(2018, 1, 1), D(2018, 12, 31), 2018),
        ("01.07.2015 - 30.06.2016", D(2015, 7, 1), D(2016, 6, 30), 2016),
        ("Okt 2018 - Sep 2019", D(2018, 10, 1), D(2019, 9, 30), 2019),
    ],
)
def test_forms_in_real_data(text: str, start: dt.date, end: dt.date, year: int) -> None:
    period = parse_period(text)
    assert (period.start, period.end, period.year, period.label) == (start, end, year, text)


def test_fiscal_year_start_can_be_chosen() -> None:
    april = parse_period("2019/20", fiscal_year_start_month=4)
    assert (april.start, april.end, april.year) == (D(2019, 4, 1), D(2020, 3, 31), 2019)
    calendar = parse_period("FY2019", fiscal_year_start_month=1)
    assert (calendar.start, calendar.end) == (D(2019, 1, 1), D(2019, 12, 31))


@pytest.mark.parametrize(
    "text", ["", "foo", "2019/21", "13 2019", "2015-13-01 - 2016-01-01", "31 Feb 2018 - 2019"]
)
def test_unreadable(text: str) -> None:
    with pytest.raises(InputError) as exc:
        parse_period(text)
    assert exc.value.code == "unreadable_period"
    assert "FY2019" in exc.value.message and "2015-07-01 to 2016-06-30" in exc.value.message


@pytest.mark.parametrize(
    "text", ["2019 - 2018", "2019-2021", "2018-09-01 - 2023-07-15", "June 2019 - May 2019"]
)
def test_backwards_or_too_long(text: str) -> None:
    with pytest.raises(InputError) as exc:
        parse_period(text)
    assert exc.value.code == "invalid_period"


def test_24_months_is_the_limit() -> None:
    assert parse_period("2019-01-01 to 2020-12-31").year == 2020  # tie: the later year
    with pytest.raises(InputError):
        parse_period("2019-01-01 to 2021-01-02")


MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")  # fmt: skip


def _formats(start: dt.date, end: dt.date, months: int) -> list[str]:
    out = [
        f"{start.isoformat()} to {end.isoformat()}",
        f"{start:%d} {start:%b} {start.year} - {end:%d} {end:%b} {end.year}",
    ]
    whole_months = start.day == 1 and add_months(start, months) - dt.timedelta(days=1) == end
    if whole_months and months != 13:  # "April 2018 - April 2019" means 12 months, so 13 need days
        out.append(f"{MONTH_NAMES[start.month - 1]} {start.year} - {MONTH_NAMES[end.month - 1]} {end.year}")
        out.append(f"{start.year} {start:%b} - {end.year} {end:%b}")
    return out


@given(
    start=st.dates(min_value=D(1990, 1, 1), max_value=D(2040, 12, 31)),
    months=st.integers(min_value=1, max_value=24),
    first_of_month=st.booleans(),
)
def test_round_trip(start: dt.date, months: int, first_of_month: bool) -> None:
    if first_of_month:
        start = start.replace(day=1)
    end = add_months(start, months) - dt.timedelta(days=1)
    for text in _formats(start, end, months):
        period = parse_period(text)
        assert (period.start, period.end) == (start, end), text
        assert period.year in range(start.year, end.year + 1)
        assert period.year == inventory_year(start, end)
        if start.year == end.year:
            assert period.year == start.year
        if months == 12 and first_of_month:  # a 12-month year is named by the year holding most months
            assert period.year == (start.year if start.month <= 6 else start.year + 1)
