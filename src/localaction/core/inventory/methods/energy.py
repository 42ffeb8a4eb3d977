"""Fuel combustion (stationary and transport fuel sold): fuel -> CO2, CH4, N2O.

The library's IPCC factors are per TJ net; a record's own factor (custom or pinned) is applied in its own unit
(see ``convert``). Naming the fuel keeps its nature whatever factor sets the amount: a biomass fuel's CO2 is
biogenic (reported apart) and its methane non-fossil. Stationary CH4/N2O follow the sector of use, by default the
GPC line's (IPCC 2006 Vol. 2 Tables 2.2-2.5); transport follows the mode (II.1 road, II.2 rail, …).
"""

from __future__ import annotations

from functools import partial
from typing import Any

from localaction.core.catalog.fuels import Reading, name_key
from localaction.core.catalog.units import parse_unit
from localaction.core.inventory.methods.base import (
    Context,
    FactorLike,
    GasAmounts,
    GivenFactor,
    Quantity,
    apply_factor,
    err,
    override,
    q,
    text_param,
)
from localaction.core.inventory.methods.convert import Converter, kind
from localaction.core.inventory.model import ActivityRecord

SECTOR_OF_USE = {
    "I.1": "residential",
    "I.2": "commercial_institutional",
    "I.3": "manufacturing_construction",
    "I.4": "energy_industries",
    "I.5": "agriculture_forestry_fishing",
    "II.1": "road",
    "II.2": "rail",
    "II.3": "navigation",
    "II.4": "aviation",
    "II.5": "off_road",
}
IPCC_TABLE = {
    "energy_industries": "Table 2.2",
    "manufacturing_construction": "Table 2.3",
    "commercial_institutional": "Table 2.4",
    "residential": "Table 2.5",
    "agriculture_forestry_fishing": "Table 2.5",
}
QUALIFIER_PARAMS = (
    "equipment",
    "engine",
    "vehicle_type",
    "qualifier",
)  # which mobile factor row (e.g. 2-stroke)


def sector_of_use(record: ActivityRecord, mobile: bool) -> tuple[str, str]:
    """(sector, how it was chosen) for the CH4/N2O factors."""
    explicit = text_param(record, "sector_of_use")
    if explicit:
        return explicit, "param:sector_of_use"
    head = ".".join(record.gpc_ref.split(".")[:2])
    if head in SECTOR_OF_USE:
        return SECTOR_OF_USE[head], f"from GPC line {record.gpc_ref}"
    if mobile:
        return (
            "road",
            f"GPC line {record.gpc_ref} names no transport mode: road assumed (param:sector_of_use)",
        )
    return (
        "commercial_institutional",
        f"GPC line {record.gpc_ref} has no IPCC sector of use: commercial/institutional (Table 2.4) used; set "
        "param:sector_of_use",
    )


def _qualifier(record: ActivityRecord) -> str:
    for name in QUALIFIER_PARAMS:
        value = text_param(record, name)
        if value:
            return value.lower().replace(" ", "_").replace("-", "_")
    return ""


def fuel_combustion(record: ActivityRecord, ctx: Context, mobile: bool = False) -> list[GasAmounts]:
    """Fuel burnt: CO2, CH4 and N2O from the fuel's factors (or the record's own), in the factor's unit."""
    out = GasAmounts(gpc_ref=record.gpc_ref)
    own = override(record, ctx)
    name = record.activity or text_param(record, "fuel")
    amount = q(record.quantity, record.unit)
    if not name:
        if own is None:
            raise err(
                record, "activity", "name the fuel (e.g. natural_gas, diesel, motor_gasoline)", "missing_fuel"
            )
        conv = Converter(record, out)
        if kind(amount) in {"energy", "mass", "volume", "gge", "dge"}:
            amount = conv.to_factor(amount, conv.start(amount), own)
        apply_factor(record, amount, own, out, "factor")  # other units (per mile …) multiply as they are
        return [out]
    reading = _by_context(record, name, amount, out) or ctx.library.read_fuel(name, ctx.region)
    if reading.note:
        out.note(lambda: f"{reading.note} ({reading.source})")
    if reading.blend:
        return _blend(record, ctx, reading, amount, own, mobile, out)
    fuel = ctx.library.fuel(reading.fuel_id)
    _burn(record, ctx, fuel, reading.form, amount, own, mobile, out)
    return [out]


def _by_context(record: ActivityRecord, name: str, amount: Quantity, out: GasAmounts) -> Reading | None:
    """Names whose meaning the record itself settles: "kerosene" on an aviation line is jet fuel; "gas" in
    therms, cubic feet or m3 is natural gas, in gallons or litres on a transport line gasoline."""
    key = name_key(name)
    aviation = record.gpc_ref.startswith("II.4")
    if key == "kerosene" and aviation:
        return Reading("jet_kerosene", name, "jet kerosene (kerosene on an aviation line, II.4)", "GPC line")
    if key == "gas":
        k = kind(amount)
        if k == "energy" or (k == "volume" and _gas_volume(record.unit)):
            return Reading("natural_gas", name, f"natural gas (a gas measured in {record.unit})", "the unit")
        if k == "volume" and record.gpc_ref.startswith("II."):
            return Reading("motor_gasoline", name, "motor gasoline (gas in litres or gallons on a transport line)",
                           "the unit and GPC line")  # fmt: skip
        raise err(record, "activity", "'gas' may be natural gas or gasoline: name the fuel", "ambiguous_fuel")
    return None


