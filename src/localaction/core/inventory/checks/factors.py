"""Checks on the factors behind the records: implied factor out of band (every method), the same activity at
different factors in one inventory, T&D factors paired with another year's grid factor."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

import pint

from localaction.core.catalog.units import calorific_basis, parse_unit, ureg
from localaction.core.errors import LocalActionError
from localaction.core.inventory.checks.base import CheckContext, Rule, fmt_t, thresholds
from localaction.core.inventory.model import ActivityRecord, CheckResult, Method, RecordResult

# Parameters that set a factor (not activity data): a record giving one is compared with the library's default.
FACTOR_PARAMS = frozenset({
    "DOC", "DOCf", "MCF", "F", "OX", "k", "Bo", "ef_ch4_g_per_kg", "ef_n2o_g_per_kg", "ef_ch4_kg_per_t",
    "ef_n2o_kg_per_t", "dry_matter", "carbon_fraction", "fossil_carbon_fraction", "oxidation_factor",
    "ef_n2o_kg_per_kg_n", "td_loss_share", "td_factor_id",
})  # fmt: skip
THERMAL = {"steam", "district_steam", "district_heat", "district_heating", "heat", "hot_water",
           "district_hot_water", "chilled_water", "district_cooling", "cooling"}  # fmt: skip
FUEL_METHODS = {Method.FUEL_COMBUSTION, Method.TRANSPORT_FUEL}


def _library(ctx: CheckContext) -> Any:
    if ctx.library is not None:
        return ctx.library
    from localaction.core.inventory.compute import default_library

    return default_library()


def outputs(ctx: CheckContext) -> dict[str, list[RecordResult]]:
    by: dict[str, list[RecordResult]] = defaultdict(list)
    for r in ctx.res.records:
        by[r.record_id.split("#")[0]].append(r)
    return by


def _amount(rec: ActivityRecord, unit: str) -> float | None:
    ratio = _ratio(rec.unit, unit)
    if ratio is None:
        return None
    if ratio == _AFFINE:  # an offset unit (never an activity's, but never mis-scaled either)
        return float(ureg.Quantity(rec.quantity, parse_unit(rec.unit)).to(parse_unit(unit)).magnitude)
    return rec.quantity * ratio


_AFFINE = float("-inf")


@cache
def _ratio(unit_from: str, unit_to: str) -> float | None:
    """How many ``unit_to`` one ``unit_from`` is, parsed once per pair of spellings (pint is slow per call);
    None when they do not convert, ``_AFFINE`` when the conversion has an offset (temperatures)."""
    try:
        one = ureg.Quantity(1.0, parse_unit(unit_from)).to(parse_unit(unit_to)).magnitude
        zero = ureg.Quantity(0.0, parse_unit(unit_from)).to(parse_unit(unit_to)).magnitude
    except (pint.errors.DimensionalityError, pint.errors.OffsetUnitCalculusError, LocalActionError):
        return None
    return _AFFINE if zero != 0 else float(one)


def _total(r: RecordResult) -> float:
    return r.co2e_t + r.biogenic_co2_t


def _twin(rec: ActivityRecord) -> ActivityRecord | None:
    """The same record with the library's factors (None when it already uses them)."""
    given = [p for p in rec.params if p in FACTOR_PARAMS]
    if rec.custom_factor is None and not rec.factor_id and not given:
        return None
    params = {k: v for k, v in rec.params.items() if k not in FACTOR_PARAMS}
    return rec.model_copy(update={"custom_factor": None, "factor_id": None, "params": params})


def _what(rec: ActivityRecord) -> str:
    return f"{rec.method.value} of {rec.activity or rec.params.get('fuel') or 'this activity'} in {rec.unit}"


def implied_out_of_band(ctx: CheckContext) -> Iterator[CheckResult]:
    from localaction.core.inventory.compute import compute_records

    results = outputs(ctx)
    for rec in ctx.res.inventory.records:
        kind = "fuel_ratio" if rec.method in FUEL_METHODS else "ratio"
        lo, hi = thresholds(f"implied_factor.{kind}_min"), thresholds(f"implied_factor.{kind}_max")
        actual = results.get(rec.record_id, [])
        twin = _twin(rec)
        if twin is not None and actual:
            try:
                defaults = compute_records(
                    ctx.res.inventory.model_copy(update={"records": [twin]}), ctx.library
                )
            except LocalActionError:
                defaults = []
            by_output = {d.record_id: d for d in defaults}  # "r", "r#td", "r#bio"
            compared = False
            for a in actual:
                d = by_output.get(a.record_id)
                if d is None or _total(d) <= 0:
                    continue
                compared = True
                ratio = _total(a) / _total(d)
                if not lo <= ratio <= hi:
                    times = f"{ratio:.1f}" if ratio >= 0.1 else f"{ratio:.2g}"
                    ids = ", ".join(f.factor_id for f in d.factors[:4])
                    yield ctx.check(
                        "factor.implied_out_of_band",
                        f"record {rec.record_id} ({a.gpc_ref}, {ctx.year}): its factor gives {times} times the "
                        f"library's value for {_what(rec)} ({fmt_t(_total(a))} vs {fmt_t(_total(d))} with {ids}): "
                        "check the factor's value and unit (kg or t; per therm, MMBtu or GJ; per short ton or tonne)",
                        gpc_ref=a.gpc_ref,
                        record_id=rec.record_id,
                    )
            if compared:
                continue
        yield from _bands(ctx, rec, actual)


