"""Compute one inventory: activity records and direct lines -> gas amounts -> CO2e -> GPC table -> totals.

Every number keeps its trail: each record result lists the factors used and the calculation steps; each
GPC line lists the records it sums.
"""

from __future__ import annotations

from collections import OrderedDict, defaultdict
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from localaction.core.catalog.gpc import gpc_refs, normalise_gpc_ref
from localaction.core.catalog.gwp import MethaneOrigin, gwp, normalise_gwp_set
from localaction.core.errors import Detail, InputError, LocalActionError
from localaction.core.inventory.methods import Context, GasAmounts, LibraryLike, apply_method
from localaction.core.inventory.methods.base import TRAIL
from localaction.core.inventory.model import (
    ActivityRecord,
    GpcLineInput,
    Inventory,
    InventoryResult,
    LineResult,
    NotationKey,
    Quality,
    RecordResult,
)
from localaction.core.inventory.totals import totals_from_lines


def default_library() -> LibraryLike:
    from localaction.core.catalog.factors import factor_library

    library: LibraryLike = factor_library()
    return library


def co2e_of(gases_t: dict[str, float], gwp_set: str, methane_origin: str = "fossil") -> float:
    """Sum of gas tonnes x GWP-100 of the set (CO2 and CO2e count 1)."""
    origin: MethaneOrigin = "non-fossil" if methane_origin == "non-fossil" else "fossil"
    return float(sum(t * gwp(gas, gwp_set, origin) for gas, t in gases_t.items()))


def _record_result(record_id: str, method: Any, g: GasAmounts, gwp_set: str) -> RecordResult:
    return RecordResult(
        record_id=record_id + g.suffix,
        gpc_ref=g.gpc_ref,
        method=method,
        gases_t=g.gases_t,
        co2e_t=co2e_of(g.gases_t, gwp_set, g.methane_origin),
        biogenic_co2_t=g.biogenic_co2_t,
        factors=g.factors,
        steps=g.steps,
        methane_origin="non-fossil" if g.methane_origin == "non-fossil" else "fossil",
    )


# One record's results depend only on the record and the inventory's context (GWP set, region, year, guidelines):
# with the shipped library they are kept, so that editing one record of a thousand computes one record.
_RESULTS_KEPT = 50_000
_results: OrderedDict[tuple[Any, ...], tuple[RecordResult, ...]] = OrderedDict()


def _kept(key: tuple[Any, ...] | None, make: Callable[[], list[RecordResult]]) -> list[RecordResult]:
    if key is None:
        return make()
    found = _results.get(key)
    if found is None:
        found = tuple(make())
        _results[key] = found
        if len(_results) > _RESULTS_KEPT:
            _results.popitem(last=False)
    else:
        _results.move_to_end(key)
    # a fresh result with its own lists and dict (callers may change those); factor uses are shared
    return [
        r.model_copy(update={"gases_t": dict(r.gases_t), "factors": list(r.factors), "steps": list(r.steps)})
        for r in found
    ]


def _one_record(rec: ActivityRecord, ctx: Context, gwp_set: str) -> list[RecordResult]:
    return [_record_result(rec.record_id, rec.method, g, gwp_set) for g in apply_method(rec, ctx)]


def compute_records(inventory: Inventory, library: LibraryLike | None = None) -> list[RecordResult]:
    """Every activity record's gas amounts and CO2e. All problems are reported at once."""
    lib = library if library is not None else (default_library() if inventory.records else None)
    shipped = library is None
    gwp_set = normalise_gwp_set(inventory.gwp_set)
    ctx = (
        Context(
            library=lib, region=inventory.region, year=inventory.period.year, guidelines=inventory.guidelines
        )
        if lib
        else None
    )
    results: list[RecordResult] = []
    problems: list[Detail] = []
    seen: set[str] = set()
    for i, rec in enumerate(inventory.records, start=1):
        loc: tuple[str | int, ...] = (f"record {rec.record_id or i}",)
        if rec.record_id in seen:
            problems.append(Detail((*loc, "record_id"), "duplicate record id"))
            continue
        seen.add(rec.record_id)
        try:
            rec = rec.model_copy(update={"gpc_ref": normalise_gpc_ref(rec.gpc_ref)})
            assert ctx is not None
            key = (
                (rec.model_dump_json(), gwp_set, ctx.region, ctx.year, ctx.guidelines, TRAIL.get())
                if shipped
                else None
            )
            results += _kept(key, partial(_one_record, rec, ctx, gwp_set))
        except LocalActionError as exc:
            problems.append(Detail(loc, exc.message))
    if problems:
        raise InputError(
            f"{len(problems)} activity record(s) could not be computed; fix them and try again",
            code="invalid_records",
            details=problems,
        )
    return results