def _gas_volume(unit: str) -> bool:
    text = str(parse_unit(unit))
    return "meter ** 3" in text or "foot" in text or "cf" in text.lower()


def transport_fuel(record: ActivityRecord, ctx: Context) -> list[GasAmounts]:
    """Fuel sold for transport: as fuel combustion, with mobile-combustion CH4/N2O for the mode."""
    return fuel_combustion(record, ctx, mobile=True)


def _slots(
    record: ActivityRecord, ctx: Context, fuel: Any, mobile: bool, own: FactorLike | None, out: GasAmounts
) -> dict[str, FactorLike]:
    """The factor for each slot (CO2, CO2_biogenic, CH4, N2O, CO2e): library defaults, then the record's own."""
    sector, why = sector_of_use(record, mobile)
    qualifier = _qualifier(record)
    factors = ctx.library.combustion_factors(fuel.fuel_id, sector, mobile=mobile, qualifier=qualifier)
    used = str(getattr(factors.get("CH4"), "sector_of_use", sector) or sector)
    table = IPCC_TABLE.get(used, "")
    source = f"IPCC 2006 Vol. 2 {table}" if table else "the mode's mobile-combustion factors"
    if used != sector:
        out.note(
            lambda: (
                f"CH4/N2O: sector {sector} ({why}); the library has no {sector} factor for {fuel.fuel_id}: "
                f"{used} ({source}) used"
            )
        )
    else:
        out.note(lambda: f"CH4/N2O for {sector} ({why}; {source})")
    slots: dict[str, FactorLike] = {}
    for gas, f in factors.items():
        slot = "CO2_biogenic" if gas == "CO2" and (fuel.biogenic or f.biogenic) else gas
        slots[slot] = f
    if own is None:
        return slots
    gas = own.gas or "CO2e"
    if gas == "CO2e":
        kept = {k: v for k, v in slots.items() if k == "CO2_biogenic"}
        if kept:
            out.note(
                lambda: (
                    f"{fuel.fuel_id} is biomass: the factor's CO2e counts in the totals; its CO2 is biogenic "
                    "and reported apart from the library's factor"
                )
            )
        return {**kept, "CO2e": own}
    if gas == "CO2":
        slots.pop("CO2", None)
        slots.pop("CO2_biogenic", None)
        slots["CO2_biogenic" if (fuel.biogenic or own.biogenic) else "CO2"] = own
        return slots
    slots[gas] = own
    return slots


def _burn(
    record: ActivityRecord,
    ctx: Context,
    fuel: Any,
    form: str,
    amount: Quantity,
    own: FactorLike | None,
    mobile: bool,
    out: GasAmounts,
    density_param: str = "density_kg_per_l",
    skip: frozenset[str] = frozenset(),
) -> None:
    conv = Converter(record, out, fuel, form, ctx.region, ctx.library, density_param)
    start = conv.start(amount)
    cache: dict[str, Quantity] = {}
    for slot, f in sorted(_slots(record, ctx, fuel, mobile, own, out).items()):
        if slot in skip:
            continue
        key = f.unit
        if key not in cache:
            cache[key] = conv.to_factor(amount, start, f)
        apply_factor(record, cache[key], f, out, f"{fuel.fuel_id} {slot}", biogenic=slot == "CO2_biogenic")
    out.methane_origin = "non-fossil" if fuel.biogenic else "fossil"


def _blend(
    record: ActivityRecord,
    ctx: Context,
    reading: Any,
    amount: Quantity,
    own: FactorLike | None,
    mobile: bool,
    out: GasAmounts,
) -> list[GasAmounts]:
    """A blend by volume (B20, E85): each part as its own fuel; the biofuel part apart (non-fossil methane)."""
    conv = Converter(record, out)
    if conv.start(amount) != "volume":
        raise err(
            record,
            "unit",
            f"give the blend {record.activity!r} as a volume (gallon, litre)",
            "incompatible_unit",
        )
    results = []
    skip: frozenset[str] = frozenset()
    if own is not None:
        gas = own.gas or "CO2e"
        skip = frozenset({"CO2", "CH4", "N2O"}) if gas == "CO2e" else frozenset({gas})
        apply_factor(record, amount, own, out, f"{record.activity} (whole blend) {gas}")
    for fid, share in reading.blend:
        fuel = ctx.library.fuel(fid)
        part = out if not fuel.biogenic else GasAmounts(gpc_ref=record.gpc_ref, suffix="#bio")
        part_amount = amount * share
        part.note(partial("{:.0%} of the blend is {}: {:~.6g}".format, share, fid, part_amount))
        density = "biofuel_density_kg_per_l" if fuel.biogenic else "density_kg_per_l"
        _burn(record, ctx, fuel, "", part_amount, None, mobile, part, density, skip)
        results.append(part)
    out.methane_origin = "fossil"
    return [out, *[r for r in results if r is not out]]


__all__ = ["GivenFactor", "fuel_combustion", "sector_of_use", "transport_fuel"]
