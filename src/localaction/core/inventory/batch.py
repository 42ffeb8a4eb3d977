"""The batch path: many inventories' activity records at once, without a Python loop per record.

Every method is affine in the quantity for fixed parameters (``gas = slope x quantity + intercept``). So the
records are grouped into *recipes* — the distinct (method, activity, unit, GPC ref, factor, parameters, custom
factor, region, year) — each recipe is computed by the scalar engine at quantity 0 and 1, and the records are
then one multiply-add and one ``bincount`` in numpy. A recipe that is not affine (checked at quantity 2) is
refused with its rows named, never silently approximated.

A real registry has thousands of recipes that differ only in numbers (each city's fuel density, T&D loss share,
composting factors, custom factor value). Such recipes share a *template*; a template whose numbers vary runs in
the scalar engine only at the corners of their range, and its recipes are the corners' multilinear interpolation,
checked against scalar runs inside the range (``_interpolated``): the cost is per template, not per recipe.
"""

from __future__ import annotations

import dataclasses
import json
import math
import re
from collections.abc import Callable, Sequence
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
from localaction.core.inventory.methods.grid import THERMAL
from localaction.core.inventory.model import ActivityRecord, CustomFactor, Method

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
    custom_factor_value: F64 | None = None  # the record's own factor (NaN = none), per its unit and gas
    custom_factor_unit: Column | None = None
    custom_factor_gas: Column | None = None  # "" = CO2e or the gas the unit names


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
    scalar_recipes: int = (
        0  # recipes the scalar engine computed (each at quantity 0, 1, 2); the rest interpolated
    )
    n_templates: int = 0  # recipes alike but for their numbers


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
    dictionary = arr.dictionary.cast(pa.string()).fill_null("")
    indices = arr.indices.fill_null(0).to_numpy(zero_copy_only=False).astype(np.int64)
    folded = pc.dictionary_encode(dictionary)
    if len(folded.dictionary) < len(
        dictionary
    ):  # a dictionary may repeat a label: fold repeats onto one code
        remap = folded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
        return remap[indices], [str(x) for x in folded.dictionary.to_pylist()]
    return indices, [str(x) for x in dictionary.to_pylist()]


def _dense(key: I64, span: int) -> tuple[I64, I64]:
    """(first index of each distinct key, dense id per row, in key order) — by a table of ``span`` entries when
    that is small (no sort: one pass), else by ``np.unique``."""
    n = len(key)
    if span > max(8 * n, 1 << 16):
        _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
        return first.astype(np.int64), inverse.reshape(-1).astype(np.int64)
    first_at = np.full(span, -1, dtype=np.int64)
    first_at[key[::-1]] = np.arange(n - 1, -1, -1, dtype=np.int64)  # the last write is the first occurrence
    present = first_at >= 0
    ids = np.cumsum(present, dtype=np.int64) - 1
    return first_at[present], ids[key]


def _combine(columns: list[I64]) -> tuple[I64, I64]:
    """Distinct rows of several code columns: (first index of each recipe, recipe id per record)."""
    # Mixed-radix key: one int64 per record; when the radix would outgrow a table of a few entries per record,
    # the key so far is re-coded densely first.
    n = len(columns[0])
    limit = max(8 * n, 1 << 16)
    key = np.zeros(n, dtype=np.int64)
    span = 1
    for col in columns:
        size = int(col.max()) + 1 if len(col) else 1
        if size == 1:
            continue
        if span * size > limit and span > 1:
            _, key = _dense(key, span)
            span = int(key.max()) + 1 if n else 1
        key = key * size + col
        span *= size
    return _dense(key, span)


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


class _PinnedGrid(_CachedLibrary):
    """The library with the grid and T&D factors fixed (a grid template's corner: its place as numbers)."""

    def __init__(self, library: LibraryLike, grid: Any, td: Any | None) -> None:
        super().__init__(library)
        self._grid, self._td = grid, td

    def grid_factor(self, region: str, year: int) -> Any:
        return self._grid

    def td_loss_rate(self, region: str, year: int) -> Any | None:
        return self._td


