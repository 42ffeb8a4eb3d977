"""The climate officer's first hour, in a real browser (issue 16): the activity template is downloaded from
the workspace and from the upload page, blank and filled, and the files read back as an inventory."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from localaction.core.inventory.activity_io import read_activity_file
from localaction.core.inventory.activity_template import TEMPLATE_COLUMNS
from localaction.registry import services
from tests.e2e.conftest import PASSWORD
from tests.factories import make_world

pytestmark = pytest.mark.django_db(transaction=True)


def _download(page: Any, link: Any, tmp_path: Path) -> Path:
    with page.expect_download() as info:
        link.click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    return target


def test_officer_downloads_the_template_from_workspace_and_upload_page(new_page: Any, tmp_path: Path) -> None:
    world = make_world()
    editor_user = world.users["editor_a"]
    editor_user.set_password(PASSWORD)
    editor_user.save(update_fields=["password"])
    draft = services.create_inventory(editor_user, world.city_a, year=2022, population=1_000_000)

    page = new_page("editor_a")
    page.goto("/workspace/")
    links = page.locator("section.template-links")
    blank = _download(page, links.get_by_role("link", name="XLSX").first, tmp_path)
    assert blank.name == "activity_template.xlsx"
    assert [c.value for c in load_workbook(blank)["activity"][1]] == list(TEMPLATE_COLUMNS)
    example = _download(page, links.get_by_role("link", name="XLSX").nth(1), tmp_path)
    assert example.name == "activity_example.xlsx" and read_activity_file(example).records

    page.goto(f"/workspace/inventories/{draft.pk}/upload/")
    links = page.locator("section.template-links")
    csv_example = _download(page, links.get_by_role("link", name="CSV").nth(1), tmp_path)
    assert csv_example.name == "activity_example.csv"
    assert read_activity_file(csv_example).jurisdiction == "Exampleville"


def test_guided_start_prefills_population_and_refuses_a_silent_twin(new_page: Any) -> None:
    from localaction.registry.base.models import JurisdictionStat
    from localaction.registry.inventories.models import Inventory

    world = make_world()
    editor_user = world.users["editor_a"]
    editor_user.set_password(PASSWORD)
    editor_user.save(update_fields=["password"])
    JurisdictionStat.objects.update_or_create(
        jurisdiction=world.city_a, year=2023, defaults={"population": 654_321}
    )
    page = new_page("editor_a")
    page.goto(f"/workspace/{world.city_a.slug}/inventories/new/")
    assert "BASIC+ adds" in page.content()
    assert page.get_by_label("Grid zone / country for factors").input_value() == world.city_a.country
    page.get_by_label("Inventory year").fill("2023")
    page.get_by_role("button", name="Create draft").click()
    page.wait_for_url("**/workspace/inventories/*/")
    first = Inventory.objects.get(jurisdiction=world.city_a, year=2023)
    assert first.population == 654_321

    page.goto(f"/workspace/{world.city_a.slug}/inventories/new/")
    page.get_by_label("Inventory year").fill("2023")
    page.get_by_role("button", name="Create draft").click()
    assert page.get_by_role("heading", name="2023 already has an inventory").is_visible()
    assert Inventory.objects.filter(jurisdiction=world.city_a, year=2023).count() == 1  # nothing created
    page.get_by_role("link", name="Open 2023 (version 1)").click()
    page.wait_for_url(f"**/workspace/inventories/{first.pk}/")

    page.goto(f"/workspace/{world.city_a.slug}/inventories/new/")
    page.get_by_label("Inventory year").fill("2024")  # another year is created as before
    page.get_by_role("button", name="Create draft").click()
    page.wait_for_url("**/workspace/inventories/*/")
    assert Inventory.objects.filter(jurisdiction=world.city_a, year=2024).count() == 1


def test_the_editor_fits_a_390_px_phone(new_page: Any) -> None:
    from tests.factories import complete_lines

    world = make_world()
    editor_user = world.users["editor_a"]
    editor_user.set_password(PASSWORD)
    editor_user.save(update_fields=["password"])
    draft = services.create_inventory(editor_user, world.city_a, year=2022, population=1_000_000)
    lines = [ln for ln in complete_lines(50_000.0) if ln["gpc_ref"] != "II.1.1"]
    services.replace_contents(editor_user, draft, revision=draft.revision, lines=lines)
    page = new_page("editor_a", width=390)
    # The page scrolls wide tables inside their own box; the document itself must not scroll sideways.
    for path in (
        f"/workspace/inventories/{draft.pk}/",
        f"/workspace/inventories/{draft.pk}/records/new/",
        f"/workspace/inventories/{draft.pk}/upload/",
        f"/workspace/{world.city_a.slug}/inventories/new/",
        "/workspace/",
    ):
        page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path} is {width} px wide on a 390 px phone"


def test_deleting_a_record_asks_first(new_page: Any) -> None:
    world = make_world()
    editor_user = world.users["editor_a"]
    editor_user.set_password(PASSWORD)
    editor_user.save(update_fields=["password"])
    draft = services.create_inventory(editor_user, world.city_a, year=2022, population=1_000_000)
    record = {"record_id": "gas", "gpc_ref": "I.1.1", "method": "fuel_combustion", "activity": "natural_gas",
              "quantity": 1000, "unit": "GJ"}  # fmt: skip
    draft = services.put_record(editor_user, draft, record, revision=draft.revision).inventory
    page = new_page("editor_a")
    page.goto(f"/workspace/inventories/{draft.pk}/")
    page.get_by_role("link", name="delete gas").click()
    assert page.get_by_role("heading", name="Delete record gas?").is_visible()
    assert draft.activity_records.filter(record_id="gas").exists()  # asking deletes nothing
    page.get_by_role("link", name="Cancel").click()
    page.wait_for_url(f"**/workspace/inventories/{draft.pk}/")
    assert draft.activity_records.filter(record_id="gas").exists()
    page.get_by_role("link", name="delete gas").click()
    page.get_by_role("button", name="Delete the record").click()
    page.wait_for_url(f"**/workspace/inventories/{draft.pk}/")
    assert not draft.activity_records.filter(record_id="gas").exists()


def test_notation_keys_for_several_lines_on_a_390_px_phone(new_page: Any) -> None:
    from localaction.registry.inventories.models import GpcLine
    from tests.e2e.conftest import shot

    world = make_world()
    editor_user = world.users["editor_a"]
    editor_user.set_password(PASSWORD)
    editor_user.save(update_fields=["password"])
    draft = services.create_inventory(editor_user, world.city_a, year=2022, population=1_000_000)
    page = new_page("editor_a", width=390)
    page.goto(f"/workspace/inventories/{draft.pk}/")
    assert page.get_by_text("0 of 32 BASIC lines done").is_visible()
    assert page.locator("#checks details[open]").count() == 0  # the checks wait, collapsed, below
    assert not page.locator("[data-check='completeness.missing_line']").first.is_visible()
    page.locator("#sector-III summary").click()
    for ref in ("III.1.1", "III.1.2", "III.2.1"):
        page.get_by_label(f"Choose {ref}").check()
    page.get_by_label("Notation key").select_option("NO")
    page.locator("#notation-keys").get_by_label("Explanation").fill("No landfill or composting in the city")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the editor is {width} px wide on a 390 px phone"
    shot(page, "editor-notation-keys-phone")
    page.get_by_role("button", name="Set the key on the ticked lines").click()
    page.wait_for_selector("text=NO set on 3 line(s)")
    assert page.get_by_text("3 of 32 BASIC lines done").is_visible()
    keys = dict(
        GpcLine.objects.filter(inventory=draft, is_entered=True).values_list("gpc_ref", "notation_keys")
    )
    assert keys == {"III.1.1": ["NO"], "III.1.2": ["NO"], "III.2.1": ["NO"]}


def test_officer_uploads_a_file_sees_what_it_replaces_and_imports(new_page: Any, tmp_path: Path) -> None:
    world = make_world()
    editor_user = world.users["editor_a"]
    editor_user.set_password(PASSWORD)
    editor_user.save(update_fields=["password"])
    draft = services.create_inventory(editor_user, world.city_a, year=2022, population=1_000_000)
    draft = services.put_record(
        editor_user,
        draft,
        {"record_id": "old", "gpc_ref": "I.1.1", "method": "fuel_combustion", "activity": "natural_gas",
         "quantity": 5, "unit": "GJ"},
        revision=draft.revision,
    ).inventory  # fmt: skip
    upload = tmp_path / "distribuidora-2022.csv"
    upload.write_text(
        "record_id,gpc_ref,method,activity,quantity,unit,param:sector_of_use,Observação\n"
        'gas,I.1.1,fuel_combustion,natural_gas,"1.650.000,5",GJ,residential,medidor 7\n',
        encoding="utf-8",
    )
    page = new_page("editor_a", width=390)
    page.goto(f"/workspace/inventories/{draft.pk}/upload/")
    page.locator("input[name=file]").set_input_files(str(upload))
    page.locator("select[name=decimal]").select_option("comma")
    page.locator("button[value=preview]").click()
    assert "replaces this draft's 1 activity record" in page.locator("[data-testid=replaces]").inner_text()
    report = page.locator("[data-testid=report]").inner_text()
    assert "Figures found" in report and "Observação" in page.content()  # the unrecognised column, named
    page.get_by_role("button", name="Import, replacing 1 record").click()
    page.wait_for_url(f"**/workspace/inventories/{draft.pk}/")
    assert [r.record_id for r in draft.activity_records.all()] == ["gas"]
    assert draft.activity_records.get().quantity == 1650000.5