@dataclass(frozen=True)
class Band:
    key: str
    unit: str  # the record's quantity in this unit
    value: Any  # RecordResult -> implied amount (t or kg of the band's numerator)
    what: str


def _band_for(rec: ActivityRecord) -> Band | None:
    m = rec.method
    if m == Method.GRID_ENERGY and rec.activity.strip().lower() not in THERMAL:
        return Band("grid_kg_per_kwh", "kWh", lambda r: r.co2e_t * 1000.0, "kg CO2e per kWh")
    if m == Method.TRANSPORT_DISTANCE:
        return Band(
            "transport_kg_co2e_per_vehicle_km",
            "vehicle_km",
            lambda r: r.co2e_t * 1000.0,
            "kg CO2e per vehicle-km",
        )
    if m in {Method.LANDFILL_MC}:
        return Band("landfill_t_ch4_per_t", "t", lambda r: r.gases_t.get("CH4", 0.0), "t CH4 per t of waste")
    if m == Method.BIOLOGICAL:
        return Band(
            "biological_t_ch4_per_t", "t", lambda r: r.gases_t.get("CH4", 0.0), "t CH4 per t of waste"
        )
    if m == Method.INCINERATION:
        return Band(
            "incineration_t_co2_per_t",
            "t",
            lambda r: r.gases_t.get("CO2", 0.0),
            "t fossil CO2 per t of waste",
        )
    if m == Method.WASTEWATER:
        return Band(
            "wastewater_kg_ch4_per_kg",
            "kg",
            lambda r: r.gases_t.get("CH4", 0.0) * 1000.0,
            "kg CH4 per kg BOD",
        )
    return None


def _bands(ctx: CheckContext, rec: ActivityRecord, actual: list[RecordResult]) -> Iterator[CheckResult]:
    if rec.method == Method.FUGITIVE_GAS:
        lo, hi = thresholds("bands.fugitive_leakage_rate")
        rate = rec.params.get("leakage_rate")
        if isinstance(rate, int | float) and not lo <= float(rate) <= hi:
            yield ctx.check(
                "factor.implied_out_of_band",
                f"record {rec.record_id} ({rec.gpc_ref}, {ctx.year}): a leakage rate of {float(rate):.2%} of the gas "
                f"throughput is outside {lo:.0%}-{hi:.0%} for a distribution network: check that it is a share "
                "(0.002 for 0.2 %) and that upstream losses outside the city are not included",
                gpc_ref=rec.gpc_ref,
                record_id=rec.record_id,
            )
        return
    band = _band_for(rec)
    amount = _amount(rec, band.unit) if band is not None and actual else None
    if band is None or not amount:
        return
    # (GPC line, implied value, band key, what it is) for each output to judge
    judged: list[tuple[str, float, str, str]]
    if band.key == "transport_kg_co2e_per_vehicle_km":  # electric vehicles: scope 2 and T&D together
        judged = [(actual[0].gpc_ref, sum(r.co2e_t for r in actual) * 1000.0 / amount, band.key, band.what)]
    else:
        judged = [(actual[0].gpc_ref, band.value(actual[0]) / amount, band.key, band.what)]
    if band.key == "grid_kg_per_kwh" and len(actual) > 1:
        what = "kg CO2e of T&D losses per kWh consumed"
        judged.append((actual[1].gpc_ref, actual[1].co2e_t * 1000.0 / amount, "td_kg_per_kwh", what))
    for ref, value, key, what in judged:
        low, high = thresholds(f"bands.{key}")
        if not low <= value <= high:
            yield ctx.check(
                "factor.implied_out_of_band",
                f"record {rec.record_id} ({ref}, {ctx.year}): {value:.4g} {what} is outside the plausible "
                f"{low:g}-{high:g}: check the quantity's unit and the factor (or parameters) it was computed with",
                gpc_ref=ref,
                record_id=rec.record_id,
            )


def _fuel_kind(rec: ActivityRecord) -> tuple[str, str] | None:
    """(kind, canonical unit) of a fuel record's quantity; energy carries its calorific basis."""
    found = _unit_kind(rec.unit)
    if found is None or found[0] != "energy":
        return found
    basis = str(rec.params.get("calorific_basis") or calorific_basis(rec.unit))
    return f"energy_{basis}", found[1]