def _worst(a: Quality | None, b: Quality | None) -> Quality | None:
    order = [Quality.LOW, Quality.MEDIUM, Quality.HIGH]
    known = [q for q in (a, b) if q is not None]
    return min(known, key=order.index) if known else None


def build_lines(inventory: Inventory, records: list[RecordResult]) -> list[LineResult]:
    """The GPC table: every reference number with its value (records + direct entry) or notation keys."""
    direct: dict[str, GpcLineInput] = {}
    problems: list[Detail] = []
    for line in inventory.lines:
        try:
            ref = normalise_gpc_ref(line.gpc_ref)
        except LocalActionError as exc:
            problems.append(Detail((f"line {line.gpc_ref}", "gpc_ref"), exc.message))
            continue
        if ref in direct:
            problems.append(Detail((f"line {ref}",), "the same GPC line is given twice"))
        direct[ref] = line
    if problems:
        raise InputError("the GPC lines could not be read", code="invalid_lines", details=problems)

    by_ref: dict[str, list[RecordResult]] = defaultdict(list)
    for r in records:
        by_ref[r.gpc_ref].append(r)
    quality = {rec.record_id: (rec.quality_activity, rec.quality_factor) for rec in inventory.records}
    record_source = {rec.record_id: rec.source for rec in inventory.records}

    lines: list[LineResult] = []
    for ref, meta in gpc_refs().items():
        recs = by_ref.get(ref, [])
        given = direct.get(ref)
        value: float | None = None
        if recs:
            value = sum(r.co2e_t for r in recs)
        if given is not None and given.value_tco2e is not None:
            value = (value or 0.0) + given.value_tco2e
        qa: Quality | None = given.quality_activity if given else None
        qf: Quality | None = given.quality_factor if given else None
        for r in recs:
            a, f = quality.get(r.record_id.split("#")[0], (None, None))
            qa, qf = _worst(qa, a), _worst(qf, f)
        keys: tuple[NotationKey, ...] = given.notation_keys if given else ()
        # The line's source: as entered with the line, else where its records' activity data come from.
        sources: list[str] = []
        for r in recs:
            src = record_source.get(r.record_id.split("#")[0], "")
            if src and src not in sources:
                sources.append(src)
        source = given.source if given and given.source else "; ".join(sources)
        lines.append(
            LineResult(
                gpc_ref=ref,
                sector_code=meta.sector_code,
                scope=meta.scope,
                value_tco2e=value,
                notation_keys=keys,
                included_in=given.included_in if given else None,
                explanation=given.explanation if given else "",
                biogenic_co2_t=sum(r.biogenic_co2_t for r in recs),
                quality_activity=qa,
                quality_factor=qf,
                record_ids=tuple(r.record_id for r in recs),
                source=source,
            )
        )
    return lines


def compute(
    inventory: Inventory,
    library: LibraryLike | None = None,
    checks: bool = True,
    previous: Sequence[InventoryResult] = (),
    record_results: list[RecordResult] | None = None,
) -> InventoryResult:
    """The whole inventory: record results, the GPC table, totals and (by default) the MRV checks.

    ``previous``: the jurisdiction's earlier inventories, already computed (any order; other years, versions
    or boundaries are fine: the year-on-year checks compare with the latest earlier year of the same boundary).
    ``record_results``: the records' results when the caller has them already (``recipes`` for large files).
    """
    records = compute_records(inventory, library) if record_results is None else record_results
    lines = build_lines(inventory, records)
    totals = totals_from_lines(lines, inventory.level)
    result = InventoryResult(inventory=inventory, records=records, lines=lines, totals=totals)
    if checks:
        from localaction.core.inventory.checks import run_checks

        result.checks = run_checks(result, previous=previous, library=library)
    return result
