"""The first hour, in a real browser: an officer's empty draft shows its progress and collapsed checks, every
number shows the factor it came from (editor, review desk, public page), a one-person city submits its own
draft with the declaration ticked, a funder expresses interest in a TAP project, and a network coordinator
finds their networks and invites a city by searching its name."""

from __future__ import annotations

import re
from typing import Any

import pytest

from localaction.core.catalog import gpc_refs
from localaction.registry import services
from localaction.registry.base.access import SYSTEM
from localaction.registry.inventories.models import Inventory
from tests.e2e.conftest import PASSWORD, shot
from tests.factories import make_world, ready_inventory

pytestmark = pytest.mark.django_db(transaction=True)

BASIC = [ref for ref, meta in gpc_refs().items() if meta.in_basic]
GAS = {"record_id": "gas", "gpc_ref": "I.1.1", "method": "fuel_combustion", "activity": "natural_gas",
       "quantity": 1000, "unit": "GJ", "params": {"sector_of_use": "residential"}}  # fmt: skip


def _passwords(users: dict[str, Any], *names: str) -> None:
    """Hashing is slow (Argon2): only the accounts a test signs in with get the password."""
    for name in names:
        users[name].set_password(PASSWORD)
        users[name].save(update_fields=["password"])


def _messages(page: Any) -> str:
    return page.locator("ul.messages").inner_text()


def test_an_empty_draft_shows_progress_and_collapsed_checks_then_counts_a_value(new_page: Any) -> None:
    world = make_world()
    _passwords(world.users, "editor_a")
    draft = services.create_inventory(world.users["editor_a"], world.city_a, year=2022, population=1_000_000)
    n = len(BASIC)
    n_energy = sum(1 for ref in BASIC if gpc_refs()[ref].sector_code == "I")
    assert n == 32  # the figure the officer reads

    page = new_page("editor_a")
    page.goto(f"/workspace/inventories/{draft.pk}/")
    progress = page.locator("#progress-text")
    assert progress.inner_text() == f"0 of {n} BASIC lines done"
    assert page.locator("#progress-bar").get_attribute("value") == "0"
    assert page.locator("#progress-bar").get_attribute("max") == str(n)
    # each sector's lines sit in a collapsed <details>, with its own count
    sectors = page.locator("#progress details.sector-lines")
    assert sectors.count() >= 5 and page.locator("#progress details[open]").count() == 0
    energy = page.locator("#sector-I summary")
    assert f"0 of {n_energy} done" in energy.inner_text() and f"{n_energy} missing" in energy.inner_text()
    assert not page.locator("#sector-I tr[data-line='I.1.1']").is_visible()
    # the checks: grouped by sector, collapsed, one click away
    groups = page.locator("#checks details.check-group")
    codes = [groups.nth(i).get_attribute("data-group") for i in range(groups.count())]
    assert codes[:3] == ["I", "II", "III"]
    assert page.locator("#checks details[open]").count() == 0
    missing = page.locator("#checks [data-check='completeness.missing_line']")
    assert missing.count() == n and not missing.first.is_visible()
    # nothing to compare with: no year-on-year check at all
    assert page.locator("#checks [data-check^='year_on_year']").count() == 0
    assert "year_on_year" not in page.locator("#checks").inner_text()
    shot(page, "first-hour-empty-draft")
    page.locator("#checks details[data-group='I'] summary").click()
    assert page.get_by_role("link", name="fix line I.1.1").is_visible()
    shot(page, "first-hour-checks-open")

    # The officer gives I.1.1 a value: the figures move by one.
    energy.click()
    page.locator("#sector-I").get_by_role("link", name="key / value I.1.1").click()
    page.wait_for_url(f"**/workspace/inventories/{draft.pk}/lines/**")
    page.get_by_label("Value entered directly (t CO2e)").fill("1234")
    page.get_by_role("button", name="Save line").click()
    page.wait_for_selector("text=Line I.1.1 saved")
    shot(page, "first-hour-one-line-done")
    assert page.locator("#progress-text").inner_text() == f"1 of {n} BASIC lines done"
    assert page.locator("#progress-bar").get_attribute("value") == "1"
    assert f"1 of {n_energy} done" in page.locator("#sector-I summary").inner_text()
    assert page.locator("#sector-I tr[data-line='I.1.1']").get_attribute("data-state") == "value"
    assert page.locator("#checks [data-check='completeness.missing_line']").count() == n - 1
    assert page.get_by_role("link", name="fix line I.1.1").count() == 0
    assert page.locator("#checks [data-check^='year_on_year']").count() == 0


def _number(text: str) -> float:
    """``56,100`` or ``0.05903`` as the English pages write them."""
    return float(text.replace(",", ""))


