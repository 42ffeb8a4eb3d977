"""Units through pint: every activity value carries a unit, and conversions are pint's, never ours.

We add only what pint lacks for city inventories (vehicle-, passenger- and tonne-km, ccf/Mcf, klb, GGE/DGE)
and the spellings real files use. The spellings are data (``catalog/data/units.csv``, documented in
docs/activity-template.md): each maps to a pint unit and says how an energy in it is read (gross or net
calorific value). A factor unit may name its gas (``kgCO2e/kWh``, ``tCO2/MWh``): ``split_gas`` takes it out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

import pint

from localaction.core.catalog._data import read_csv
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
ureg.define("MMBtu = 1e6 * Btu")
ureg.define("ccf = 100 * foot ** 3 = CCF")  # hundred cubic feet (US gas bills)
ureg.define("Mcf = 1000 * foot ** 3")  # thousand cubic feet (M = 1,000 in US gas usage)
ureg.define("MMcf = 1e6 * foot ** 3")
ureg.define("klb = 1000 * pound")  # thousand pounds (steam billing)
ureg.define("MMlb = 1e6 * pound")
# Gallon equivalents are amounts of a fuel, not volumes: each fuel says what one is (factors.csv, gge / dge).
ureg.define("GGE = [gasoline_gallon_equivalent]")
ureg.define("DGE = [diesel_gallon_equivalent]")

Basis = Literal["gross", "net"]
GROSS_UNIT_NAMES = ("british_thermal_unit", "Btu", "therm", "quad")  # pint names of the Btu family
_GAS = re.compile(r"(?<=[A-Za-zµ])\s*(co2e|co2-?eq|co2-e|co₂e|co2|co₂|ch4|n2o)(?![A-Za-z0-9])", re.IGNORECASE)
_GAS_NAMES = {"co2e": "CO2e", "co2eq": "CO2e", "co2-eq": "CO2e", "co2-e": "CO2e", "co₂e": "CO2e",
              "co2": "CO2", "co₂": "CO2", "ch4": "CH4", "n2o": "N2O"}  # fmt: skip
_POWER = re.compile(r"^([A-Za-z]+)([23²³])$")
_SUPERSCRIPT = str.maketrans({"²": "2", "³": "3"})


@dataclass(frozen=True)
class Spelling:
    spelling: str
    unit: str  # pint expression; "" = refused as ambiguous
    calorific_basis: str  # gross, net or "" (not an energy)
    note: str
    source: str


@cache
def spellings() -> dict[str, Spelling]:
    """Every accepted spelling (``catalog/data/units.csv``), by its exact text."""
    return {
        r["spelling"]: Spelling(r["spelling"], r["unit"], r["calorific_basis"], r["note"], r["source"])
        for r in read_csv("units.csv")
    }


@cache
def _folded() -> dict[str, Spelling]:
    out: dict[str, Spelling] = {}
    for text, sp in spellings().items():
        out.setdefault(text.casefold(), sp)
    return out


def spelling(text: str) -> Spelling | None:
    """The table entry for one unit word (exact case first: ``Mt`` is a megatonne, ``mt`` a metric ton)."""
    t = " ".join(text.split())
    return spellings().get(t) or _folded().get(t.casefold())


def split_gas(unit: str) -> tuple[str, str | None]:
    """``kgCO2e/kWh`` -> (``kg/kWh``, ``CO2e``); a unit without a gas comes back unchanged with None."""
    found = _GAS.findall(unit)
    if not found:
        return unit, None
    gases = {_GAS_NAMES[g.lower()] for g in found}
    if len(gases) > 1:
        raise InputError(f"the unit {unit!r} names more than one gas", code="unknown_unit")
    return re.sub(r"\s*/\s*", "/", _GAS.sub("", unit)).strip(), gases.pop()


def _word(text: str) -> str:
    """One unit word (no operators) as a pint expression."""
    word = text.strip()
    if not word:
        return word
    if word[0].isdigit() or word.replace(".", "", 1).isdigit():
        return word
    sp = spelling(word)
    if sp is not None:
        if not sp.unit:
            raise InputError(f"the unit {word!r} is ambiguous: {sp.note}", code="ambiguous_unit")
        return f"({sp.unit})"
    m = _POWER.match(word.translate(_SUPERSCRIPT))
    if m:
        return f"({_word(m.group(1))} ** {m.group(2)})"
    return word


def _expression(unit: str) -> str:
    text = " ".join(unit.strip().split())
    whole = spelling(text)
    if whole is not None:
        return _word(text)
    text, _ = split_gas(text)
    parts = re.split(r"(\s*[/*()]\s*|\s*\*\*\s*)", text)
    return "".join(p.strip() if re.fullmatch(r"\s*[/*()]\s*|\s*\*\*\s*", p) else _word(p) for p in parts)


@cache
def parse_unit(unit: str) -> pint.Unit:
    """The pint unit for a spelling such as ``kWh``, ``therms``, ``m3``, ``kg/m3``, ``tCO2e/MWh``."""
    if not unit or not unit.strip():
        raise InputError(
            "the unit is empty; give one such as kWh, GJ, litre, tonne, vehicle_km", code="unknown_unit"
        )
    try:
        return ureg.parse_units(_expression(unit))
    except InputError:
        raise
    except (
        pint.errors.UndefinedUnitError,
        pint.errors.DefinitionSyntaxError,
        AttributeError,
        TypeError,
        ValueError,
        AssertionError,
        SyntaxError,
    ) as exc:
        raise InputError(
            f"unknown unit {unit!r}; use one such as kWh, MWh, GJ, TJ, therm, MMBtu, Dth, litre, gallon, m3, "
            "ft3, ccf, Mcf, tonne, short_ton, kg, klb, vehicle_km, vehicle_mile (docs/activity-template.md "
            "lists every spelling)",
            code="unknown_unit",
        ) from exc


@cache  # a pure function of two strings, asked once per record by the checks
def calorific_basis(unit: str, part: Literal["denominator", "numerator"] = "denominator") -> Basis:
    """How an energy in ``unit`` is read by convention: gross for the Btu family (therm, MMBtu, Dth …),
    net otherwise (IPCC). For a factor unit (``kg/MMBtu``) this is the basis of its denominator; for a heat
    content (``Btu/ft3``) ask for the numerator."""
    text, _ = split_gas(unit)
    if "/" in text:
        numerator, denominator = text.split("/", 1)
        text = numerator if part == "numerator" else denominator
    u = str(parse_unit(text))
    return "gross" if any(name in u for name in GROSS_UNIT_NAMES) else "net"


def unit_note(unit: str) -> str:
    """The table's note for a spelling whose reading needs saying (e.g. Nm3), else ""."""
    sp = spelling(unit)
    return sp.note if sp is not None and sp.spelling.lower().startswith(("nm", "sm", "mlb")) else ""


