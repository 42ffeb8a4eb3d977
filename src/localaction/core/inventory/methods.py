"""Calculation methods: one activity record in, gas amounts with the factors used out.

Each method turns ``quantity [unit]`` into tonnes of each gas; pint does every unit conversion (a factor in
``kg/TJ`` times an energy in ``therm`` just works). CO2e is applied later, with the inventory's GWP set.
Methods are affine in the quantity for fixed parameters: the batch path relies on that.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, Protocol

import pint

from localaction.core.catalog.units import parse_unit, ureg
from localaction.core.errors import InputError, LocalActionError
from localaction.core.inventory.model import ActivityRecord, FactorUse, Method

# Molecular weight ratios (IPCC 2006): C -> CO2, C -> CH4, N -> N2O.
CO2_PER_C = 44.0 / 12.0
CH4_PER_C = 16.0 / 12.0
N2O_PER_N = 44.0 / 28.0

# Net / gross calorific value ratios, IPCC 2006 Vol. 2 Ch. 1 section 1.4.1.2: natural gas 0.90, other fuels 0.95.
# US energy figures (therm, MMBtu on bills) are usually gross (higher heating value); IPCC factors are per net.
NET_PER_GROSS = {"natural gas": 0.90, "default": 0.95}

SECTOR_OF_USE = {
    "I.1": "residential",
    "I.2": "commercial_institutional",
    "I.3": "manufacturing_construction",
    "I.4": "energy_industries",
    "I.5": "agriculture_forestry_fishing",
    "I.6": "commercial_institutional",
    "II.1": "road",
    "II.2": "rail",
    "II.3": "navigation",
    "II.4": "aviation",
    "II.5": "off_road",
}


class FactorLike(Protocol):
    """What a method reads of a factor (read-only, so frozen dataclasses fit)."""

    @property
    def factor_id(self) -> str: ...
    @property
    def gas(self) -> str: ...
    @property
    def value(self) -> float: ...
    @property
    def unit(self) -> str: ...
    @property
    def source(self) -> str: ...
    @property
    def data_quality(self) -> str: ...
    @property
    def biogenic(self) -> bool: ...


class FuelLike(Protocol):
    @property
    def fuel_id(self) -> str: ...
    @property
    def ncv_tj_per_gg(self) -> float | None: ...
    @property
    def density_kg_per_l(self) -> float | None: ...
    @property
    def biogenic(self) -> bool: ...


class LibraryLike(Protocol):
    """What the methods need of the factor library (``localaction.core.catalog.factors.FactorLibrary``)."""

    def get(self, factor_id: str) -> Any: ...
    def fuel(self, name: str) -> Any: ...
    def combustion_factors(self, fuel: str, sector_of_use: str, mobile: bool = False) -> dict[str, Any]: ...
    def grid_factor(self, region: str, year: int) -> Any: ...
    def td_loss_rate(self, region: str, year: int) -> Any | None: ...
    def waste_param(
        self, parameter: str, activity: str = "", qualifier: str = "", region: str = "world"
    ) -> Any: ...


TRAIL: ContextVar[bool] = ContextVar("localaction_trail", default=True)


@dataclass
class Context:
    library: LibraryLike
    region: str
    year: int


@dataclass
class GasAmounts:
    """The outcome of one method on one record, before GWPs."""

    gpc_ref: str
    gases_t: dict[str, float] = field(default_factory=dict)
    biogenic_co2_t: float = 0.0
    factors: list[FactorUse] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)
    methane_origin: str = "fossil"
    suffix: str = ""  # "#td" for the T&D-loss share of a grid record

    def add(self, gas: str, tonnes: float) -> None:
        self.gases_t[gas] = self.gases_t.get(gas, 0.0) + tonnes

    def note(self, text: Callable[[], str]) -> None:
        """Add a calculation step; formatting is skipped when no trail is wanted (the batch path)."""
        if TRAIL.get():
            self.steps.append(text())


def _err(record: ActivityRecord, field_name: str, msg: str, code: str = "invalid_record") -> InputError:
    return InputError(f"record {record.record_id!r}, field {field_name!r}: {msg}", code=code)


def _q(value: float, unit: str) -> Any:
    return ureg.Quantity(value, parse_unit(unit))


def _use(f: FactorLike) -> FactorUse:
    return FactorUse(
        factor_id=f.factor_id,
        gas=f.gas,
        value=f.value,
        unit=f.unit,
        source=f.source,
        data_quality=f.data_quality,
    )


def _to(record: ActivityRecord, q: Any, unit: str, what: str) -> float:
    try:
        return float(q.to(parse_unit(unit)).magnitude)
    except pint.errors.DimensionalityError as exc:
        raise _err(
            record, "unit", f"{record.unit!r} cannot be used for {what} (needs {unit})", "incompatible_unit"
        ) from exc


def _param(record: ActivityRecord, name: str, default: float | None = None) -> float | None:
    raw = record.params.get(name)
    if raw is None or raw == "":
        return default
    try:
        return float(raw)
    except (TypeError, ValueError) as exc:
        raise _err(record, f"param:{name}", f"{raw!r} is not a number") from exc


def _custom_or_pinned(record: ActivityRecord, ctx: Context) -> FactorLike | None:
    if record.custom_factor is not None:
        cf = record.custom_factor
        return _CustomFactor(
            factor_id=f"custom:{record.record_id}",
            gas=cf.gas,
            value=cf.value,
            unit=cf.unit,
            source=cf.source or f"custom factor: {cf.justification}",
            data_quality="",
            biogenic=False,
        )
    if record.factor_id:
        factor: FactorLike = ctx.library.get(record.factor_id)
        return factor
    return None


@dataclass(frozen=True)
class _CustomFactor:
    factor_id: str
    gas: str
    value: float
    unit: str
    source: str
    data_quality: str
    biogenic: bool


def _apply_factor(record: ActivityRecord, activity: Any, f: FactorLike, out: GasAmounts, label: str) -> None:
    """``activity x factor`` to tonnes of the factor's gas (pint checks that the units cancel to a mass)."""
    try:
        tonnes = float((activity * _q(f.value, f.unit)).to(parse_unit("t")).magnitude)
    except pint.errors.DimensionalityError as exc:
        raise _err(
            record,
            "unit",
            f"{label}: {activity.units:~} x {f.unit} is not a mass; check the factor's unit",
            "incompatible_unit",
        ) from exc
    gas = f.gas or "CO2e"
    if gas == "CO2" and f.biogenic:
        out.biogenic_co2_t += tonnes
    else:
        out.add(gas, tonnes)
    out.factors.append(_use(f))
    out.note(lambda: f"{label}: {activity:~.6g} x {f.value:g} {f.unit} = {tonnes:.6g} t {gas}")


