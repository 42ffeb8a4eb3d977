"""Formatting for the pages: numbers with thousands separators (per locale) and units, states as badges."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import formats
from django.utils.translation import gettext as _

from localaction.faces.web import reference_i18n

register = template.Library()


def _number(value: Any, places: int = 0) -> str:
    if value is None or value == "":
        return ""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    if places == 0:
        number = round(number)
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


@register.filter
def ref(text: Any) -> Any:
    """Reference content (a GPC sector or sub-sector, its definition, a hazard type, a TAP list entry) in the
    reader's language; anything else (a user's own words) unchanged."""
    return reference_i18n.term(text)


@register.filter
def country(code: Any) -> str:
    """An ISO 3166 country code as the country's name in the reader's language: ``BR`` → ``Brasil`` (es)."""
    return reference_i18n.country_name(code)


@register.filter
def tap_stage(value: Any) -> str:
    return reference_i18n.tap_label(reference_i18n.TAP_STAGES, str(value or ""))


@register.filter
def tap_instrument(value: Any) -> str:
    return reference_i18n.tap_label(reference_i18n.TAP_INSTRUMENTS, str(value or ""))


@register.filter
def check_title(code: Any) -> str:
    """What an MRV check checks (its code's description), in the reader's language."""
    return reference_i18n.check_title(str(code or ""))


@register.filter
def notation_meaning(key: Any) -> str:
    return reference_i18n.notation_meaning(str(key or ""))
