"""Formatting for the pages: numbers with thousands separators (per locale) and units, states as badges."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import formats
from django.utils.translation import gettext as _

register = template.Library()


def _number(value: Any, places: int = 0) -> str:
    if value is None or value == "":
        return ""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    # Rounded, never truncated: Django's number_format cuts the digits (1.2196 would read 1.21, where the
    # CSV says 1.22), so the value is rounded to the places shown first.
    number = round(number) if places == 0 else round(number, places)
    return formats.number_format(number, decimal_pos=places, use_l10n=True, force_grouping=True)


@register.filter
def num(value: Any, places: int = 0) -> str:
    """``1234567.8|num`` → ``1,234,568``; ``|num:1`` keeps one decimal."""
    return _number(value, int(places))


@register.filter
def tco2e(value: Any, places: int = 0) -> str:
    """An emission in tonnes of CO2 equivalent, with its unit; blank stays blank."""
    text = _number(value, int(places))
    return f"{text}\u00a0t\u00a0CO2e" if text else "—"


@register.filter
def per_capita(value: Any) -> str:
    text = _number(value, 2)
    return f"{text}\u00a0t\u00a0CO2e\u00a0{_('per person')}" if text else "—"


@register.filter
def pct(value: Any, places: int = 0) -> str:
    text = _number(value, int(places))
    return f"{text}\u00a0%" if text else "—"


@register.filter
def signed_pct(value: Any) -> str:
    """A change as a signed whole percentage: ``-0.482`` → ``−48 %``; blank stays blank."""
    if value is None or value == "":
        return ""
    number = round(float(value) * 100)
    text = _number(abs(number))
    sign = "+" if number > 0 else "\u2212" if number < 0 else "±"
    return f"{sign}{text}\u00a0%"


@register.filter(name="label")
def label_filter(value: Any) -> Any:
    """An internal id as its human name (``faces/web/labels.py``); anything else unchanged."""
    from localaction.faces.web.labels import label

    return label(value)


@register.filter(name="label_words")
def label_words_filter(value: Any) -> Any:
    """The ids inside a sentence as their human names (``labels.words``)."""
    from localaction.faces.web.labels import words

    return words(value)


@register.filter(name="answer")
def answer_filter(value: Any) -> str:
    """A framework answer (choice, list, table, yes/no) in words (``labels.answer``)."""
    from localaction.faces.web.labels import answer

    return answer(value)


@register.filter
def keys(value: Any) -> str:
    return ", ".join(value) if value else ""


@register.filter
def get(mapping: Any, key: Any) -> Any:
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.filter
def line_anchor(gpc_ref: Any) -> str:
    """The id of a GPC line's row in the tables: ``I.1.1`` → ``line-I-1-1``."""
    return "line-" + str(gpc_ref or "").replace(".", "-")
