"""Record results for large files: each distinct *recipe* computed once, not each record.

A recipe is everything about a record but its quantity and its bookkeeping (id, source, notes, quality): the
method, activity, unit, GPC line, factor, parameters, and the inventory's GWP set, region and year. Every
method is affine in the quantity for a fixed recipe, so the engine runs for one record of each recipe with its
full calculation trail, and twice more at other quantities to find and check the line (``gas = a × q + b``);
the other records of that recipe get ``a × q + b`` of each gas, the same factors, and a one-step trail that
names the record whose trail shows the whole calculation. A recipe that is not affine (the check at a third
quantity disagrees) is computed record by record, never approximated. The results equal the scalar engine's
(``tests/core/inventory/test_recipes.py``).

An import of 200,000 records with a few hundred recipes computes a few hundred records instead of 200,000.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from localaction.core.catalog.gpc import normalise_gpc_ref
from localaction.core.catalog.gwp import normalise_gwp_set
from localaction.core.errors import Detail, InputError, LocalActionError
from localaction.core.inventory.compute import _record_result, default_library
from localaction.core.inventory.methods import TRAIL, Context, apply_method
from localaction.core.inventory.model import ActivityRecord, FactorUse, Inventory, RecordResult

BOOKKEEPING = {"record_id", "quantity", "source", "notes", "quality_activity", "quality_factor"}
REL_TOL = 1e-9


def recipe_key(rec: ActivityRecord) -> str:
    return rec.model_copy(update={"gpc_ref": normalise_gpc_ref(rec.gpc_ref)}).model_dump_json(
        exclude=BOOKKEEPING
    )


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=REL_TOL, abs_tol=1e-12)


def compute_records_by_recipe(inventory: Inventory) -> list[RecordResult]:
    """The same results as ``compute.compute_records`` (in record order), computed once per recipe."""
    lib = default_library()
    gwp_set = normalise_gwp_set(inventory.gwp_set)
    ctx = Context(
        library=lib, region=inventory.region, year=inventory.period.year, guidelines=inventory.guidelines
    )
    groups: dict[str, list[ActivityRecord]] = {}
    problems: list[Detail] = []
    seen: set[str] = set()
    for i, rec in enumerate(inventory.records, start=1):
        if rec.record_id in seen:
            problems.append(Detail((f"record {rec.record_id or i}", "record_id"), "duplicate record id"))
            continue
        seen.add(rec.record_id)
        groups.setdefault(recipe_key(rec), []).append(rec)
    by_id: dict[str, list[RecordResult]] = {}
    for records in groups.values():
        try:
            by_id.update(_recipe_results(records, ctx, gwp_set))
        except LocalActionError as exc:  # the whole recipe fails the same way: name each of its records
            problems += [Detail((f"record {r.record_id}",), exc.message) for r in records]
    if problems:
        raise InputError(
            f"{len(problems)} activity record(s) could not be computed; fix them and try again",
            code="invalid_records",
            details=problems,
        )
    return [r for rec in inventory.records if rec.record_id in by_id for r in by_id.pop(rec.record_id)]


def _run(rec: ActivityRecord, ctx: Context, gwp_set: str, quantity: float, trail: bool) -> list[RecordResult]:
    token = TRAIL.set(trail)
    try:
        one = rec.model_copy(update={"quantity": quantity, "gpc_ref": normalise_gpc_ref(rec.gpc_ref)})
        return [_record_result(rec.record_id, rec.method, g, gwp_set) for g in apply_method(one, ctx)]
    finally:
        TRAIL.reset(token)


def _recipe_results(
    records: Sequence[ActivityRecord], ctx: Context, gwp_set: str
) -> dict[str, list[RecordResult]]:
    first = records[0]
    full = _run(first, ctx, gwp_set, first.quantity, trail=True)
    out = {first.record_id: full}
    if len(records) == 1:
        return out
    q1 = first.quantity if first.quantity else 1.0
    at1 = full if first.quantity else _run(first, ctx, gwp_set, q1, trail=False)
    at2 = _run(first, ctx, gwp_set, 2 * q1, trail=False)
    at3 = _run(first, ctx, gwp_set, 3 * q1, trail=False)
    lines = _lines(at1, at2, q1)
    if lines is None or not _agrees(lines, at3, 3 * q1):
        for rec in records[1:]:  # not affine: each record by the engine
            out[rec.record_id] = _run(rec, ctx, gwp_set, rec.quantity, trail=True)
        return out
    for rec in records[1:]:
        q = rec.quantity
        results = []
        for base, (gas_ab, co2e_ab, bio_ab) in zip(full, lines, strict=True):
            co2e = co2e_ab[0] * q + co2e_ab[1]
            results.append(
                base.model_copy(
                    update={
                        "record_id": rec.record_id + base.record_id[len(first.record_id) :],
                        "gases_t": {g: a * q + b for g, (a, b) in gas_ab.items()},
                        "co2e_t": co2e,
                        "biogenic_co2_t": bio_ab[0] * q + bio_ab[1],
                        "factors": [_own(f, first.record_id, rec.record_id) for f in base.factors],
                        "steps": [
                            f"{q:,.6g} {rec.unit} computed as record {first.record_id} (same method, activity, "
                            f"unit, factors and parameters), whose steps show the whole calculation: "
                            f"{co2e:,.6g} t CO2e"
                        ],
                    }
                )
            )
        out[rec.record_id] = results
    return out


Line = tuple[float, float]


def _own(use: FactorUse, first: str, record: str) -> FactorUse:
    # A custom factor is named after the record that carries it ("custom:<record id>").
    if use.factor_id == f"custom:{first}":
        return use.model_copy(update={"factor_id": f"custom:{record}"})
    return use


def _lines(
    at1: list[RecordResult], at2: list[RecordResult], q1: float
) -> list[tuple[dict[str, Line], Line, Line]] | None:
    if len(at1) != len(at2):
        return None
    out = []
    for r1, r2 in zip(at1, at2, strict=True):
        if set(r1.gases_t) != set(r2.gases_t) or r1.gpc_ref != r2.gpc_ref:
            return None

        def line(v1: float, v2: float) -> Line:
            a = (v2 - v1) / q1
            return a, v1 - a * q1

        gases = {g: line(r1.gases_t[g], r2.gases_t[g]) for g in r1.gases_t}
        out.append((gases, line(r1.co2e_t, r2.co2e_t), line(r1.biogenic_co2_t, r2.biogenic_co2_t)))
    return out


def _agrees(lines: list[tuple[dict[str, Line], Line, Line]], at3: list[RecordResult], q: float) -> bool:
    if len(lines) != len(at3):
        return False
    for (gases, co2e, bio), r in zip(lines, at3, strict=True):
        if set(gases) != set(r.gases_t):
            return False
        if not all(_close(a * q + b, r.gases_t[g]) for g, (a, b) in gases.items()):
            return False
        if not (_close(co2e[0] * q + co2e[1], r.co2e_t) and _close(bio[0] * q + bio[1], r.biogenic_co2_t)):
            return False
    return True
