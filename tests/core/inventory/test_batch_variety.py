"""The batch path on real-world variety: every inventory its own parameters, custom factors, region, year,
GWP set, guidelines and notation keys; lines and totals must equal the scalar engine's, inventory by inventory,
whether a template of recipes was interpolated or ran recipe by recipe."""

from __future__ import annotations

import datetime as dt
import json
import random
from typing import Any

import numpy as np
import pytest

from localaction.core.errors import InputError
from localaction.core.inventory import ActivityRecord, Inventory, Method, Period, compute
from localaction.core.inventory.batch import (
    BatchResult,
    InventoryColumns,
    RecordColumns,
    _split_params,
    _split_texts,
    compute_batch,
)
from localaction.core.inventory.model import CustomFactor, GpcLineInput, NotationKey

Range = tuple[float, float]
# (GPC ref, method, activity, unit, fixed params, varied params {name: range}, custom factor (unit, gas, range))
Kind = tuple[str, Method, str, str, dict[str, Any], dict[str, Range], tuple[str, str, Range] | None]
KINDS: list[Kind] = [
    ("I.2.1", Method.FUEL_COMBUSTION, "diesel", "litre", {}, {"density_kg_per_l": (0.80, 0.88)}, None),
    ("II.1.1", Method.TRANSPORT_FUEL, "motor_gasoline", "gallon", {}, {"density_kg_per_l": (0.70, 0.78)}, None),
    ("I.1.1", Method.FUEL_COMBUSTION, "natural_gas", "ft3", {}, {"heat_content": (950.0, 1100.0)}, None),
    ("I.1.1", Method.FUEL_COMBUSTION, "natural_gas", "therm", {"calorific_basis": "gross"}, {}, None),
    ("I.1.2", Method.GRID_ENERGY, "", "MWh", {}, {"td_loss_share": (0.02, 0.10)}, None),
    ("I.2.2", Method.GRID_ENERGY, "", "kWh", {}, {}, None),
    ("I.3.2", Method.GRID_ENERGY, "", "kWh", {}, {}, ("kg/kWh", "CO2e", (0.05, 0.9))),  # the city's own grid factor
    ("I.3.1", Method.FUEL_COMBUSTION, "natural_gas", "GJ", {}, {}, ("kg/GJ", "CO2", (50.0, 60.0))),
    ("III.2.1", Method.BIOLOGICAL, "composting", "t", {},
     {"ef_ch4_g_per_kg": (1.0, 10.0), "ef_n2o_g_per_kg": (0.05, 0.5)}, None),
    ("III.4.1", Method.WASTEWATER, "centralised_aerobic", "kg", {},
     {"Bo": (0.5, 0.6), "MCF": (0.0, 0.3), "sludge_bod_kg": (0.0, 50.0)}, None),  # three numbers at once
    ("III.1.1", Method.LANDFILL_MC, "msw", "t", {"site_type": "managed_anaerobic"}, {}, None),
    ("IV.1", Method.DIRECT, "SF6", "kg", {}, {}, None),
]  # fmt: skip
REGIONS = ["DE", "US-CA", "GB", "BR", "FR", "JP", "IN"]
NOTATION_REFS = ["II.3.1", "V.1", "III.3.1"]  # lines no record feeds: notation keys only
KEYS = [NotationKey.NO, NotationKey.NE]


def _draw(rng: random.Random, r: Range) -> float:
    return round(rng.uniform(*r), 6)


def _registry(
    n_inv: int, seed: int, kinds: list[Kind]
) -> tuple[list[Inventory], RecordColumns, InventoryColumns]:
    """Every inventory draws its own numbers (so each kind's template has about ``n_inv`` recipes)."""
    rng = random.Random(seed)
    invs: list[Inventory] = []
    rows: list[tuple[int, ActivityRecord, str]] = []
    for i in range(n_inv):
        numbers = {
            k: ({n: _draw(rng, r) for n, r in kind[5].items()}, _draw(rng, kind[6][2]) if kind[6] else None)
            for k, kind in enumerate(kinds)
        }
        recs = []
        for j in range(2 * len(kinds)):  # each kind once or more, at its own quantity
            k = j if j < len(kinds) else rng.randrange(len(kinds))
            ref, method, activity, unit, fixed, _, custom = kinds[k]
            params = {**fixed, **numbers[k][0]}
            value = numbers[k][1]
            rec = ActivityRecord(
                record_id=f"{i}-{j}",
                gpc_ref=ref,
                method=method,
                activity=activity,
                quantity=round(rng.uniform(0, 5000), 3),
                unit=unit,
                params=params,
                custom_factor=(
                    CustomFactor(value=value, unit=custom[0], gas=custom[1], justification="the city's")
                    if custom and value is not None
                    else None
                ),
            )
            recs.append(rec)
            rows.append((i, rec, json.dumps(params, sort_keys=True) if params else ""))
        year = rng.randrange(2005, 2025)
        invs.append(
            Inventory(
                jurisdiction=f"c{i}",
                period=Period(start=dt.date(year, 1, 1), end=dt.date(year, 12, 31), year=year),
                gwp_set=rng.choice(["AR4", "AR5", "AR6"]),
                region=rng.choice(REGIONS),
                guidelines=rng.choice(["ipcc2006", "ipcc2019"]),
                records=recs,
                lines=[
                    GpcLineInput(
                        gpc_ref=ref, notation_keys=(rng.choice(KEYS),), explanation="not in this city"
                    )
                    for ref in NOTATION_REFS
                ],
            )
        )
    cf = [r.custom_factor for _, r, _ in rows]
    cols = RecordColumns(
        inventory=np.array([k for k, _, _ in rows], dtype=np.int64),
        gpc_ref=[r.gpc_ref for _, r, _ in rows],
        method=[r.method.value for _, r, _ in rows],
        activity=[r.activity for _, r, _ in rows],
        quantity=np.array([r.quantity for _, r, _ in rows]),
        unit=[r.unit for _, r, _ in rows],
        params=[p for _, _, p in rows],
        custom_factor_value=np.array([c.value if c else np.nan for c in cf]),
        custom_factor_unit=[c.unit if c else "" for c in cf],
        custom_factor_gas=[c.gas if c else "" for c in cf],
    )
    meta = InventoryColumns(
        gwp_set=[i.gwp_set for i in invs],
        region=[i.region for i in invs],
        year=[i.period.year for i in invs],
        guidelines=[i.guidelines for i in invs],
    )
    return invs, cols, meta


