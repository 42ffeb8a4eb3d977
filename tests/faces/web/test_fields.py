"""The localized number field: a number typed in a form is read with the active language's decimal mark."""

from __future__ import annotations

import pytest
from django import forms
from django.utils import translation

from localaction.faces.web.fields import LocalizedNumberField
from localaction.faces.web.forms import InterimField


class _Form(forms.Form):
    value = LocalizedNumberField(required=False, min_value=0)


def _clean(text: str, language: str) -> forms.Form:
    with translation.override(language):
        form = _Form(data={"value": text})
        form.is_valid()
    return form


def test_decimal_comma_under_french_is_one_and_a_half() -> None:
    form = _clean("1,5", "fr")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["value"] == 1.5


def test_decimal_comma_under_english_is_refused_not_fifteen() -> None:
    form = _clean("1,5", "en")
    assert not form.is_valid()
    assert "1,5" in str(form.errors["value"])


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("850.000,5", "pt-br", 850000.5),
        ("1,234.5", "en", 1234.5),
        ("1 234,5", "de", 1234.5),
        ("", "en", None),
    ],
)
def test_numbers_as_written(text: str, language: str, expected: float | None) -> None:
    form = _clean(text, language)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["value"] == expected


def test_currency_sign_is_refused_with_the_reason() -> None:
    form = _clean("$12", "en")
    assert not form.is_valid()
    assert "currency" in str(form.errors["value"])


def test_min_value_still_applies() -> None:
    assert not _clean("-1", "en").is_valid()


def test_interim_targets_read_decimal_comma_under_spanish() -> None:
    with translation.override("es"):
        assert InterimField().clean("2030: 42,5") == [{"year": 2030, "reduction_pct": 42.5}]
    with translation.override("en"), pytest.raises(forms.ValidationError):
        InterimField().clean("2030: 42,5")
