"""Waste treatment other than landfill: biological treatment, incineration and open burning, wastewater
(IPCC 2006 Vol. 5 Ch. 4-6), with the inventory's guideline edition."""

from __future__ import annotations

from functools import partial

from localaction.core.errors import LocalActionError
from localaction.core.inventory.methods.base import (
    CO2_PER_C,
    N2O_PER_N,
    Context,
    GasAmounts,
    GivenFactor,
    apply_factor,
    err,
    param,
    q,
    text_param,
    to,
    use,
)
from localaction.core.inventory.methods.landfill import composition, own_factor, waste_type, waste_value
from localaction.core.inventory.model import ActivityRecord

MSW_TYPES = {"msw", "food", "garden", "paper", "wood", "textiles", "nappies", "rubber_leather", "plastics",
             "metal", "glass", "other_inert"}  # fmt: skip
DEFAULT_TECHNOLOGY = "continuous_stoker"


def biological_treatment(record: ActivityRecord, ctx: Context) -> list[GasAmounts]:
    """Composting / anaerobic digestion: waste x CH4 and N2O factors (g/kg, wet unless param:moisture_basis=dry),
    less recovered CH4."""
    out = GasAmounts(gpc_ref=record.gpc_ref, methane_origin="non-fossil")
    treatment = record.activity or "composting"
    basis = text_param(record, "moisture_basis", "wet").lower()
    mass = q(record.quantity, record.unit)
    to(record, mass, "t", "waste mass")
    covered = own_factor(record, ctx, out)
    for gas in ("CH4", "N2O"):
        if gas in covered:
            continue
        given = param(record, f"ef_{gas.lower()}_g_per_kg")
        if given is not None:
            f = GivenFactor(f"given:{gas}", gas, given, "g/kg", "param:ef_" + gas.lower() + "_g_per_kg")
        else:
            try:
                f = ctx.library.waste_param(
                    "emission_factor", activity=treatment, qualifier=basis, gas=gas, edition=ctx.guidelines
                )
            except LocalActionError as exc:
                raise err(
                    record,
                    f"param:ef_{gas.lower()}_g_per_kg",
                    f"{exc.message}; or give the factor",
                    "missing_parameter",
                ) from exc
        if f.value:
            apply_factor(record, mass, f, out, f"{treatment} {gas} ({basis} weight)")
        else:
            out.factors.append(use(f))
            out.note(partial(str, f"{treatment} {gas}: 0 ({f.source})"))
    recovered = param(record, "recovered_ch4_t", 0.0) or 0.0
    if recovered:
        out.add("CH4", -recovered)
        out.note(lambda: f"less {recovered:g} t CH4 recovered")
    return [out]


def incineration(record: ActivityRecord, ctx: Context) -> list[GasAmounts]:
    """Fossil CO2 = sum over waste types of W x share x dm x CF x FCF x OF x 44/12 (IPCC 2006 Vol. 5 eq. 5.2;
    the non-fossil carbon is biogenic CO2, reported apart); CH4 and N2O by technology (Tables 5.3, 5.6)."""
    out = GasAmounts(
        gpc_ref=record.gpc_ref, methane_origin=text_param(record, "methane_origin", "non-fossil")
    )
    waste = waste_type(record)
    w = to(record, q(record.quantity, record.unit), "t", "waste mass")
    covered = own_factor(record, ctx, out)
    tech = text_param(record, "technology").lower().replace(" ", "_").replace("-", "_")
    if not tech:
        tech = DEFAULT_TECHNOLOGY if waste in MSW_TYPES else "incineration"
        out.note(lambda: f"technology not given: {tech} assumed (set param:technology)")
    burning = "open_burning" if tech == "open_burning" else "incineration"
    of = waste_value(record, ctx, "oxidation_factor", out, qualifier=burning)
    mixed = waste == "msw" or any(k.startswith("share_") for k in record.params)
    shares = composition(record, ctx, out, complete=True) if mixed else {waste: 1.0}
    dm_total = 0.0
    fossil = biogenic = 0.0
    for kind, share in shares.items():
        if share == 0:
            continue
        dm = waste_value(record, ctx, "dry_matter", out, activity=kind)
        dm_total += share * dm
        cf = _carbon(record, ctx, out, kind)
        fcf = waste_value(record, ctx, "fossil_carbon_fraction", out, activity=kind) if cf else 0.0
        carbon = w * share * dm * cf * of
        fossil += carbon * fcf * CO2_PER_C
        biogenic += carbon * (1.0 - fcf) * CO2_PER_C
    if "CO2" not in covered:
        out.add("CO2", fossil)
        out.biogenic_co2_t += biogenic
        out.note(
            lambda: (
                f"CO2 = {w:g} t x dm x CF x FCF x OF {of:g} x 44/12 = {fossil:.6g} t fossil, {biogenic:.6g} t biogenic"
            )
        )
    for gas in ("CH4", "N2O"):
        if gas not in covered:
            _treatment_gas(record, ctx, out, gas, waste, tech, w, dm_total)
    return [out]