def _assert_same_as_scalar(batch: BatchResult, invs: list[Inventory]) -> None:
    for i, inv in enumerate(invs):
        scalar = compute(inv, checks=False)
        for name in ("basic", "basic_plus", "territorial"):
            assert batch.totals[name][i] == pytest.approx(getattr(scalar.totals, name), rel=1e-9), (i, name)
        assert batch.biogenic_co2_t[i] == pytest.approx(scalar.totals.biogenic_co2_t, rel=1e-9, abs=1e-9)
        by_ref = {ln.gpc_ref: ln for ln in scalar.lines}
        for j, ref in enumerate(batch.refs):
            value = by_ref[ref].value_tco2e
            assert batch.has_value[i, j] == (value is not None), (i, ref)
            assert batch.lines[i, j] == pytest.approx(value or 0.0, rel=1e-9, abs=1e-9), (i, ref)
        for ref in NOTATION_REFS:  # the notation keys' lines stay empty in the batch, as in the scalar table
            assert by_ref[ref].notation_keys and not batch.has_value[i, batch.refs.index(ref)]


@pytest.mark.parametrize("seed", [1, 2])
def test_batch_equals_scalar_on_distinct_parameters_custom_factors_regions_and_years(seed: int) -> None:
    invs, cols, meta = _registry(n_inv=16, seed=seed, kinds=KINDS)
    batch = compute_batch(cols, meta)
    _assert_same_as_scalar(batch, invs)
    assert batch.n_recipes > 150
    assert batch.scalar_recipes < batch.n_recipes  # some templates were interpolated


def test_a_template_of_many_recipes_costs_its_corners_and_checks() -> None:
    """Forty cities, forty densities and T&D shares: one template each (neither depends on the place here),
    two corner runs and two checks each, whatever the number of cities."""
    kinds = [KINDS[0], KINDS[8]]  # density (one number), composting factors (two)
    invs, cols, meta = _registry(n_inv=40, seed=3, kinds=kinds)
    meta.guidelines = ["ipcc2006"] * len(invs)
    for inv in invs:
        inv.guidelines = "ipcc2006"
    batch = compute_batch(cols, meta)
    _assert_same_as_scalar(batch, invs)
    assert batch.n_recipes == 80
    assert batch.n_templates == 2
    assert batch.scalar_recipes == (2 + 2) + (4 + 2)


def test_a_number_that_is_not_multilinear_runs_recipe_by_recipe() -> None:
    """Mass of diesel with a factor per litre: the volume is mass / density, 1/density is not linear. The
    interpolation's check catches it and every recipe runs in the scalar engine, with the same results."""
    kinds: list[Kind] = [
        ("I.2.1", Method.FUEL_COMBUSTION, "diesel", "t", {}, {"density_kg_per_l": (0.60, 0.95)},
         ("kg/l", "CO2", (2.5, 2.8))),
    ]  # fmt: skip
    invs, cols, meta = _registry(n_inv=12, seed=5, kinds=kinds)
    batch = compute_batch(cols, meta)
    _assert_same_as_scalar(batch, invs)
    assert batch.scalar_recipes >= batch.n_recipes


def test_a_bad_number_among_many_is_named_as_by_the_scalar_engine() -> None:
    """A leakage rate above 1 in one record of a template: its corner run fails, the template runs recipe by
    recipe and exactly that record is reported."""
    n = 12
    leaks = [0.001 * (i + 1) for i in range(n)]
    leaks[7] = 1.5
    params = [
        json.dumps({"leakage_rate": v, "ch4_fraction": 0.93, "gas_temperature_c": 15}, sort_keys=True)
        for v in leaks
    ]
    cols = RecordColumns(
        inventory=np.zeros(n, dtype=np.int64),
        gpc_ref=["I.8.1"] * n,
        method=["fugitive_gas_distribution"] * n,
        activity=[""] * n,
        quantity=np.full(n, 1000.0),
        unit=["m3"] * n,
        params=params,
    )
    with pytest.raises(InputError) as exc:
        compute_batch(cols, InventoryColumns(gwp_set=["AR5"], region=["DE"], year=[2020]))
    assert [d.loc[0] for d in exc.value.details] == ["records 7"]


