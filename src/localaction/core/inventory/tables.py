"""Reading a table (CSV or XLSX) for the inventory file formats: the readers and parsers live in
``localaction.core.io`` (one set for every face and import); this module adds the inventory's own cell types
(data quality, reporting level) and keeps the names the inventory readers import.
"""

from __future__ import annotations

from localaction.core.inventory.model import Level, Quality
from localaction.core.io.headers import normalise_header
from localaction.core.io.numbers import DecimalMark
from localaction.core.io.numbers import parse_number as _parse_number
from localaction.core.io.tables import (
    Row,
    RowReader,
    Table,
    cell_text,
    problems_error,
    read_sheet,
    read_table,
)

__all__ = [
    "Row",
    "RowReader",
    "Table",
    "cell_text",
    "normalise_header",
    "parse_level",
    "parse_number",
    "parse_quality",
    "problems_error",
    "read_sheet",
    "read_table",
]


def parse_number(text: str, decimal: DecimalMark | None = "point") -> float | None:
    """A machine-written number (``1234.5``, ``1,234.5``, ``2.1e6``; blank is None) unless ``decimal`` says
    otherwise: see ``localaction.core.io.numbers.parse_number`` (its NumberError is a ValueError)."""
    return _parse_number(text, decimal)


_QUALITY = {
    "high": Quality.HIGH,
    "h": Quality.HIGH,
    "medium": Quality.MEDIUM,
    "m": Quality.MEDIUM,
    "med": Quality.MEDIUM,
    "low": Quality.LOW,
    "l": Quality.LOW,
}


def parse_quality(text: str) -> Quality | None:
    """``High``/``Medium``/``Low`` (or ``H``/``M``/``L``); blank is None; ValueError otherwise."""
    t = text.strip().lower()
    if not t:
        return None
    if t not in _QUALITY:
        raise ValueError(f"{text!r} is not a data-quality rating; use high, medium or low")
    return _QUALITY[t]


def parse_level(text: str) -> Level:
    """``BASIC`` or ``BASIC+`` (``basic plus`` too); blank is BASIC; ValueError otherwise."""
    key = text.strip().upper().replace(" ", "").replace("PLUS", "+")
    if not key:
        return Level.BASIC
    try:
        return Level(key)
    except ValueError:
        raise ValueError(f"{text!r} is not a reporting level; use BASIC or BASIC+") from None
