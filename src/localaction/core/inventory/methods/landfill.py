"""Landfill (solid waste disposal): methane commitment and first-order decay, IPCC 2006 Vol. 5 Ch. 3.

Defaults come from the inventory's guideline edition (``Inventory.guidelines``). Municipal solid waste with no
composition given takes IPCC 2006 Table 2.3's composition for the country's region, and first-order decay the
country's default climate zone; both are shown in the trail and overridden by ``param:share_*``,
``param:ipcc_region`` and ``param:climate_zone``.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass

from localaction.core.catalog.regions import CLIMATE_ZONES, country
from localaction.core.errors import LocalActionError
from localaction.core.inventory.methods.base import (
    CH4_PER_C,
    Context,
    GasAmounts,
    apply_factor,
    err,
    flag,
    override,
    param,
    q,
    text_param,
    to,
    use,
)
from localaction.core.inventory.model import ActivityRecord

COMPONENTS = ("food", "garden", "paper", "wood", "textiles", "nappies", "rubber_leather", "plastics", "metal",
              "glass", "other_inert")  # fmt: skip
MSW_NAMES = {"msw", "municipal_solid_waste", "mixed_msw", "bulk_msw", "municipal_waste", "solid_waste"}


def waste_value(
    record: ActivityRecord,
    ctx: Context,
    parameter: str,
    out: GasAmounts,
    activity: str = "",
    qualifier: str = "",
    *,
    gas: str = "",
    given_name: str = "",
) -> float:
    """A waste parameter: the record's own (``param:<name>``), else the edition's default (in the trail)."""
    name = given_name or parameter
    given = param(record, name)
    if given is not None:
        out.note(lambda: f"{parameter}{' ' + activity if activity else ''} = {given:g} (param:{name})")
        return given
    try:
        f = ctx.library.waste_param(
            parameter, activity=activity, qualifier=qualifier, gas=gas, edition=ctx.guidelines
        )
    except LocalActionError as exc:
        raise err(
            record, f"param:{name}", f"{exc.message}; or give param:{name} in the record", "missing_parameter"
        ) from exc
    out.factors.append(use(f))
    edition = getattr(f, "edition", "")
    fallback = (
        " (the 2019 Refinement changes nothing here: IPCC 2006 value)"
        if ctx.guidelines == "ipcc2019" and edition == "ipcc2006"
        else ""
    )
    out.note(
        lambda: f"{parameter}{' ' + activity if activity else ''} = {f.value:g} ({f.factor_id}){fallback}"
    )
    return float(f.value)


def waste_type(record: ActivityRecord) -> str:
    text = (record.activity or "msw").strip().lower().replace(" ", "_").replace("-", "_")
    return "msw" if text in MSW_NAMES else text


def composition(record: ActivityRecord, ctx: Context, out: GasAmounts, *, complete: bool) -> dict[str, float]:
    """Wet-weight shares of the waste: ``param:share_*`` if given, else IPCC 2006 Table 2.3 for the region.

    ``complete=True`` (incineration) refuses a region whose Table 2.3 row leaves components blank.
    """
    given = {
        k.removeprefix("share_"): v
        for k in record.params
        if k.startswith("share_")
        if (v := param(record, k)) is not None
    }
    if given:
        if any(v < 0 for v in given.values()) or sum(given.values()) > 1.0 + 1e-9:
            raise err(record, "param:share_*", "waste shares must be between 0 and 1 and sum to at most 1")
        out.note(lambda: f"composition (param:share_*): {_shares(given)}")
        return given
    region, how = _ipcc_region(record, ctx)
    rows = ctx.library.msw_composition(region)
    if not rows:
        raise err(
            record,
            "param:share_*",
            f"IPCC 2006 Table 2.3 has no composition for {region!r}: give param:share_food, param:share_paper … "
            "or param:DOC",
            "missing_parameter",
        )
    shares = {k: float(f.value) for k, f in rows.items()}
    out.factors.extend(use(f) for f in rows.values())
    total = sum(shares.values())
    missing = [c for c in ("food", "paper", "wood", "textiles", "rubber_leather", "plastics", "metal", "glass",
                           "other_inert") if c not in shares]  # fmt: skip
    if missing and complete:
        raise err(
            record,
            "param:share_*",
            f"IPCC 2006 Table 2.3 gives no complete composition for {region} ({', '.join(missing)} missing): give "
            "the waste's composition (param:share_food, param:share_plastics …)",
            "missing_parameter",
        )
    if not missing:
        shares = {k: v / total for k, v in shares.items()}
        out.note(
            lambda: (
                f"composition: IPCC 2006 Vol. 5 Table 2.3, {region} ({how}); the row sums to {total:.1%}, "
                f"rescaled to 100 %: {_shares(shares)}"
            )
        )
    else:
        out.note(
            lambda: (
                f"composition: IPCC 2006 Vol. 5 Table 2.3, {region} ({how}): {_shares(shares)}; the table gives no "
                f"value for {', '.join(missing)} (counted as 0: give param:share_* to complete it)"
            )
        )
    return shares


def _shares(shares: dict[str, float]) -> str:
    return ", ".join(f"{k} {v:.1%}" for k, v in shares.items())


def _ipcc_region(record: ActivityRecord, ctx: Context) -> tuple[str, str]:
    given = text_param(record, "ipcc_region")
    if given:
        return given, "param:ipcc_region"
    where = text_param(record, "country") or ctx.region
    c = country(where)
    if c is None:
        raise err(
            record,
            "param:share_*",
            "municipal solid waste needs its composition: give param:share_food, param:share_paper … (or "
            "param:DOC), or the country (inventory region or param:country) for IPCC 2006 Table 2.3's regional "
            "default",
            "missing_parameter",
        )
    return c.ipcc_region, f"the region of country {c.iso2}; param:ipcc_region to choose another"


@dataclass
class Landfill:
    """Per waste type: DOC x DOCf (wet weight), its share of the waste; and the site's MCF, F, OX."""

    ddoc: dict[str, float]  # waste type -> share x DOC x DOCf (fraction of the wet mass that decomposes)
    mcf: float
    f: float
    ox: float


