"""Unit spellings as people write them, their calorific basis, and gases inside factor units."""

from __future__ import annotations

from pathlib import Path

import pytest

from localaction.core.catalog.units import (
    calorific_basis,
    convert,
    parse_unit,
    spellings,
    split_gas,
)
from localaction.core.errors import InputError

DOC = Path(__file__).resolve().parents[3] / "docs" / "activity-template.md"


@pytest.mark.parametrize(
    ("spelling", "target", "value"),
    [
        ("m3", "l", 1000.0),
        ("kg/m3", "kg/l", 0.001),
        ("Nm3", "m**3", 1.0),
        ("ft3", "l", 28.316846592),
        ("scf", "ft**3", 1.0),
        ("ccf", "ft**3", 100.0),
        ("Mcf", "ft**3", 1000.0),
        ("MMBtu", "Btu", 1e6),
        ("Dth", "therm", 10.0),
        ("klb", "lb", 1000.0),
        ("Mlb", "lb", 1000.0),  # US steam billing: M = thousand
        ("tCO2e/MWh", "kg/kWh", 1.0),
        ("kgCO2/kWh", "kg/kWh", 1.0),
        ("kg CO2e / kWh", "kg/kWh", 1.0),
        ("mtCO2e", "kg", 1000.0),
        ("short tons", "kg", 907.18474),
        ("kg/short ton", "kg/t", 1.10231131),
        ("VMT", "vehicle_km", 1.609344),
        ("kg/vehicle-mile", "kg/vehicle_km", 1 / 1.609344),
        ("gallons", "l", 3.785411784),
    ],
)
def test_spellings_people_write(spelling: str, target: str, value: float) -> None:
    assert convert(1.0, spelling, target) == pytest.approx(value)


def test_hand_conversions() -> None:
    # 1 therm = 100,000 Btu = 105.5056 MJ; 1 Dth = 1 MMBtu = 1.055056 GJ; 1 Mcf = 28.3168 m3
    assert convert(1, "therm", "MJ") == pytest.approx(105.5056)
    assert convert(1, "Dth", "GJ") == pytest.approx(1.055056)
    assert convert(1, "Mcf", "m3") == pytest.approx(28.316846592)
    assert convert(1, "kg/m3", "g/l") == pytest.approx(1.0)


def test_gases_in_factor_units() -> None:
    assert split_gas("tCO2e/MWh") == ("t/MWh", "CO2e")
    assert split_gas("kgCO2/kWh") == ("kg/kWh", "CO2")
    assert split_gas("g CH4/kg") == ("g/kg", "CH4")
    assert split_gas("kg/kWh") == ("kg/kWh", None)
    with pytest.raises(InputError):
        split_gas("kgCO2/kgCH4")


def test_calorific_basis_follows_the_unit_convention() -> None:
    for unit in ("therm", "therms", "MMBtu", "Btu", "kBtu", "Dth", "kg/MMBtu", "kg/therm"):
        assert calorific_basis(unit) == "gross", unit
    for unit in ("GJ", "TJ", "kWh", "MWh", "kg/TJ", "kg/GJ"):
        assert calorific_basis(unit) == "net", unit
    assert calorific_basis("Btu/ft3", "numerator") == "gross"


def test_ambiguous_and_unknown_units_are_refused() -> None:
    with pytest.raises(InputError) as exc:
        parse_unit("MBtu")
    assert exc.value.code == "ambiguous_unit" and "kBtu or MMBtu" in exc.value.message
    with pytest.raises(InputError) as exc:
        parse_unit("furlongs of kale")
    assert exc.value.code == "unknown_unit"


def test_every_spelling_parses_and_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    for sp in spellings().values():
        if sp.unit:
            parse_unit(sp.spelling)
        assert f"`{sp.spelling}`" in text, sp.spelling
