"""The batch path gives the same lines and totals as the scalar engine, inventory by inventory."""

from __future__ import annotations

import datetime as dt
import json
import random

import numpy as np
import pytest

from localaction.core.errors import InputError
from localaction.core.inventory import ActivityRecord, Inventory, Method, Period, compute
from localaction.core.inventory.batch import InventoryColumns, RecordColumns, compute_batch
from tests.core.inventory.fakes import FakeLibrary

KINDS = [
    ("I.1.1", Method.FUEL_COMBUSTION, "natural_gas", "GJ", ""),
    ("I.2.1", Method.FUEL_COMBUSTION, "diesel", "litres", ""),
    ("I.1.1", Method.FUEL_COMBUSTION, "wood", "t", ""),
    ("I.1.2", Method.GRID_ENERGY, "DE", "MWh", ""),
    ("II.1.1", Method.TRANSPORT_FUEL, "diesel", "gallon", ""),
    ("III.1.1", Method.LANDFILL_MC, "food", "t", json.dumps({"site_type": "managed", "recovered_ch4_t": 3})),
    ("III.2.1", Method.BIOLOGICAL, "composting", "t", ""),
    ("IV.1", Method.DIRECT, "SF6", "kg", ""),
]


def _random_registry(
    n_inv: int, n_rec: int, seed: int
) -> tuple[list[Inventory], RecordColumns, InventoryColumns]:
    rng = random.Random(seed)
    years = [rng.choice([2020, 2021]) for _ in range(n_inv)]
    sets = [rng.choice(["AR4", "AR5", "AR6"]) for _ in range(n_inv)]
    rows: list[tuple[int, ActivityRecord, str]] = []
    for i in range(n_inv):
        for j in range(n_rec):
            ref, method, activity, unit, params = rng.choice(KINDS)
            rec = ActivityRecord(
                record_id=f"{i}-{j}",
                gpc_ref=ref,
                method=method,
                activity=activity,
                quantity=rng.uniform(0, 5000),
                unit=unit,
                params=json.loads(params or "{}"),
            )
            rows.append((i, rec, params))
    invs = [
        Inventory(
            jurisdiction=f"c{i}",
            period=Period(start=dt.date(y, 1, 1), end=dt.date(y, 12, 31), year=y),
            gwp_set=s,
            region="DE",
            records=[r for k, r, _ in rows if k == i],
        )
        for i, (y, s) in enumerate(zip(years, sets, strict=True))
    ]
    cols = RecordColumns(
        inventory=np.array([k for k, _, _ in rows], dtype=np.int64),
        gpc_ref=[r.gpc_ref for _, r, _ in rows],
        method=[r.method.value for _, r, _ in rows],
        activity=[r.activity for _, r, _ in rows],
        quantity=np.array([r.quantity for _, r, _ in rows]),
        unit=[r.unit for _, r, _ in rows],
        params=[p for _, _, p in rows],
    )
    return invs, cols, InventoryColumns(gwp_set=sets, region=["DE"] * n_inv, year=years)


def test_batch_equals_scalar_engine() -> None:
    invs, cols, meta = _random_registry(n_inv=12, n_rec=25, seed=7)
    batch = compute_batch(cols, meta, FakeLibrary())
    for i, inv in enumerate(invs):
        scalar = compute(inv, FakeLibrary(), checks=False)
        assert batch.totals["basic"][i] == pytest.approx(scalar.totals.basic, rel=1e-9)
        assert batch.totals["basic_plus"][i] == pytest.approx(scalar.totals.basic_plus, rel=1e-9)
        assert batch.totals["territorial"][i] == pytest.approx(scalar.totals.territorial, rel=1e-9)
        assert batch.biogenic_co2_t[i] == pytest.approx(scalar.totals.biogenic_co2_t, rel=1e-9)
        for j, ref in enumerate(batch.refs):
            value = next(ln.value_tco2e for ln in scalar.lines if ln.gpc_ref == ref)
            assert batch.has_value[i, j] == (value is not None)
            assert batch.lines[i, j] == pytest.approx(value or 0.0, rel=1e-9, abs=1e-9)
    assert batch.n_recipes <= len(KINDS) * 2 * 3  # kinds x years (grid) x GWP sets at most