def _is_factor(obj: Any) -> bool:
    """A dataclass instance (so that ``dataclasses.replace`` can set its value)."""
    return dataclasses.is_dataclass(obj) and not isinstance(obj, type)


def _grid_places(
    lib: _CachedLibrary, zones: list[str], years: list[int]
) -> tuple[list[tuple[Any, Any] | None], list[tuple[Any, ...]]]:
    """Per (zone, year): the grid factor and the T&D factor the grid method reads there (None where the
    library refuses, or answers with something that is not a dataclass), and what of them is not a number."""
    answers: list[tuple[Any, Any] | None] = []
    kinds: list[tuple[Any, ...]] = []
    for zone, year in zip(zones, years, strict=True):
        try:
            g = lib.grid_factor(zone, year)
            t = lib.td_loss_rate(zone, getattr(g, "year", None) or year)
        except LocalActionError:
            answers.append(None)
            kinds.append(())
            continue
        if not _is_factor(g) or (t is not None and not _is_factor(t)):
            answers.append(None)
            kinds.append(())
            continue
        answers.append((g, t))
        kinds.append(
            (
                type(g), g.gas, g.unit, bool(getattr(g, "biogenic", False)),
                None if t is None else (type(t), t.gas, t.unit, bool(getattr(t, "biogenic", False))),
            )
        )  # fmt: skip
    return answers, kinds


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


# --- templates: recipes that differ only in numbers ------------------------------------------------------------
CUSTOM_VALUE = "\x00custom_factor_value"  # the variable name of a record's custom factor value
GRID_VALUE, TD_VALUE = "\x00grid_factor_value", "\x00td_factor_value"  # a grid record's place, as numbers
MAX_VARYING = (
    3  # numbers interpolated together (2**3 corner runs); a template varying in more runs recipe by recipe
)
CHECKS = 2  # recipes of each interpolated template that the scalar engine also computes, to check the fit


_NUMBER = r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?"
_PAIR = r'"[A-Za-z0-9_]*"[ \t\n\r]*:[ \t\n\r]*(?:' + _NUMBER + r'|"[^"\\:\x00-\x1f]*"|true|false|null)'
# A flat JSON object of plain keys, numbers, short texts (no quote, backslash or colon), flags and nulls: its
# numbers are found by a regular expression (the many parameter texts of a registry are mostly of this form).
_FLAT = re.compile(r"\{[ \t\n\r]*(?:" + _PAIR + r"(?:[ \t\n\r]*,[ \t\n\r]*" + _PAIR + r")*)?[ \t\n\r]*\}")
_KEY_NUMBER = re.compile(r'"([A-Za-z0-9_]*)"[ \t\n\r]*:[ \t\n\r]*(' + _NUMBER + r")(?=[ \t\n\r]*[,}])")
_KEY = re.compile(r'"([A-Za-z0-9_]*)"[ \t\n\r]*:')
_VALUE_NUMBER = re.compile(
    r"(?<=:)[ \t\n\r]*" + _NUMBER + r"(?=[ \t\n\r]*[,}])"
)  # in a flat text, ":" ends a key