# --- energy ----------------------------------------------------------------------------------------------


def _fuel_energy_tj(record: ActivityRecord, fuel: FuelLike, out: GasAmounts) -> Any:
    """The record's quantity as energy (TJ): energy directly, mass via NCV, volume via density and NCV."""
    q = _q(record.quantity, record.unit)
    dims = q.dimensionality
    if dims == ureg.TJ.dimensionality:
        basis = str(record.params.get("calorific_basis", "net")).strip().lower()
        if basis not in {"net", "gross"}:
            raise _err(record, "param:calorific_basis", f"{basis!r}: use net (NCV, IPCC) or gross (GCV/HHV)")
        if basis == "net":
            return q.to(parse_unit("TJ"))
        group = str(getattr(fuel, "fuel_group", "")).lower()
        ratio = NET_PER_GROSS.get(group, NET_PER_GROSS["default"])
        energy = (q * ratio).to(parse_unit("TJ"))
        out.note(
            lambda: f"{q:~.6g} gross x {ratio:g} (net/gross, IPCC 2006 Vol. 2 1.4.1.2) = {energy:~.6g} net"
        )
        return energy
    if fuel.ncv_tj_per_gg is None:
        raise _err(
            record,
            "unit",
            f"{fuel.fuel_id} has no calorific value in the library: give the quantity as energy (e.g. GJ)",
            "missing_ncv",
        )
    if dims == ureg.kg.dimensionality:
        energy = (q * _q(fuel.ncv_tj_per_gg, "TJ/Gg")).to(parse_unit("TJ"))
        out.note(lambda: f"{q:~.6g} x NCV {fuel.ncv_tj_per_gg:g} TJ/Gg = {energy:~.6g}")
        return energy
    if dims == ureg.liter.dimensionality:
        density = _param(record, "density_kg_per_l", fuel.density_kg_per_l)
        if density is None:
            raise _err(
                record,
                "unit",
                f"{fuel.fuel_id} has no density in the library: give the quantity as mass or energy, "
                "or add param:density_kg_per_l",
                "missing_density",
            )
        mass = (q * _q(density, "kg/l")).to(parse_unit("t"))
        energy = (mass * _q(fuel.ncv_tj_per_gg, "TJ/Gg")).to(parse_unit("TJ"))
        out.note(
            lambda: (
                f"{q:~.6g} x density {density:g} kg/l = {mass:~.6g}; x NCV {fuel.ncv_tj_per_gg:g} TJ/Gg = {energy:~.6g}"
            )
        )
        return energy
    raise _err(record, "unit", f"{record.unit!r} is not an energy, mass or volume", "incompatible_unit")