def test_batch_reports_bad_rows_without_partial_results() -> None:
    cols = RecordColumns(
        inventory=np.array([0, 0, 0]),
        gpc_ref=["I.1.1", "I.1.1", "I.9.9"],
        method=["fuel_combustion"] * 3,
        activity=["diesel", "unobtainium", "diesel"],
        quantity=np.array([1.0, 2.0, 3.0]),
        unit=["TJ", "TJ", "TJ"],
    )
    with pytest.raises(InputError) as exc:
        compute_batch(cols, InventoryColumns(gwp_set=["AR5"], region=["DE"], year=[2020]), FakeLibrary())
    assert len(exc.value.details) == 2
    assert {d.loc[0] for d in exc.value.details} == {"records 1", "records 2"}


def test_batch_agrees_on_the_shipped_library_across_regions_and_editions() -> None:
    """Records whose result depends on the country (fuel oil, MSW composition, grid) or on the inventory's
    guideline edition must not share a recipe across inventories that differ in them."""
    kinds = [
        ("I.1.1", Method.FUEL_COMBUSTION, "fuel oil", "gallon", ""),
        ("I.1.1", Method.FUEL_COMBUSTION, "natural gas", "therm", ""),
        ("I.1.2", Method.GRID_ENERGY, "", "MWh", ""),
        ("III.1.1", Method.LANDFILL_MC, "msw", "t", ""),
        ("III.1.1", Method.LANDFILL_FOD, "food", "t", json.dumps({"deposits": {"2018": 500}})),
        ("III.4.1", Method.WASTEWATER, "centralised_aerobic", "kg", ""),
        ("II.1.1", Method.TRANSPORT_FUEL, "E85", "gallon", ""),
    ]
    regions, editions = ["US-CA", "GB", "BR"], ["ipcc2006", "ipcc2019"]
    rng = random.Random(3)
    invs, rows = [], []
    for i in range(6):
        region, edition = regions[i % 3], editions[i % 2]
        recs = []
        for j, (ref, method, activity, unit, params) in enumerate(kinds):
            rec = ActivityRecord(
                record_id=f"{i}-{j}", gpc_ref=ref, method=method, activity=activity, quantity=rng.uniform(1, 1000),
                unit=unit, params=json.loads(params or "{}"),
            )  # fmt: skip
            recs.append(rec)
            rows.append((i, rec, params))
        period = Period(start=dt.date(2019, 1, 1), end=dt.date(2019, 12, 31), year=2019)
        invs.append(
            Inventory(jurisdiction=f"c{i}", period=period, region=region, guidelines=edition, records=recs)
        )
    cols = RecordColumns(
        inventory=np.array([k for k, _, _ in rows], dtype=np.int64),
        gpc_ref=[r.gpc_ref for _, r, _ in rows],
        method=[r.method.value for _, r, _ in rows],
        activity=[r.activity for _, r, _ in rows],
        quantity=np.array([r.quantity for _, r, _ in rows]),
        unit=[r.unit for _, r, _ in rows],
        params=[p for _, _, p in rows],
    )
    meta = InventoryColumns(
        gwp_set=["AR5"] * 6,
        region=[i.region for i in invs],
        year=[2019] * 6,
        guidelines=[i.guidelines for i in invs],
    )
    batch = compute_batch(cols, meta)
    for i, inv in enumerate(invs):
        scalar = compute(inv, checks=False)
        assert batch.totals["territorial"][i] == pytest.approx(scalar.totals.territorial, rel=1e-9)
        assert batch.totals["basic_plus"][i] == pytest.approx(scalar.totals.basic_plus, rel=1e-9)
        assert batch.biogenic_co2_t[i] == pytest.approx(scalar.totals.biogenic_co2_t, rel=1e-9)
