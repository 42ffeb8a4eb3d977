"""Guided entry per GPC line (issue 16, officer item 4): the record form offers only the methods that fit the
line, asks for what the method needs in plain words, and stores the record the engine computes from the
equivalent parameters."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from localaction.faces.web import guided
from localaction.registry.inventories.editing import preview_record
from localaction.registry.inventories.models import Inventory
from tests.faces.web.conftest import Site


def _page(site: Site, **query: str) -> tuple[Any, str]:
    url = reverse("web:record_new", args=[site.draft.pk])
    page = site.client("editor_a").get(url, query)
    assert page.status_code == 200
    return page, page.content.decode()


def _offered(body: str) -> list[str]:
    select = re.search(r'<select id="choose-method" name="method">(.*?)</select>', body, re.S)
    assert select is not None
    return re.findall(r'<option value="([^"]+)"', select.group(1))


def _label(body: str, name: str) -> str:
    m = re.search(rf'<label for="id_{name}">(.*?)</label>', body, re.S)
    assert m is not None, f"no field {name}"
    return m.group(1).strip()


def _save(site: Site, data: dict[str, Any]) -> Any:
    inv = Inventory.objects.get(pk=site.draft.pk)
    url = reverse("web:record_new", args=[inv.pk])
    return site.client("editor_a").post(url, {**data, "revision": inv.revision, "do": "save"})


def _stored_matches_engine(site: Site, record_id: str, equivalent: dict[str, Any]) -> Any:
    """The saved record's activity, params and result are those of the equivalent record run in the engine."""
    inv = Inventory.objects.get(pk=site.draft.pk)
    row = inv.activity_records.get(record_id=record_id)
    assert row.activity == equivalent.get("activity", "")
    assert row.params == equivalent["params"]
    expected = preview_record(site.user("editor_a"), inv, {"record_id": record_id, **equivalent})
    assert expected.co2e_t > 0
    assert row.co2e_t == pytest.approx(expected.co2e_t, rel=1e-9)
    return row


def test_fuel_line_offers_fuel_methods_and_plain_fuel_and_unit_pickers(site: Site) -> None:
    _unused, body = _page(site, gpc_ref="I.1.1")
    assert _offered(body) == ["fuel_combustion", "direct_entry"]
    assert _label(body, "fuel") == "Fuel:"
    assert '<optgroup label="Common fuels">' in body and ">Natural gas</option>" in body
    assert ">Diesel / gas oil / heating oil</option>" in body
    assert ">m³ (cubic metres)</option>" in body and ">therms</option>" in body
    assert 'id="activities"' not in body and "name: value" not in _label(body, "more_params")
    assert 'name="activity"' not in body  # the fuel picker names the activity
    assert "Your utility" in _label(body, "heat_content")


def test_natural_gas_in_m3_says_which_library_value_is_used(site: Site) -> None:
    inv = site.draft
    data = {"gpc_ref": "I.1.1", "method": "fuel_combustion", "fuel": "natural_gas", "quantity": "1000",
            "unit": "m3"}  # fmt: skip
    preview = site.client("editor_a").post(reverse("web:record_preview", args=[inv.pk]), data).json()
    assert preview["ok"]
    assert preview["hint"].startswith(
        "Natural gas in m³ (cubic metres): we use the library's density (0.7 kg/m³"
    )
    assert "unless you give your utility's energy content" in preview["hint"]
    assert "param:" not in preview["hint"]
    given = site.client("editor_a").post(
        reverse("web:record_preview", args=[inv.pk]), {**data, "heat_content": "10.5"}
    )
    assert "the energy content you give" in given.json()["hint"]
    steps = given.json()["steps"]
    assert any("10.5 kWh/m3 (“Energy content”)" in s for s in steps) and not any("param:" in s for s in steps)


def test_fuel_combustion_post_stores_the_engine_record(site: Site) -> None:
    saved = _save(site, {"gpc_ref": "I.1.1", "method": "fuel_combustion", "fuel": "natural_gas", "quantity": "1000",
                         "unit": "m3", "heat_content": "10.5", "heat_content_unit": "kWh/m3", "record_id": "gas"})  # fmt: skip
    assert saved.status_code == 302, saved.context["form"].errors
    row = _stored_matches_engine(
        site,
        "gas",
        {"gpc_ref": "I.1.1", "method": "fuel_combustion", "activity": "natural_gas", "quantity": 1000,
         "unit": "m3", "params": {"heat_content": 10.5, "heat_content_unit": "kWh/m3"}},
    )  # fmt: skip
    # 1000 m³ x 10.5 kWh/m³ = 37.8 GJ x 56.1 t CO2/TJ (IPCC): 2.12 t CO2, and a little CH4 and N2O
    assert row.co2e_t == pytest.approx(2.12058 + 0.000189 * 28 + 3.78e-6 * 265, rel=1e-3)
    edit = site.client("editor_a").get(reverse("web:record_edit", args=[site.draft.pk, "gas"]))
    form = edit.context["form"]
    assert form["fuel"].value() == "natural_gas" and form["heat_content"].value() == 10.5
    assert form["more_params"].value() == ""