def _sector_of_use(record: ActivityRecord) -> str:
    explicit = record.params.get("sector_of_use")
    if explicit:
        return str(explicit)
    parts = record.gpc_ref.split(".")
    return SECTOR_OF_USE.get(".".join(parts[:2]), "commercial_institutional")


def fuel_combustion(record: ActivityRecord, ctx: Context, mobile: bool = False) -> list[GasAmounts]:
    """Fuel burnt: energy (TJ) x kg gas/TJ for CO2, CH4, N2O (sector of use from the GPC ref)."""
    out = GasAmounts(gpc_ref=record.gpc_ref)
    override = _custom_or_pinned(record, ctx)
    fuel_name = record.activity or str(record.params.get("fuel", ""))
    if override is not None and not fuel_name:
        _apply_factor(record, _q(record.quantity, record.unit), override, out, "factor")
        return [out]
    if not fuel_name:
        raise _err(
            record, "activity", "name the fuel (e.g. natural_gas, diesel, motor_gasoline)", "missing_fuel"
        )
    fuel: FuelLike = ctx.library.fuel(fuel_name)
    energy = _fuel_energy_tj(record, fuel, out)
    sector = _sector_of_use(record)
    factors: dict[str, FactorLike] = dict(ctx.library.combustion_factors(fuel.fuel_id, sector, mobile=mobile))
    if override is not None:
        # A pinned or custom factor replaces the default for its gas; CO2e replaces all three.
        if override.gas in ("CO2e", ""):
            factors = {}
        factors[override.gas or "CO2e"] = override
    for gas in sorted(factors):
        f = factors[gas]
        if gas == "CO2" and fuel.biogenic and f.factor_id == factors.get("CO2", f).factor_id:
            f = _CustomFactor(f.factor_id, f.gas, f.value, f.unit, f.source, f.data_quality, True)
        _apply_factor(record, energy, f, out, f"{fuel.fuel_id} {gas}")
    out.methane_origin = "non-fossil" if fuel.biogenic else "fossil"
    return [out]


def transport_fuel(record: ActivityRecord, ctx: Context) -> list[GasAmounts]:
    """Fuel sold for transport: as fuel combustion, with mobile-combustion CH4/N2O for the mode."""
    return fuel_combustion(record, ctx, mobile=True)