@cache
def conversion_factor(from_unit: str, to_unit: str) -> float:
    """How many ``to_unit`` make one ``from_unit``; InputError when the two cannot convert."""
    try:
        src = ureg.Quantity(1.0, parse_unit(from_unit))
        return float(src.to(parse_unit(to_unit)).magnitude)
    except pint.errors.DimensionalityError as exc:
        raise InputError(
            f"cannot convert {from_unit!r} to {to_unit!r}: they measure different things",
            code="incompatible_unit",
        ) from exc


def convert(value: float, from_unit: str, to_unit: str) -> float:
    return value * conversion_factor(from_unit, to_unit)


def dimension(unit: str) -> str:
    """A short name of what the unit measures: energy, mass, volume, distance, vehicle_distance …"""
    q = ureg.Quantity(1.0, parse_unit(unit))
    dims = q.dimensionality
    named = {
        "energy": ureg.Quantity(1, "J").dimensionality,
        "mass": ureg.Quantity(1, "kg").dimensionality,
        "volume": ureg.Quantity(1, "m**3").dimensionality,
        "distance": ureg.Quantity(1, "km").dimensionality,
        "vehicle_distance": ureg.Quantity(1, "vehicle_km").dimensionality,
        "passenger_distance": ureg.Quantity(1, "passenger_km").dimensionality,
        "freight_distance": ureg.Quantity(1, "tonne_km").dimensionality,
        "gasoline_gallon_equivalent": ureg.Quantity(1, "GGE").dimensionality,
        "diesel_gallon_equivalent": ureg.Quantity(1, "DGE").dimensionality,
    }
    for name, d in named.items():
        if dims == d:
            return name
    return str(dims)
