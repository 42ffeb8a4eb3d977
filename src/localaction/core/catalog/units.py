"""Units through pint: every activity value carries a unit, and conversions are pint's, never ours.

We add only what pint lacks for city inventories (vehicle-, passenger- and tonne-km; "VMT") and the
spellings real files use ("therms", "m³", "litres", "MMBtu", "short tons").
"""

from __future__ import annotations

from functools import cache

import pint

from localaction.core.errors import InputError

ureg: pint.UnitRegistry = pint.UnitRegistry(  # type: ignore[type-arg]
    autoconvert_offset_to_baseunit=True
)
ureg.define("vehicle = [vehicle]")
ureg.define("passenger = [passenger]")
ureg.define("vehicle_km = vehicle * kilometer = vkm")
ureg.define("passenger_km = passenger * kilometer = pkm")
ureg.define("tonne_km = tonne * kilometer = tkm")
ureg.define("vehicle_mile = vehicle * mile = VMT")
ureg.define("passenger_mile = passenger * mile = PMT")

# Spellings seen in real inventories → pint expressions. Names only: pint does every conversion.
_SPELLINGS = {
    "therms": "therm",
    "mmbtu": "MMBtu",
    "mbtu": "MMBtu",
    "m3": "meter ** 3",
    "m³": "meter ** 3",
    "litres": "liter",
    "litre": "liter",
    "liters": "liter",
    "l": "liter",
    "gallons": "gallon",
    "gal": "gallon",
    "us gallons": "gallon",
    "tonnes": "tonne",
    "t": "tonne",
    "metric tons": "tonne",
    "metric tonnes": "tonne",
    "short tons": "short_ton",
    "short ton": "short_ton",
    "tons": "short_ton",  # US usage (e.g. San Francisco's inventory); write "tonnes" for metric
    "kwh": "kWh",
    "mwh": "MWh",
    "gwh": "GWh",
    "vehicle-km": "vehicle_km",
    "vehicle km": "vehicle_km",
    "passenger-km": "passenger_km",
    "passenger km": "passenger_km",
    "tonne-km": "tonne_km",
    "vmt": "vehicle_mile",
    "vehicle miles": "vehicle_mile",
    "vehicle-miles": "vehicle_mile",
}
ureg.define("MMBtu = 1e6 * Btu")
ureg.define("ccf = 100 * foot ** 3 = CCF")  # hundred cubic feet (US gas bills)


def _expression(unit: str) -> str:
    text = unit.strip()
    return _SPELLINGS.get(text.lower(), text)


@cache
def parse_unit(unit: str) -> pint.Unit:
    """The pint unit for a spelling such as ``kWh``, ``therms``, ``m³``, ``vehicle-km``."""
    if not unit or not unit.strip():
        raise InputError(
            "the unit is empty; give one such as kWh, GJ, litre, tonne, vehicle_km", code="unknown_unit"
        )
    try:
        return ureg.parse_units(_expression(unit))
    except (
        pint.errors.UndefinedUnitError,
        pint.errors.DefinitionSyntaxError,
        AttributeError,
        TypeError,
        ValueError,
        AssertionError,
    ) as exc:
        raise InputError(
            f"unknown unit {unit!r}; use one such as kWh, MWh, GJ, TJ, therm, MMBtu, litre, gallon, m3, "
            "tonne, short_ton, kg, vehicle_km, passenger_km",
            code="unknown_unit",
        ) from exc


@cache
def conversion_factor(from_unit: str, to_unit: str) -> float:
    """How many ``to_unit`` make one ``from_unit``; InputError when the two cannot convert."""
    try:
        src = ureg.Quantity(1.0, _expression(from_unit))
        return float(src.to(_expression(to_unit)).magnitude)
    except pint.errors.DimensionalityError as exc:
        raise InputError(
            f"cannot convert {from_unit!r} to {to_unit!r}: they measure different things",
            code="incompatible_unit",
        ) from exc
    except (pint.errors.UndefinedUnitError, AttributeError, TypeError, ValueError, AssertionError) as exc:
        parse_unit(from_unit)
        parse_unit(to_unit)
        raise InputError(f"cannot convert {from_unit!r} to {to_unit!r}", code="unknown_unit") from exc


def convert(value: float, from_unit: str, to_unit: str) -> float:
    return value * conversion_factor(from_unit, to_unit)


def dimension(unit: str) -> str:
    """A short name of what the unit measures: energy, mass, volume, distance, vehicle_distance …"""
    q = ureg.Quantity(1.0, _expression(unit))
    dims = q.dimensionality
    named = {
        "energy": ureg.Quantity(1, "J").dimensionality,
        "mass": ureg.Quantity(1, "kg").dimensionality,
        "volume": ureg.Quantity(1, "m**3").dimensionality,
        "distance": ureg.Quantity(1, "km").dimensionality,
        "vehicle_distance": ureg.Quantity(1, "vehicle_km").dimensionality,
        "passenger_distance": ureg.Quantity(1, "passenger_km").dimensionality,
        "freight_distance": ureg.Quantity(1, "tonne_km").dimensionality,
    }
    for name, d in named.items():
        if dims == d:
            return name
    return str(dims)
