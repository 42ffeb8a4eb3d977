"""Under the Content-Security-Policy, in a real browser: the charts still draw, no directive is violated, and
the lockout page is what a person sees after too many wrong passwords."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import PASSWORD
from tests.factories import make_world, published_inventory

pytestmark = pytest.mark.django_db(transaction=True)


def _watch(page: Any) -> list[str]:
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    return problems


def test_charts_draw_under_the_policy_without_violations(new_page: Any) -> None:
    world = make_world()
    published_inventory(world, 2020)
    page = new_page()
    problems = _watch(page)
    response = page.goto("/jurisdictions/sao-paulo/")
    assert "script-src 'self' 'nonce-" in response.headers["content-security-policy"]
    page.wait_for_selector("#chart-sectors .main-svg")  # Plotly drew from its JSON data block
    assert page.locator("#chart-sectors .main-svg .trace").count() >= 1
    assert page.evaluate("document.documentElement.className") == "js"  # the nonce'd inline script ran
    assert problems == []


def test_lockout_page_after_too_many_wrong_passwords(new_page: Any) -> None:
    world = make_world()
    user = world.users["editor_a"]
    assert user is not None
    user.set_password(PASSWORD)
    user.save(update_fields=["password"])
    page = new_page()
    problems = _watch(page)
    for i in range(5):
        page.goto("/accounts/login/")
        page.get_by_label("User name").fill("editor_a")
        page.get_by_label("Password").fill(f"wrong-{i}")
        page.locator("main").get_by_role("button", name="Sign in").click()
        page.wait_for_load_state()
    assert page.get_by_role("heading", name="Too many wrong passwords").is_visible()
    assert page.get_by_role("link", name="Forgot your password? Reset it by e-mail.").is_visible()
    assert problems == []
