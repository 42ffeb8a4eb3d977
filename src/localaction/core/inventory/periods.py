"""Reporting periods as real inventories write them: ``2019``, ``2019/20``, ``FY2019``,
``July 2018 - June 2019``, ``2015-07-01 - 2016-06-30``, ``Jan-Dec 2017``,
``1 de enero a 31 de diciembre de 2017``, ``2016.0`` ...

Rules (each one a choice; they are also the contract the tests pin):

* A bare year (``2019``, ``2019.0``) is 1 January to 31 December.
* Fiscal years. ``FY2019`` / ``FY19`` is the fiscal year *ending* in 2019 (the usual naming). A pair of
  consecutive years (``2019/20``, ``2019-2020``, ``FY2019/20``) is the fiscal year starting in the first one.
  The fiscal year starts on 1 July unless ``fiscal_year_start_month`` says otherwise (1 makes ``FY2019`` the
  calendar year; a pair of years then is the 24 months of both years).
* Ranges: ``<start> <sep> <end>`` where each side is a date or a month (``1 Jan 2016``, ``2013 Apr``,
  ``April 2018``, ``2015-07-01``, ``01.07.2015``) or a year; sep is ``-``, ``--``, ``–``, ``to``, ``a``,
  ``au``, ``bis`` .... A start without a day is the 1st of its month (January without a month); an end
  without a day is the last day of its month (December without a month). A side without a year takes the
  other side's (``Jan-Dec 2017``, ``Jul - Jun 2019`` = July 2018 to June 2019).
* Exclusive ends: when the end repeats the start's month (and day 1, if days are written) in a later year,
  the end is exclusive: ``April 2018 - April 2019`` and ``2015-01-01 - 2016-01-01`` are 12 months ending on
  the day before (31 March 2019; 31 December 2015). A 13-month period must therefore be written with days.
* A period may not end before it starts nor be longer than 24 months (code ``invalid_period``).
* ``year``: the calendar year holding more of the period, counted in months (a partial month counts as its
  share of days); a tie goes to the later year. So July 2018 - June 2019 is 2019 (the common naming of
  July-June fiscal years by their end), April 2018 - March 2019 is 2018 (9 months in 2018) and
  October 2018 - September 2019 is 2019. Months, not days, because July-December has 184 days against
  181 for January-June and a day count would name every July-June fiscal year by its start.

Month names: English, Spanish, French, Portuguese and German, full or abbreviated, accents optional.
Numeric dates: ISO ``YYYY-MM-DD`` and day-first ``DD.MM.YYYY`` only (``03/04/2019`` is ambiguous).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from fractions import Fraction

from localaction.core.errors import InputError
from localaction.core.inventory.model import Period

MAX_MONTHS = 24

ACCEPTED_FORMS = (
    "a year (2019), a fiscal year (FY2019, 2019/20, 2019-2020), or a range of dates or months "
    "(2015-07-01 to 2016-06-30, 1 Jan 2016 - 31 Dec 2016, July 2018 - June 2019, 2013 Apr - 2014 Mar, "
    "Jan-Dec 2017)"
)

# Month names and abbreviations (accents removed, lower case). Data, not a parser.
_MONTH_WORDS: dict[int, tuple[str, ...]] = {
    1: ("january", "jan", "enero", "ene", "janvier", "janv", "janeiro", "januar", "janner"),
    2: ("february", "feb", "febrero", "fevrier", "fevr", "fev", "fevereiro", "februar"),
    3: ("march", "mar", "marzo", "mars", "marco", "marz", "maerz", "mrz"),
    4: ("april", "apr", "abril", "abr", "avril", "avr"),
    5: ("may", "mayo", "mai", "maio"),
    6: ("june", "jun", "junio", "juin", "junho", "juni"),
    7: ("july", "jul", "julio", "juillet", "juil", "julho", "juli"),
    8: ("august", "aug", "agosto", "ago", "aout"),
    9: ("september", "sep", "sept", "septiembre", "setiembre", "set", "septembre", "setembro"),
    10: ("october", "oct", "octubre", "octobre", "outubro", "out", "oktober", "okt"),
    11: ("november", "nov", "noviembre", "novembre", "novembro"),
    12: ("december", "dec", "diciembre", "dic", "decembre", "dezembro", "dez", "dezember"),
}
MONTHS: dict[str, int] = {word: month for month, words in _MONTH_WORDS.items() for word in words}
# Filler words inside a date ("1 de enero de 2017", "the 1st of July").
_FILLER = frozenset(
    {"de", "del", "of", "the", "from", "du", "le", "el", "vom", "den", "st", "nd", "rd", "th", "er"}
)

_NUMBER_YEAR = re.compile(r"^(\d{4})(?:\.0+)?$")
_YEAR_PAIR = re.compile(r"^(?:fy\s*)?(\d{4})\s*[-/–]\s*(\d{2}|\d{4})$")
_FISCAL = re.compile(r"^fy\s*'?(\d{4}|\d{2})$")
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_DOTTED_DATE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
_SEPARATOR = re.compile(r"\s*(?:-+|–|—|~|\b(?:to|through|thru|till|until|a|al|hasta|au|bis|ate)\b)\s*")
_TOKEN = re.compile(r"[a-z]+|\d+")


@dataclass(frozen=True)
class _Partial:
    year: int | None
    month: int | None
    day: int | None


def _unreadable(text: str, why: str = "") -> InputError:
    reason = f" ({why})" if why else ""
    return InputError(
        f"cannot read the period {text!r}{reason}; write {ACCEPTED_FORMS}", code="unreadable_period"
    )


def _fold(text: str) -> str:
    """Lower case without accents, so ``Março`` and ``marco`` match one map entry."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _months_by_year(start: dt.date, end: dt.date) -> dict[int, Fraction]:
    """How many months of [start, end] fall in each calendar year; partial months as a share of days."""
    out: dict[int, Fraction] = {}
    cursor = dt.date(start.year, start.month, 1)
    while cursor <= end:
        last = _month_end(cursor.year, cursor.month)
        first_day, last_day = max(cursor, start), min(last, end)
        share = Fraction((last_day - first_day).days + 1, last.day)
        out[cursor.year] = out.get(cursor.year, Fraction(0)) + share
        cursor = last + dt.timedelta(days=1)
    return out