def _split_params(text: str) -> tuple[str, tuple[str, ...], tuple[float, ...], tuple[bool, ...]]:
    """(shape, variable names, values, is-integer): the params' top-level JSON numbers are variables; everything
    else (texts, flags, nested objects, the keys themselves) is the shape. Unreadable text is its own shape."""
    if not text:
        return "", (), (), ()
    if _FLAT.fullmatch(text):
        keys = _KEY.findall(text)
        if len(set(keys)) == len(keys):  # no key given twice
            pairs = _KEY_NUMBER.findall(text)
            ints = tuple("." not in v and "e" not in v and "E" not in v for _, v in pairs)
            shape = "\x01" + _VALUE_NUMBER.sub("#", text) + "".join("i" if i else "f" for i in ints)
            return shape, tuple(k for k, _ in pairs), tuple(float(v) for _, v in pairs), ints
    try:
        obj = json.loads(text)
    except ValueError:
        return "\x00" + text, (), (), ()
    if not isinstance(obj, dict):
        return "\x00" + text, (), (), ()
    names_: list[str] = []
    values: list[float] = []
    ints_: list[bool] = []
    shape_: dict[str, Any] = {}
    for key in sorted(obj):
        v = obj[key]
        if isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v):
            names_.append(key)
            values.append(float(v))
            ints_.append(isinstance(v, int))
            shape_[key] = "\x00int" if isinstance(v, int) else "\x00float"
        else:
            shape_[key] = v
    return json.dumps(shape_, sort_keys=True), tuple(names_), tuple(values), tuple(ints_)


_WS = r"[ \t\n\r]*"
_INT_VALUE = ":" + _WS + r"-?(?:0|[1-9][0-9]*)(" + _WS + r"[,}])"
_ANY_VALUE = ":" + _WS + _NUMBER + r"(" + _WS + r"[,}])"
_SHAPE_KEY = re.compile(r'"([A-Za-z0-9_]*)"' + _WS + r":(#[if])?")


@dataclass
class _Split:
    """Every params text read: a shape id per text, each shape's variables, each text's numbers."""

    shape_of: I64  # per text
    names: list[tuple[str, ...]]  # per shape
    ints: list[tuple[bool, ...]]  # per shape
    values: F64  # (texts, most variables of a shape): a text's numbers first, NaN after


def _split_texts(texts: list[str], wanted: I64) -> _Split:
    """``_split_params`` for the texts ``wanted``, done by Arrow's regular expressions (RE2, over all texts at
    once) for flat texts; other texts (nested objects, keys given twice, texts with a colon) one by one."""
    shape_of = np.full(len(texts), -1, dtype=np.int64)
    found_values: list[tuple[I64, F64]] = []
    names: list[tuple[str, ...]] = []
    ints: list[tuple[bool, ...]] = []
    ids: dict[str, int] = {}
    slow: list[int] = []
    arr = pa.array(texts, type=pa.string()).take(pa.array(wanted))
    flat = pc.match_substring_regex(arr, "^" + _FLAT.pattern + "$").to_numpy(zero_copy_only=False)
    shapes = pc.replace_substring_regex(arr, _INT_VALUE, r":#i\1")
    shapes = pc.replace_substring_regex(shapes, _ANY_VALUE, r":#f\1")
    keep = pa.array(flat)
    encoded = pc.dictionary_encode(shapes.filter(keep))
    flat_texts = arr.filter(keep)
    flat_rows = wanted[flat]
    codes = encoded.indices.to_numpy(zero_copy_only=False)
    for c, shape in enumerate(encoded.dictionary.to_pylist()):
        at = np.flatnonzero(codes == c)
        rows = flat_rows[at]
        keys = _SHAPE_KEY.findall(shape)
        if len({k for k, _ in keys}) != len(keys):  # a key given twice: json reads the last one
            slow += [int(r) for r in rows]
            continue
        var = tuple(k for k, kind in keys if kind)
        sid = ids.setdefault("\x01" + shape, len(ids))
        if sid == len(names):
            names.append(var)
            ints.append(tuple(kind == "#i" for _, kind in keys if kind))
        shape_of[rows] = sid
        if not var:
            continue
        parts = re.split(r":#[if]", shape)
        pattern = "".join(
            re.escape(part) + (f":{_WS}(?P<v{i}>{_NUMBER})" if i < len(parts) - 1 else "")
            for i, part in enumerate(parts)
        )
        found = pc.extract_regex(flat_texts.take(pa.array(at)), "^" + pattern + "$")
        columns = [pc.cast(found.field(f"v{i}"), pa.float64()).to_numpy() for i in range(len(var))]
        found_values.append((rows, np.column_stack(columns)))
    slow += [int(i) for i in wanted[~flat]]
    for i in slow:
        shape, var, vals, is_int = _split_params(texts[i])
        sid = ids.setdefault(shape, len(ids))
        if sid == len(names):
            names.append(var)
            ints.append(is_int)
        shape_of[i] = sid
        found_values.append(
            (np.array([i], dtype=np.int64), np.array([vals], dtype=np.float64).reshape(1, -1))
        )
    values = np.full((len(texts), max((len(n) for n in names), default=0)), np.nan)
    for rows, matrix in found_values:
        values[rows, : matrix.shape[1]] = matrix
    return _Split(shape_of, names, ints, values)