def test_every_number_shows_its_factor_value_unit_and_source(new_page: Any) -> None:
    world = make_world()
    _passwords(world.users, "editor_a", "reviewer")
    inv = ready_inventory(world)
    inv = services.put_record(world.users["editor_a"], inv, GAS, revision=inv.revision).inventory
    used = inv.activity_records.get(record_id="gas").factors_used
    co2 = next(f for f in used if f["gas"] == "CO2")
    assert co2["unit"] and co2["source"] and float(co2["value"]) > 0

    editor = new_page("editor_a")
    editor.goto(f"/workspace/inventories/{inv.pk}/")
    row = editor.locator("tr[data-factors-of='gas']")
    assert row.is_visible() and row.inner_text().startswith("Factors:")
    factor = row.locator(".factor", has_text=re.compile(r"^CO2 "))
    shown = factor.locator("strong").inner_text()  # "56,100 kg/TJ"
    assert shown.endswith(co2["unit"])
    assert _number(shown.removesuffix(co2["unit"]).strip()) == pytest.approx(float(co2["value"]), rel=1e-3)
    assert factor.locator("span[title]").get_attribute("title") == co2["source"]
    shot(editor, "first-hour-record-factors")
    factor.get_by_role("link", name="in the factor library").click()
    editor.wait_for_url("**/factors/?q=*")
    assert editor.locator("main code", has_text=co2["factor_id"]).count() >= 1
    shot(editor, "first-hour-factor-library")

    inv = services.submit(world.users["approver_a"], inv, revision=inv.revision)
    desk = new_page("reviewer")
    desk.goto(f"/review/inventory/{inv.pk}/")
    on_desk = desk.locator("main .factor", has_text=re.compile(r"^CO2 "))
    assert on_desk.locator("span[title]").get_attribute("title") == co2["source"]
    shot(desk, "first-hour-review-factors")

    # Published by the same steps as the factory helper (four eyes: the admin publishes).
    inv = services.validate(world.users["reviewer"], inv, revision=inv.revision)
    inv = services.publish(world.users["admin"], inv, revision=inv.revision)
    public = new_page()
    public.goto(f"/inventories/{inv.pk}/")
    assert public.get_by_role("heading", name="Emission factors used").is_visible()
    table = public.locator("[data-testid=factors-used]")
    line = table.locator("tbody tr", has_text=co2["unit"]).filter(has_text=re.compile(r"\bCO2\b")).first
    cells = [line.locator("td").nth(i).inner_text().strip() for i in range(6)]
    assert cells[0] == "I.1.1" and cells[1] == "CO2" and cells[3] == co2["unit"] and cells[5] == "1"
    assert _number(cells[2]) == pytest.approx(float(co2["value"]), rel=1e-3)
    assert cells[4].startswith(co2["source"])
    shot(public, "first-hour-public-factors")


def test_a_one_person_city_submits_its_own_draft_after_ticking_the_declaration(new_page: Any) -> None:
    world = make_world()  # Seoul has one member: editor_b, its editor and approver
    _passwords(world.users, "editor_b")
    inv = ready_inventory(world, jurisdiction=world.city_b)
    assert inv.created_by_id == world.users["editor_b"].pk  # the preparer will submit it

    page = new_page("editor_b")
    page.goto(f"/workspace/inventories/{inv.pk}/")
    note = page.locator("#separation-note")
    assert "does not separate preparer and approver" in note.inner_text()
    note.get_by_role("link", name="Settings").click()
    page.wait_for_url(f"**/workspace/{world.city_b.slug}/settings/")
    now = page.locator("#separation-now").inner_text()
    assert "Off now" in now and "the jurisdiction has 1 member." in now
    assert page.locator("input[name=separation][value=default]").is_checked()
    shot(page, "first-hour-one-person-settings")

    page.goto(f"/workspace/inventories/{inv.pk}/")
    declare = page.locator("input[name=declare]")
    assert declare.is_visible() and not declare.is_checked()
    assert declare.evaluate("el => el.matches(':invalid')")  # required: the browser holds the unticked form
    page.get_by_role("button", name="Submit for review").click()
    assert page.locator("ul.messages").count() == 0  # nothing was sent
    assert Inventory.objects.get(pk=inv.pk).state == "draft"
    declare.evaluate("el => el.removeAttribute('required')")  # what an older browser would send
    page.get_by_role("button", name="Submit for review").click()
    page.wait_for_selector("ul.messages")
    assert "Tick the declaration to submit" in _messages(page)
    assert Inventory.objects.get(pk=inv.pk).state == "draft"
    shot(page, "first-hour-declaration-missing")

    page.locator("input[name=declare]").check()
    page.get_by_role("button", name="Submit for review").click()
    page.wait_for_selector("text=Submitted for review.")
    assert Inventory.objects.get(pk=inv.pk).state == "submitted"
    assert "Declared by editor_b" in page.locator("#declaration").inner_text()
    shot(page, "first-hour-one-person-submitted")


