"""Amounts compared in one currency (issue 16): euros at the rate the secretariat recorded, with its date and
source, beside the project's own currency; no rate, no conversion, and the page says so."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from localaction.core import clock
from localaction.registry.tap import currency
from localaction.registry.tap.models import ExchangeRate, Project
from tests.registry.tap.conftest import Tap

pytestmark = pytest.mark.django_db

ECB = "ECB euro foreign exchange reference rates (recorded by the secretariat for this test)"


def test_the_latest_rate_on_or_before_the_day_converts() -> None:
    today = clock.today()
    ExchangeRate.objects.create(
        currency="BRL", per_eur=Decimal("5.5"), on=today - dt.timedelta(days=40), source=ECB
    )
    ExchangeRate.objects.create(
        currency="BRL", per_eur=Decimal("6.25"), on=today - dt.timedelta(days=2), source=ECB
    )
    ExchangeRate.objects.create(
        currency="BRL", per_eur=Decimal("9"), on=today + dt.timedelta(days=5), source=ECB
    )
    got = currency.in_base(Decimal(12_500_000), "brl")
    assert got is not None and got.rate is not None
    assert got.euros == Decimal(2_000_000) and got.rate.per_eur == Decimal("6.25")  # not the future one
    older = currency.in_base(Decimal(11_000_000), "BRL", on=today - dt.timedelta(days=10))
    assert older is not None and older.euros == Decimal(2_000_000)
    assert currency.in_base(Decimal(5), "EUR") == currency.InBase(Decimal(5), "EUR", Decimal(5), None)
    assert currency.in_base(Decimal(5), "KRW") is None  # no rate recorded: no conversion
    assert currency.in_base(None, "BRL") is None


def test_a_total_over_currencies_names_the_rates_and_the_missing_ones() -> None:
    ExchangeRate.objects.create(currency="USD", per_eur=Decimal("1.25"), on=clock.today(), source=ECB)
    total = currency.total_in_base([(Decimal(100), "EUR"), (Decimal(250), "USD"), (Decimal(9), "KRW")])
    assert total.euros == Decimal(300) and [r.currency for r in total.rates] == ["USD"]
    assert total.missing == ["KRW"]


def test_the_sheet_the_portal_and_the_desk_compare_in_euros(tap: Tap) -> None:
    Project.all_objects.filter(pk=tap.pipeline.pk).update(currency="BRL")
    sheet = reverse("tap:sheet", args=[tap.pipeline.pk])
    before = tap.client("funder").get(sheet).content.decode()
    assert "No exchange rate for BRL is recorded yet" in before and "≈" not in before
    ExchangeRate.objects.create(currency="BRL", per_eur=Decimal("5"), on=clock.today(), source=ECB)
    after = tap.client("funder").get(sheet).content.decode()
    sought = tap.pipeline.funding_sought / 5
    assert "Compared in euros at 1 EUR = 5" in after and ECB in after
    assert f"≈ {sought:,.0f} EUR" in after
    portal = tap.client("funder").get(reverse("tap:portal")).content.decode()
    assert f"≈ {sought:,.0f} EUR" in portal
    desk = tap.client("tap_reviewer").get(reverse("tap:desk")).content.decode()
    assert 'id="rates"' in desk and "1 EUR = 5" in desk
