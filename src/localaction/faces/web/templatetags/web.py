"""Formatting for the pages: numbers with thousands separators (per locale) and units, states as badges."""

from __future__ import annotations

import datetime as dt
from typing import Any

from babel import UnknownLocaleError
from babel import dates as babel_dates
from babel import numbers as babel_numbers
from django import template
from django.utils import formats, timezone, translation
from django.utils.html import format_html
from django.utils.translation import gettext as _

from localaction.faces.web import reference_i18n

register = template.Library()


def _number(value: Any, places: int = 0) -> str:
    """The ONE number format of the pages: CLDR's symbols and grouping for the active language (Babel), rounded
    half-even to ``places`` decimals."""
    if value is None or value == "":
        return ""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    # Rounded, never truncated (1.2196 reads 1.22, as in the CSV), then written the reader's way (Babel/CLDR).
    number = round(number) if places == 0 else round(number, places)
    pattern = "#,##0." + "0" * places if places > 0 else "#,##0"
    try:
        return babel_numbers.format_decimal(number, format=pattern, locale=_babel_locale())
    except (ValueError, UnknownLocaleError):
        return formats.number_format(
            round(number, places), decimal_pos=places, use_l10n=True, force_grouping=True
        )


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


@register.filter(name="evidence")
def evidence_filter(value: Any) -> Any:
    """What met a milestone item, in words and linked (``labels.evidence``)."""
    from localaction.faces.web.labels import evidence

    return evidence(value)


@register.filter
def peer_group_rule(group_by: Any) -> str:
    """Who is in a peer group, in the reader's language (``insights.words.group_rule``)."""
    from localaction.faces.web.insights.words import group_rule

    return group_rule(group_by)


@register.filter
def verdict(value: Any) -> str:
    from localaction.faces.web.insights.words import verdict as words_verdict

    return words_verdict(value)


@register.filter
def peers_rule(peers: Any) -> str:
    from localaction.faces.web.insights.words import peers_rule as rule

    return rule(peers)


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
def tap_agenda(value: Any) -> str:
    return reference_i18n.tap_label(reference_i18n.TAP_AGENDAS, str(value or ""))


@register.filter
def tap_sector(value: Any) -> str:
    """A TAP sector code (``I``, ``water``) as its name in the reader's language."""
    return reference_i18n.tap_label(reference_i18n.TAP_SECTORS, str(value or ""))


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


@register.filter
def bcp47(code: Any) -> str:
    """Django's language code as a BCP 47 tag for ``lang``: ``zh-hans`` → ``zh-Hans``, ``pt-br`` → ``pt-BR``."""
    parts = str(code or "en").replace("_", "-").split("-")
    rest = [p.title() if len(p) == 4 else p.upper() if len(p) == 2 else p for p in parts[1:]]
    return "-".join([parts[0].lower(), *rest])


@register.simple_tag
def content_lang(obj: Any = None) -> str:
    """The attributes of a block of user-written content (a title, a description, a comment): its language when
    the record knows it (a ``language`` field), else ``lang=""`` — "unknown", so that neither the page's language
    nor a screen reader's rules are claimed for words we did not write — and ``dir="auto"`` either way."""
    known = getattr(obj, "language", "") if obj is not None else ""
    return format_html(' lang="{}" dir="auto"', bcp47(known) if known else "")


def _babel_locale() -> str:
    return translation.to_locale(translation.get_language() or "en")


@register.filter
def day(value: Any) -> str:
    """A date (or the date of a datetime) in the reader's locale: ``2 dic 2026`` (es), ``02.12.2026`` (de),
    ``2026年12月2日`` (zh-hans). English pages keep ISO 8601 (``2026-12-02``): the registry's members read
    English across countries where 12/02 means two different days."""
    if value in (None, ""):
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    if not isinstance(value, dt.date):
        return str(value)
    if (translation.get_language() or "en").startswith("en"):
        return value.isoformat()
    try:
        return babel_dates.format_date(value, "medium", locale=_babel_locale())
    except (ValueError, UnknownLocaleError):
        return value.isoformat()


@register.filter
def when(value: Any) -> str:
    """A moment (date and time, in the site's time zone) in the reader's locale; ISO-like in English."""
    if value in (None, ""):
        return ""
    if not isinstance(value, dt.datetime):
        return day(value)
    moment: dt.datetime = timezone.localtime(value) if timezone.is_aware(value) else value
    if (translation.get_language() or "en").startswith("en"):
        return moment.strftime("%Y-%m-%d %H:%M")
    try:
        return str(babel_dates.format_datetime(moment, "short", locale=_babel_locale()))
    except (ValueError, UnknownLocaleError):
        return moment.strftime("%Y-%m-%d %H:%M")