def test_a_funder_expresses_interest_and_an_empty_expression_is_refused(new_page: Any) -> None:
    from localaction.registry.tap.models import Interest
    from tests.registry.tap.conftest import make_tap

    tap = make_tap()  # a pipeline project, with funder_2's interest (not shown to other funders)
    _passwords(tap.users, "funder")
    project = tap.pipeline
    funder = tap.users["funder"]

    page = new_page("funder")
    page.goto(f"/tap/projects/{project.pk}/")
    form = page.locator(f"form[action$='/tap/projects/{project.pk}/interest/']")
    assert "No interest you can see yet." in page.locator("main").inner_text()
    form.get_by_role("button", name="Express interest").click()  # neither an instrument nor a message
    page.wait_for_selector("ul.messages")
    assert "Choose an instrument from the list, or write a message." in _messages(page)
    assert not Interest.objects.filter(project=project, funder=funder).exists()
    shot(page, "first-hour-interest-refused")

    form.get_by_label("Instrument").select_option(label="Concessional loan")
    form.get_by_label("Message to the city").fill("A 15-year loan at 2 %, first drawdown in 2027.")
    form.get_by_role("button", name="Express interest").click()
    page.wait_for_selector("text=Your interest was recorded")
    mine = Interest.objects.get(project=project, funder=funder)
    assert (mine.instrument, mine.message) == (
        "concessional_loan",
        "A 15-year loan at 2 %, first drawdown in 2027.",
    )
    listed = page.locator("li.interest")
    assert listed.count() == 1  # funder_2's terms stay private
    text = listed.inner_text()
    assert "funder org" in text and "Concessional loan" in text and "first drawdown in 2027" in text
    shot(page, "first-hour-interest-recorded")


def test_a_coordinator_sees_their_networks_and_invites_a_city_by_its_name(new_page: Any) -> None:
    from localaction.registry.network.models import NetworkMember
    from localaction.registry.network.services import networks
    from tests.registry.network.conftest import build

    net = build(make_world())  # coordinates EcoMobility; Floods is by invitation
    users = net.world.users
    _passwords(users, "coordinator", "editor_a")
    networks.add_coordinator(SYSTEM, net.closed_net, users["coordinator"])
    networks.create_network(SYSTEM, slug="solar-cities", name="Solar cities")  # not theirs

    page = new_page("coordinator")
    page.goto("/network/")
    mine = page.locator("[data-testid=my-networks] > li")
    listed = [mine.nth(i).inner_text() for i in range(mine.count())]
    assert [t.split(" · ")[0] for t in listed] == ["EcoMobility", "Floods"]
    assert all("you coordinate it" in t for t in listed)
    assert "Solar cities" in page.locator("main").inner_text()  # among all networks, not in theirs
    shot(page, "first-hour-my-networks")

    page.locator("[data-testid=my-networks]").get_by_role("link", name="Floods").click()
    page.wait_for_url("**/network/n/flood-worknet/")
    page.get_by_label("Invite a city: search by name").fill("서울")  # its own script
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url("**invite_q=*")
    candidates = page.locator("[data-testid=invite-candidates]")
    assert "서울특별시" in candidates.inner_text() and "São Paulo" not in candidates.inner_text()
    page.get_by_label("Invite a city: search by name").fill("sao paulo")  # no accent, any case
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_selector("#invite-h:has-text('sao paulo')")
    assert candidates.locator("li").count() == 1 and "São Paulo" in candidates.inner_text()
    shot(page, "first-hour-invite-search")
    candidates.get_by_role("button", name="Invite São Paulo").click()
    page.wait_for_selector("text=São Paulo is invited.")
    assert (
        NetworkMember.objects.get(network=net.closed_net, jurisdiction=net.world.city_a).status == "invited"
    )
    assert "Invited: São Paulo" in page.locator("main").inner_text()
    page.get_by_label("Invite a city: search by name").fill("Sao")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_selector("text=No city of that name that is not already a member or invited.")
    shot(page, "first-hour-invited")

    city = new_page("editor_a")
    city.goto("/network/")
    floods = city.locator("[data-testid=my-networks] > li", has_text="Floods")
    assert "invited: São Paulo" in floods.inner_text()
    floods.get_by_role("link", name="Floods").click()
    city.get_by_role("button", name="Join as São Paulo").click()
    city.wait_for_selector("text=São Paulo joined Floods.")
    assert "São Paulo" in city.locator("[data-testid=network-members]").inner_text()
    shot(city, "first-hour-joined-by-invitation")
