"""Amounts compared in one currency (euros), by the rates the secretariat recorded (``ExchangeRate``: the
date of each rate and where it comes from). A project's amounts stay in its own currency; a conversion is
shown beside them, with its rate and date, and never stored. No rate recorded for a currency (on or before
the date asked): no conversion, and the page says so."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from localaction.core import clock
from localaction.registry.tap.models import ExchangeRate

BASE = "EUR"


@dataclass(frozen=True)
class InBase:
    """``amount`` of ``currency`` as ``euros``, at ``rate`` (None when the amount is in euros already)."""

    amount: Decimal
    currency: str
    euros: Decimal
    rate: ExchangeRate | None


def rate_for(currency: str, on: dt.date | None = None) -> ExchangeRate | None:
    """The latest rate recorded for ``currency`` on or before ``on`` (today by default)."""
    return (
        ExchangeRate.objects.filter(currency=currency.upper(), on__lte=on or clock.today())
        .order_by("-on")
        .first()
    )


def in_base(amount: Decimal | None, currency: str, on: dt.date | None = None) -> InBase | None:
    """``amount`` in euros, or None when it is unknown or no rate is recorded for its currency."""
    if amount is None:
        return None
    code = (currency or "").upper()
    if code == BASE:
        return InBase(amount, code, amount, None)
    rate = rate_for(code, on)
    if rate is None:
        return None
    euros = (Decimal(amount) / rate.per_eur).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    return InBase(amount, code, euros, rate)


@dataclass(frozen=True)
class Total:
    """A sum over several currencies in euros, the rates used, and the currencies that have none."""

    euros: Decimal
    rates: list[ExchangeRate]
    missing: list[str]


def total_in_base(amounts: Iterable[tuple[Decimal, str]], on: dt.date | None = None) -> Total:
    euros, rates, missing = Decimal(0), {}, set()
    for amount, currency in amounts:
        converted = in_base(amount, currency, on)
        if converted is None:
            missing.add((currency or "").upper())
            continue
        euros += converted.euros
        if converted.rate is not None:
            rates[converted.rate.pk] = converted.rate
    return Total(euros, sorted(rates.values(), key=lambda r: r.currency), sorted(missing))