def grid_energy(record: ActivityRecord, ctx: Context) -> list[GasAmounts]:
    """Grid-supplied energy: kWh x grid factor (scope 2); T&D losses to the sub-sector's scope-3 line."""
    q = _q(record.quantity, record.unit)
    kwh = _to(record, q, "kWh", "grid-supplied energy")
    out = GasAmounts(gpc_ref=record.gpc_ref)
    override = _custom_or_pinned(record, ctx)
    region = record.activity or ctx.region
    if override is None:
        if not region:
            raise _err(
                record,
                "activity",
                "give the grid region (country code or zone) or a factor_id",
                "missing_region",
            )
        override = ctx.library.grid_factor(region, ctx.year)
    assert override is not None
    energy = _q(kwh, "kWh")
    _apply_factor(record, energy, override, out, "grid")
    results = [out]
    if str(record.params.get("include_td_losses", "true")).lower() in {"false", "0", "no"}:
        return results
    td_ref = _td_ref(record.gpc_ref)
    if td_ref is None:
        return results
    td = GasAmounts(gpc_ref=td_ref, suffix="#td")
    share = _param(record, "td_loss_share")
    if share is not None:
        td.note(lambda: f"T&D losses {share:.2%} of consumption (param:td_loss_share)")
        _apply_factor(record, _q(kwh * share, "kWh"), override, td, "T&D losses")
        return [*results, td]
    if not region:
        return results
    loss = ctx.library.td_loss_rate(region, ctx.year)
    if loss is None:
        return results
    if ureg.Quantity(1, loss.unit).dimensionless:
        _apply_factor(record, _q(kwh * float(loss.value), "kWh"), override, td, "T&D losses")
        td.factors.append(_use(loss))
    else:
        _apply_factor(record, energy, loss, td, "T&D losses")
    return [*results, td]


def _td_ref(ref: str) -> str | None:
    parts = ref.split(".")
    if len(parts) == 3 and parts[0] in {"I", "II"} and parts[2] == "2":
        return f"{parts[0]}.{parts[1]}.3"
    return None


def transport_distance(record: ActivityRecord, ctx: Context) -> list[GasAmounts]:
    """Vehicle-km x a per-km factor, or x fuel intensity (param:fuel_intensity in e.g. l/100km) x fuel factors."""
    q = _q(record.quantity, record.unit)
    override = _custom_or_pinned(record, ctx)
    out = GasAmounts(gpc_ref=record.gpc_ref)
    if override is not None:
        _apply_factor(record, q, override, out, "distance")
        return [out]
    intensity = _param(record, "fuel_intensity")
    fuel_name = str(record.params.get("fuel", ""))
    if intensity is None or not fuel_name:
        raise _err(
            record,
            "params",
            "give param:fuel and param:fuel_intensity (with param:fuel_intensity_unit, e.g. l/100km), "
            "or a factor per km (factor_id or custom factor)",
            "missing_parameter",
        )
    unit = str(record.params.get("fuel_intensity_unit", "l/100km")).replace("100km", "(100 km)")
    if q.check("[vehicle] * [length]"):
        km = float((q / ureg.vehicle).to(parse_unit("km")).magnitude)
    elif q.check("[length]"):
        km = float(q.to(parse_unit("km")).magnitude)
    else:
        raise _err(record, "unit", f"{record.unit!r} is not a distance (use vehicle_km)", "incompatible_unit")
    try:  # "l/(100 km)" has a scaling factor, so it is parsed as an expression, not a unit
        per_km = ureg.parse_expression(f"{intensity!r} * {unit}")
    except (pint.errors.UndefinedUnitError, pint.errors.DefinitionSyntaxError, SyntaxError) as exc:
        raise _err(record, "param:fuel_intensity_unit", f"{unit!r} is not a unit such as l/100km") from exc
    fuel_q = per_km * ureg.Quantity(km, "km")
    for target in ("l", "t", "TJ"):
        if fuel_q.check(ureg.Quantity(1, target).dimensionality):
            fuel_q = fuel_q.to(target)
            break
    else:
        raise _err(record, "param:fuel_intensity_unit", f"{unit!r} is not fuel per distance (e.g. l/100km)")
    out.note(lambda: f"{km:.6g} km x {intensity:g} {unit} = {fuel_q:~.6g} {fuel_name}")
    as_fuel = record.model_copy(
        update={"quantity": float(fuel_q.magnitude), "unit": f"{fuel_q.units}", "activity": fuel_name}
    )
    res = fuel_combustion(as_fuel, ctx, mobile=True)[0]
    res.steps = out.steps + res.steps
    return [res]