@dataclass
class _Template:
    """What the recipes of one template share; ``record(values)`` is the record for some values of the
    variables (the params' numbers, then the custom factor's value when there is one)."""

    fields: tuple[str, str, str, str, str]  # gpc_ref, method, activity, unit, factor_id
    params_text: str  # one recipe's params (its numbers are replaced by the values asked for)
    names: tuple[str, ...]
    ints: tuple[bool, ...]
    custom: tuple[str, str] | None  # (unit, gas) of the custom factor
    ctx: Context  # the first recipe's
    grid: tuple[Any, Any] | None = (
        None  # grid and T&D factors of the first recipe's place (values are variables)
    )

    def context(self, values: F64) -> Context:
        """The context of the template's numbers: the first recipe's, with the grid answers at these values."""
        if self.grid is None:
            return self.ctx
        at = dict(zip(self.names, values, strict=True))
        g, t = self.grid
        pinned = _PinnedGrid(
            self.ctx.library,
            dataclasses.replace(g, value=float(at[GRID_VALUE])),
            None if t is None else dataclasses.replace(t, value=float(at[TD_VALUE])),
        )
        return dataclasses.replace(self.ctx, library=pinned)

    def record(self, values: F64, rid: int) -> ActivityRecord:
        params: dict[str, Any] = json.loads(self.params_text) if self.params_text else {}
        custom = None
        for name, is_int, v in zip(self.names, self.ints, values, strict=True):
            if name in (GRID_VALUE, TD_VALUE):
                continue
            if name == CUSTOM_VALUE:
                assert self.custom is not None
                custom = CustomFactor(
                    value=float(v), unit=self.custom[0], gas=self.custom[1] or "CO2e", justification="batch"
                )
            else:
                params[name] = int(np.rint(v)) if is_int else float(v)
        gpc_ref, method, activity, unit, factor_id = self.fields
        return ActivityRecord(
            record_id=f"recipe{rid}",
            gpc_ref=normalise_gpc_ref(gpc_ref),
            method=Method(method),
            activity=activity,
            quantity=1.0,
            unit=unit,
            factor_id=factor_id or None,
            custom_factor=custom,
            params=params,
        )


def _as_vectors(recipe: _Recipe, sets: list[str]) -> tuple[tuple[int, ...], tuple[str, ...], F64]:
    """(ref per slot, methane origin per slot, values (slots, 2 x sets + 2)): CO2e slope and intercept per GWP set,
    then the biogenic CO2 slope and intercept."""
    k = len(sets)
    out = np.zeros((len(recipe.outputs), 2 * k + 2))
    for s, (_, gs, gi, bs, bi, origin) in enumerate(recipe.outputs):
        for j, name in enumerate(sets):
            out[s, j] = co2e_of(gs, name, origin)
            out[s, k + j] = co2e_of(gi, name, origin)
        out[s, 2 * k], out[s, 2 * k + 1] = bs, bi
    return (
        tuple(r[0] for r in recipe.outputs),
        tuple(r[5] for r in recipe.outputs),
        out,
    )


def _structure(recipe: _Recipe) -> tuple[tuple[int, str], ...]:
    return tuple((r[0], r[5]) for r in recipe.outputs)


