"""Grid-supplied energy (scope 2): electricity x the zone's grid factor, with T&D losses on the scope-3 line;
purchased district steam, heat, hot water and cooling."""

from __future__ import annotations

from typing import Any

from localaction.core.catalog.units import ureg
from localaction.core.inventory.methods.base import (
    Context,
    FactorLike,
    GasAmounts,
    apply_factor,
    err,
    flag,
    override,
    param,
    pint_unit,
    q,
    text_param,
    to,
    use,
)
from localaction.core.inventory.methods.convert import factor_node, kind
from localaction.core.inventory.model import ActivityRecord

# Purchased heat and cooling: the activity names what was bought (no T&D losses: those are electricity's).
THERMAL = {
    "steam": "district_steam", "district_steam": "district_steam",
    "district_heat": "district_heat", "district_heating": "district_heat", "heat": "district_heat",
    "hot_water": "district_hot_water", "district_hot_water": "district_hot_water",
    "chilled_water": "district_cooling", "district_cooling": "district_cooling", "cooling": "district_cooling",
}  # fmt: skip


def td_ref(ref: str) -> str | None:
    parts = ref.split(".")
    if len(parts) == 3 and parts[0] in {"I", "II"} and parts[2] == "2":
        return f"{parts[0]}.{parts[1]}.3"
    return None


def grid_energy(record: ActivityRecord, ctx: Context) -> list[GasAmounts]:
    activity = record.activity.strip().lower().replace(" ", "_").replace("-", "_")
    if activity in THERMAL:
        return district_energy(record, ctx, THERMAL[activity])
    amount = q(record.quantity, record.unit)
    kwh = to(record, amount, "kWh", "grid-supplied energy")
    return electricity(record, ctx, kwh, record.activity or ctx.region)


def electricity(record: ActivityRecord, ctx: Context, kwh: float, region: str) -> list[GasAmounts]:
    """kWh x grid factor (scope 2) and the T&D losses (scope 3 line of the same sub-sector)."""
    out = GasAmounts(gpc_ref=record.gpc_ref)
    own = override(record, ctx)
    grid: FactorLike
    if own is None:
        if not region:
            raise err(
                record,
                "activity",
                "give the grid region (country code or zone) or a factor_id",
                "missing_region",
            )
        grid = ctx.library.grid_factor(region, ctx.year)
        year = getattr(grid, "year", None)
        if year is not None and year != ctx.year:
            out.note(lambda: f"no {region} grid factor for {ctx.year} in the library: {year} used")
    else:
        grid = own
    energy = q(kwh, "kWh")
    apply_factor(record, energy, grid, out, "grid")
    results = [out]
    if not flag(record, "include_td_losses", True):
        return results
    ref = td_ref(record.gpc_ref)
    if ref is None:
        return results
    td = GasAmounts(gpc_ref=ref, suffix="#td")
    share = param(record, "td_loss_share")
    if share is not None:
        td.note(
            lambda: f"T&D losses {share:.2%} of consumption (param:td_loss_share), priced at the grid factor"
        )
        apply_factor(record, q(kwh * share, "kWh"), grid, td, "T&D losses")
        return [*results, td]
    if not region:
        return results
    loss, how = _td_factor(record, ctx, region, grid)
    if loss is None:
        out.note(
            lambda: (
                f"no T&D factor for {region} in the library: give param:td_loss_share for the scope-3 line"
            )
        )
        return results
    td.note(lambda: how)
    if ureg.Quantity(1, pint_unit(loss.unit)).dimensionless:
        apply_factor(record, q(kwh * float(loss.value), "kWh"), grid, td, "T&D losses")
        td.factors.append(use(loss))
    else:
        apply_factor(record, energy, loss, td, "T&D losses")
    return [*results, td]