@cache
def _unit_kind(unit_text: str) -> tuple[str, str] | None:
    """(energy | mass | volume, canonical unit) of a unit as written; pint parses each spelling once."""
    try:
        dims = ureg.Quantity(1, parse_unit(unit_text)).dimensionality
    except LocalActionError:
        return None
    for kind, unit in (("energy", "GJ"), ("mass", "t"), ("volume", "l")):
        if dims == ureg.Quantity(1, unit).dimensionality:
            return kind, unit
    return None


def inconsistent(ctx: CheckContext) -> Iterator[CheckResult]:
    """The same grid zone, or the same fuel, at different factors within one inventory."""
    inv = ctx.res.inventory
    results = outputs(ctx)
    groups: dict[tuple[str, ...], list[tuple[ActivityRecord, float, float]]] = defaultdict(list)
    key: tuple[str, ...]
    tolerance: dict[tuple[str, ...], float] = {}
    lib = None
    for rec in inv.records:
        out = results.get(rec.record_id)
        if not out or not rec.quantity:
            continue
        if rec.method == Method.GRID_ENERGY and rec.activity.strip().lower() not in THERMAL:
            kwh = _amount(rec, "kWh")
            zone = (rec.activity or inv.region).upper()
            if kwh and zone:
                key = ("grid", zone, str(ctx.year))
                groups[key].append((rec, out[0].co2e_t * 1000.0 / kwh, kwh))
                tolerance[key] = thresholds("consistency.grid_rel_tolerance")
        elif rec.method in FUEL_METHODS and rec.activity:
            kind = _fuel_kind(rec)
            lib = lib or _library(ctx)
            try:
                reading = lib.read_fuel(rec.activity, inv.region)
            except LocalActionError:
                continue
            if kind is None or reading.blend:
                continue
            amount = _amount(rec, kind[1])
            if not amount:
                continue
            co2 = sum(r.gases_t.get("CO2", 0.0) + r.biogenic_co2_t for r in out)
            has_co2 = any("CO2" in r.gases_t or r.biogenic_co2_t for r in out)
            gas = "CO2" if has_co2 else "CO2e"
            value = (co2 if has_co2 else sum(r.co2e_t for r in out)) * 1000.0 / amount
            key = ("fuel", reading.fuel_id, kind[0], gas, kind[1])
            groups[key].append((rec, value, amount))
            tolerance[key] = thresholds(f"consistency.fuel_{gas.lower()}_rel_tolerance")
    for key, members in groups.items():
        if len(members) < 2:
            continue
        ref_rec, ref, _ = max(members, key=lambda m: m[2])
        for rec, value, _ in members:
            if rec is ref_rec or (ref == 0 and value == 0):
                continue
            if ref == 0 or abs(value / ref - 1.0) > tolerance[key]:
                what = (
                    f"grid zone {key[1]} in {key[2]}"
                    if key[0] == "grid"
                    else f"{key[1]} ({key[2].replace('_', ' ')}, {key[3]} per {key[4]})"
                )
                unit = "kg CO2e/kWh" if key[0] == "grid" else f"kg {key[3]}/{key[4]}"
                yield ctx.check(
                    "factor.inconsistent",
                    f"record {rec.record_id} ({rec.gpc_ref}, {ctx.year}) uses {value:.5g} {unit} for {what}, record "
                    f"{ref_rec.record_id} ({ref_rec.gpc_ref}) {ref:.5g}: one activity should have one factor in an "
                    "inventory; check which is right (and the factor's year and zone)",
                    gpc_ref=rec.gpc_ref,
                    record_id=rec.record_id,
                )


def td_year_mismatch(ctx: CheckContext) -> Iterator[CheckResult]:
    lib = None
    for base, outs in outputs(ctx).items():
        td = [o for o in outs if o.record_id.endswith("#td")]
        if not td or not outs[0].factors or not td[0].factors:
            continue
        lib = lib or _library(ctx)
        years = []
        for fu in (outs[0].factors[0], td[0].factors[-1]):
            try:
                years.append(getattr(lib.get(fu.factor_id), "year", None))
            except LocalActionError:
                years.append(None)
        if None not in years and years[0] != years[1]:
            yield ctx.check(
                "factor.td_year_mismatch",
                f"record {base} ({td[0].gpc_ref}, {ctx.year}): the T&D factor {td[0].factors[-1].factor_id} is for "
                f"{years[1]}, the grid factor {outs[0].factors[0].factor_id} for {years[0]}: the library has no "
                "T&D factor of the grid factor's year; give param:td_loss_share (or param:td_factor_id) to pair them",
                gpc_ref=td[0].gpc_ref,
                record_id=base,
            )


RULES: list[Rule] = [implied_out_of_band, inconsistent, td_year_mismatch]
