"""The registry runs the engine's year-on-year checks against the jurisdiction's previous published
inventory of the same boundary type: a source that triples, or is copied unchanged, is flagged on the
record, with its id, line and year."""

from __future__ import annotations

from typing import Any

from localaction.registry import services
from localaction.registry.inventories.models import Inventory
from tests.factories import World, complete_lines


def gas(quantity: float, rid: str = "gas-homes") -> dict[str, Any]:
    return {"record_id": rid, "gpc_ref": "I.1.1", "method": "fuel_combustion", "activity": "natural_gas",
            "quantity": quantity, "unit": "TJ"}  # fmt: skip


def inventory(
    world: World, year: int, records: list[dict[str, Any]], boundary_type: str = "community"
) -> Inventory:
    ed = world.users["editor_a"]
    inv = services.create_inventory(
        ed, world.city_a, year=year, population=1_000_000, boundary_type=boundary_type
    )
    # the other lines entered directly, moving a little from year to year as real ones do
    lines = [ln for ln in complete_lines(100_000.0 + 1_000.0 * (year % 7)) if ln["gpc_ref"] != "I.1.1"]
    return services.replace_contents(ed, inv, revision=inv.revision, records=records, lines=lines)


def publish(world: World, inv: Inventory) -> Inventory:
    inv = services.submit(world.users["approver_a"], inv, revision=inv.revision)
    inv = services.validate(world.users["reviewer"], inv, revision=inv.revision)
    return services.publish(world.users["admin"], inv, revision=inv.revision)


def codes(inv: Inventory) -> dict[str, dict[str, Any]]:
    return {c["code"]: c for c in inv.checks}


def test_a_source_that_triples_is_flagged_on_its_record(world: World) -> None:
    # 10,000 TJ of gas in 2021 (561,000 t CO2), 30,000 TJ in 2022: +200 % against a +/-50 % threshold
    publish(world, inventory(world, 2021, [gas(10_000)]))
    this = inventory(world, 2022, [gas(30_000)])
    found = codes(this)
    assert "year_on_year.activity_change" in found
    check = found["year_on_year.activity_change"]
    assert (check["record_id"], check["gpc_ref"], check["year"]) == ("gas-homes", "I.1.1", 2022)


def test_a_normal_year_raises_nothing_and_a_copy_is_flagged(world: World) -> None:
    publish(world, inventory(world, 2021, [gas(10_000)]))
    assert not [c for c in codes(inventory(world, 2022, [gas(10_400)])) if c.startswith("year_on_year.")]
    assert "year_on_year.repeated_value" in codes(inventory(world, 2023, [gas(10_000)]))


def test_only_inventories_of_the_same_boundary_type_are_compared(world: World) -> None:
    publish(world, inventory(world, 2021, [gas(10_000)], boundary_type="government_operations"))
    assert not [c for c in codes(inventory(world, 2022, [gas(30_000)])) if c.startswith("year_on_year.")]
