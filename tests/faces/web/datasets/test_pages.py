"""The datasets pages × roles, the panels on the dashboard, the public jurisdiction page and the review
desk, and the prefill page's accept / reject / accept-a-sector forms."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from localaction.registry import services as registry
from localaction.registry.datasets import services
from localaction.registry.datasets.models import Suggestion
from localaction.registry.inventories.models import Inventory
from tests.access import check_table, run_matrix
from tests.factories import ROLES, World, ready_inventory
from tests.registry.datasets.conftest import load_all

ALL_200 = dict.fromkeys(ROLES, 200)
MEMBERS = {
    "anonymous": 302,
    "editor_a": 200,
    "approver_a": 200,
    "editor_b": 404,
    "reviewer": 200,
    "verifier": 200,
    "admin": 200,
}


def _client(world: World, role: str) -> Client:
    c = Client()
    user = world.users[role]
    if user is not None:
        c.force_login(user)
    return c


@pytest.fixture
def site(world: World, tmp_path: Path) -> dict[str, Inventory]:
    load_all(tmp_path)
    draft = registry.create_inventory(world.users["editor_a"], world.city_a, year=2022, population=4_620_000)
    published = ready_inventory(world, 2022)
    published = registry.submit(world.users["approver_a"], published, revision=published.revision)
    submitted = published
    published = registry.validate(world.users["reviewer"], published, revision=published.revision)
    published = registry.publish(world.users["admin"], published, revision=published.revision)
    return {"draft": draft, "submitted": submitted, "published": published}


TABLE = {
    "datasets_web:datasets": [(lambda s: reverse("datasets_web:datasets"), ALL_200)],
    "datasets_web:comparison": [
        (lambda s: reverse("datasets_web:comparison", args=[s["published"].pk]), ALL_200)
    ],
    "datasets_web:prefill": [(lambda s: reverse("datasets_web:prefill", args=[s["draft"].pk]), MEMBERS)],
    "datasets_web:crosscheck": [
        # published: visible to all, the page for the city's members
        (lambda s: reverse("datasets_web:crosscheck", args=[s["published"].pk]), MEMBERS | {"editor_b": 403}),
    ],
}


def test_every_route_has_a_row() -> None:
    assert check_table(TABLE, ROLES, ["datasets_web"]) == []


def test_access(world: World, site: dict[str, Inventory]) -> None:
    assert run_matrix(TABLE, site, ROLES, lambda role: _client(world, role)) == []


def test_prefill_page_accept_reject_and_sector(world: World, site: dict[str, Inventory]) -> None:
    draft = site["draft"]
    c = _client(world, "editor_a")
    page = c.get(reverse("datasets_web:prefill", args=[draft.pk])).content.decode()
    assert "national 1.A.2 manufacturing industries and construction × city population share 2.31 %" in page
    assert 'id="sector-III"' in page and "Accept the Waste suggestions" in page
    assert "1.A.1: not downscaled" in page
    draft.refresh_from_db()
    url = reverse("datasets_web:prefill", args=[draft.pk])
    ct = Suggestion.objects.get(inventory=draft, gpc_ref="II.1.1")
    r = c.post(url, {"action": "accept", "suggestion": ct.pk, "revision": draft.revision})
    assert r.status_code == 302
    draft.refresh_from_db()
    assert draft.gpc_lines.get(gpc_ref="II.1.1").entered_value_tco2e == pytest.approx(3_000_000)
    stale = c.post(
        url, {"action": "accept_sector", "sector": "III", "revision": draft.revision - 1}, follow=True
    )
    assert "was changed by someone else" in stale.content.decode()
    r = c.post(
        url, {"action": "reject", "suggestion": Suggestion.objects.get(inventory=draft, gpc_ref="III.4.1").pk}
    )
    r = c.post(url, {"action": "accept_sector", "sector": "III", "revision": draft.revision}, follow=True)
    assert "1 line(s) filled in; 0 kept as entered." in r.content.decode()
    draft.refresh_from_db()
    assert draft.gpc_lines.get(gpc_ref="III.1.1").entered_value_tco2e == pytest.approx(693_000)
    assert not draft.gpc_lines.filter(gpc_ref="III.4.1", is_entered=True).exists()
    # The reviewer sees the page but has no buttons.
    page = _client(world, "reviewer").get(url).content.decode()
    assert 'value="accept"' not in page


def test_panels(world: World, site: dict[str, Inventory]) -> None:
    dash = _client(world, "editor_a").get(reverse("web:workspace")).content.decode()
    assert (
        "Prefill and cross-check" in dash and reverse("datasets_web:prefill", args=[site["draft"].pk]) in dash
    )
    review = _client(world, "reviewer").get(
        reverse("web:review_detail", args=["inventory", site["submitted"].pk])
    )
    text = review.content.decode()
    assert "Cross-check against independent estimates" in text
    assert "Transport is 50 % below the downscaled national estimate" in text
    public = _client(world, "anonymous").get(reverse("web:jurisdiction", args=["sao-paulo"])).content.decode()
    assert "How the inventory compares with independent estimates" in public
    assert "A national inventory brought down to the city by a share" in public  # the caveat
    assert reverse("datasets_web:comparison", args=[site["published"].pk]) in public


def test_city_explains_on_its_page(world: World, tmp_path: Path) -> None:
    load_all(tmp_path)
    inv = ready_inventory(world, 2022)
    inv = registry.submit(world.users["approver_a"], inv, revision=inv.revision)
    check = services.latest_run(inv).checks.get(subject="sector:II")  # type: ignore[union-attr]
    url = reverse("datasets_web:crosscheck", args=[inv.pk])
    c = _client(world, "editor_a")
    r = c.post(
        url, {"check": check.pk, "explanation": "We count fuel sold inside the city only."}, follow=True
    )
    assert "Explanation saved" in r.content.decode()
    review = (
        _client(world, "reviewer")
        .get(reverse("web:review_detail", args=["inventory", inv.pk]))
        .content.decode()
    )
    assert "The city explains:</strong> We count fuel sold inside the city only." in review


@pytest.mark.shared_data
def test_prefill_page_shows_the_citys_last_cdp_report(world: World, shared_data: Path) -> None:
    from localaction.registry.base.access import SYSTEM

    services.load_dataset(
        SYSTEM, shared_data / "inventories" / "cdp_cities_citywide_emissions_2019.csv", "cdp"
    )
    registry.add_identifier(
        SYSTEM, world.city_a, scheme="cdp_account", value="35858"
    )  # Cape Town's, for the test
    draft = registry.create_inventory(world.users["editor_a"], world.city_a, year=2022, population=4_620_000)
    page = _client(world, "editor_a").get(reverse("datasets_web:prefill", args=[draft.pk])).content.decode()
    page = page.replace("\xa0", " ")
    assert "What the city last reported to CDP-ICLEI" in page
    assert (
        '<tr data-measure="basic"><td>2017</td><td>basic</td><td class="num">21,145,125 t CO2e</td>' in page
    )
