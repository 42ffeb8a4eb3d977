"""Direct entry of measured or externally calculated gas amounts, and fugitive emissions from gas
distribution (GPC I.8.1) from throughput x leakage."""

from __future__ import annotations

from functools import partial

from localaction.core.catalog.gwp import normalise_gas
from localaction.core.catalog.units import calorific_basis, parse_unit, ureg
from localaction.core.inventory.methods.base import (
    Context,
    GasAmounts,
    GivenFactor,
    apply_factor,
    err,
    override,
    param,
    q,
    text_param,
    to,
    use,
)
from localaction.core.inventory.methods.convert import kind
from localaction.core.inventory.model import ActivityRecord

NON_FOSSIL_SECTORS = {"III", "V"}  # waste, AFOLU: methane of biological origin (IPCC AR6 WG1 Table 7.15 note)
# Molar masses (g/mol) for ideal-gas densities of the leaked gas.
MOLAR_MASS = {"CH4": 16.043, "CO2": 44.0095}
MOLAR_SOURCE = "ideal gas at 101.325 kPa, M(CH4) = 16.043 g/mol, M(CO2) = 44.0095 g/mol"
US_STANDARD_F = (
    60.0  # a US standard cubic foot is at 60 °F (40 CFR 98.323: CH4 0.0423 lb/scf at 60 °F, 1 atm)
)


def methane_origin(record: ActivityRecord) -> tuple[str, str]:
    given = text_param(record, "methane_origin").lower()
    if given:
        if given not in {"fossil", "non-fossil", "non_fossil", "biogenic"}:
            raise err(record, "param:methane_origin", f"{given!r}: use fossil or non-fossil")
        return ("fossil" if given == "fossil" else "non-fossil"), "param:methane_origin"
    sector = record.gpc_ref.split(".")[0]
    if sector in NON_FOSSIL_SECTORS:
        return "non-fossil", f"GPC sector {sector} (waste and AFOLU methane is non-fossil)"
    return "fossil", f"GPC sector {sector} (energy, transport and industry methane is fossil)"


def direct_entry(record: ActivityRecord, ctx: Context) -> list[GasAmounts]:
    """Measured or externally calculated gas amounts: quantity of the gas named in ``activity`` (any mass
    unit) and/or ``param:<GAS>_t`` columns (e.g. CH4_t, SF6_t, CO2e_t, biogenic_CO2_t)."""
    origin, why = methane_origin(record)
    out = GasAmounts(gpc_ref=record.gpc_ref, methane_origin=origin)
    if record.activity:
        gas = normalise_gas(record.activity)
        tonnes = to(record, q(record.quantity, record.unit), "t", "a gas amount")
        if gas.lower() in {"biogenic_co2", "co2_biogenic"}:
            out.biogenic_co2_t += tonnes
        else:
            out.add(gas, tonnes)
        out.note(lambda: f"{gas}: {tonnes:.6g} t (direct entry)")
    for key, raw in record.params.items():
        if not key.endswith("_t") or raw in (None, "") or key == "recovered_ch4_t":
            continue
        value = param(record, key)
        assert value is not None
        name = key[:-2]
        if name.lower() in {"biogenic_co2", "co2_biogenic"}:
            out.biogenic_co2_t += value
        else:
            out.add(normalise_gas(name), value)
        out.note(partial("{}: {:.6g} t (direct entry)".format, name, value))
    if not out.gases_t and not out.biogenic_co2_t and not record.activity:
        raise err(record, "activity", "name the gas (e.g. CH4) or give param:<GAS>_t columns", "missing_gas")
    if "CH4" in out.gases_t:
        out.note(lambda: f"methane is {origin} ({why})")
    return [out]


def _density(gas: str, temperature_c: float) -> float:
    """kg/m3 of an ideal gas at 1 atm."""
    p = ureg.Quantity(101.325, "kPa")
    m = ureg.Quantity(MOLAR_MASS[gas], "g/mol")
    t = ureg.Quantity(temperature_c + 273.15, "K")
    return float((p * m / (ureg.molar_gas_constant * t)).to("kg/m**3").magnitude)