def _td_factor(record: ActivityRecord, ctx: Context, region: str, grid: FactorLike) -> tuple[Any | None, str]:
    """The zone's T&D factor for the grid factor's year; the trail says when the years or zones differ."""
    pinned = text_param(record, "td_factor_id")
    if pinned:
        factor: Any = ctx.library.get(pinned)
        return factor, f"T&D losses: {pinned} (param:td_factor_id)"
    grid_year = getattr(grid, "year", None) or ctx.year
    loss = ctx.library.td_loss_rate(region, grid_year)
    if loss is None:
        return None, ""
    td_year = getattr(loss, "year", None)
    custom = record.custom_factor is not None or bool(record.factor_id)
    if custom:
        record_note = (
            f"T&D losses: the library's {region} factor {loss.factor_id} (per kWh consumed), not derived from "
            "the record's own grid factor; give param:td_loss_share to price the losses at it"
        )
    elif td_year is not None and td_year != grid_year:
        record_note = (
            f"T&D losses: {loss.factor_id} ({td_year}) paired with the grid factor {grid.factor_id} "
            f"({grid_year}): the library has no {region} T&D factor for {grid_year}"
        )
    else:
        record_note = f"T&D losses: {loss.factor_id}, same zone and year as the grid factor"
    return loss, record_note


def district_energy(record: ActivityRecord, ctx: Context, activity: str) -> list[GasAmounts]:
    """Purchased steam / heat / hot water / cooling: energy (or pounds of steam) x the supplier's factor, or for
    US steam the EPA default (Table 7, per MMBtu; 1,194 Btu per lb of steam at 150 psi)."""
    out = GasAmounts(gpc_ref=record.gpc_ref)
    amount = q(record.quantity, record.unit)
    own = override(record, ctx)
    factors: dict[str, Any] = {own.gas or "CO2e": own} if own is not None else {}
    if not factors:
        factors = ctx.library.district_factors(activity, ctx.region)
        if not factors:
            raise err(
                record,
                "custom_factor_value",
                f"no sourced default factor for {activity.replace('_', ' ')} in {ctx.region or 'this region'} "
                "(the library has US district steam only): give the supplier's factor (custom_factor_*)",
                "missing_default",
            )
    k = kind(amount)
    mass_amount = amount if k == "mass" else None
    energy = amount if k == "energy" else None
    if k not in {"mass", "energy"}:
        raise err(
            record,
            "unit",
            f"{record.unit!r}: give purchased heat as energy (MMBtu, GJ, MWh) or steam as mass (klb)",
        )
    for gas, f in sorted(factors.items()):
        node = factor_node(f.unit) or ""
        if node == "mass" and mass_amount is None:
            raise err(
                record, "unit", f"the factor is per mass of steam ({f.unit}): give the quantity in klb or lb"
            )
        if node.startswith("energy") and energy is None:
            energy = _steam_energy(record, ctx, activity, amount, out)
        apply_factor(record, mass_amount if node == "mass" else energy, f, out, f"{activity} {gas}")
    out.note(lambda: "no T&D losses for purchased heat (the library's T&D factors are for electricity)")
    return [out]


def _steam_energy(record: ActivityRecord, ctx: Context, activity: str, amount: Any, out: GasAmounts) -> Any:
    hc = param(record, "heat_content")
    if hc is not None:
        unit = text_param(record, "heat_content_unit") or "Btu/lb"
        energy = (amount * q(hc, unit)).to("MMBtu")
        out.note(lambda: f"{amount:~.6g} x {hc:g} {unit} (param:heat_content) = {energy:~.6g}")
        return energy
    prop = ctx.library.fuel_property(activity, "heat_content")
    if prop is None:
        raise err(
            record,
            "param:heat_content",
            f"give the energy per pound of {activity} (param:heat_content, Btu/lb)",
        )
    energy = (amount * q(prop.value, prop.unit)).to("MMBtu")
    out.note(lambda: f"{amount:~.6g} x {prop.value:g} {prop.unit} ({prop.source}) = {energy:~.6g}")
    return energy