# --- waste -----------------------------------------------------------------------------------------------


def _waste_value(
    record: ActivityRecord,
    ctx: Context,
    parameter: str,
    out: GasAmounts,
    activity: str = "",
    qualifier: str = "",
) -> float:
    given = _param(record, parameter)
    if given is not None:
        out.note(lambda: f"{parameter} = {given:g} (given)")
        return given
    try:
        f = ctx.library.waste_param(parameter, activity=activity, qualifier=qualifier)
    except LocalActionError as exc:
        raise _err(
            record,
            f"param:{parameter}",
            f"{exc.message}; or give param:{parameter} in the record",
            "missing_parameter",
        ) from exc
    out.factors.append(_use(f))
    out.note(lambda: f"{parameter} = {f.value:g} ({f.factor_id})")
    return float(f.value)


def _waste_tonnes(record: ActivityRecord) -> float:
    return _to(record, _q(record.quantity, record.unit), "t", "waste mass")


def _landfill_params(
    record: ActivityRecord, ctx: Context, out: GasAmounts
) -> tuple[float, float, float, float, float]:
    waste = record.activity or "msw"
    site = str(record.params.get("site_type", "uncategorised"))
    shares = {
        k.removeprefix("share_"): v
        for k in record.params
        if k.startswith("share_")
        if (v := _param(record, k)) is not None
    }
    if shares and _param(record, "DOC") is None:
        # Mixed waste: DOC weighted by composition (IPCC 2006 Vol. 5 eq. 2.4), each type's default DOC.
        if any(v < 0 for v in shares.values()) or sum(shares.values()) > 1.0 + 1e-9:
            raise _err(record, "param:share_*", "waste shares must be between 0 and 1 and sum to at most 1")
        doc = sum(
            share * _waste_value(record, ctx, "DOC", out, activity=kind) for kind, share in shares.items()
        )
        out.note(lambda: f"DOC = {doc:.4g} weighted by composition {shares}")
    else:
        doc = _waste_value(record, ctx, "DOC", out, activity=waste)
    docf = _waste_value(record, ctx, "DOCf", out, activity=waste)
    mcf = _waste_value(record, ctx, "MCF", out, qualifier=site)
    f = _waste_value(record, ctx, "F", out)
    ox = _waste_value(record, ctx, "OX", out, qualifier=site)
    return doc, docf, mcf, f, ox


def landfill_methane_commitment(record: ActivityRecord, ctx: Context) -> list[GasAmounts]:
    """CH4 = (W x MCF x DOC x DOCf x F x 16/12 - R) x (1 - OX): the waste's lifetime methane, booked this year."""
    out = GasAmounts(gpc_ref=record.gpc_ref, methane_origin="non-fossil")
    w = _waste_tonnes(record)
    doc, docf, mcf, f, ox = _landfill_params(record, ctx, out)
    recovered = _param(record, "recovered_ch4_t", 0.0) or 0.0
    generated = w * mcf * doc * docf * f * CH4_PER_C
    ch4 = (generated - recovered) * (1.0 - ox)
    out.add("CH4", ch4)
    out.note(
        lambda: (
            f"CH4 = ({w:g} t x {mcf:g} x {doc:g} x {docf:g} x {f:g} x 16/12 - {recovered:g}) x (1 - {ox:g})"
            f" = {ch4:.6g} t"
        )
    )
    return [out]