def inventory_year(start: dt.date, end: dt.date) -> int:
    """The calendar year holding most months of the period; a tie goes to the later year."""
    months = _months_by_year(start, end)
    return max(months, key=lambda y: (months[y], y))


def _date(text: str, year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise _unreadable(text, f"{day:02d}/{month:02d}/{year} is not a date") from exc


def _check_year(text: str, year: int) -> int:
    if not 1900 <= year <= 2200:
        raise _unreadable(text, f"{year} is not a plausible inventory year")
    return year


def _partial(text: str, side: str) -> _Partial:
    year = month = day = None
    for token in _TOKEN.findall(side):
        if token.isdigit():
            if len(token) == 4:
                if year is not None:
                    raise _unreadable(text, f"two years in {side.strip()!r}")
                year = _check_year(text, int(token))
            elif len(token) <= 2 and day is None:
                day = int(token)
            else:
                raise _unreadable(text, f"cannot place the number {token!r}")
        elif token in MONTHS:
            if month is not None:
                raise _unreadable(text, f"two months in {side.strip()!r}")
            month = MONTHS[token]
        elif token not in _FILLER:
            raise _unreadable(text, f"unknown word {token!r}")
    if day is not None and month is None:
        raise _unreadable(text, f"a day without a month in {side.strip()!r}")
    if year is None and month is None:
        raise _unreadable(text)
    return _Partial(year, month, day)


def _resolve(text: str, first: _Partial, second: _Partial) -> tuple[dt.date, dt.date]:
    if first.year is None and second.year is None:
        raise _unreadable(text, "no year")
    start_month, end_month = first.month or 1, second.month or 12
    if first.year is None:
        assert second.year is not None
        borrowed = (start_month, first.day or 1) <= (end_month, second.day or 31)
        start_year, end_year = (second.year if borrowed else second.year - 1), second.year
    elif second.year is None:
        later = (end_month, second.day or 31) >= (start_month, first.day or 1)
        start_year, end_year = first.year, (first.year if later else first.year + 1)
    else:
        start_year, end_year = first.year, second.year
    start = _date(text, start_year, start_month, first.day or 1)
    exclusive = (
        first.month is not None
        and first.month == second.month
        and end_year > start_year
        and ((first.day is None and second.day is None) or (first.day == 1 and second.day == 1))
    )
    if exclusive:
        end = dt.date(end_year, end_month, 1) - dt.timedelta(days=1)
    elif second.day is not None:
        end = _date(text, end_year, end_month, second.day)
    else:
        end = _month_end(end_year, end_month)
    return start, end


def _fiscal(text: str, first_year: int, start_month: int) -> tuple[dt.date, dt.date]:
    """The fiscal year that starts in ``first_year`` (two calendar years when it starts in January)."""
    start = dt.date(_check_year(text, first_year), start_month, 1)
    months = 24 if start_month == 1 else 12
    return start, add_months(start, months) - dt.timedelta(days=1)


def _spelt(text: str, year: str, month: str, day: str) -> str:
    if not 1 <= int(month) <= 12:
        raise _unreadable(text, f"{month} is not a month")
    return f" {day} {_MONTH_WORDS[int(month)][0]} {year} "


def _dates(text: str, folded: str, fiscal_start: int) -> tuple[dt.date, dt.date]:
    if m := _NUMBER_YEAR.match(folded):
        year = _check_year(text, int(m.group(1)))
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if m := _FISCAL.match(folded):
        end_year = int(m.group(1)) if len(m.group(1)) == 4 else 2000 + int(m.group(1))
        if fiscal_start == 1:
            return dt.date(_check_year(text, end_year), 1, 1), dt.date(end_year, 12, 31)
        return _fiscal(text, end_year - 1, fiscal_start)
    if m := _YEAR_PAIR.match(folded):
        first, second = int(m.group(1)), m.group(2)
        second_year = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
        if second_year == first + 1:
            return _fiscal(text, first, fiscal_start)
        if len(second) == 2 or "/" in folded:
            raise _unreadable(text, "a pair of years must be consecutive, e.g. 2019/20")
        # "2019 - 2021" reads on as a range of whole years (and fails below as too long or reversed).
    # Numeric dates become "day month-name year" so that their hyphens are not read as range separators.
    words = _ISO_DATE.sub(lambda m: _spelt(text, m[1], m[2], m[3]), folded)
    words = _DOTTED_DATE.sub(lambda m: _spelt(text, m[3], m[2], m[1]), words)
    sides = [s for s in _SEPARATOR.split(words) if s.strip()]
    if len(sides) == 1:
        only = _partial(text, sides[0])
        return _resolve(text, only, only)
    if len(sides) == 2:
        return _resolve(text, _partial(text, sides[0]), _partial(text, sides[1]))
    raise _unreadable(text)


def parse_period(text: str, *, fiscal_year_start_month: int = 7) -> Period:
    """Read a reporting period; see the module docstring for the rules.

    Raises InputError ``unreadable_period`` for text it cannot read and ``invalid_period`` for a period that
    ends before it starts or lasts more than 24 months.
    """
    if not 1 <= fiscal_year_start_month <= 12:
        raise ValueError("fiscal_year_start_month must be 1 … 12")
    folded = " ".join(_fold(str(text)).split())
    if not folded:
        raise _unreadable(str(text), "it is empty")
    start, end = _dates(text, folded, fiscal_year_start_month)
    if end < start:
        raise InputError(
            f"the period {text!r} ends ({end}) before it starts ({start}); check the order of the dates",
            code="invalid_period",
        )
    if end >= add_months(start, MAX_MONTHS):
        raise InputError(
            f"the period {text!r} ({start} to {end}) is longer than {MAX_MONTHS} months; "
            "an inventory covers one year (or a fiscal year)",
            code="invalid_period",
        )
    return Period(start=start, end=end, year=inventory_year(start, end), label=text)