def landfill_params(record: ActivityRecord, ctx: Context, out: GasAmounts) -> Landfill:
    waste = waste_type(record)
    site = text_param(record, "site_type", "uncategorised")
    mixed = any(k.startswith("share_") for k in record.params) or waste == "msw"
    if mixed and param(record, "DOC") is None:
        ddoc = _weighted(record, ctx, out, composition(record, ctx, out, complete=False))
    else:
        doc = waste_value(record, ctx, "DOC", out, activity=waste)
        docf = waste_value(record, ctx, "DOCf", out, activity=waste)
        ddoc = {waste: doc * docf}
    mcf = waste_value(record, ctx, "MCF", out, qualifier=site)
    f = waste_value(record, ctx, "F", out)
    ox = _oxidation(record, ctx, out, site)
    return Landfill(ddoc, mcf, f, ox)


def _weighted(
    record: ActivityRecord, ctx: Context, out: GasAmounts, shares: dict[str, float]
) -> dict[str, float]:
    """DOC x DOCf per waste type, weighted by its share (IPCC 2006 Vol. 5 eq. 2.4 and 3.2)."""
    ddoc = {}
    for kind, share in shares.items():
        if share == 0:
            continue
        doc = waste_value(record, ctx, "DOC", out, activity=kind)
        docf = waste_value(record, ctx, "DOCf", out, activity=kind) if doc else 0.0
        ddoc[kind] = share * doc * docf
    total_doc = sum(ddoc.values())
    out.note(lambda: f"decomposable DOC (share x DOC x DOCf, summed) = {total_doc:.4g} of the wet mass")
    return ddoc


def _oxidation(record: ActivityRecord, ctx: Context, out: GasAmounts, site: str) -> float:
    if param(record, "OX") is not None:
        return waste_value(record, ctx, "OX", out)
    if flag(record, "oxidising_cover"):
        return waste_value(record, ctx, "OX", out, qualifier="oxidising_cover")
    try:
        return waste_value(record, ctx, "OX", out, qualifier=site)
    except LocalActionError:
        return waste_value(record, ctx, "OX", out, qualifier="default")


def own_factor(record: ActivityRecord, ctx: Context, out: GasAmounts) -> set[str]:
    """A custom or pinned factor per mass of waste (kg/t, kg/short ton …) applied to the record's own quantity;
    returns the gases it covers (CO2e covers all)."""
    own = override(record, ctx)
    if own is None:
        return set()
    apply_factor(
        record, q(record.quantity, record.unit), own, out, f"{record.activity or 'waste'} (own factor)"
    )
    gas = own.gas or "CO2e"
    return {"CO2", "CH4", "N2O", "CO2e"} if gas == "CO2e" else {gas}


