"""Large files are computed once per recipe: every record's numbers equal the scalar engine's, the factors are
the same, and the trail of a shared record names the record that shows the whole calculation."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from localaction.core.inventory import compute, compute_records
from localaction.core.inventory.activity_io import read_activity_file
from localaction.core.inventory.recipes import compute_records_by_recipe, recipe_key

EXAMPLE = Path(__file__).parents[3] / "src/localaction/core/inventory/templates/activity_example.csv"


def _spread(copies: int, seed: int = 7):  # type: ignore[no-untyped-def]
    """The example's records (every method it has: fuels, grid with T&D losses, transport, waste …), each
    repeated with other quantities (0 among them)."""
    inv = read_activity_file(EXAMPLE)
    rng = random.Random(seed)
    records = []
    for rec in inv.records:
        records.append(rec)
        for i in range(copies):
            q = 0.0 if i == 0 else rng.uniform(0.1, 5e6)
            records.append(rec.model_copy(update={"record_id": f"{rec.record_id}-{i}", "quantity": q}))
    return inv.model_copy(update={"records": records})


def test_results_equal_the_scalar_engine_for_every_method_of_the_example() -> None:
    inv = _spread(6)
    scalar = compute_records(inv)
    shared = compute_records_by_recipe(inv)
    assert [r.record_id for r in shared] == [r.record_id for r in scalar]
    for a, b in zip(shared, scalar, strict=True):
        assert a.gpc_ref == b.gpc_ref and a.method == b.method
        assert a.co2e_t == pytest.approx(b.co2e_t, rel=1e-9, abs=1e-9), a.record_id
        assert a.biogenic_co2_t == pytest.approx(b.biogenic_co2_t, rel=1e-9, abs=1e-9)
        assert a.gases_t == pytest.approx(b.gases_t, rel=1e-9, abs=1e-9)
        assert a.factors == b.factors
    recipes = {recipe_key(r) for r in inv.records}
    assert len(recipes) == len(read_activity_file(EXAMPLE).records)


def test_the_first_record_of_a_recipe_keeps_its_trail_and_the_others_point_to_it() -> None:
    inv = _spread(2)
    shared = {r.record_id: r for r in compute_records_by_recipe(inv)}
    first = inv.records[0].record_id
    assert shared[first].steps == compute_records(inv)[0].steps and len(shared[first].steps) > 1
    assert f"computed as record {first}" in shared[f"{first}-1"].steps[0]


def test_totals_and_checks_are_the_same_through_compute() -> None:
    inv = _spread(3)
    plain = compute(inv)
    via = compute(inv, record_results=compute_records_by_recipe(inv))
    assert via.totals.basic == pytest.approx(plain.totals.basic, rel=1e-9)
    assert via.totals.basic_plus == pytest.approx(plain.totals.basic_plus, rel=1e-9)
    assert sorted(c.code for c in via.checks) == sorted(c.code for c in plain.checks)


def test_a_record_that_cannot_be_computed_is_named() -> None:
    inv = _spread(1)
    bad = inv.records[0].model_copy(update={"record_id": "bad", "activity": "no_such_fuel"})
    with pytest.raises(Exception) as caught:
        compute_records_by_recipe(inv.model_copy(update={"records": [*inv.records, bad]}))
    assert any("bad" in str(d.loc) for d in caught.value.details)  # type: ignore[attr-defined]