def _fits(corners: list[_Recipe], weights: F64, check: _Recipe) -> bool:
    """Whether the corners' gases, weighted, give the checked recipe's gases (same slots, same numbers)."""
    if _structure(check) != _structure(corners[0]):
        return False
    for s, (_, gs, gi, bs, bi, _) in enumerate(check.outputs):
        gases = ((gs, [c.outputs[s][1] for c in corners]), (gi, [c.outputs[s][2] for c in corners]))
        numbers = [
            (got.get(g, 0.0), np.array([a.get(g, 0.0) for a in at]))
            for got, at in gases
            for g in set(got).union(*at)
        ]
        numbers.append((bs, np.array([c.outputs[s][3] for c in corners])))
        numbers.append((bi, np.array([c.outputs[s][4] for c in corners])))
        for value, vals in numbers:
            scale = float(np.max(np.abs(vals), initial=abs(value)))
            if not np.isclose(value, float(weights @ vals), rtol=1e-9, atol=1e-12 + 1e-9 * scale):
                return False
    return True


def _corner_weights(t: F64) -> F64:
    """Multilinear interpolation weights: ``t`` (points, m) in [0, 1] -> (points, 2**m); corner c has variable
    i at its high end when bit i of c is set."""
    n, m = t.shape
    w = np.ones((n, 2**m))
    for c in range(2**m):
        for i in range(m):
            w[:, c] *= t[:, i] if (c >> i) & 1 else 1.0 - t[:, i]
    return w


def _thermal(activity: str) -> bool:
    """Purchased heat or cooling (the grid method's district branch), as ``grid_energy`` reads the activity."""
    return activity.strip().lower().replace(" ", "_").replace("-", "_") in THERMAL


def _regional_name(activity: str) -> bool:
    """A fuel name whose meaning depends on the country (catalog/data/fuel_aliases.csv)."""
    return any(a.region for a in aliases().get(name_key(activity), ()))


