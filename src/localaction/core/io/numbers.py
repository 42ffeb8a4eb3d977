"""Numbers as people and machines write them: the one parser every face and import uses.

``parse_number(text, decimal=None)`` reads ``1234.5``, ``1,234.5``, ``850.000,5``, ``1 234,5`` (ASCII, no-break
or narrow no-break spaces between thousands), ``1'234.5``, ``−12``, ``2.1e6``. The reading is Babel's strict
parser (CLDR data) for the two conventions, ``point`` (``1,234.5``, as en) and ``comma`` (``1.234,5``, as de/pt);
a text that only one convention can read is unambiguous, whatever was declared. ``1,234`` and ``1.234`` read
as two different numbers: with no declared format (``decimal=None``) and nothing else to go on, that is an
error (code ``ambiguous_number``), never a guess. ``NumberContext`` settles such cells from the other cells of
the same column (then of the file) before giving up.

A currency or percent sign, a unit written with the number, brackets for negatives: each gets a message that
says what to write instead (``'$' is a currency sign: …``). ``parse_quantity`` reads ``12 kWh`` into a number
and a unit where a column takes both.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal as _Dec
from functools import cache, lru_cache
from typing import Literal, Protocol

from localaction.core.errors import InputError

DecimalMark = Literal["point", "comma"]
DECIMAL_MARKS: tuple[DecimalMark, ...] = ("point", "comma")
_LOCALES: dict[DecimalMark, str] = {"point": "en_US", "comma": "de_DE"}
_EXAMPLE: dict[DecimalMark, str] = {"point": "1,234.5", "comma": "1.234,5"}

# Spaces people and spreadsheets put between thousands; zero-width characters are deleted outright.
_SPACES = "\u0020\u00a0\u2007\u2009\u202f"
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
_MINUS = str.maketrans({"\u2212": "-", "\u2012": "-", "\u2013": "-"})
_PLAIN_INT = re.compile(r"^[+-]?\d+$")
_DIGIT = re.compile(r"\d")
# A decimal comma that no point-convention reading accepts: point groups before it, or not three digits after.
_COMMA_DECIMAL = re.compile(r"^[+-]?(?:[1-9]\d{0,2}(?:\.\d{3})+,\d+|\d+,(?:\d{1,2}|\d{4,}))$")
_ONLY_DIGITS = re.compile(r"^[+-]?[\d.,]*\d[\d.,]*$")
_PLAIN_DEC = re.compile(r"^[+-]?(\d*)\.(\d+)$")
_SPACE_GROUPS = re.compile(r"^[+-]?\d{1,3}(?:[" + _SPACES + r"]\d{3})+(?:[.,]\d+)?$")
_APOSTROPHE_GROUPS = re.compile(r"^[+-]?\d{1,3}(?:['’]\d{3})+(?:\.\d+)?$")
_EXPONENT = re.compile(r"^([+-]?[\d.,]+)[eE]([+-]?\d{1,3})$")
_CURRENCY_WORDS = frozenset({"us$", "r$", "a$", "c$", "nz$", "hk$", "s$", "mx$", "rs", "rs.", "kr", "zł"})


_DOLLAR_PREFIX = re.compile(r"(?i)\b(?:us|r|a|c|nz|hk|s|mx)(?=\$)")
_DRESSED = frozenset({"currency_in_number", "percent_in_number", "unit_in_number", "negative_in_brackets"})


class NumberError(InputError, ValueError):
    """A cell that is not a number as written; ``code`` says why (see the module docstring)."""

    default_code = "unreadable_number"


def decimal_for_locale(locale: str) -> DecimalMark:
    """The decimal mark of a language or locale (``pt_BR`` → comma, ``en`` → point), from CLDR via Babel."""
    from babel.numbers import get_decimal_symbol

    try:
        symbol = get_decimal_symbol(locale.replace("-", "_"))
    except (ValueError, LookupError):
        raise InputError(f"unknown language or locale {locale!r}", code="invalid_input") from None
    return "comma" if symbol == "," else "point"


def parse_decimal_mark(text: str | None) -> DecimalMark | None:
    """``point`` / ``comma`` as a user declares them (also ``.`` / ``,`` / ``dot``); blank is None."""
    if text is None or not text.strip():
        return None
    key = text.strip().lower()
    if key in {"point", "dot", "."}:
        return "point"
    if key in {"comma", ","}:
        return "comma"
    raise InputError(f"unknown number format {text!r}; use point (1,234.5) or comma (1.234,5)")


@cache
def _currencies() -> frozenset[str]:
    from babel.numbers import list_currencies

    return frozenset(c.lower() for c in list_currencies())


@dataclass(frozen=True)
class Reading:
    """What one text says: its value under each convention (None where that convention cannot read it)."""

    text: str
    point: float | None
    comma: float | None

    @property
    def ambiguous(self) -> bool:
        return self.point is not None and self.comma is not None and self.point != self.comma

    @property
    def evidence(self) -> DecimalMark | None:
        """The convention this text proves (it reads under one only)."""
        if self.point is not None and self.comma is None:
            return "point"
        if self.comma is not None and self.point is None:
            return "comma"
        return None

    def value(self, decimal: DecimalMark | None) -> float | None:
        if decimal is not None:
            return self.point if decimal == "point" else self.comma
        if self.ambiguous:
            return None
        return self.point if self.point is not None else self.comma


def _clean(text: str) -> str:
    if text.isascii():  # the common case, kept fast
        t = text.strip()
        return t[1:] if t.startswith("+") and len(t) > 1 and t[1].isdigit() else t
    t = unicodedata.normalize("NFC", text).translate(_ZERO_WIDTH).translate(_MINUS).strip(_SPACES + "\t\r\n")
    return t[1:] if t.startswith("+") and len(t) > 1 and t[1].isdigit() else t


def _finite(value: float, text: str) -> float:
    if not math.isfinite(value):
        raise NumberError(f"{text!r} is not a finite number")
    return value


@cache
def _locale(mark: DecimalMark) -> object:
    from babel import Locale

    return Locale.parse(_LOCALES[mark])


def _babel(text: str, mark: DecimalMark) -> float | None:
    from babel.numbers import NumberFormatError, parse_decimal

    try:
        return float(parse_decimal(text, locale=_locale(mark), strict=True))  # type: ignore[arg-type]
    except (NumberFormatError, ValueError, ArithmeticError):
        return None


@lru_cache(maxsize=4096)  # a cell is read twice in a row: once to count it, once to parse it
def read(text: str) -> Reading | None:
    """The readings of a cell under both conventions; None when it is no plain number in either."""
    t = _clean(text)
    if not t:
        return None
    if _PLAIN_INT.match(t):  # the common case, kept fast: no separator, both conventions agree
        v = float(t)
        return Reading(t, v, v)
    m = _PLAIN_DEC.match(t)
    if m and not (m.group(1) and m.group(1)[0] != "0" and len(m.group(1)) <= 3 and len(m.group(2)) == 3):
        return Reading(t, _finite(float(t), t), None)  # 12.5, 0.125, 1234.567: a decimal point only
    if _COMMA_DECIMAL.match(t):  # 1.234.567,89 or 1234,5: a decimal comma only (fast path for large files)
        return Reading(t, None, _finite(float(t.replace(".", "").replace(",", ".")), t))
    if _SPACE_GROUPS.match(t) or _APOSTROPHE_GROUPS.match(t):
        t = re.sub(r"[" + _SPACES + r"'’]", "", t)  # groups of three: only the last mark can be a decimal
    if (exp := _EXPONENT.fullmatch(t)) is not None:  # 2.1e6, 1,5E-3: the mantissa decides
        base = read(exp.group(1))
        if base is None:
            return None
        power = int(exp.group(2))
        return Reading(t, _scaled(base.point, power), _scaled(base.comma, power))
    if not _ONLY_DIGITS.match(t):
        return None  # letters, signs or symbols: no convention reads it (see _diagnose for why)
    point, comma = _babel(t, "point"), _babel(t, "comma")
    if point is None and comma is None:
        return None
    return Reading(t, point, comma)


def _scaled(value: float | None, power: int) -> float | None:
    return None if value is None else float(_Dec(repr(value)).scaleb(power))


def _bare(text: str) -> str:
    """``text`` without currency signs, currency codes and percent signs (to test what is left)."""
    t = _DOLLAR_PREFIX.sub("", text)
    t = "".join(ch for ch in t if unicodedata.category(ch) != "Sc" and ch not in "%‰")
    words = [w for w in t.split() if w.lower() not in _currencies() and w.lower() not in _CURRENCY_WORDS]
    return " ".join(words).strip()


def _diagnose(text: str) -> NumberError:
    """Why ``text`` is not a number, in words that say what to write instead."""
    t = _clean(text)
    bare = _bare(t)
    if bare != t and bare and read(bare) is not None:
        signs = [ch for ch in t if unicodedata.category(ch) == "Sc"]
        if signs:
            return NumberError(
                f"{text!r}: '{signs[0]}' is a currency sign: write the number alone and give the currency in its "
                "own column",
                code="currency_in_number",
            )
        if "%" in t or "‰" in t:
            return NumberError(
                f"{text!r}: '{'%' if '%' in t else '‰'}' is a percent sign: write the number alone (12.5 for "
                "12.5 %) and say in the column's name that it is a percentage",
                code="percent_in_number",
            )
        code = next(w for w in t.split() if w.lower() in _currencies() or w.lower() in _CURRENCY_WORDS)
        return NumberError(
            f"{text!r}: '{code}' is a currency: write the number alone and give the currency in its own column",
            code="currency_in_number",
        )
    inner = t[1:-1].strip() if t.startswith("(") and t.endswith(")") else ""
    if inner and read(inner) is not None:
        return NumberError(
            f"{text!r}: write a negative number with a minus sign (-{inner}), not in brackets",
            code="negative_in_brackets",
        )
    m = _QUANTITY.match(t)
    if m and m.group("unit") and read(m.group("number")) is not None and _is_unit(m.group("unit").strip()):
        return NumberError(
            f"{text!r} carries a unit ({m.group('unit').strip()}): write the number alone and the unit in its "
            "own column",
            code="unit_in_number",
        )
    return NumberError(f"{text!r} is not a number", code="unreadable_number")


def _is_unit(text: str) -> bool:
    from localaction.core.catalog.units import parse_unit

    try:
        parse_unit(text)
    except (InputError, ValueError, TypeError, AttributeError, KeyError):
        return False
    return True


def _ambiguous(reading: Reading) -> NumberError:
    return NumberError(
        f"{reading.text!r} could be {_fmt(reading.point)} (with a decimal point) or {_fmt(reading.comma)} (with a "
        "decimal comma): declare the file's number format (--decimal point or "
        "--decimal comma; in the upload form, the number format) or write the number without a thousands "
        "separator",
        code="ambiguous_number",
    )


def _mismatch(reading: Reading, decimal: DecimalMark, why: str) -> NumberError:
    other: DecimalMark = "comma" if decimal == "point" else "point"
    return NumberError(
        f"{reading.text!r} is written with a decimal {other} ({_EXAMPLE[other]}), but {why} a decimal "
        f"{decimal} ({_EXAMPLE[decimal]}): write every number of a file the same way",
        code="mixed_number_format",
    )


def _fmt(value: float | None) -> str:
    return "?" if value is None else f"{value:.10g}"


def _reading_or_error(text: str) -> Reading | None:
    if not _clean(text):
        return None
    reading = read(text)
    if reading is None:
        raise _diagnose(text)
    return reading


def parse_number(text: str, decimal: DecimalMark | None = None) -> float | None:
    """A number as written; blank is None. ``decimal`` is the declared mark (None: detect where unambiguous).

    Raises NumberError (an InputError and a ValueError) with a message that says what to write instead.
    """
    reading = _reading_or_error(text)
    if reading is None:
        return None
    return _resolve(reading, decimal, None, "the file declares")


def _resolve(reading: Reading, decimal: DecimalMark | None, known: DecimalMark | None, why: str) -> float:
    mark = decimal or known
    if mark is not None:
        value = reading.value(mark)
        if value is None:
            raise _mismatch(reading, mark, why)
        return value
    if reading.ambiguous:
        raise _ambiguous(reading)
    value = reading.value(None)
    assert value is not None  # read() returns a reading with at least one value
    return value


def _whole(value: float, text: str) -> int:
    if not float(value).is_integer():
        raise NumberError(f"{text!r} is not a whole number", code="not_whole")
    return int(value)


def parse_int(text: str, decimal: DecimalMark | None = None) -> int | None:
    """A whole number; blank is None. ``1,234`` and ``1.234`` read as 1234 (the only whole reading)."""
    reading = _reading_or_error(text)
    if reading is None:
        return None
    if decimal is None and reading.ambiguous:
        whole = [v for v in (reading.point, reading.comma) if v is not None and float(v).is_integer()]
        if len(whole) == 1:
            return int(whole[0])
    return _whole(_resolve(reading, decimal, None, "the file declares"), text)


def parse_year(text: str, *, first: int = 1900, last: int = 2100) -> int | None:
    """A calendar year (``2019``, ``2019.0``); blank is None; NumberError outside ``first`` … ``last``."""
    value = parse_int(text, "point")
    if value is None:
        return None
    if not first <= value <= last:
        raise NumberError(f"{text!r} is not a year ({first}-{last})", code="not_a_year")
    return value


def parse_period(text: str, *, fiscal_year_start_month: int = 7) -> object:
    """A reporting period (``2019``, ``2019/20``, ``July 2018 - June 2019`` …): see core.inventory.periods."""
    from localaction.core.inventory.periods import parse_period as _parse_period

    return _parse_period(text, fiscal_year_start_month=fiscal_year_start_month)


_QUANTITY = re.compile(
    r"^\s*(?P<number>[+\-−]?[\d.,'’" + _SPACES + r"]*\d(?:[eE][+-]?\d+)?)\s*(?P<unit>\D.*)?$"
)


def split_quantity(text: str) -> tuple[str, str]:
    """(number text, unit text) of ``12 kWh``; the unit is "" when nothing follows the number."""
    t = _clean(text)
    m = _QUANTITY.match(t)
    if m is None or not m.group("unit"):
        return t, ""
    return m.group("number"), m.group("unit").strip()


def parse_quantity(text: str, decimal: DecimalMark | None = None) -> tuple[float | None, str]:
    """A number with an optional unit after it (``12 kWh``, ``3.5 t``): (value, unit text or "").

    The unit must be one pint reads (core.catalog.units); anything else after the number is an error that
    says so.
    """
    t = _clean(text)
    if not t:
        return None, ""
    m = _QUANTITY.match(t)
    if m is None or not m.group("unit"):
        return parse_number(text, decimal), ""
    unit = m.group("unit").strip()
    if not _is_unit(unit):
        err = _diagnose(text)
        if err.code == "unreadable_number":
            err = NumberError(
                f"{text!r}: {unit!r} after the number is not a unit we know; write the number alone and the unit "
                "in its own column (kWh, litre, m3, tonne, vehicle_km …)",
                code="unknown_unit_in_number",
            )
        raise err
    return parse_number(m.group("number"), decimal), unit


def looks_like_number(text: str) -> bool:
    """Whether a cell holds one number, plain or dressed (currency, percent, unit): a figure to account for."""
    t = _clean(text)
    if not t or _DIGIT.search(t) is None:
        return False
    if read(t) is not None:
        return True
    if len(t) > 40 or not _could_be_dressed(t):  # a sentence or a name, not a dressed number
        return False
    return _diagnose(t).code in _DRESSED


def _could_be_dressed(t: str) -> bool:
    """Cheap test: a dressed number starts with a digit, a sign, a bracket or a currency."""
    first = t[0]
    if first.isdigit() or first in "+-(.,":
        return True
    if unicodedata.category(first) == "Sc":
        return True
    word = re.split(r"[\s\d]", t, maxsplit=1)[0].lower()
    return word.endswith("$") or word in _currencies() or word in _CURRENCY_WORDS


class ColumnSource(Protocol):
    """Where a NumberContext finds the other cells of a column (a Table implements it)."""

    def column_keys(self) -> Sequence[object]: ...

    def column_texts(self, column: object) -> Sequence[str]: ...


@dataclass
class _Column:
    mark: DecimalMark | None = None
    example: str = ""
    scanned: bool = False


@dataclass
class NumberContext:
    """Reads the numbers of one table: declared format, else per column, else per file, never a guess.

    ``cells(column)`` gives every text of a column (for the scan that settles an ambiguous cell). A column's
    convention is the one its first unambiguous cell shows; a later cell written the other way is an error
    (``mixed_number_format``) that names both.
    """

    declared: DecimalMark | None = None
    source: ColumnSource | None = None
    columns: dict[object, _Column] = field(default_factory=dict)
    _file_mark: DecimalMark | None = None
    _file_scanned: bool = False

    def parse(self, text: str, column: object = None) -> float | None:
        reading = _reading_or_error(text)
        if reading is None:
            return None
        if self.declared is not None:
            return _resolve(reading, self.declared, None, "the file declares")
        col = self.columns.setdefault(column, _Column())
        if reading.evidence is not None:
            if col.mark is not None and reading.evidence != col.mark:
                raise _mismatch(reading, col.mark, f"this column writes {col.example!r} with")
            if col.mark is None:
                col.mark, col.example = reading.evidence, reading.text
            return _resolve(reading, None, None, "")
        if not reading.ambiguous:
            return _resolve(reading, None, None, "")
        mark = col.mark or self._scan_column(column, col) or self._scan_file()
        if mark is None:
            raise _ambiguous(reading)
        return _resolve(reading, mark, None, "")

    def parse_int(self, text: str, column: object = None) -> int | None:
        value = self.parse(text, column)
        return None if value is None else _whole(value, text)

    def _scan_column(self, column: object, col: _Column) -> DecimalMark | None:
        if col.scanned or self.source is None:
            return col.mark
        col.scanned = True
        for text in self.source.column_texts(column):
            if ("," in text or "." in text) and (r := _safe_read(text)) is not None and r.evidence:
                col.mark, col.example = r.evidence, r.text
                break
        return col.mark

    def _scan_file(self) -> DecimalMark | None:
        if not self._file_scanned:
            self._file_scanned = True
            marks: set[DecimalMark] = set()
            keys = self.source.column_keys() if self.source is not None else list(self.columns)
            for column in keys:
                mark = self._scan_column(column, self.columns.setdefault(column, _Column()))
                if mark is not None:
                    marks.add(mark)
            self._file_mark = marks.pop() if len(marks) == 1 else None  # both seen: nothing settles it
        return self._file_mark


def _safe_read(text: str) -> Reading | None:
    try:
        return read(text)
    except NumberError:
        return None