def landfill_first_order_decay(record: ActivityRecord, ctx: Context) -> list[GasAmounts]:
    """IPCC 2006 Vol. 5 eq. 3.4-3.5: DDOCm accumulates and decays at rate k from the year after deposit.

    param:deposits holds the earlier years' deposits ``{year: tonnes}``; the record's own quantity is the
    inventory year's deposit (which starts decaying next year, so it adds no methane this year).
    """
    out = GasAmounts(gpc_ref=record.gpc_ref, methane_origin="non-fossil")
    waste = record.activity or "msw"
    doc, docf, mcf, f, ox = _landfill_params(record, ctx, out)
    zone = str(record.params.get("climate_zone", ""))
    k = _waste_value(record, ctx, "k", out, activity=waste, qualifier=zone)
    raw = record.params.get("deposits") or {}
    if isinstance(raw, str):  # from a file cell: JSON such as {"2019": 40000}
        try:
            raw = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise _err(
                record, "param:deposits", 'give earlier deposits as JSON, e.g. {"2019": 40000}'
            ) from exc
    if not isinstance(raw, dict):
        raise _err(record, "param:deposits", "give earlier deposits as {year: tonnes}")
    deposits = {int(y): float(t) for y, t in raw.items()}
    deposits[ctx.year] = deposits.get(ctx.year, 0.0) + _waste_tonnes(record)
    accumulated = 0.0
    decomposed = 0.0
    for year in range(min(deposits), ctx.year + 1):
        decomposed = accumulated * (1.0 - math.exp(-k))
        accumulated = accumulated * math.exp(-k) + deposits.get(year, 0.0) * doc * docf * mcf
    recovered = _param(record, "recovered_ch4_t", 0.0) or 0.0
    ch4 = (decomposed * f * CH4_PER_C - recovered) * (1.0 - ox)
    out.add("CH4", ch4)
    out.note(
        lambda: f"FOD: DDOCm decomposed in {ctx.year} = {decomposed:.6g} t; CH4 = {ch4:.6g} t (k = {k:g})"
    )
    return [out]


def biological_treatment(record: ActivityRecord, ctx: Context) -> list[GasAmounts]:
    """Composting / anaerobic digestion: wet waste x CH4 and N2O factors (g/kg), less recovered CH4."""
    out = GasAmounts(gpc_ref=record.gpc_ref, methane_origin="non-fossil")
    treatment = record.activity or "composting"
    mass = _q(record.quantity, record.unit)
    _to(record, mass, "t", "waste mass")
    for gas in ("CH4", "N2O"):
        given = _param(record, f"ef_{gas.lower()}_g_per_kg")
        if given is not None:
            f: FactorLike = _CustomFactor(
                f"given:{gas}", gas, given, "g/kg", "given in the record", "", False
            )
        else:
            f = ctx.library.waste_param("emission_factor", activity=treatment, qualifier=gas)
        if f.value:
            _apply_factor(record, mass, f, out, f"{treatment} {gas}")
    recovered = _param(record, "recovered_ch4_t", 0.0) or 0.0
    if recovered:
        out.add("CH4", -recovered)
        out.note(lambda: f"less {recovered:g} t CH4 recovered")
    return [out]


def incineration(record: ActivityRecord, ctx: Context) -> list[GasAmounts]:
    """Fossil CO2 = W x dm x CF x FCF x OF x 44/12 (biogenic share apart); CH4, N2O per tonne."""
    out = GasAmounts(gpc_ref=record.gpc_ref, methane_origin="fossil")
    waste = record.activity or "msw"
    w = _waste_tonnes(record)
    dm = _waste_value(record, ctx, "dry_matter", out, activity=waste)
    cf = _waste_value(record, ctx, "carbon_fraction", out, activity=waste)
    fcf = _waste_value(record, ctx, "fossil_carbon_fraction", out, activity=waste)
    of = _waste_value(record, ctx, "oxidation_factor", out, activity=waste)
    carbon = w * dm * cf * of
    out.add("CO2", carbon * fcf * CO2_PER_C)
    out.biogenic_co2_t += carbon * (1.0 - fcf) * CO2_PER_C
    out.note(
        lambda: (
            f"CO2 = {w:g} t x {dm:g} x {cf:g} x {fcf:g} x {of:g} x 44/12 = {carbon * fcf * CO2_PER_C:.6g} t"
        )
    )
    mass = _q(record.quantity, record.unit)
    for gas in ("CH4", "N2O"):
        given = _param(record, f"ef_{gas.lower()}_kg_per_t")
        if given is not None:
            f: FactorLike = _CustomFactor(
                f"given:{gas}", gas, given, "kg/t", "given in the record", "", False
            )
        else:
            f = ctx.library.waste_param("emission_factor", activity=f"incineration_{waste}", qualifier=gas)
        _apply_factor(record, mass, f, out, f"incineration {gas}")
    return [out]


