"""Every number shows where it came from: the factor's value, unit and source beside the records on the review
desk and, for the public, in the published inventory's page."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from localaction.registry import services
from tests.factories import World, ready_inventory

GAS = {"record_id": "gas", "gpc_ref": "I.1.1", "method": "fuel_combustion", "activity": "natural_gas",
       "quantity": 1000, "unit": "GJ", "params": {"sector_of_use": "residential"}}  # fmt: skip


def test_review_desk_and_public_page_show_factor_values_and_sources(world: World) -> None:
    inv = ready_inventory(world)
    inv = services.put_record(world.users["editor_a"], inv, GAS, revision=inv.revision).inventory
    used = inv.activity_records.get(record_id="gas").factors_used
    co2 = next(f for f in used if f["gas"] == "CO2")
    inv = services.submit(world.users["approver_a"], inv, revision=inv.revision)
    reviewer = Client()
    reviewer.force_login(world.users["reviewer"])
    desk = reviewer.get(reverse("web:review_detail", args=["inventory", inv.pk])).content.decode()
    assert co2["unit"] in desk and co2["source"][:40] in desk and "in the factor library" in desk
    inv = services.validate(world.users["reviewer"], inv, revision=inv.revision)
    inv = services.publish(world.users["admin"], inv, revision=inv.revision)
    page = Client().get(reverse("web:inventory", args=[inv.pk]))
    rows = page.context["factors_used"]
    co2_row = next(r for r in rows if r["gas"] == "CO2")
    assert co2_row["lines"] == ["I.1.1"] and co2_row["records"] == 1 and co2_row["source"] == co2["source"]
    assert "Emission factors used" in page.content.decode()
