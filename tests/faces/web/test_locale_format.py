"""Numbers and dates on the pages follow the reader's locale (one filter each: ``num``/``tco2e``, ``day``,
``when``); units and GPC reference numbers never change."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from localaction.faces.web.templatetags import web
from tests.faces.web.conftest import Site

DAY = dt.date(2026, 12, 2)
MOMENT = dt.datetime(2026, 12, 2, 17, 5, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("language", "number", "date"),
    [
        ("en", "1,234,567.9", "2026-12-02"),
        ("es", "1.234.567,9", "2 dic 2026"),
        ("de", "1.234.567,9", "02.12.2026"),
        ("pt-br", "1.234.567,9", "2 de dez. de 2026"),
        ("zh-hans", "1,234,567.9", "2026年12月2日"),
        ("ja", "1,234,567.9", "2026/12/02"),
        ("ko", "1,234,567.9", "2026. 12. 2."),
    ],
)
def test_numbers_and_dates_per_locale(language: str, number: str, date: str) -> None:
    with translation.override(language):
        assert web.num(1234567.89, 1) == number
        assert web.day(DAY) == date
        assert web.day(MOMENT) == date
        assert web.tco2e(1234567.89, 1).endswith("\u00a0t\u00a0CO2e")  # the unit is never translated


def test_french_groups_with_a_space_and_a_decimal_comma() -> None:
    with translation.override("fr"):
        text = web.num(1234567.89, 1)
    assert text.replace("\u202f", " ").replace("\u00a0", " ") == "1 234 567,9"


def test_a_moment_keeps_its_time() -> None:
    with translation.override("en"):
        assert web.when(MOMENT) == "2026-12-02 17:05"
    with translation.override("de"):
        assert web.when(MOMENT) == "02.12.26, 17:05"


def test_blank_stays_blank_and_other_values_pass() -> None:
    assert web.day(None) == "" and web.when("") == ""
    assert web.day("not a date") == "not a date"


def test_the_german_inventory_page_writes_numbers_the_german_way(site: Site) -> None:
    html = (
        site.client("anonymous").get(reverse("web:inventory", args=[site.published.pk]) + "?lang=de").content
    )
    text = html.decode()
    total = site.published.basic_tco2e
    with translation.override("de"):
        german = web.num(total)
    with translation.override("en"):
        english = web.num(total)
    assert total > 1000 and german != english
    assert german in text
    assert "I.1.1" in text  # GPC reference numbers unchanged