def wastewater(record: ActivityRecord, ctx: Context) -> list[GasAmounts]:
    """CH4 = (TOW - S) x Bo x MCF - R, TOW in kg BOD; optional N2O from param:nitrogen_effluent_kg."""
    out = GasAmounts(gpc_ref=record.gpc_ref, methane_origin="non-fossil")
    tow = _to(record, _q(record.quantity, record.unit), "kg", "organics in wastewater (kg BOD)")
    treatment = record.activity or "centralised_aerobic"
    bo = _waste_value(record, ctx, "Bo", out)
    mcf = _waste_value(record, ctx, "MCF", out, activity="wastewater", qualifier=treatment)
    sludge = _param(record, "sludge_bod_kg", 0.0) or 0.0
    recovered = _param(record, "recovered_ch4_t", 0.0) or 0.0
    ch4_t = ((tow - sludge) * bo * mcf) / 1000.0 - recovered
    out.add("CH4", ch4_t)
    out.note(
        lambda: (
            f"CH4 = (({tow:g} - {sludge:g}) kg BOD x {bo:g} x {mcf:g}) / 1000 - {recovered:g} = {ch4_t:.6g} t"
        )
    )
    n_eff = _param(record, "nitrogen_effluent_kg")
    if n_eff:
        ef = _param(record, "ef_n2o_kg_per_kg_n", 0.005) or 0.0
        n2o = n_eff * ef * N2O_PER_N / 1000.0
        out.add("N2O", n2o)
        out.note(lambda: f"N2O = {n_eff:g} kg N x {ef:g} x 44/28 / 1000 = {n2o:.6g} t")
    return [out]


def direct_entry(record: ActivityRecord, ctx: Context) -> list[GasAmounts]:
    """Measured or externally calculated gas amounts: quantity of the gas named in ``activity`` (any mass
    unit) and/or ``param:<GAS>_t`` columns (e.g. CH4_t, SF6_t, CO2e_t, biogenic_CO2_t)."""
    from localaction.core.catalog.gwp import normalise_gas

    out = GasAmounts(
        gpc_ref=record.gpc_ref, methane_origin=str(record.params.get("methane_origin", "fossil"))
    )
    if record.activity:
        gas = normalise_gas(record.activity)
        tonnes = _to(record, _q(record.quantity, record.unit), "t", "a gas amount")
        out.add(gas, tonnes)
        out.note(lambda: f"{gas}: {tonnes:.6g} t (direct entry)")
    for key, raw in record.params.items():
        if not key.endswith("_t") or raw in (None, ""):
            continue
        value = _param(record, key)
        assert value is not None
        name = key[:-2]
        if name.lower() in {"biogenic_co2", "co2_biogenic"}:
            out.biogenic_co2_t += value
        else:
            out.add(normalise_gas(name), value)
        out.note(lambda: f"{name}: {value:.6g} t (direct entry)")  # noqa: B023 - note() calls it at once
    if not out.gases_t and not out.biogenic_co2_t and not record.activity:
        raise _err(record, "activity", "name the gas (e.g. CH4) or give param:<GAS>_t columns", "missing_gas")
    return [out]


METHODS: dict[Method, Callable[[ActivityRecord, Context], list[GasAmounts]]] = {
    Method.FUEL_COMBUSTION: fuel_combustion,
    Method.TRANSPORT_FUEL: transport_fuel,
    Method.GRID_ENERGY: grid_energy,
    Method.TRANSPORT_DISTANCE: transport_distance,
    Method.LANDFILL_MC: landfill_methane_commitment,
    Method.LANDFILL_FOD: landfill_first_order_decay,
    Method.BIOLOGICAL: biological_treatment,
    Method.INCINERATION: incineration,
    Method.WASTEWATER: wastewater,
    Method.DIRECT: direct_entry,
}


def apply_method(record: ActivityRecord, ctx: Context) -> list[GasAmounts]:
    return METHODS[record.method](record, ctx)
