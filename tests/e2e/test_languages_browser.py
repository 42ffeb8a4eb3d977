"""The officer's path and the public jurisdiction page in Spanish, Chinese and Korean, in a real browser
(issue 17): a visitor's link carries the language (``?lang=``), it lasts through signing in, the pages say
their language truthfully (``<html lang>``), headings and buttons come from the catalogues (compared with
Django's own translation of the same msgid, and with the English), and a number typed with the language's
decimal mark is read right. Screenshots: ``jurisdiction-<language>.png`` (``make screenshots``)."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from localaction.registry import services
from tests.e2e.conftest import PASSWORD, shot
from tests.factories import make_world, published_inventory

pytestmark = pytest.mark.django_db(transaction=True)

LANGUAGES = {"es": "es", "zh-hans": "zh-Hans", "ko": "ko"}  # code → the <html lang> tag


def said(code: str, msgid: str) -> str:
    with translation.override(code):
        text = translation.gettext(msgid)
    assert text != msgid, f"{msgid!r} is not translated into {code}"
    return text


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_officer_path_and_public_page_in_the_language(new_page: Any, code: str) -> None:
    world = make_world()
    editor = world.users["editor_a"]
    editor.set_password(PASSWORD)
    editor.save(update_fields=["password"])
    published_inventory(world, 2021)

    page = new_page()
    page.goto(f"/jurisdictions/{world.city_a.slug}/?lang={code}")  # a shared link in that language
    assert page.locator("html").get_attribute("lang") == LANGUAGES[code]
    assert page.get_by_role("heading", name=said(code, "Climate hazards")).is_visible()
    shot(page, f"jurisdiction-{code}")

    # The choice lasts: the sign-in page, then the officer's workspace, in the same language.
    page.goto("/accounts/login/")
    assert page.locator("html").get_attribute("lang") == LANGUAGES[code]
    page.locator("main input[name=username]").fill("editor_a")
    page.locator("main input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)

    page.goto(f"/workspace/{world.city_a.slug}/inventories/new/")
    page.locator("input[name=year]").fill("2023")
    page.get_by_role("button", name=said(code, "Create draft")).click()
    page.wait_for_url("**/workspace/inventories/*/")
    assert page.get_by_role("heading", name=said(code, "Activity records")).is_visible()
    inv = services.get_inventory(editor, int(page.url.rstrip("/").split("/")[-1]))

    # A record, typed the language's way (es writes 1.234,5).
    page.goto(f"/workspace/inventories/{inv.pk}/records/new/?gpc_ref=I.1.1&method=fuel_combustion")
    page.locator("#id_fuel").select_option("natural_gas")
    page.locator("#id_quantity").fill("1.234,5" if code == "es" else "1234.5")
    page.locator("#id_unit").select_option("GJ")
    page.get_by_role("button", name=said(code, "Save record")).click()
    page.wait_for_url(f"**/workspace/inventories/{inv.pk}/**")
    row = inv.activity_records.get(gpc_ref="I.1.1")
    assert row.quantity == 1234.5 and row.co2e_t and row.co2e_t > 0
    # The checks, in the language too.
    assert page.locator("html").get_attribute("lang") == LANGUAGES[code]
    assert said(code, "GPC table") in page.content()


@pytest.mark.parametrize("code", ["fr", "pt-br", "de", "ja"])
def test_public_jurisdiction_page_in_the_other_languages(new_page: Any, code: str) -> None:
    world = make_world()
    published_inventory(world, 2021)
    page = new_page()
    page.goto(f"/jurisdictions/{world.city_a.slug}/?lang={code}")
    assert page.locator("html").get_attribute("lang") == {"pt-br": "pt-BR"}.get(code, code)
    assert page.get_by_role("heading", name=said(code, "Climate hazards")).is_visible()
    shot(page, f"jurisdiction-{code}")