def _interpolated(
    template: _Template,
    rids: I64,
    values: F64,
    ref_index: dict[str, int],
    sets: list[str],
    runs: list[int],
    context_of: Callable[[int], Context],
) -> tuple[I64, tuple[int, ...], tuple[str, ...], F64] | None:
    """The template's recipes from its corner runs, or None when it should run recipe by recipe.

    Every recipe is ``f(quantity, numbers)``, affine in the quantity (checked at 0, 1, 2 by ``_recipe``). The
    numbers that vary among the template's recipes (at most ``MAX_VARYING``) are taken as multilinear: the
    scalar engine runs at the 2**m corners of their range (lowest and highest value of each) and every recipe is
    the corners' weighted sum. ``CHECKS`` recipes inside the range run in the scalar engine too and must agree
    (rtol 1e-9): a nonlinear number (a division by a density, a threshold) fails the check and the template
    runs recipe by recipe; so does a corner the engine refuses, so that bad records are named as before (the
    engine's bounds on a number are intervals, so corners it accepts bound values it accepts)."""
    n, _ = values.shape
    lo, hi = values.min(axis=0), values.max(axis=0)
    varying = np.flatnonzero(hi > lo)
    m = len(varying)
    if m == 0:  # alike to the last digit (e.g. the same params written twice): one run for all
        corners_vals = values[:1]
    elif m > MAX_VARYING or n <= 2**m + CHECKS:
        return None
    else:
        corners_vals = np.repeat(values[:1], 2**m, axis=0)
        for c in range(2**m):
            for i, j in enumerate(varying):
                corners_vals[c, j] = hi[j] if (c >> i) & 1 else lo[j]
    try:
        corners = []
        for v in corners_vals:
            runs[0] += 1
            corners.append(_recipe(template.record(v, int(rids[0])), template.context(v), ref_index))
    except (LocalActionError, ValueError):
        return None
    if any(_structure(c) != _structure(corners[0]) for c in corners):
        return None
    vectors = [_as_vectors(c, sets) for c in corners]
    refs, origins, _ = vectors[0]
    if m == 0:
        return rids, refs, origins, np.repeat(vectors[0][2][None], n, axis=0)
    t = (values[:, varying] - lo[varying]) / (hi[varying] - lo[varying])
    weights = _corner_weights(t)
    for pick in np.unique(np.linspace(0, n - 1, CHECKS + 2).round().astype(np.int64)[1:-1]):
        runs[0] += 1
        try:
            rid = int(rids[pick])  # at its real place, in the real library
            check = _recipe(template.record(values[pick], rid), context_of(rid), ref_index)
        except (LocalActionError, ValueError):
            return None
        if not _fits(corners, weights[pick], check):
            return None
    stacked = np.stack([v for _, _, v in vectors])  # (corners, slots, 2 x sets + 2)
    return rids, refs, origins, np.einsum("pc,csv->psv", weights, stacked)


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

    set_index = {s: sets.index(normalise_gwp_set(s)) for s in set(inventories.gwp_set)}
    set_codes = np.array([set_index[s] for s in inventories.gwp_set], dtype=np.int64)
    region_codes, region_labels = _codes(inventories.region)
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
    # A custom factor per record: its value is a number like the params' (a variable of the template), its unit
    # and gas are part of the template.
    cf_given = np.zeros(n_rec, dtype=bool)
    cf_cols: list[I64] = []
    cf_unit: tuple[I64, list[str]] = (np.zeros(n_rec, dtype=np.int64), [""])
    cf_gas: tuple[I64, list[str]] = (np.zeros(n_rec, dtype=np.int64), [""])
    cf_value = np.full(n_rec, np.nan)
    if records.custom_factor_value is not None:
        cf_value = np.asarray(records.custom_factor_value, dtype=np.float64)
        cf_given = ~np.isnan(cf_value)
        cf_unit = _codes(empty if records.custom_factor_unit is None else records.custom_factor_unit)
        cf_gas = _codes(empty if records.custom_factor_gas is None else records.custom_factor_gas)
        _, value_code = np.unique(np.where(cf_given, cf_value, 0.0), return_inverse=True)
        cf_cols = [
            np.where(cf_given, value_code.reshape(-1) + 1, 0).astype(np.int64),
            np.where(cf_given, cf_unit[0], 0),
            np.where(cf_given, cf_gas[0], 0),
        ]
    # Only some methods (and fuel names read by country, such as "fuel oil") depend on the inventory's region
    # and year: other records share one recipe whatever their inventory, which keeps the scalar work to the
    # distinct record kinds.
    method_codes, method_labels = coded[1]
    activity_codes, activity_labels = coded[2]
    placed = np.array([m in PLACE_DEPENDENT for m in method_labels], dtype=bool)[method_codes]
    regional = np.array([_regional_name(a) for a in activity_labels], dtype=bool)[activity_codes]
    placed = placed | regional
    # Electricity from the grid depends on its place (zone, year) only through the grid factor and the T&D
    # factor the library gives there: those are resolved once per distinct place, the factors' kinds join the
    # recipe and their values are numbers of the template (see ``_interpolated``; its checks run at real places).
    factor_codes, factor_labels = coded[4]
    params_codes, params_labels = coded[5]
    grid = (
        np.array([m == Method.GRID_ENERGY.value for m in method_labels], dtype=bool)[method_codes]
        & ~np.array([_thermal(a) for a in activity_labels], dtype=bool)[activity_codes]
        & ~np.array([bool(f) for f in factor_labels], dtype=bool)[factor_codes]
        & ~np.array(["td_factor_id" in t for t in params_labels], dtype=bool)[params_codes]
        & ~cf_given
    )
    grid_kind = np.zeros(n_rec, dtype=np.int64)
    grid_values = np.zeros((n_rec, 2))
    if grid.any():
        named = np.array([bool(a) for a in activity_labels], dtype=bool)  # as grid_energy: activity or region
        zone_code = np.where(
            named[activity_codes], len(region_labels) + activity_codes, region_codes[inv_idx]
        )
        year_of = np.asarray(inventories.year, dtype=np.int64)[inv_idx]
        rows = np.flatnonzero(grid)
        pair = zone_code[rows] * (int(year_of.max()) - int(year_of.min()) + 1) + (
            year_of[rows] - year_of.min()
        )
        _, first_of_pair, pair_of = np.unique(pair, return_index=True, return_inverse=True)
        at = rows[first_of_pair]
        zones = [
            activity_labels[activity_codes[r]]
            if named[activity_codes[r]]
            else str(inventories.region[inv_idx[r]])
            for r in at
        ]
        answers, kinds = _grid_places(lib, zones, [int(year_of[r]) for r in at])
        kind_ids: dict[tuple[Any, ...], int] = {}
        kind_of_pair = np.array(
            [
                kind_ids.setdefault(k, len(kind_ids)) + 1 if a is not None else 0
                for a, k in zip(answers, kinds, strict=True)
            ],
            dtype=np.int64,
        ).reshape(-1)
        value_of_pair = np.array(
            [(a[0].value, 0.0 if a[1] is None else a[1].value) if a else (0.0, 0.0) for a in answers]
        ).reshape(-1, 2)
        grid_kind[rows] = kind_of_pair[pair_of.reshape(-1)]
        grid_values[rows] = value_of_pair[pair_of.reshape(-1)]
        grid &= grid_kind > 0
        grid_answer = {
            int(kind_of_pair[i]): answers[i] for i in range(len(answers)) if answers[i] is not None
        }
    rec_region = np.where(placed & ~grid, region_codes[inv_idx], -1) + 1
    rec_year = np.where(placed & ~grid, year_codes[inv_idx], -1) + 1
    given = inventories.guidelines or ["ipcc2006"] * n_inv
    edition_of = {e: normalise_edition(e) for e in set(given)}
    editions = [edition_of[e] for e in given]
    edition_codes, _ = _codes(editions)
    place = [rec_region, rec_year, edition_codes[inv_idx], grid_kind]
    grid_cols: list[I64] = []
    if grid.any():  # the places' values, coded over the places (not the records)
        _, value_code = np.unique(value_of_pair, axis=0, return_inverse=True)
        per_record = np.zeros(n_rec, dtype=np.int64)
        per_record[rows] = value_code.reshape(-1)[pair_of.reshape(-1)] + 1
        grid_cols.append(np.where(grid, per_record, 0))
    first, recipe_of = _combine([c for c, _ in coded] + cf_cols + place + grid_cols)
    n_recipes = len(first)

    # Templates: recipes alike but for their numbers (the params' numeric values, the custom factor's value).
    used = np.unique(params_codes[first])
    split = _split_texts(params_labels, used)
    shape_of_label = split.shape_of
    key_cols = [c[first] for c, _ in coded[:5]] + [shape_of_label[params_codes[first]]]
    key_cols += [c[first] for c in cf_cols[1:]] + [c[first] for c in place]
    if cf_cols:
        key_cols.append(cf_given[first].astype(np.int64))
    _, template_of = _combine(key_cols)
    order = np.argsort(template_of, kind="stable")
    bounds = np.flatnonzero(np.diff(template_of[order])) + 1

    results: list[
        tuple[I64, tuple[int, ...], tuple[str, ...], F64]
    ] = []  # (recipe ids, refs, origins, values)
    problems: list[Detail] = []
    runs = [0]  # scalar recipe computations

    def context_of(rid: int) -> Context:
        """A recipe's real context: its first record's inventory."""
        inv = int(inv_idx[first[rid]])
        return Context(
            library=lib,
            region=str(inventories.region[inv]),
            year=int(inventories.year[inv]),
            guidelines=editions[inv],
        )

    def problem(rid: int, exc: Exception) -> None:
        rows = np.flatnonzero(recipe_of == rid)[:5]
        msg = exc.message if isinstance(exc, LocalActionError) else str(exc).splitlines()[0]
        problems.append(Detail((f"records {', '.join(str(int(r)) for r in rows)}",), msg))

    for rids in np.split(order, bounds):
        row = int(first[rids[0]])
        p = int(params_codes[row])
        sid = int(split.shape_of[p])
        names, ints = split.names[sid], split.ints[sid]
        has_cf = bool(cf_given[row])
        on_grid = bool(grid[row])
        fields = [labels[codes[row]] for codes, labels in coded[:5]]
        extra = (CUSTOM_VALUE,) * has_cf + (GRID_VALUE, TD_VALUE) * on_grid
        template = _Template(
            fields=(fields[0], fields[1], fields[2], fields[3], fields[4]),
            params_text=params_labels[p],
            names=(*names, *extra),
            ints=(*ints, *(False,) * len(extra)),
            custom=(cf_unit[1][cf_unit[0][row]], cf_gas[1][cf_gas[0][row]]) if has_cf else None,
            ctx=context_of(int(rids[0])),
            grid=grid_answer[int(grid_kind[row])] if on_grid else None,
        )
        at = first[rids]
        values = np.column_stack(
            [
                split.values[params_codes[at], : len(names)],
                *([cf_value[at]] if has_cf else []),
                *([grid_values[at]] if on_grid else []),
            ]
        ).reshape(len(rids), len(template.names))
        fitted = _interpolated(template, rids, values, ref_index, sets, runs, context_of)
        if fitted is not None:
            results.append(fitted)
            continue
        for rid, vals in zip(rids, values, strict=True):  # one scalar computation per recipe
            runs[0] += 1
            try:
                recipe = _recipe(template.record(vals, int(rid)), context_of(int(rid)), ref_index)
            except (LocalActionError, ValueError) as exc:
                problem(int(rid), exc)
                continue
            results.append((np.array([rid]), *_as_vectors(recipe, sets)))
    if problems:
        raise InputError(
            f"{len(problems)} kind(s) of record could not be computed",
            code="invalid_records",
            details=problems,
        )

    # Per recipe and output slot: CO2e slope/intercept for every GWP set, biogenic CO2 slope/intercept.
    n_slots = max((len(refs_) for _, refs_, _, _ in results), default=1)
    k = len(sets)
    slope = np.zeros((n_slots, n_recipes, k))
    icpt = np.zeros((n_slots, n_recipes, k))
    bslope = np.zeros((n_slots, n_recipes))
    bicpt = np.zeros((n_slots, n_recipes))
    slot_ref = np.full((n_slots, n_recipes), -1, dtype=np.int64)
    for rids, refs_, _, vals in results:
        for s_, ref in enumerate(refs_):
            slot_ref[s_, rids] = ref
            slope[s_, rids] = vals[:, s_, :k] if vals.ndim == 3 else vals[s_, :k]
            icpt[s_, rids] = vals[:, s_, k : 2 * k] if vals.ndim == 3 else vals[s_, k : 2 * k]
            bslope[s_, rids] = vals[:, s_, 2 * k] if vals.ndim == 3 else vals[s_, 2 * k]
            bicpt[s_, rids] = vals[:, s_, 2 * k + 1] if vals.ndim == 3 else vals[s_, 2 * k + 1]

    qty = np.asarray(records.quantity, dtype=np.float64)
    rec_set = set_codes[inv_idx]
    n_refs = len(refs)
    lines = np.zeros(n_inv * n_refs)
    counts = np.zeros(n_inv * n_refs)
    biogenic = np.zeros(n_inv)
    record_co2e = np.zeros(n_rec)
    at_set = recipe_of * len(sets) + rec_set  # one flat index per record into (recipe, GWP set)
    for s in range(n_slots):
        ref_of_rec = slot_ref[s][recipe_of]
        live = ref_of_rec >= 0
        co2e = qty * slope[s].ravel()[at_set] + icpt[s].ravel()[at_set]
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
        scalar_recipes=runs[0],
        n_templates=len(bounds) + 1 if n_recipes else 0,
    )