def fugitive_gas_distribution(record: ActivityRecord, ctx: Context) -> list[GasAmounts]:
    """I.8.1: CH4 = V x leakage x CH4 share (by volume) x CH4 density at the volume's conditions; likewise CO2.

    V is the gas put through the distribution network (volume, or energy converted with the heat content); no
    default leakage rate or gas composition is sourced, so both are the record's (param:leakage_rate,
    param:ch4_fraction, optional param:co2_fraction)."""
    out = GasAmounts(gpc_ref=record.gpc_ref, methane_origin="fossil")
    own = override(record, ctx)
    if own is not None:  # the utility's own factor per unit of throughput, in its own unit
        apply_factor(record, q(record.quantity, record.unit), own, out, "leaks (own factor)")
        return [out]
    leak = param(record, "leakage_rate")
    ch4 = param(record, "ch4_fraction")
    if leak is None or ch4 is None:
        raise err(
            record,
            "param:leakage_rate" if leak is None else "param:ch4_fraction",
            "give param:leakage_rate (share of throughput lost, e.g. 0.002) and param:ch4_fraction (CH4 share of "
            "the gas by volume, from the utility's gas analysis): the library has no sourced default for either",
            "missing_parameter",
        )
    if not 0 <= leak <= 1 or not 0 <= ch4 <= 1:
        raise err(record, "param:leakage_rate", "leakage_rate and ch4_fraction are shares between 0 and 1")
    amount = q(record.quantity, record.unit)
    k = kind(amount)
    us_units = "foot" in str(amount.units) or "cf" in str(amount.units).lower()
    if k == "energy":
        hc = param(record, "heat_content")
        unit = text_param(record, "heat_content_unit") or "Btu/ft**3"
        if hc is None:
            prop = ctx.library.fuel_property("natural_gas", "heat_content", "gross", "US")
            if prop is None:
                raise err(record, "param:heat_content", "give the gas's heat content (param:heat_content)")
            hc, unit = float(prop.value), prop.unit
            out.factors.append(use(prop))
        basis = calorific_basis(record.unit)
        if basis != calorific_basis(unit, "numerator"):
            raise err(
                record,
                "param:heat_content",
                f"the quantity is {basis} energy: give the heat content on that basis",
            )
        volume = (amount / q(hc, unit)).to("m**3")
        out.note(lambda: f"{amount:~.6g} / {hc:g} {unit} = {volume:~.6g} of gas")
        us_units = "foot" in str(parse_unit(unit))
    elif k == "volume":
        volume = amount.to("m**3")
    else:
        raise err(
            record, "unit", f"{record.unit!r}: give the throughput as a volume (m3, Mcf) or energy (therm)"
        )
    temp = param(record, "gas_temperature_c")
    if temp is None:
        if not us_units:
            raise err(
                record,
                "param:gas_temperature_c",
                "give the temperature the volume is stated at (0 for normal m³, 15 for standard m³): the CH4 "
                "density differs by 7 % between 0 and 20 °C",
                "missing_parameter",
            )
        temp = (US_STANDARD_F - 32.0) * 5.0 / 9.0
        out.note(lambda: "volume in US standard cubic feet: 60 °F, 1 atm")
    leaked = float(volume.magnitude) * leak
    for gas, share in (("CH4", ch4), ("CO2", param(record, "co2_fraction"))):
        if not share:
            continue
        rho = _density(gas, temp)
        tonnes = leaked * share * rho / 1000.0
        out.add(gas, tonnes)
        out.factors.append(
            use(GivenFactor(f"density:{gas}", gas, rho, "kg/m**3", f"{MOLAR_SOURCE}, {temp:.4g} °C"))
        )
        text = "{0} = {1:.6g} m³ x leakage {2:g} x {0} share {3:g} x {4:.4f} kg/m³ ({5:.4g} °C) = {6:.6g} t"
        out.note(partial(text.format, gas, float(volume.magnitude), leak, share, rho, temp, tonnes))
    return [out]
