"""The batch path: many inventories' activity records at once, without a Python loop per record.

Every method is affine in the quantity for fixed parameters (``gas = slope x quantity + intercept``). So the
records are grouped into *recipes* — the distinct (method, activity, unit, GPC ref, factor, parameters,
region, year) — each recipe is computed once by the scalar engine at quantity 0 and 1, and the records are
then one multiply-add and one ``bincount`` in numpy. A recipe that is not affine (checked at quantity 2) is
refused with its rows named, never silently approximated.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from localaction.catalog.gpc import gpc_refs, normalise_gpc_ref
from localaction.catalog.gwp import GWP_SETS, normalise_gwp_set
from localaction.errors import Detail, InputError, LocalActionError
from localaction.inventory.compute import co2e_of, default_library
from localaction.inventory.methods import Context, GasAmounts, LibraryLike, apply_method
from localaction.inventory.model import ActivityRecord, Method

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]
TOTAL_NAMES = ("basic", "basic_plus", "basic_plus_other_scope3", "territorial")


@dataclass
class RecordColumns:
    """Columnar activity records. ``inventory`` indexes into the inventories; strings are per record."""

    inventory: I64
    gpc_ref: Sequence[str]
    method: Sequence[str]
    activity: Sequence[str]
    quantity: F64
    unit: Sequence[str]
    factor_id: Sequence[str] | None = None  # "" = library default
    params: Sequence[str] | None = None  # JSON object per record, "" = none


@dataclass
class InventoryColumns:
    gwp_set: Sequence[str]
    region: Sequence[str]
    year: Sequence[int]


@dataclass
class BatchResult:
    refs: list[str]  # column order of ``lines``
    lines: F64  # (n_inventories, n_refs) tCO2e
    has_value: npt.NDArray[np.bool_]  # False where no record fed the line
    totals: dict[str, F64]  # name -> (n_inventories,)
    record_co2e_t: F64  # per record (scope-2 part of grid records; T&D losses sit in the lines)
    biogenic_co2_t: F64  # per inventory
    n_recipes: int


def _codes(values: Sequence[str] | npt.NDArray[Any]) -> tuple[I64, list[str]]:
    uniques, inverse = np.unique(np.asarray(values, dtype=object).astype(str), return_inverse=True)
    return inverse.astype(np.int64), [str(u) for u in uniques]


def _combine(columns: list[I64]) -> tuple[I64, I64]:
    """Distinct rows of several code columns: (first index of each recipe, recipe id per record)."""
    sizes = [int(c.max()) + 1 if len(c) else 1 for c in columns]
    if float(np.prod(np.array(sizes, dtype=np.float64))) < 2.0**62:
        # Mixed-radix key: one int64 per record, so np.unique sorts a flat array (much faster than axis=0).
        key = np.zeros(len(columns[0]), dtype=np.int64)
        for col, size in zip(columns, sizes, strict=True):
            key = key * size + col
        _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    else:
        _, first, inverse = np.unique(
            np.stack(columns, axis=1), axis=0, return_index=True, return_inverse=True
        )
    return first.astype(np.int64), inverse.reshape(-1).astype(np.int64)


@dataclass
class _Recipe:
    outputs: list[tuple[int, dict[str, float], dict[str, float], float, float, str]]
    # (ref index, slope gases, intercept gases, biogenic slope, biogenic intercept, methane origin)


def _run(rec: ActivityRecord, ctx: Context, quantity: float) -> list[GasAmounts]:
    return apply_method(rec.model_copy(update={"quantity": quantity}), ctx)


def _recipe(rec: ActivityRecord, ctx: Context, ref_index: dict[str, int]) -> _Recipe:
    at0, at1, at2 = _run(rec, ctx, 0.0), _run(rec, ctx, 1.0), _run(rec, ctx, 2.0)
    outputs = []
    for g0, g1, g2 in zip(at0, at1, at2, strict=True):
        gases = set(g0.gases_t) | set(g1.gases_t) | set(g2.gases_t)
        slope = {g: g1.gases_t.get(g, 0.0) - g0.gases_t.get(g, 0.0) for g in gases}
        icpt = {g: g0.gases_t.get(g, 0.0) for g in gases}
        for g in gases:
            expected = icpt[g] + 2.0 * slope[g]
            if not np.isclose(g2.gases_t.get(g, 0.0), expected, rtol=1e-9, atol=1e-12):
                raise InputError(
                    f"{rec.method.value} is not linear in the quantity for these parameters",
                    code="not_batchable",
                )
        b_slope = g1.biogenic_co2_t - g0.biogenic_co2_t
        outputs.append((ref_index[g1.gpc_ref], slope, icpt, b_slope, g0.biogenic_co2_t, g1.methane_origin))
    return _Recipe(outputs)


def compute_batch(
    records: RecordColumns, inventories: InventoryColumns, library: LibraryLike | None = None
) -> BatchResult:
    """Lines and totals of every inventory. Bad records are reported all at once (rows named)."""
    lib = library if library is not None else default_library()
    n_rec = len(records.quantity)
    n_inv = len(inventories.gwp_set)
    refs = list(gpc_refs())
    ref_index = {r: i for i, r in enumerate(refs)}
    sets = [normalise_gwp_set(s) for s in GWP_SETS]
    inv_idx = np.asarray(records.inventory, dtype=np.int64)
    if n_rec and (inv_idx.min() < 0 or inv_idx.max() >= n_inv):
        raise InputError("record inventory index out of range", code="invalid_batch")

    set_codes = np.array([sets.index(normalise_gwp_set(s)) for s in inventories.gwp_set], dtype=np.int64)
    region_codes, _ = _codes(inventories.region)
    year_codes, _ = _codes([str(y) for y in inventories.year])
    empty = [""] * n_rec
    string_cols = [
        records.gpc_ref,
        records.method,
        records.activity,
        records.unit,
        records.factor_id or empty,
        records.params or empty,
    ]
    coded = [_codes(c) for c in string_cols]
    first, recipe_of = _combine([c for c, _ in coded] + [region_codes[inv_idx], year_codes[inv_idx]])

    # One scalar computation per recipe; collect every failure before raising.
    recipes: list[_Recipe | None] = []
    problems: list[Detail] = []
    for rid, row in enumerate(first):
        vals = [labels[codes[row]] for codes, labels in coded]
        inv = int(inv_idx[row])
        try:
            rec = ActivityRecord(
                record_id=f"recipe{rid}",
                gpc_ref=normalise_gpc_ref(vals[0]),
                method=Method(vals[1]),
                activity=vals[2],
                quantity=1.0,
                unit=vals[3],
                factor_id=vals[4] or None,
                params=json.loads(vals[5]) if vals[5] else {},
            )
            ctx = Context(library=lib, region=str(inventories.region[inv]), year=int(inventories.year[inv]))
            recipes.append(_recipe(rec, ctx, ref_index))
        except (LocalActionError, ValueError) as exc:
            recipes.append(None)
            rows = np.flatnonzero(recipe_of == rid)[:5]
            msg = exc.message if isinstance(exc, LocalActionError) else str(exc).splitlines()[0]
            problems.append(Detail((f"records {', '.join(str(int(r)) for r in rows)}",), msg))
    if problems:
        raise InputError(
            f"{len(problems)} kind(s) of record could not be computed",
            code="invalid_records",
            details=problems,
        )

    # Per recipe and output slot: CO2e slope/intercept for every GWP set (gases folded in once per recipe).
    n_slots = max((len(r.outputs) for r in recipes if r), default=1)
    n_recipes = len(recipes)
    slope = np.zeros((n_slots, n_recipes, len(sets)))
    icpt = np.zeros((n_slots, n_recipes, len(sets)))
    bslope = np.zeros((n_slots, n_recipes))
    bicpt = np.zeros((n_slots, n_recipes))
    slot_ref = np.full((n_slots, n_recipes), -1, dtype=np.int64)
    for rid, recipe in enumerate(recipes):
        assert recipe is not None
        for s, (ref, gs, gi, bs, bi, origin) in enumerate(recipe.outputs):
            slot_ref[s, rid] = ref
            bslope[s, rid], bicpt[s, rid] = bs, bi
            for k, name in enumerate(sets):
                slope[s, rid, k] = co2e_of(gs, name, origin)
                icpt[s, rid, k] = co2e_of(gi, name, origin)

    qty = np.asarray(records.quantity, dtype=np.float64)
    rec_set = set_codes[inv_idx]
    n_refs = len(refs)
    lines = np.zeros(n_inv * n_refs)
    counts = np.zeros(n_inv * n_refs)
    biogenic = np.zeros(n_inv)
    record_co2e = np.zeros(n_rec)
    for s in range(n_slots):
        ref_of_rec = slot_ref[s][recipe_of]
        live = ref_of_rec >= 0
        co2e = qty * slope[s][recipe_of, rec_set] + icpt[s][recipe_of, rec_set]
        if s == 0:
            record_co2e = co2e
        flat = inv_idx[live] * n_refs + ref_of_rec[live]
        lines += np.bincount(flat, weights=co2e[live], minlength=n_inv * n_refs)
        counts += np.bincount(flat, minlength=n_inv * n_refs)
        bio = qty * bslope[s][recipe_of] + bicpt[s][recipe_of]
        biogenic += np.bincount(inv_idx[live], weights=bio[live], minlength=n_inv)

    table = lines.reshape(n_inv, n_refs)
    meta = gpc_refs()
    flags = np.array(
        [[getattr(meta[r], f"in_{name}") for name in TOTAL_NAMES] for r in refs], dtype=np.float64
    )
    tot = table @ flags
    return BatchResult(
        refs=refs,
        lines=table,
        has_value=counts.reshape(n_inv, n_refs) > 0,
        totals={name: tot[:, i] for i, name in enumerate(TOTAL_NAMES)},
        record_co2e_t=record_co2e,
        biogenic_co2_t=biogenic,
        n_recipes=n_recipes,
    )
