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
from typing import Any, TypeAlias

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from localaction.core.catalog.fuels import aliases, name_key
from localaction.core.catalog.gpc import gpc_refs, normalise_gpc_ref
from localaction.core.catalog.gwp import GWP_SETS, normalise_gwp_set
from localaction.core.catalog.waste import normalise_edition
from localaction.core.errors import Detail, InputError, LocalActionError
from localaction.core.inventory.compute import co2e_of, default_library
from localaction.core.inventory.methods import TRAIL, Context, GasAmounts, LibraryLike, apply_method
from localaction.core.inventory.model import ActivityRecord, Method

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]
Column: TypeAlias = (
    Sequence[str] | npt.NDArray[Any] | pa.Array | pa.ChunkedArray
)  # strings, or an Arrow dictionary column
# Methods whose result depends on the inventory's region and year (grid factors, country defaults for waste,
# electric vehicles on the grid). Other records depend on the region only through regional fuel names.
PLACE_DEPENDENT = {
    Method.GRID_ENERGY.value,
    Method.LANDFILL_FOD.value,
    Method.LANDFILL_MC.value,
    Method.INCINERATION.value,
    Method.TRANSPORT_DISTANCE.value,
    Method.FUGITIVE_GAS.value,
}
TOTAL_NAMES = ("basic", "basic_plus", "basic_plus_other_scope3", "territorial")


@dataclass
class RecordColumns:
    """Columnar activity records. ``inventory`` indexes into the inventories; strings are per record."""

    inventory: I64
    gpc_ref: Column
    method: Column
    activity: Column
    quantity: F64
    unit: Column
    factor_id: Column | None = None  # "" = library default
    params: Column | None = None  # JSON object per record, "" = none


@dataclass
class InventoryColumns:
    gwp_set: Sequence[str]
    region: Sequence[str]
    year: Sequence[int]
    guidelines: Sequence[str] | None = (
        None  # IPCC edition of the waste defaults per inventory (default ipcc2006)
    )


@dataclass
class BatchResult:
    refs: list[str]  # column order of ``lines``
    lines: F64  # (n_inventories, n_refs) tCO2e
    has_value: npt.NDArray[np.bool_]  # False where no record fed the line
    totals: dict[str, F64]  # name -> (n_inventories,)
    record_co2e_t: F64  # per record (scope-2 part of grid records; T&D losses sit in the lines)
    biogenic_co2_t: F64  # per inventory
    n_recipes: int


def _codes(values: Sequence[str] | npt.NDArray[Any] | pa.Array | pa.ChunkedArray) -> tuple[I64, list[str]]:
    """Integer codes and their labels. Arrow dictionary arrays are used as they are (no per-record work);
    anything else is dictionary-encoded by Arrow's hash kernel."""
    arr: Any = values
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    if not isinstance(arr, pa.Array):
        arr = pa.array(
            np.asarray(arr, dtype=object).astype(str) if not isinstance(arr, list) else arr, type=pa.string()
        )
    if not pa.types.is_dictionary(arr.type):
        arr = pc.dictionary_encode(arr)
    labels = [str(x) if x is not None else "" for x in arr.dictionary.to_pylist()]
    indices = arr.indices.fill_null(0).to_numpy(zero_copy_only=False).astype(np.int64)
    uniq, remap = np.unique(np.array(labels, dtype=object), return_inverse=True)
    if len(uniq) < len(labels):  # a dictionary may repeat a label: fold repeats onto one code
        return remap.astype(np.int64)[indices], [str(u) for u in uniq]
    return indices, labels


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


