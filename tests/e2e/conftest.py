"""Browser tests: Playwright's Python API driving Debian's /usr/bin/chromium (headless) against
pytest-django's ``live_server``. Select them with ``-m e2e``; they skip with a reason when chromium or
Playwright is missing. One browser per test session; a fresh context (cookies) per signed-in user."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
# Screenshots go to a temporary folder: tests never write tracked files. `make screenshots` points this at
# docs/screenshots to refresh the pictures in the docs on purpose.
SCREENSHOTS = Path(
    os.environ.get("LOCALACTION_SCREENSHOTS_DIR") or Path(tempfile.gettempdir()) / "localaction-screenshots"
)
PASSWORD = "e2e-password-1"  # test accounts only
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-dev-shm-usage"]  # fmt: skip

# Playwright's sync API runs an event loop in this thread; the test's own ORM calls are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "e2e: browser tests (Playwright + /usr/bin/chromium + live_server)")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found: install Debian's chromium (`make test` does when root)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright (Python) is not installed: pip install -e '.[dev]'")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def new_page(browser: Any, live_server: Any) -> Iterator[Any]:
    """``new_page(user=None, width=1280)`` → a page in its own context, signed in as ``user`` if given."""
    contexts = []

    def make(username: str | None = None, width: int = 1280) -> Any:
        ctx = browser.new_context(viewport={"width": width, "height": 900}, base_url=live_server.url)
        ctx.set_default_timeout(15_000)
        contexts.append(ctx)
        page = ctx.new_page()
        if username:
            page.goto("/accounts/login/")
            page.get_by_label("User name").fill(username)
            page.get_by_label("Password").fill(PASSWORD)
            page.locator("main").get_by_role("button", name="Sign in").click()
            page.wait_for_url(lambda url: "/accounts/login/" not in url)  # each role lands on its own page
        return page

    yield make
    for ctx in contexts:
        ctx.close()


def shot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