def landfill_methane_commitment(record: ActivityRecord, ctx: Context) -> list[GasAmounts]:
    """CH4 = (W x MCF x DOC x DOCf x F x 16/12 - R) x (1 - OX): the waste's lifetime methane, booked this year."""
    out = GasAmounts(gpc_ref=record.gpc_ref, methane_origin="non-fossil")
    if own_factor(record, ctx, out) & {"CH4", "CO2e"}:
        return [out]
    w = to(record, q(record.quantity, record.unit), "t", "waste mass")
    lf = landfill_params(record, ctx, out)
    recovered = param(record, "recovered_ch4_t", 0.0) or 0.0
    ddoc = sum(lf.ddoc.values())
    generated = w * lf.mcf * ddoc * lf.f * CH4_PER_C
    ch4 = (generated - recovered) * (1.0 - lf.ox)
    out.add("CH4", ch4)
    out.note(
        lambda: (
            f"CH4 = ({w:g} t x MCF {lf.mcf:g} x DOC·DOCf {ddoc:.4g} x F {lf.f:g} x 16/12 - {recovered:g}) x "
            f"(1 - OX {lf.ox:g}) = {ch4:.6g} t"
        )
    )
    return [out]


def climate_zone(record: ActivityRecord, ctx: Context, out: GasAmounts) -> str:
    given = text_param(record, "climate_zone")
    if given:
        if given not in CLIMATE_ZONES:
            raise err(record, "param:climate_zone", f"{given!r}: use one of {', '.join(CLIMATE_ZONES)}")
        return given
    c = country(text_param(record, "country") or ctx.region)
    if c is None or not c.climate_zone:
        raise err(
            record,
            "param:climate_zone",
            f"give the landfill's climate zone ({', '.join(CLIMATE_ZONES)}): no default for "
            f"{ctx.region or 'an inventory without a region'}",
            "missing_parameter",
        )
    out.note(
        lambda: (
            f"climate zone {c.climate_zone}: the default for {c.iso2} ({c.climate_zone_source}); set "
            "param:climate_zone from the site's climate"
        )
    )
    return c.climate_zone


def landfill_first_order_decay(record: ActivityRecord, ctx: Context) -> list[GasAmounts]:
    """IPCC 2006 Vol. 5 eq. 3.4-3.5, per waste type: DDOCm accumulates and decays at the type's k from the year
    after deposit. param:deposits holds the earlier years' deposits ``{year: tonnes}``; the record's own quantity
    is the inventory year's deposit (which starts decaying next year, so it adds no methane this year)."""
    out = GasAmounts(gpc_ref=record.gpc_ref, methane_origin="non-fossil")
    if own_factor(record, ctx, out) & {"CH4", "CO2e"}:
        return [out]
    lf = landfill_params(record, ctx, out)
    deposits = _deposits(record, ctx)
    zone = "" if param(record, "k") is not None else climate_zone(record, ctx, out)
    decomposed = 0.0
    for kind, ddoc in lf.ddoc.items():
        if ddoc == 0:
            continue
        k = waste_value(record, ctx, "k", out, activity=kind, qualifier=zone)
        decomposed += _decomposed(deposits, ddoc * lf.mcf, k, ctx.year)
    recovered = param(record, "recovered_ch4_t", 0.0) or 0.0
    ch4 = (decomposed * lf.f * CH4_PER_C - recovered) * (1.0 - lf.ox)
    out.add("CH4", ch4)
    out.note(lambda: f"FOD: DDOCm decomposed in {ctx.year} = {decomposed:.6g} t; CH4 = {ch4:.6g} t")
    return [out]


def _deposits(record: ActivityRecord, ctx: Context) -> dict[int, float]:
    raw = record.params.get("deposits") or {}
    if isinstance(raw, str):  # from a file cell: JSON such as {"2019": 40000}
        try:
            raw = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise err(
                record, "param:deposits", 'give earlier deposits as JSON, e.g. {"2019": 40000}'
            ) from exc
    if not isinstance(raw, dict):
        raise err(record, "param:deposits", "give earlier deposits as {year: tonnes}")
    deposits = {int(y): float(t) for y, t in raw.items()}
    deposits[ctx.year] = deposits.get(ctx.year, 0.0) + to(
        record, q(record.quantity, record.unit), "t", "waste mass"
    )
    return deposits


def _decomposed(deposits: dict[int, float], ddoc_per_t: float, k: float, year: int) -> float:
    accumulated = decomposed = 0.0
    for y in range(min(deposits), year + 1):
        decomposed = accumulated * (1.0 - math.exp(-k))
        accumulated = accumulated * math.exp(-k) + deposits.get(y, 0.0) * ddoc_per_t
    return decomposed
