"""Quantities of gas as publishers write them, converted by pint (``core.catalog.units``): PRIMAP-hist's
``CO2 * gigagram / a``, the CRF's ``kt``, Climate TRACE's tonnes. The result is always tonnes per year."""

from __future__ import annotations

import re

import pint

from localaction.core.catalog.units import ureg

# A leading gas token in a PRIMAP unit: "CO2 * gigagram / a", "CH4 * gigagram / a", "CO2 * Gg / year".
_GAS_TOKEN = re.compile(r"^\s*([A-Za-z][A-Za-z0-9]*)\s*\*\s*")


def split_gas(unit: str) -> tuple[str, str]:
    """``'CO2 * gigagram / a'`` → ``('CO2', 'gigagram / a')``; a unit without a gas → ``('', unit)``."""
    m = _GAS_TOKEN.match(unit)
    if m is None:
        return "", unit.strip()
    return m.group(1), unit[m.end() :].strip()


# Spellings that pint reads as something else ("kt" is a knot to pint): names only, pint converts.
_SPELLINGS = {"kt": "kilotonne", "mt": "megatonne", "gg": "gigagram", "tonnes": "tonne", "t": "tonne"}


def tonnes_factor(unit: str) -> float:
    """How many tonnes (per year) one of ``unit`` is (``gigagram / a`` → 1000, ``kt`` → 1000). ValueError
    (for people) when pint cannot read it or it is not a mass (per year)."""
    name = _SPELLINGS.get(unit.strip().casefold(), unit.strip())
    try:
        q = ureg.Quantity(1, name)
    except (
        pint.errors.UndefinedUnitError,
        pint.errors.DefinitionSyntaxError,
        AttributeError,
        TypeError,
    ) as exc:
        raise ValueError(f"unknown unit {unit!r}") from exc
    try:
        if q.check("[mass]"):
            return float(q.to("tonne").magnitude)
        return float(q.to("tonne / year").magnitude)
    except pint.errors.DimensionalityError:
        raise ValueError(f"{unit!r} is not a mass (or a mass per year)") from None
