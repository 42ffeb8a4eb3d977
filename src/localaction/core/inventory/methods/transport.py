"""Transport by distance: vehicle-km (or miles) x a factor per distance, or x fuel intensity x the fuel's
factors; electric vehicles: distance x energy per distance x the grid factor (scope 2, T&D to the .3 line)."""

from __future__ import annotations

import pint

from localaction.core.catalog.units import parse_unit, ureg
from localaction.core.inventory.methods.base import (
    TRAIL,
    Context,
    GasAmounts,
    apply_factor,
    err,
    override,
    param,
    q,
    text_param,
    use,
)
from localaction.core.inventory.methods.energy import fuel_combustion
from localaction.core.inventory.methods.grid import electricity
from localaction.core.inventory.model import ActivityRecord

ELECTRIC = {"electricity", "electric", "ev", "bev", "battery_electric"}


def _intensity(value: float, record: ActivityRecord, unit: str) -> pint.Quantity:  # type: ignore[type-arg]
    expr = unit.replace("100km", "(100 km)").replace("100 km", "(100 km)").replace("100mi", "(100 mile)")
    try:  # "l/(100 km)" has a scaling factor, so it is parsed as an expression, not a unit
        return ureg.parse_expression(f"{value!r} * {expr}")
    except (pint.errors.UndefinedUnitError, pint.errors.DefinitionSyntaxError, SyntaxError) as exc:
        raise err(
            record, "param:fuel_intensity_unit", f"{unit!r} is not a unit such as l/100km, kWh/km"
        ) from exc


def transport_distance(record: ActivityRecord, ctx: Context) -> list[GasAmounts]:
    amount = q(record.quantity, record.unit)
    own = override(record, ctx)
    out = GasAmounts(gpc_ref=record.gpc_ref)
    if own is not None:
        # A factor per distance in its own unit: kg/vehicle_mile multiplies vehicle-miles (pint converts km/mi).
        apply_factor(record, amount, own, out, "distance")
        named = text_param(record, "fuel")
        if named and named.lower() not in ELECTRIC:
            reading = ctx.library.read_fuel(named, ctx.region)
            if not reading.blend and ctx.library.fuel(reading.fuel_id).biogenic:
                out.methane_origin = "non-fossil"
        return [out]
    fuel_name = text_param(record, "fuel")
    vehicle = text_param(record, "vehicle_class")
    given = param(record, "fuel_intensity")
    library_intensity = None
    if given is None and vehicle and fuel_name and fuel_name.lower() not in ELECTRIC:
        rows = ctx.library.find("transport_intensity", activity=vehicle)  # type: ignore[attr-defined]
        if not rows:
            raise err(
                record,
                "param:vehicle_class",
                f"{vehicle!r}: the library has no fuel use for this vehicle class",
            )
        library_intensity = rows[0]
    if (given is None and library_intensity is None) or not fuel_name:
        electric = fuel_name.lower() in ELECTRIC
        raise err(
            record,
            "params",
            "give param:fuel_intensity in kWh per distance (e.g. 0.18 with param:fuel_intensity_unit kWh/km): "
            "the library has no sourced default for electric vehicles"
            if electric
            else "give param:fuel and param:fuel_intensity (with param:fuel_intensity_unit, e.g. l/100km) or "
            "param:vehicle_class, or a factor per distance (factor_id or custom factor)",
            "missing_parameter",
        )
    if library_intensity is not None:  # per vehicle-km: litres per km of one vehicle
        intensity, unit = float(library_intensity.value), "l/km"
    else:
        intensity = float(given or 0.0)
        unit = text_param(
            record, "fuel_intensity_unit", "kWh/km" if fuel_name.lower() in ELECTRIC else "l/100km"
        )
    if amount.check("[vehicle] * [length]"):
        km = float((amount / ureg.vehicle).to(parse_unit("km")).magnitude)
    elif amount.check("[length]"):
        km = float(amount.to(parse_unit("km")).magnitude)
    else:
        raise err(
            record,
            "unit",
            f"{record.unit!r} is not a distance (use vehicle_km or vehicle_mile)",
            "incompatible_unit",
        )
    used = _intensity(intensity, record, unit) * ureg.Quantity(km, "km")
    for target in ("kWh", "l", "t", "TJ", "GGE", "DGE"):
        if used.check(ureg.Quantity(1, target).dimensionality):
            used = used.to(target)
            break
    else:
        raise err(
            record, "param:fuel_intensity_unit", f"{unit!r} is not fuel or energy per distance (e.g. l/100km)"
        )
    if fuel_name.lower() in ELECTRIC:
        zone = text_param(record, "grid_zone") or ctx.region
        results = electricity(record, ctx, float(used.to("kWh").magnitude), zone)
    else:
        as_fuel = record.model_copy(
            update={"quantity": float(used.magnitude), "unit": f"{used.units}", "activity": fuel_name}
        )
        results = fuel_combustion(as_fuel, ctx, mobile=True)
    if library_intensity is not None:
        results[0].factors.insert(0, use(library_intensity))
    if TRAIL.get():
        how = (
            f" ({library_intensity.factor_id}: {library_intensity.source})"
            if library_intensity is not None
            else ""
        )
        results[0].steps.insert(0, f"{km:.6g} km x {intensity:g} {unit}{how} = {used:~.6g} {fuel_name}")
    return results
