"""``insert_rows`` (COPY on PostgreSQL, executemany elsewhere) stores what the ORM would: JSON, SQL NULL for a
null JSON field, an aware datetime, floats and defaults, read back through the models."""

from __future__ import annotations

import datetime as dt

import pytest

from localaction.registry.inventories.bulk_rows import insert_rows
from localaction.registry.inventories.models import ActivityRecord
from tests.factories import World, make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return make_world()


def test_rows_read_back_as_the_orm_stores_them(world: World) -> None:
    from localaction.registry import services

    inv = services.create_inventory(world.users["editor_a"], world.city_a, year=2022, population=1_000)
    hidden = dt.datetime(2026, 3, 4, 5, 6, 7, 123456, tzinfo=dt.UTC)
    steps = ["10 GJ × 56.1 kg/GJ = 561 kg", 'quote " and tab \t and newline \n and backslash \\ stay']
    rows = [
        {
            "inventory_id": inv.pk,
            "record_id": "r1",
            "gpc_ref": "I.1.1",
            "method": "fuel_combustion",
            "quantity": 10.5,
            "unit": "GJ",
            "params": {"sector_of_use": "residential", "density_kg_per_l": 0.84},
            "gases_t": {"CO2": 0.561, "CH4": 1e-05},
            "steps": steps,
            "staged_as": "tok",
            "deleted_at": hidden,
            "co2e_t": 0.5614,
        },
        {"inventory_id": inv.pk, "record_id": "r2", "gpc_ref": "II.1.1", "method": "distance", "unit": "km"},
    ]
    assert insert_rows(ActivityRecord, rows) == 2
    got = {r.record_id: r for r in ActivityRecord.all_objects.filter(inventory=inv)}
    one, two = got["r1"], got["r2"]
    assert one.params == {"sector_of_use": "residential", "density_kg_per_l": 0.84}
    assert one.gases_t == {"CO2": 0.561, "CH4": 1e-05} and one.steps == steps
    assert one.deleted_at == hidden and one.staged_as == "tok" and one.quantity == 10.5
    assert (
        one.custom_factor is None
        and ActivityRecord.all_objects.filter(custom_factor__isnull=True).count() == 2
    )
    # Missing values take the field's default; nullable ones are NULL.
    assert two.params == {} and two.steps == [] and two.activity == "" and two.position == 0
    assert two.quantity is None and two.deleted_at is None and two.co2e_t is None
    assert insert_rows(ActivityRecord, []) == 0
