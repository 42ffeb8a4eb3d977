"""Guided entry's data (core.inventory.guide): the methods that fit each GPC line, the defaults the engine reads an
amount with, and transport by distance from a vehicle class."""

from __future__ import annotations

import pytest

from localaction.core.catalog import gpc_refs
from localaction.core.catalog.factors import factor_library
from localaction.core.inventory import guide
from localaction.core.inventory.methods import Context, apply_method
from localaction.core.inventory.model import ActivityRecord, Method

LIB = factor_library()


def _run(region: str = "DE", **kw: object) -> list:  # type: ignore[type-arg]
    rec = ActivityRecord.model_validate({"record_id": "r", **kw})
    return apply_method(rec, Context(library=LIB, region=region, year=2022))


def test_every_line_offers_direct_entry_and_only_fitting_methods() -> None:
    for ref in gpc_refs():
        offered = guide.methods_for(ref)
        assert Method.DIRECT in offered, ref
        if ref.startswith("III.1."):
            assert offered[0] in {Method.LANDFILL_MC, Method.LANDFILL_FOD}
        else:
            assert Method.LANDFILL_MC not in offered and Method.LANDFILL_FOD not in offered, ref
        if not ref.startswith("II."):
            assert Method.TRANSPORT_DISTANCE not in offered, ref
    assert guide.methods_for("I.1.1") == (Method.FUEL_COMBUSTION, Method.DIRECT)
    assert guide.methods_for("I.1.2")[0] is Method.GRID_ENERGY
    assert guide.methods_for("II.1.1") == (Method.TRANSPORT_FUEL, Method.TRANSPORT_DISTANCE, Method.DIRECT)
    assert guide.methods_for("I.8.1")[0] is Method.FUGITIVE_GAS
    assert guide.methods_for("nonsense") == tuple(Method)


@pytest.mark.parametrize(
    ("ref", "method", "record"),
    [
        ("I.2.1", Method.FUEL_COMBUSTION, {"activity": "diesel", "quantity": 1, "unit": "TJ"}),
        ("I.2.2", Method.GRID_ENERGY, {"activity": "DE", "quantity": 1000, "unit": "kWh"}),
        ("II.1.1", Method.TRANSPORT_FUEL, {"activity": "diesel", "quantity": 1000, "unit": "litre"}),
        ("III.1.1", Method.LANDFILL_MC, {"activity": "food", "quantity": 10, "unit": "t"}),
        ("III.2.1", Method.BIOLOGICAL, {"activity": "composting", "quantity": 10, "unit": "t"}),
    ],
)
def test_the_usual_method_of_a_line_computes_there(ref: str, method: Method, record: dict) -> None:  # type: ignore[type-arg]
    assert guide.methods_for(ref)[0] is method
    out = _run(gpc_ref=ref, method=method.value, **record)
    assert sum(out[0].gases_t.values()) > 0


def test_natural_gas_reading_matches_the_engine_trail() -> None:
    reading = guide.fuel_reading(LIB, "natural_gas", "m3", "DE", None)
    assert (
        reading.how == "density" and reading.value == pytest.approx(0.7) and reading.ncv == pytest.approx(48)
    )
    steps = _run(gpc_ref="I.1.1", method="fuel_combustion", activity="natural_gas", quantity=1000, unit="m3")[
        0
    ].steps
    assert any("density 0.7 kg/m³" in s for s in steps)
    us = guide.fuel_reading(LIB, "natural_gas", "ccf", "US", None)
    assert us.how == "heat_content" and us.value == pytest.approx(1026) and "40 CFR" in us.source
    steps = _run(
        "US", gpc_ref="I.1.1", method="fuel_combustion", activity="natural_gas", quantity=10, unit="ccf"
    )[0].steps
    assert any("1026 Btu/ft**3 gross" in s for s in steps)
    assert guide.fuel_reading(LIB, "natural_gas", "m3", "DE", 10.5).how == "given"
    assert guide.fuel_reading(LIB, "diesel", "litre", "DE", None).how == "density"
    assert guide.fuel_reading(LIB, "diesel", "t", "DE", None).how == "ncv"
    assert guide.fuel_reading(LIB, "diesel", "GJ", "DE", None).how == "energy"


def test_distance_with_a_vehicle_class_uses_the_librarys_fuel_use_per_km() -> None:
    intensity = guide.vehicle_intensity(LIB, "passenger_cars")
    assert intensity is not None and intensity.unit == "l/vehicle_km"
    by_class = _run(gpc_ref="II.1.1", method="transport_distance", quantity=1000, unit="vehicle_km",
                    params={"fuel": "motor_gasoline", "vehicle_class": "passenger_cars"})[0]  # fmt: skip
    by_hand = _run(gpc_ref="II.1.1", method="transport_distance", quantity=1000, unit="vehicle_km",
                   params={"fuel": "motor_gasoline", "fuel_intensity": intensity.value,
                           "fuel_intensity_unit": "l/km"})[0]  # fmt: skip
    assert by_class.gases_t == pytest.approx(by_hand.gases_t)
    assert by_class.factors[0].factor_id == "fhwa.fuel_intensity.passenger_cars"
    assert "fhwa.fuel_intensity.passenger_cars" in by_class.steps[0]
    own = _run(gpc_ref="II.1.1", method="transport_distance", quantity=1000, unit="vehicle_km",
               params={"fuel": "motor_gasoline", "vehicle_class": "passenger_cars", "fuel_intensity": 5,
                       "fuel_intensity_unit": "l/100km"})[0]  # fmt: skip
    assert own.gases_t["CO2"] < by_class.gases_t["CO2"]  # the officer's own fuel use wins (5 < 9.6 l/100 km)
    for vehicle in guide.VEHICLE_FUEL:
        assert guide.vehicle_intensity(LIB, vehicle) is not None, vehicle


def test_regional_composition_default_is_the_engines() -> None:
    region, shares = guide.composition_default(LIB, "DE")
    assert region == "Western Europe" and shares["food"] == pytest.approx(0.242)
    assert guide.composition_default(LIB, "") == ("", {})