def test_grid_line_offers_grid_methods_and_stores_the_engine_record(site: Site) -> None:
    _unused, body = _page(site, gpc_ref="I.1.2")
    assert _offered(body) == ["grid_energy", "direct_entry"]
    assert _label(body, "supply") == "What was bought:" and ">Electricity from the grid</option>" in body
    assert _label(body, "grid_zone") == "Grid zone or country:"
    assert "Leave out transmission" in _label(body, "exclude_td_losses")
    assert ">MWh</option>" in body and ">litres</option>" not in body
    saved = _save(site, {"gpc_ref": "I.1.2", "method": "grid_energy", "supply": "electricity", "grid_zone": "BR",
                         "quantity": "1000", "unit": "MWh", "exclude_td_losses": "on", "record_id": "power"})  # fmt: skip
    assert saved.status_code == 302, saved.context["form"].errors
    _stored_matches_engine(
        site,
        "power",
        {"gpc_ref": "I.1.2", "method": "grid_energy", "activity": "BR", "quantity": 1000, "unit": "MWh",
         "params": {"include_td_losses": "false"}},
    )  # fmt: skip


def test_transport_line_offers_distance_with_vehicle_type_and_stores_the_engine_record(site: Site) -> None:
    _unused, body = _page(site, gpc_ref="II.1.1", method="transport_distance")
    assert _offered(body) == ["transport_fuel", "transport_distance", "direct_entry"]
    assert _label(body, "vehicle_class") == "Vehicle type:" and ">Passenger cars</option>" in body
    assert _label(body, "vehicle_fuel") == "The vehicles&#x27; fuel:"
    assert ">vehicle-kilometres</option>" in body
    saved = _save(site, {"gpc_ref": "II.1.1", "method": "transport_distance", "vehicle_class": "passenger_cars",
                         "vehicle_fuel": "motor_gasoline", "quantity": "1000000", "unit": "vehicle_km",
                         "record_id": "cars"})  # fmt: skip
    assert saved.status_code == 302, saved.context["form"].errors
    row = _stored_matches_engine(
        site,
        "cars",
        {"gpc_ref": "II.1.1", "method": "transport_distance", "activity": "", "quantity": 1_000_000,
         "unit": "vehicle_km", "params": {"fuel": "motor_gasoline", "vehicle_class": "passenger_cars"}},
    )  # fmt: skip
    assert "fhwa.fuel_intensity.passenger_cars" in {f["factor_id"] for f in row.factors_used}
    buses = _save(site, {"gpc_ref": "II.1.1", "method": "transport_distance", "quantity": "5000", "unit": "vehicle_km",
                         "vehicle_class": "diesel_buses_diesel_heavy_duty_vehicles", "record_id": "bus"})  # fmt: skip
    assert buses.status_code == 302, buses.context["form"].errors  # the fuel defaults to the type's usual one
    params = {"fuel": "diesel", "vehicle_class": "diesel_buses_diesel_heavy_duty_vehicles"}
    _stored_matches_engine(site, "bus", {"gpc_ref": "II.1.1", "method": "transport_distance", "activity": "",
                                         "quantity": 5000, "unit": "vehicle_km", "params": params})  # fmt: skip


def test_landfill_line_offers_landfill_methods_with_site_climate_and_regional_composition(site: Site) -> None:
    Inventory.objects.filter(pk=site.draft.pk).update(region="BR")
    page, body = _page(site, gpc_ref="III.1.1", method="landfill_first_order_decay")
    assert _offered(body) == ["landfill_methane_commitment", "landfill_first_order_decay", "direct_entry"]
    assert _label(body, "waste_type") == "Waste type:" and ">Mixed municipal solid waste</option>" in body
    assert _label(body, "site_type") == "Site type:" and "Managed, anaerobic" in body
    assert _label(body, "climate_zone") == "Climate zone:" and ">Tropical, wet</option>" in body
    form = page.context["form"]
    assert form.default_region  # the inventory's country gives the IPCC 2006 Table 2.3 region
    food = form.default_shares["food"] * 100
    assert f'placeholder="{food:.4g}"' in body and _label(body, "share_food") == "Food:"
    mc = _page(site, gpc_ref="III.1.1")[0].context["form"]
    assert "climate_zone" not in mc.fields  # methane commitment has no decay rate


def test_landfill_post_stores_the_engine_record_and_reads_back(site: Site) -> None:
    saved = _save(site, {"gpc_ref": "III.1.1", "method": "landfill_methane_commitment", "waste_type": "msw",
                         "quantity": "20000", "unit": "t", "site_type": "managed_anaerobic", "share_food": "50",
                         "share_paper": "20", "recovered_ch4_t": "100", "record_id": "tip"})  # fmt: skip
    assert saved.status_code == 302, saved.context["form"].errors
    _stored_matches_engine(
        site,
        "tip",
        {"gpc_ref": "III.1.1", "method": "landfill_methane_commitment", "activity": "msw", "quantity": 20000,
         "unit": "t", "params": {"site_type": "managed_anaerobic", "share_food": 0.5, "share_paper": 0.2,
                                 "recovered_ch4_t": 100.0}},
    )  # fmt: skip
    form = (
        site.client("editor_a").get(reverse("web:record_edit", args=[site.draft.pk, "tip"])).context["form"]
    )
    assert (
        form["share_food"].value() == pytest.approx(50) and form["site_type"].value() == "managed_anaerobic"
    )
    assert form["more_params"].value() == ""


