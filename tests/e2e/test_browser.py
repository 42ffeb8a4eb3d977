"""The paths people take, in a real browser: the newcomer finding published numbers, a city compiling and
submitting an inventory, the review cycle to publication, and the refusals. Screenshots of the main pages
go to docs/screenshots/."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import pytest

from localaction.registry import services
from localaction.registry.inventories.models import Inventory
from tests.e2e.conftest import PASSWORD, shot
from tests.factories import World, complete_lines, make_world, published_inventory

pytestmark = pytest.mark.django_db(transaction=True)


def _passwords(world: World) -> None:
    for user in world.users.values():
        if user is not None:
            user.set_password(PASSWORD)
            user.save(update_fields=["password"])


def _basic_shown(page: Any) -> float:
    return float(page.locator("[data-total=basic]").first.get_attribute("data-value"))


def test_newcomer_finds_a_city_and_downloads_the_numbers(new_page: Any) -> None:
    world = make_world()
    inv = published_inventory(world, 2021)
    page = new_page()
    page.goto("/")
    shot(page, "home")
    page.get_by_label("Search for a city or region").fill("sao paulo")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/jurisdictions/?q=*")
    shot(page, "directory")
    page.get_by_role("link", name="São Paulo").click()  # two clicks from home
    page.wait_for_url("**/jurisdictions/sao-paulo/")
    page.wait_for_selector("#chart-sectors .main-svg")  # Plotly drew the chart from its own JS
    shot(page, "jurisdiction")
    assert _basic_shown(page) == pytest.approx(inv.basic_tco2e)
    shown = {
        row.get_attribute("data-gpc-ref"): row.locator("td[data-value]").get_attribute("data-value")
        for row in page.locator("#gpc-table tr[data-gpc-ref]").all()
    }
    with page.expect_download() as info:
        page.get_by_role("link", name="CSV", exact=True).click()
    text = Path(info.value.path()).read_text(encoding="utf-8-sig")
    rows = {r["gpc_ref"]: r for r in csv.DictReader(io.StringIO(text))}
    assert shown and all(
        float(rows[ref]["value_tco2e"]) == pytest.approx(float(v)) for ref, v in shown.items() if v
    )
    assert all(rows[ref]["notation_keys"] for ref, v in shown.items() if not v)
    mobile = new_page(width=390)
    mobile.goto("/jurisdictions/sao-paulo/")
    shot(mobile, "jurisdiction-phone")


def test_city_compiles_submits_and_the_review_cycle_publishes(new_page: Any) -> None:
    world = make_world()
    _passwords(world)
    published_inventory(world, 2020)
    lines = [ln for ln in complete_lines(50_000.0) if ln["gpc_ref"] != "II.1.1"]  # one line left empty
    draft = services.create_inventory(world.users["editor_a"], world.city_a, year=2022, population=1_000_000)
    draft = services.replace_contents(world.users["editor_a"], draft, revision=draft.revision, lines=lines)

    # The editor adds an activity record (live result as they type) and sees the totals change.
    editor = new_page("editor_a")
    shot(editor, "workspace")
    editor.get_by_role("link", name="open 2022 v1").click()
    before = _basic_shown(editor)
    assert editor.locator("[data-check='completeness.missing_line']").count() == 1
    editor.get_by_role("link", name="Add a record").first.click()
    # Loaded, so the page's script listens: a change made before it runs would not reload the form.
    editor.wait_for_url("**/records/new/**", wait_until="load")
    editor.get_by_label("GPC line").select_option("I.2.1")  # the form reloads with the line's methods
    editor.wait_for_url("**gpc_ref=I.2.1**")
    assert editor.locator("#choose-method").input_value() == "fuel_combustion"
    editor.locator("#id_fuel").select_option("diesel")
    editor.locator("#id_unit").select_option("TJ")
    editor.get_by_label("Quantity").fill("10")
    # A locator wait: the page's Content-Security-Policy forbids the eval behind wait_for_function.
    editor.locator("#live-result", has_text="745").wait_for()
    shot(editor, "record-form")
    editor.get_by_role("button", name="Save record").click()
    editor.wait_for_url(re.compile(r".*/workspace/inventories/\d+/#record-.*"))
    assert _basic_shown(editor) == pytest.approx(before + 745.39, abs=0.01)

    # The failing check links to the offending line; a notation key with its explanation fixes it.
    editor.locator("#checks details[data-group='II'] summary").click()  # the checks wait, collapsed by sector
    editor.get_by_role("link", name="fix line II.1.1").first.click()  # the line may carry more than one check
    editor.get_by_label("NO — not occurring").check()
    editor.get_by_label("Explanation").fill("No road transport data this year: included in I.2.1")
    editor.get_by_role("button", name="Save line").click()
    editor.wait_for_selector("text=Line II.1.1 saved")
    assert editor.locator("[data-check='completeness.missing_line']").count() == 0
    shot(editor, "editor")

    # The approver submits it.
    approver = new_page("approver_a")
    approver.goto(f"/workspace/inventories/{draft.pk}/")
    approver.locator("input[name=declare]").check()  # the approver's declaration goes with the submission
    approver.get_by_role("button", name="Submit for review").click()
    approver.wait_for_selector("text=Submitted for review.")

    # The reviewer asks for a change on a line.
    reviewer = new_page("reviewer")
    reviewer.goto("/review/")
    shot(reviewer, "review-queue")
    reviewer.get_by_role("link", name=re.compile("Review")).last.click()
    reviewer.get_by_label("What should the city change?").fill(
        "The diesel figure for I.2.1 is ten times too high."
    )
    shot(reviewer, "review-detail")
    reviewer.get_by_role("button", name="Request changes").click()
    reviewer.wait_for_selector("text=Changes requested")

    # The editor sees the comment, fixes the record; the approver resubmits.
    editor.goto("/workspace/")
    assert editor.get_by_text("ten times too high").count() >= 1
    editor.goto(f"/workspace/inventories/{draft.pk}/")
    record_id = editor.locator("#records tbody tr").first.get_attribute("id").removeprefix("record-")
    editor.goto(f"/workspace/inventories/{draft.pk}/records/{record_id}/")
    editor.get_by_label("Quantity").fill("1")
    editor.get_by_role("button", name="Save record").click()
    editor.wait_for_selector("text=saved")
    editor.get_by_label("Add a comment").fill("Fixed: the diesel was in litres, not cubic metres.")
    editor.get_by_role("button", name="Comment", exact=True).click()
    editor.wait_for_selector("text=Comment added.")
    approver.goto(f"/workspace/inventories/{draft.pk}/")
    approver.locator("input[name=declare]").check()  # the approver's declaration goes with the submission
    approver.get_by_role("button", name="Submit for review").click()
    approver.wait_for_selector("text=Submitted for review.")

    # The reviewer validates; four eyes: someone else publishes; the public page shows the new numbers.
    reviewer.goto(f"/review/inventory/{draft.pk}/")
    reviewer.get_by_role("button", name="Validate").click()
    reviewer.get_by_role("button", name="Yes, validate").click()  # validate asks first
    reviewer.wait_for_selector("text=Validated.")
    assert "someone else must publish it" in reviewer.locator("main").inner_text()
    admin = new_page("admin")
    admin.goto(f"/review/inventory/{draft.pk}/")
    admin.get_by_role("button", name="Publish").click()
    admin.get_by_role("button", name="Yes, publish").click()
    admin.wait_for_selector("text=Published: it is now public.")
    final = Inventory.objects.get(pk=draft.pk)
    assert final.state == "published"
    public = new_page()
    public.goto("/jurisdictions/sao-paulo/")
    assert "Inventory 2022" in public.locator("main").inner_text()
    assert _basic_shown(public) == pytest.approx(final.basic_tco2e)
    assert _basic_shown(public) == pytest.approx(before + 74.539, abs=0.01)


def test_refusals_anonymous_and_another_city(new_page: Any) -> None:
    world = make_world()
    _passwords(world)
    draft = services.create_inventory(world.users["editor_a"], world.city_a, year=2022)
    anonymous = new_page()
    anonymous.goto("/workspace/")
    assert "/accounts/login/" in anonymous.url
    other = new_page("editor_b")
    response = other.goto(f"/workspace/inventories/{draft.pk}/")
    assert response is not None and response.status == 404
    assert other.get_by_role("heading", name="Page not found").is_visible()
    shot(other, "not-found")
