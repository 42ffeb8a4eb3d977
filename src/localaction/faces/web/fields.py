"""Form fields shared by the pages.

``LocalizedNumberField`` reads a number as the person wrote it, through ``localaction.core.io.parse_number``
with the decimal mark of the active language: ``1,5`` is 1.5 in French and refused in English (never 15).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from localaction.core.errors import InputError
from localaction.core.io import parse_number
from localaction.core.io.numbers import DecimalMark, NumberError, decimal_for_locale


def active_decimal_mark() -> DecimalMark:
    """The decimal mark of the active language (point where the language is unknown)."""
    try:
        return decimal_for_locale(translation.get_language() or "en")
    except InputError:
        return "point"


def parse_localized(text: str) -> float | None:
    """A number typed in a form, read with the active language's decimal mark; raises NumberError."""
    return parse_number(text, active_decimal_mark())


class LocalizedNumberField(forms.FloatField):
    """A float field that parses with the active language's decimal mark, with the parser's own message."""

    widget = forms.TextInput

    def to_python(self, value: Any) -> float | None:  # type: ignore[override]
        if value in self.empty_values:
            return None
        if isinstance(value, int | float):
            return float(value)
        try:
            return parse_localized(str(value))
        except NumberError as exc:
            raise forms.ValidationError(
                _("%(value)s is not a number as written here: %(reason)s"),
                code="invalid",
                params={"value": value, "reason": str(exc)},
            ) from None

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        attrs.pop("step", None)
        attrs["inputmode"] = "decimal"
        return attrs