def test_first_order_decay_post_with_climate_zone_and_earlier_deposits(site: Site) -> None:
    saved = _save(site, {"gpc_ref": "III.1.1", "method": "landfill_first_order_decay", "waste_type": "food",
                         "quantity": "1000", "unit": "t", "climate_zone": "tropical_wet",
                         "more_params": 'deposits: {"2019": 40000}', "record_id": "fod"})  # fmt: skip
    assert saved.status_code == 302, saved.context["form"].errors
    _stored_matches_engine(
        site,
        "fod",
        {"gpc_ref": "III.1.1", "method": "landfill_first_order_decay", "activity": "food", "quantity": 1000,
         "unit": "t", "params": {"deposits": '{"2019": 40000}', "climate_zone": "tropical_wet"}},
    )  # fmt: skip


def test_engine_refusals_reach_the_field_in_the_officers_words(site: Site) -> None:
    refused = _save(site, {"gpc_ref": "II.1.1", "method": "transport_distance", "vehicle_class": "",
                           "vehicle_fuel": "diesel", "quantity": "1000", "unit": "vehicle_km"})  # fmt: skip
    assert refused.status_code == 200
    errors = refused.context["form"].errors
    assert "Choose the vehicle type" in errors["fuel_intensity"][0]
    assert "param:" not in refused.content.decode()
    no_zone = _save(site, {"gpc_ref": "I.1.2", "method": "grid_energy", "supply": "electricity", "quantity": "5",
                           "unit": "MWh"})  # fmt: skip
    assert "Give the grid zone or country" in no_zone.context["form"].errors["grid_zone"][0]


@pytest.mark.parametrize(
    ("engine", "field", "words"),
    [
        (
            "record 'x', field 'unit': paraffin_waxes has no sourced density or heat content in the library: give "
            "param:density_kg_per_l (or param:heat_content with param:heat_content_unit), or the quantity as mass "
            "or energy",
            "unit",
            "The library has no density or energy content for Paraffin waxes",
        ),
        (
            "record 'x', field 'unit': 'litre' cannot be used for grid-supplied energy (needs kWh)",
            "unit",
            "litre is not a unit for grid-supplied energy: choose a unit such as kWh.",
        ),
        (
            "'I.9.9' is not a GPC reference number; use one of I.1.1 … VI.1 (see `localaction factors refs` for "
            "the list)",
            None,
            "Choose a GPC line from the list.",
        ),
        (
            "record 'x', field 'param:calorific_basis': 'higher': use net (NCV, IPCC) or gross (GCV/HHV)",
            None,
            "'higher': use net (NCV, IPCC) or gross (GCV/HHV)",
        ),
        (
            "record 'x', field 'param:share_*': IPCC 2006 Table 2.3 has no composition for 'Atlantis': give "
            "param:share_food, param:share_paper … or param:DOC",
            "share_food",
            "give the waste composition, the waste composition … or DOC (advanced parameters)",
        ),
    ],
)
def test_officer_error_maps_engine_names_to_words(engine: str, field: str | None, words: str) -> None:
    got_field, text = guided.officer_error(engine)
    assert got_field == field and words in text
    assert "param:" not in text and "localaction factors" not in text


def test_line_change_without_javascript_is_a_get_reload(site: Site) -> None:
    _unused, body = _page(site, gpc_ref="III.3.1")
    assert _offered(body) == ["incineration", "direct_entry"]
    assert '<form method="get" class="stack record-chooser" id="record-chooser">' in body
    assert "Show the fields for this line and method" in body
    # a method that does not fit the line is not offered, even when asked for
    _unused, body = _page(site, gpc_ref="I.1.1", method="landfill_methane_commitment")
    assert _offered(body) == ["fuel_combustion", "direct_entry"]
    assert 'name="method" value="fuel_combustion"' in body


def test_a_stored_record_keeps_its_own_method_and_unit(site: Site) -> None:
    from localaction.registry import services

    inv = Inventory.objects.get(pk=site.draft.pk)
    record = {"record_id": "odd", "gpc_ref": "I.1.1", "method": "grid_energy", "activity": "BR",
              "quantity": 2, "unit": "GWh", "params": {"td_loss_share": 0.05}}  # fmt: skip
    services.put_record(site.user("editor_a"), inv, record, revision=inv.revision)
    page = site.client("editor_a").get(reverse("web:record_edit", args=[inv.pk, "odd"]))
    body = page.content.decode()
    assert _offered(body) == ["fuel_combustion", "direct_entry", "grid_energy"]
    form = page.context["form"]
    assert form.chosen_method == "grid_energy" and form["grid_zone"].value() == "BR"
    assert form["more_params"].value() == "td_loss_share: 0.05"
