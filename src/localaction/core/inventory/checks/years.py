"""Year on year, source by source: each source of an inventory against the same source in the jurisdiction's
previous inventory (the latest earlier year of the same boundary type).

A source is one activity record, matched with last year's by record id, else by GPC line + method + activity
(records sharing a key are summed); for GPC lines entered directly (no records), the line. Found: activity or
emissions (or the implied factor) moving by more than a share, exact repeats of last year's value, emissions
with no activity data where last year had some, sources gone without a record or notation key, a record whose
method changed. Sources under ``year_on_year.min_share`` of the inventory's gross emissions in both years are
skipped, so a normal year raises nothing.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pint

from localaction.core.catalog.units import parse_unit, ureg
from localaction.core.errors import LocalActionError
from localaction.core.inventory.checks.base import CheckContext, Rule, fmt_t, thresholds
from localaction.core.inventory.checks.factors import THERMAL, _library
from localaction.core.inventory.model import ActivityRecord, CheckResult, InventoryResult, Method

FUEL_METHODS = {Method.FUEL_COMBUSTION, Method.TRANSPORT_FUEL}


@dataclass
class Source:
    gpc_ref: str
    method: Method
    activity: str
    record_ids: list[str] = field(default_factory=list)
    quantity: float = 0.0
    unit: str = ""
    summable: bool = True
    co2e: float = 0.0
    own_factor: bool = False  # a custom or pinned factor (not the library's choice for the year)

    @property
    def has_activity(self) -> bool:
        return self.method != Method.DIRECT and self.summable and self.quantity > 0

    @property
    def label(self) -> str:
        ids = ", ".join(self.record_ids[:3]) + (" …" if len(self.record_ids) > 3 else "")
        return f"record {ids}" if len(self.record_ids) == 1 else f"records {ids}"

    def add(self, rec: ActivityRecord, co2e: float) -> None:
        self.record_ids.append(rec.record_id)
        self.co2e += co2e
        self.own_factor = self.own_factor or rec.custom_factor is not None or bool(rec.factor_id)
        if not self.unit:
            self.unit, self.quantity = rec.unit, rec.quantity
            return
        try:
            self.quantity += float(
                ureg.Quantity(rec.quantity, parse_unit(rec.unit)).to(parse_unit(self.unit)).magnitude
            )
        except (pint.errors.DimensionalityError, LocalActionError):
            self.summable = False


def _snake(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", str(text).strip().lower()).strip("_")


class _Keys:
    """Activity names made comparable across years (fuel aliases to fuel ids)."""

    def __init__(self, ctx: CheckContext) -> None:
        self.ctx = ctx
        self.lib: Any = None
        self.memo: dict[tuple[str, str], str] = {}

    def activity(self, rec: ActivityRecord, region: str) -> str:
        name = rec.activity or str(rec.params.get("fuel", ""))
        if rec.method not in FUEL_METHODS and rec.method != Method.TRANSPORT_DISTANCE:
            return _snake(name)
        key = (name, region)
        if key not in self.memo:
            try:
                self.lib = self.lib or _library(self.ctx)
                self.memo[key] = str(self.lib.read_fuel(name, region).fuel_id) if name else ""
            except LocalActionError:
                self.memo[key] = _snake(name)
        return self.memo[key]


def _record_totals(res: InventoryResult) -> dict[str, float]:
    out: dict[str, float] = defaultdict(float)
    for r in res.records:
        out[r.record_id.split("#")[0]] += r.co2e_t
    return out


def _gross(res: InventoryResult) -> float:
    return sum(abs(ln.value_tco2e) for ln in res.lines if ln.value_tco2e is not None)


def _sources(res: InventoryResult, keys: _Keys) -> dict[str, Source]:
    totals = _record_totals(res)
    by_id: dict[str, Source] = {}
    for rec in res.inventory.records:
        src = Source(rec.gpc_ref, rec.method, keys.activity(rec, res.inventory.region))
        src.add(rec, totals.get(rec.record_id, 0.0))
        by_id[rec.record_id] = src
    return by_id


def _group(sources: list[Source]) -> dict[tuple[str, ...], Source]:
    out: dict[tuple[str, ...], Source] = {}
    for s in sources:
        key = (s.gpc_ref, s.method.value, s.activity)
        if key not in out:
            out[key] = Source(s.gpc_ref, s.method, s.activity)
        g = out[key]
        g.record_ids += s.record_ids
        g.co2e += s.co2e
        g.own_factor = g.own_factor or s.own_factor
        if not g.unit:
            g.unit, g.quantity, g.summable = s.unit, s.quantity, s.summable
        else:
            try:
                g.quantity += float(
                    ureg.Quantity(s.quantity, parse_unit(s.unit)).to(parse_unit(g.unit)).magnitude
                )
            except (pint.errors.DimensionalityError, LocalActionError):
                g.summable = False
    return out


def _same(a: float, b: float) -> bool:
    return a != 0 and math.isclose(a, b, rel_tol=thresholds("year_on_year.repeat_rel_tolerance"), abs_tol=0.0)


def _quantity_in(src: Source, unit: str) -> float | None:
    if not src.summable:
        return None
    try:
        return float(ureg.Quantity(src.quantity, parse_unit(src.unit)).to(parse_unit(unit)).magnitude)
    except (pint.errors.DimensionalityError, LocalActionError):
        return None


def _fmt_q(value: float, unit: str) -> str:
    return f"{value:,.6g} {unit}"


def records_year_on_year(ctx: CheckContext) -> Iterator[CheckResult]:
    prev = ctx.previous
    if prev is None:
        return
    keys = _Keys(ctx)
    py = prev.inventory.period.year
    floor, repeat_floor = _floors(ctx.res, prev)
    cur_ids = _sources(ctx.res, keys)
    prev_ids = _sources(prev, keys)
    pairs: list[tuple[Source, Source]] = []
    for rid in sorted(set(cur_ids) & set(prev_ids)):
        c, p = cur_ids[rid], prev_ids[rid]
        if p.has_activity and not c.has_activity:
            pairs.append((p, c))  # reported by _compare as emissions without activity
            continue
        if c.method != p.method or (c.summable and _quantity_in(c, p.unit) is None):
            yield ctx.check(
                "year_on_year.method_changed",
                f"record {rid} ({c.gpc_ref}, {ctx.year}) uses {c.method.value} in {c.unit} where {py} used "
                f"{p.method.value} in {p.unit}: restate {py} with the new method, or explain the change",
                gpc_ref=c.gpc_ref,
                record_id=rid,
            )
            continue
        pairs.append((p, c))
    cur_rest = _group([s for i, s in cur_ids.items() if i not in prev_ids])
    prev_rest = _group([s for i, s in prev_ids.items() if i not in cur_ids])
    for key in set(cur_rest) & set(prev_rest):
        pairs.append((prev_rest.pop(key), cur_rest.pop(key)))
    for p, c in pairs:
        yield from _compare(ctx, p, c, py, floor, repeat_floor)
    # What is left: emissions without activity (method changed to direct entry), or sources gone.
    loose_cur = {(s.gpc_ref, s.activity): s for s in cur_rest.values()}
    direct = {s.gpc_ref: s for s in cur_rest.values() if not s.has_activity and s.co2e > 0}
    for p in sorted(prev_rest.values(), key=lambda s: (s.gpc_ref, s.activity)):
        match: Source | None = loose_cur.get((p.gpc_ref, p.activity))
        if match is None and p.has_activity:
            match = direct.pop(p.gpc_ref, None)
        if match is not None:
            if p.has_activity and not match.has_activity and match.co2e > 0:
                yield ctx.check(
                    "year_on_year.emissions_without_activity",
                    f"{match.label} ({match.gpc_ref}, {ctx.year}): {fmt_t(match.co2e)} with no activity data, "
                    f"where {py} had {_fmt_q(p.quantity, p.unit)} ({p.label}): give the activity data, or "
                    "explain where the emissions come from",
                    gpc_ref=match.gpc_ref,
                    record_id=match.record_ids[0],
                )
            continue
        if abs(p.co2e) < floor:
            continue
        line = next((ln for ln in ctx.res.lines if ln.gpc_ref == p.gpc_ref), None)
        if line is not None and line.notation_keys:
            continue
        now = (
            f"the line now holds {fmt_t(line.value_tco2e)}"
            if line and line.value_tco2e
            else "the line is empty"
        )
        yield ctx.check(
            "year_on_year.source_missing",
            f"{p.gpc_ref} ({ctx.year}): {p.activity or p.method.value} ({p.label}, {fmt_t(p.co2e)} in {py}) has no "
            f"record now and {now}: add it, or a notation key with an explanation",
            gpc_ref=p.gpc_ref,
        )


def _floors(res: InventoryResult, prev: InventoryResult) -> tuple[float, float]:
    """tCO2e under which a source is not compared: for changes, and for exact repeats."""
    gross = max(_gross(res), _gross(prev))
    return thresholds("year_on_year.min_share") * gross, thresholds("year_on_year.repeat_min_share") * gross


def _compare(
    ctx: CheckContext, p: Source, c: Source, py: int, floor: float, repeat_floor: float
) -> Iterator[CheckResult]:
    rid = c.record_ids[0]
    where = f"{c.label} ({c.gpc_ref}, {ctx.year})"
    if p.has_activity and not c.has_activity and c.co2e > 0:
        yield ctx.check(
            "year_on_year.emissions_without_activity",
            f"{where}: {fmt_t(c.co2e)} with no activity data, where {py} had {_fmt_q(p.quantity, p.unit)}: give "
            "the activity data, or explain where the emissions come from",
            gpc_ref=c.gpc_ref,
            record_id=rid,
        )
        return
    size = max(abs(p.co2e), abs(c.co2e))
    if size < repeat_floor:
        return
    qc = _quantity_in(c, p.unit) if c.has_activity and p.has_activity else None
    qp = p.quantity
    if qc is not None and _same(qc, qp):
        yield ctx.check(
            "year_on_year.repeated_value",
            f"{where}: the activity {_fmt_q(c.quantity, c.unit)} equals {py}'s exactly: copied forward? Enter "
            f"{ctx.year}'s own data, or say that it is an estimate",
            gpc_ref=c.gpc_ref,
            record_id=rid,
        )
        return
    if (qc is None or not c.has_activity) and _same(c.co2e, p.co2e):
        yield ctx.check(
            "year_on_year.repeated_value",
            f"{where}: the emissions {fmt_t(c.co2e)} equal {py}'s exactly: copied forward? Enter {ctx.year}'s own "
            "data, or say that it is an estimate",
            gpc_ref=c.gpc_ref,
            record_id=rid,
        )
        return
    if (
        c.method == Method.GRID_ENERGY
        and c.activity not in THERMAL  # purchased heat priced as its fuel keeps its factor
        and c.own_factor
        and qc
        and qp
        and p.co2e > 0
        and _same(c.co2e / qc, p.co2e / qp)
    ):
        yield ctx.check(
            "year_on_year.factor_repeated",
            f"{where}: the grid factor {c.co2e * 1000 / qc:.5g} kg CO2e per {p.unit} is exactly {py}'s: last year's "
            f"factor reused? Use {ctx.year}'s factor for the zone (or say why it did not change)",
            gpc_ref=c.gpc_ref,
            record_id=rid,
        )
    if size < floor:
        return
    limit = thresholds("year_on_year.source_max_change")
    # a named fuel's CO2 per unit is set by its carbon: the tighter share (an unnamed "fuel" could be anything)
    fuel = c.method in FUEL_METHODS and p.method in FUEL_METHODS and bool(c.activity)
    factor_limit = thresholds(
        "year_on_year.fuel_factor_max_change" if fuel else "year_on_year.factor_max_change"
    )
    flagged = False
    if qc is not None and qp > 0 and _moved(qc / qp, limit):
        flagged = True
        yield ctx.check(
            "year_on_year.activity_change",
            f"{where}: activity {_fmt_q(c.quantity, c.unit)} is {qc / qp - 1:+.0%} against {py} "
            f"({_fmt_q(qp, p.unit)}; emissions {fmt_t(p.co2e)} -> {fmt_t(c.co2e)}): check the quantity and its unit "
            "(kWh or MWh, therm or Dth), or explain the change",
            gpc_ref=c.gpc_ref,
            record_id=rid,
        )
    if qc and qp and p.co2e > 0 and c.co2e >= 0:
        ratio = (c.co2e / qc) / (p.co2e / qp)
        if _moved(ratio, factor_limit):
            flagged = True
            yield ctx.check(
                "year_on_year.factor_change",
                f"{where}: the implied factor {c.co2e * 1000 / qc:.4g} kg CO2e per {p.unit} is {ratio - 1:+.0%} against "
                f"{py} ({p.co2e * 1000 / qp:.4g}): check the factor, its unit and its year (a factor x10 or a "
                "changed grid mix?), or explain the change",
                gpc_ref=c.gpc_ref,
                record_id=rid,
            )
    if not flagged and p.co2e > 0 and _moved(c.co2e / p.co2e, limit):
        yield ctx.check(
            "year_on_year.emission_change",
            f"{where}: emissions {fmt_t(c.co2e)} are {c.co2e / p.co2e - 1:+.0%} against {py} ({fmt_t(p.co2e)}): check "
            "the source, or explain the change",
            gpc_ref=c.gpc_ref,
            record_id=rid,
        )


def _moved(ratio: float, limit: float) -> bool:
    """Outside [1 - limit, 1 + limit]: with 0.5, a fall below half or a rise above one and a half."""
    return abs(ratio - 1.0) > limit


def lines_year_on_year(ctx: CheckContext) -> Iterator[CheckResult]:
    """GPC lines entered directly (no activity records behind them in either year)."""
    prev = ctx.previous
    if prev is None:
        return
    py = prev.inventory.period.year
    floor, repeat_floor = _floors(ctx.res, prev)
    limit = thresholds("year_on_year.line_max_change")
    before = {ln.gpc_ref: ln for ln in prev.lines}
    for ln in ctx.res.lines:
        p = before.get(ln.gpc_ref)
        if p is None or ln.record_ids or p.record_ids:
            continue
        if p.value_tco2e is None:
            continue
        size = max(abs(p.value_tco2e), abs(ln.value_tco2e or 0.0))
        if size < repeat_floor:
            continue
        if ln.value_tco2e is None:
            if not ln.notation_keys and size >= floor:
                yield ctx.check(
                    "year_on_year.source_missing",
                    f"{ln.gpc_ref} ({ctx.year}) has no value or notation key, where {py} had {fmt_t(p.value_tco2e)}: "
                    "enter it, or a notation key with an explanation",
                    gpc_ref=ln.gpc_ref,
                )
            continue
        if _same(ln.value_tco2e, p.value_tco2e):
            yield ctx.check(
                "year_on_year.line_repeated",
                f"{ln.gpc_ref} ({ctx.year}) is {fmt_t(ln.value_tco2e)}, exactly {py}'s value: copied forward? Enter "
                f"{ctx.year}'s own estimate, or say that it is carried over",
                gpc_ref=ln.gpc_ref,
            )
        elif size >= floor and p.value_tco2e > 0 and _moved(ln.value_tco2e / p.value_tco2e, limit):
            yield ctx.check(
                "year_on_year.line_change",
                f"{ln.gpc_ref} ({ctx.year}) is {fmt_t(ln.value_tco2e)}, {ln.value_tco2e / p.value_tco2e - 1:+.0%} against "
                f"{py} ({fmt_t(p.value_tco2e)}): check it, or explain the change (method, data source, real change)",
                gpc_ref=ln.gpc_ref,
            )


def line_totals_year_on_year(ctx: CheckContext) -> Iterator[CheckResult]:
    """Each GPC line's total against the previous inventory's, however it is made up (records or a value
    entered directly): a line that fell 48 % is named even when no single source moved past its own share.
    ``year_on_year`` leaves out the lines a source or line check named already."""
    prev = ctx.previous
    if prev is None:
        return
    py = prev.inventory.period.year
    floor = thresholds("year_on_year.line_total_min_share") * max(_gross(ctx.res), _gross(prev))
    limit = thresholds("year_on_year.line_total_max_change")
    before = {ln.gpc_ref: ln for ln in prev.lines}
    for ln in ctx.res.lines:
        p = before.get(ln.gpc_ref)
        if p is None or p.value_tco2e is None or ln.value_tco2e is None or p.value_tco2e <= 0:
            continue
        if max(abs(p.value_tco2e), abs(ln.value_tco2e)) < floor:
            continue
        ratio = ln.value_tco2e / p.value_tco2e
        if not _moved(ratio, limit):
            continue
        yield ctx.check(
            "year_on_year.line_total_change",
            f"{ln.gpc_ref} ({ctx.year}) totals {fmt_t(ln.value_tco2e)}, {ratio - 1:+.0%} against {py} "
            f"({fmt_t(p.value_tco2e)}): check the records behind it, or explain the change",
            gpc_ref=ln.gpc_ref,
        )


def year_on_year(ctx: CheckContext) -> Iterator[CheckResult]:
    """The source and line checks, then the line totals for the lines none of them named (a line whose
    record moved 60 % is named once, by the record)."""
    named: set[str] = set()
    for rule in (records_year_on_year, lines_year_on_year):
        for c in rule(ctx):
            if c.gpc_ref:
                named.add(c.gpc_ref)
            yield c
    for c in line_totals_year_on_year(ctx):
        if c.gpc_ref not in named:
            yield c


RULES: list[Rule] = [year_on_year]

__all__ = ["RULES", "Source"]
