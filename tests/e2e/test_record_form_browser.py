"""Guided entry per line in a real browser (issue 16, officer item 4): on a 390 px phone the officer picks the
GPC line, the form offers its methods and the fuel and unit in plain words, says which library value reads
natural gas in m³, and saves the record the engine computes with the utility's energy content."""

from __future__ import annotations

from typing import Any

import pytest

from localaction.registry import services
from localaction.registry.inventories.editing import preview_record
from tests.e2e.conftest import PASSWORD, shot
from tests.factories import make_world

pytestmark = pytest.mark.django_db(transaction=True)


def test_officer_enters_natural_gas_through_the_guided_form_on_a_phone(new_page: Any) -> None:
    world = make_world()
    editor_user = world.users["editor_a"]
    editor_user.set_password(PASSWORD)
    editor_user.save(update_fields=["password"])
    draft = services.create_inventory(editor_user, world.city_a, year=2022, population=1_000_000, region="DE")

    page = new_page("editor_a", width=390)
    page.goto(f"/workspace/inventories/{draft.pk}/records/new/")
    # Choosing the line reloads the form for it (with JavaScript, at once; without, by the chooser's button).
    page.get_by_label("GPC line").select_option("I.2.1")
    page.wait_for_url("**gpc_ref=I.2.1**")
    methods = page.locator("#choose-method option").all_inner_texts()
    assert methods == ["Fuel combustion (stationary)", "Direct entry (measured gas amounts)"]
    assert page.locator("#id_activity").count() == 0  # no free-text activity ids

    page.locator("#id_fuel").select_option(label="Natural gas")
    page.get_by_label("Quantity").fill("1000")
    page.locator("#id_unit").select_option(label="m³ (cubic metres)")
    hint = page.locator("#reading-hint")
    hint.filter(has_text="Natural gas in m³").wait_for()
    assert "we use the library's density (0.7 kg/m³" in hint.inner_text()
    page.locator("#live-result .big").wait_for()  # the live result, as typed

    page.get_by_label("Your utility's energy content (optional)").fill("10.5")
    page.locator("#id_heat_content_unit").select_option(label="kWh per m³")
    hint.filter(has_text="the energy content you give").wait_for()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the record form is {width} px wide on a 390 px phone"
    shot(page, "record-form-guided")

    page.get_by_role("button", name="Save record").click()
    page.wait_for_url(f"**/workspace/inventories/{draft.pk}/**")
    row = draft.activity_records.get(gpc_ref="I.2.1")
    assert (row.method, row.activity, row.quantity, row.unit) == (
        "fuel_combustion",
        "natural_gas",
        1000,
        "m3",
    )
    assert row.params == {"heat_content": 10.5, "heat_content_unit": "kWh/m3"}
    draft.refresh_from_db()
    same = {"record_id": "same", "gpc_ref": "I.2.1", "method": "fuel_combustion", "activity": "natural_gas",
            "quantity": 1000, "unit": "m3", "params": {"heat_content": 10.5, "heat_content_unit": "kWh/m3"}}  # fmt: skip
    assert row.co2e_t == pytest.approx(preview_record(editor_user, draft, same).co2e_t)