def _carbon(record: ActivityRecord, ctx: Context, out: GasAmounts, kind: str) -> float:
    if kind in {"metal", "glass"} and param(record, "carbon_fraction") is None:
        out.note(lambda: f"{kind}: no carbon (IPCC 2006 Table 2.4 gives NA)")
        return 0.0
    return waste_value(record, ctx, "carbon_fraction", out, activity=kind)


def _treatment_gas(
    record: ActivityRecord,
    ctx: Context,
    out: GasAmounts,
    gas: str,
    waste: str,
    tech: str,
    w: float,
    dm: float,
) -> None:
    name = f"ef_{gas.lower()}_kg_per_t"
    given = param(record, name)
    if given is not None:
        apply_factor(
            record, q(w, "t"), GivenFactor(f"given:{gas}", gas, given, "kg/t", f"param:{name}"), out, f"{gas}"
        )
        return
    activity = "msw" if waste in MSW_TYPES else waste
    qualifier = tech if activity == "msw" else "incineration"
    try:
        f = ctx.library.waste_param("emission_factor", activity, qualifier, gas=gas, edition=ctx.guidelines)
        amount = q(w, "t")
    except LocalActionError:
        try:
            f = ctx.library.waste_param(
                "emission_factor_per_dry_mass", activity, qualifier, gas=gas, edition=ctx.guidelines
            )
        except LocalActionError as exc:
            raise err(
                record,
                f"param:{name}",
                f"no IPCC 2006 default {gas} factor for {waste} ({qualifier}) in the library: give param:{name}",
                "missing_parameter",
            ) from exc
        amount = q(w * dm, "t")
        out.note(lambda: f"{gas} per dry mass: {w:g} t x dry matter {dm:.4g} = {w * dm:.6g} t dry")
    apply_factor(record, amount, f, out, f"{tech} {gas}")


def wastewater(record: ActivityRecord, ctx: Context) -> list[GasAmounts]:
    """CH4 = (TOW - S) x Bo x MCF - R, TOW in kg BOD (or COD with param:organics_basis=COD); N2O from
    param:nitrogen_effluent_kg x EF x 44/28."""
    out = GasAmounts(gpc_ref=record.gpc_ref, methane_origin="non-fossil")
    covered = own_factor(record, ctx, out)
    tow = to(record, q(record.quantity, record.unit), "kg", "organics in wastewater (kg BOD)")
    if "CH4" not in covered:
        treatment = record.activity or "centralised_aerobic"
        basis = text_param(record, "organics_basis", "BOD").upper()
        bo = waste_value(record, ctx, "Bo", out, qualifier=basis)
        mcf = waste_value(record, ctx, "MCF", out, activity="wastewater", qualifier=treatment)
        sludge = param(record, "sludge_bod_kg", 0.0) or 0.0
        recovered = param(record, "recovered_ch4_t", 0.0) or 0.0
        ch4_t = ((tow - sludge) * bo * mcf) / 1000.0 - recovered
        out.add("CH4", ch4_t)
        out.note(
            lambda: (
                f"CH4 = (({tow:g} - {sludge:g}) kg {basis} x Bo {bo:g} x MCF {mcf:g}) / 1000 - {recovered:g} = "
                f"{ch4_t:.6g} t"
            )
        )
    n_eff = param(record, "nitrogen_effluent_kg")
    if n_eff and "N2O" not in covered:
        ef = waste_value(
            record, ctx, "n2o_n_emission_factor", out, qualifier="effluent", given_name="ef_n2o_kg_per_kg_n"
        )
        n2o = n_eff * ef * N2O_PER_N / 1000.0
        out.add("N2O", n2o)
        out.note(lambda: f"N2O = {n_eff:g} kg N x {ef:g} x 44/28 / 1000 = {n2o:.6g} t")
    return [out]
