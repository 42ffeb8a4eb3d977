"""The network in a real browser: a member updates its contacts and the secretariat sees the change; a city
joins a network and sees its peers with the reasons; the public profile shows the city's local action
across everything published. Screenshots go to docs/screenshots/network-*.png."""

from __future__ import annotations

from typing import Any

import pytest

from localaction.registry import services
from localaction.registry.base.access import SYSTEM
from tests.e2e.conftest import PASSWORD, SCREENSHOTS, shot
from tests.factories import make_world, published_inventory
from tests.registry.network.conftest import NetSite, build

pytestmark = pytest.mark.django_db(transaction=True)


def _site() -> NetSite:
    net = build(make_world())
    for user in net.world.users.values():
        if user is not None:
            user.set_password(PASSWORD)
            user.save(update_fields=["password"])
    a, b = net.world.city_a, net.world.city_b
    services.update_jurisdiction(SYSTEM, a, revision=a.revision, region="Latin America", climate_zone="Aw")
    b.refresh_from_db()
    services.update_jurisdiction(SYSTEM, b, revision=b.revision, region="East Asia", climate_zone="Dwa")
    for jur, pop in ((a, 12_300_000), (b, 9_400_000)):
        services.set_stat(SYSTEM, jur, year=2021, population=pop)
    published_inventory(net.world, 2021)
    return net


def test_member_updates_contacts_and_the_secretariat_sees_it(new_page: Any) -> None:
    _site()
    page = new_page("editor_a")
    page.goto("/network/members/sao-paulo/")
    page.get_by_role("link", name="Add a contact").click()
    page.get_by_label("Name").fill("Bruno Lima")
    page.get_by_label("Role").select_option("focal_point")
    page.get_by_label("Languages").fill("pt, en")
    page.get_by_role("button", name="Save contact").click()
    page.wait_for_url("**/network/members/sao-paulo/")
    assert "Bruno Lima" in page.locator("[data-testid=contacts]").inner_text()
    page.get_by_role("button", name="Confirm our details").click()
    shot(page, "network-member")
    desk = new_page("reviewer")
    desk.goto("/network/desk/")
    inbox = desk.locator("[data-testid=inbox]").inner_text()
    assert "contact added: Bruno Lima" in inbox and "details confirmed" in inbox
    shot(desk, "network-desk")


def test_city_joins_a_network_and_sees_its_peers_with_reasons(new_page: Any) -> None:
    _site()
    page = new_page("editor_a")
    page.goto("/network/")
    page.get_by_role("link", name="EcoMobility").click()
    page.get_by_role("button", name="Join as São Paulo").click()
    page.wait_for_url("**/network/n/ecomobility/")
    members = page.locator("[data-testid=network-members]").inner_text()
    assert "São Paulo" in members and "서울특별시" in members
    shot(page, "network-page")
    page.get_by_role("link", name="Peers of São Paulo").click()
    page.wait_for_url("**/network/peers/sao-paulo/")
    first = page.locator("[data-testid=peers] > li").first
    assert "서울특별시" in first.inner_text()
    reasons = first.locator("[data-factor]")
    factors = [reasons.nth(i).get_attribute("data-factor") for i in range(reasons.count())]
    assert "population" in factors and "agendas" in factors  # shared network agenda: ecomobile
    assert "9.4 M vs 12.3 M" in first.inner_text()
    shot(page, "network-peers")


def test_public_profile_shows_local_action_across_everything(new_page: Any) -> None:
    _site()
    page = new_page()
    page.goto("/jurisdictions/sao-paulo/")
    glance = page.locator("[data-testid=local-action]").inner_text()
    assert "1 inventories published" in " ".join(glance.split())
    assert "1 performance partnerships" in " ".join(glance.split())
    profile = page.locator("#network-profile").inner_text()
    assert "서울특별시" in profile and "Buses" in profile  # the peer it works with, and how
    page.locator("#local-action").scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "network-profile.png"))  # the network's panels, not the whole page