class _CachedLibrary:
    """Memoises the library's lookups for one batch: each recipe is run three times with the same keys."""

    def __init__(self, library: LibraryLike) -> None:
        self._lib = library
        self._memo: dict[tuple[Any, ...], Any] = {}

    def _call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        key = (name, args, tuple(sorted(kwargs.items())))
        if key not in self._memo:
            self._memo[key] = getattr(self._lib, name)(*args, **kwargs)
        return self._memo[key]

    def get(self, factor_id: str) -> Any:
        return self._call("get", factor_id)

    def read_fuel(self, name: str, region: str = "") -> Any:
        return self._call("read_fuel", name, region)

    def fuel(self, name: str, region: str = "") -> Any:
        return self._call("fuel", name, region)

    def combustion_factors(
        self, fuel: str, sector_of_use: str, mobile: bool = False, *, qualifier: str = ""
    ) -> dict[str, Any]:
        return dict(self._call("combustion_factors", fuel, sector_of_use, mobile=mobile, qualifier=qualifier))

    def grid_factor(self, region: str, year: int) -> Any:
        return self._call("grid_factor", region, year)

    def td_loss_rate(self, region: str, year: int) -> Any | None:
        return self._call("td_loss_rate", region, year)

    def waste_param(
        self,
        parameter: str,
        activity: str = "",
        qualifier: str = "",
        region: str = "world",
        *,
        gas: str = "",
        edition: str = "ipcc2006",
    ) -> Any:
        return self._call(
            "waste_param",
            parameter,
            activity=activity,
            qualifier=qualifier,
            region=region,
            gas=gas,
            edition=edition,
        )

    def fuel_property(
        self, fuel_id: str, parameter: str, qualifier: str = "", region: str = ""
    ) -> Any | None:
        return self._call("fuel_property", fuel_id, parameter, qualifier, region)

    def district_factors(self, activity: str, region: str) -> dict[str, Any]:
        return dict(self._call("district_factors", activity, region))

    def msw_composition(self, ipcc_region: str) -> dict[str, Any]:
        return dict(self._call("msw_composition", ipcc_region))


@dataclass
class _Recipe:
    outputs: list[tuple[int, dict[str, float], dict[str, float], float, float, str]]
    # (ref index, slope gases, intercept gases, biogenic slope, biogenic intercept, methane origin)


def _run(rec: ActivityRecord, ctx: Context, quantity: float) -> list[GasAmounts]:
    token = TRAIL.set(False)  # the batch keeps numbers, not the per-record text trail
    try:
        return apply_method(rec.model_copy(update={"quantity": quantity}), ctx)
    finally:
        TRAIL.reset(token)


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


def _regional_name(activity: str) -> bool:
    """A fuel name whose meaning depends on the country (catalog/data/fuel_aliases.csv)."""
    return any(a.region for a in aliases().get(name_key(activity), ()))


def compute_batch(
    records: RecordColumns, inventories: InventoryColumns, library: LibraryLike | None = None
) -> BatchResult:
    """Lines and totals of every inventory. Bad records are reported all at once (rows named)."""
    lib = _CachedLibrary(library if library is not None else default_library())
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
        empty if records.factor_id is None else records.factor_id,
        empty if records.params is None else records.params,
    ]
    coded = [_codes(c) for c in string_cols]
    # Only some methods (and fuel names read by country, such as "fuel oil") depend on the inventory's region
    # and year: other records share one recipe whatever their inventory, which keeps the scalar work to the
    # distinct record kinds.
    method_codes, method_labels = coded[1]
    activity_codes, activity_labels = coded[2]
    placed = np.array([m in PLACE_DEPENDENT for m in method_labels], dtype=bool)[method_codes]
    regional = np.array([_regional_name(a) for a in activity_labels], dtype=bool)[activity_codes]
    placed = placed | regional
    rec_region = np.where(placed, region_codes[inv_idx], -1) + 1
    rec_year = np.where(placed, year_codes[inv_idx], -1) + 1
    editions = [normalise_edition(e) for e in (inventories.guidelines or ["ipcc2006"] * n_inv)]
    edition_codes, _ = _codes(editions)
    first, recipe_of = _combine([c for c, _ in coded] + [rec_region, rec_year, edition_codes[inv_idx]])

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
            ctx = Context(
                library=lib,
                region=str(inventories.region[inv]),
                year=int(inventories.year[inv]),
                guidelines=editions[inv],
            )
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