@pytest.mark.parametrize(
    "text",
    [
        '{"density_kg_per_l": 0.84}',
        '{"a": 1, "b": -2.5e-3, "c": "gross", "d": true, "e": null}',
        '{ "b" : 3 ,"a":0.1}',
        "{}",
    ],
)
def test_numbers_read_from_flat_params_text_as_json_reads_them(text: str) -> None:
    shape, names, values, ints = _split_params(text)
    obj = json.loads(text)
    numbers = {k: v for k, v in obj.items() if isinstance(v, int | float) and not isinstance(v, bool)}
    assert dict(zip(names, values, strict=True)) == numbers
    assert dict(zip(names, ints, strict=True)) == {k: isinstance(v, int) for k, v in numbers.items()}
    assert _split_params(text.replace("0", "7"))[0] == shape  # other numbers, same shape


@pytest.mark.parametrize(
    "text",
    [
        '{"a": 01}',
        '{"a": 1,}',
        '{"a": 1, "a": 2}',
        '{"a": "x: 1, y"}',
        '{"a": 1}\x0c',
        '{"a": "\\u0041", "b": 2}',
    ],
)
def test_params_text_that_is_not_plain_json_is_read_by_json(text: str) -> None:
    """Invalid JSON, a key given twice or a text holding a colon never take the regular expression's way."""
    shape, names, values, _ = _split_params(text)
    try:
        obj = json.loads(text)
    except ValueError:
        assert shape == "\x00" + text and not names
        return
    assert not shape.startswith("\x01")
    assert dict(zip(names, values, strict=True)) == {
        k: v for k, v in obj.items() if isinstance(v, int | float)
    }


def test_all_texts_at_once_read_as_one_by_one() -> None:
    """Arrow's pass over all texts (flat ones) gives each text the numbers ``_split_params`` gives it, and texts
    differing only in their numbers one shape."""
    texts = [
        '{"density_kg_per_l": 0.84}',
        '{"density_kg_per_l": 0.86}',
        '{"a": 1, "b": -2.5e-3, "c": "gross", "d": true, "e": null}',
        '{"a": 7, "b": 4.0, "c": "gross", "d": true, "e": null}',
        '{"a": 1.0, "b": 4.0, "c": "gross", "d": true, "e": null}',  # a float where the others have an int
        '{ "b" : 3 ,"a":0.1}',
        '{"a": 1, "a": 2}',
        '{"a": "x: 1, y"}',
        '{"deposits": {"2018": 500}, "k": 0.05}',
        '{"a": 01}',
        "",
    ]
    split = _split_texts(texts, np.arange(len(texts)))
    for i, text in enumerate(texts):
        _, names, values, ints = _split_params(text)
        sid = split.shape_of[i]
        assert dict(zip(split.names[sid], split.values[i][: len(split.names[sid])], strict=True)) == dict(
            zip(names, values, strict=True)
        )
        assert dict(zip(split.names[sid], split.ints[sid], strict=True)) == dict(
            zip(names, ints, strict=True)
        )
    assert split.shape_of[0] == split.shape_of[1]
    assert split.shape_of[2] == split.shape_of[3] != split.shape_of[4]
    assert len(set(split.shape_of.tolist())) == len(texts) - 2


def test_grid_records_in_many_zones_and_years_cost_per_kind_of_factor_not_per_place() -> None:
    """Sixty inventories, each its own zone (countries, US states, eGRID and Electricity Maps zones) and year:
    the grid and T&D factors are resolved per place and their values interpolated; the results are the scalar
    engine's, and the scalar engine ran for a few corners and checks, not once per place."""
    from localaction.core.catalog.factors import factor_library

    zones = sorted({f.region for f in factor_library() if f.category == "grid_electricity"})
    rng = random.Random(11)
    kinds = [
        k for k in KINDS if k[1] is Method.GRID_ENERGY and k[6] is None
    ]  # with and without own T&D share
    invs, cols, meta = _registry(n_inv=60, seed=11, kinds=kinds)
    for i, inv in enumerate(invs):
        inv.region = rng.choice(zones)
        year = rng.randrange(1995, 2025)
        inv.period = Period(start=dt.date(year, 1, 1), end=dt.date(year, 12, 31), year=year)
        meta.region[i], meta.year[i] = inv.region, year  # type: ignore[index]
    batch = compute_batch(cols, meta)
    _assert_same_as_scalar(batch, invs)
    assert batch.n_recipes > 100
    assert batch.n_templates <= 16  # grid kinds x editions x (T&D factor or none, its unit), not places
    assert batch.scalar_recipes <= (2**3 + 2) * batch.n_templates
    assert batch.scalar_recipes < batch.n_recipes / 2
