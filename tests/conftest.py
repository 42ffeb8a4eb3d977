"""Shared fixtures: the location of ../shared/data (tests that need it skip with a clear reason), the
registry's two cities with the seven roles (tests/factories.py), and the Hypothesis profile."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from django.test.utils import override_settings
from hypothesis import HealthCheck, settings

from localaction.core import clock

if TYPE_CHECKING:
    from tests.factories import World

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"

# A loaded 2-core machine runs the property tests slowly at times: no per-example deadline (the number of
# examples still bounds the run), and no health check on slow data generation.
# Each test process has its own in-memory cache (the settings' default is a file cache shared by processes),
# emptied before each test: cached public pages of one test's database never reach another's. The public
# cache of pages and API reads is off (tests read each response's template context) except where a test
# turns it on (tests/faces/test_public_cache.py).
_CACHES = override_settings(
    CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}},
    LOCALACTION_PUBLIC_CACHE=False,
)
_CACHES.enable()


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    from django.core.cache import cache

    cache.clear()


settings.register_profile("localaction", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("localaction")


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """Each test starts in English: a request through LocaleMiddleware leaves its language active on the
    thread, and a later test that calls the code directly would read another language's words."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _today(request: pytest.FixtureRequest) -> Iterator[None]:
    """``@pytest.mark.today("2026-06-15")`` pins the product's clock for a test whose expectations belong
    to a date (a target year not yet reached, a call still open); the others run on whatever day it is."""
    marker = request.node.get_closest_marker("today")
    if marker is None:
        yield
        return
    before = clock.pinned()
    clock.pin(dt.date.fromisoformat(marker.args[0]))
    try:
        yield
    finally:
        clock.pin(before)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """``../shared/data`` beside the project; skips the test when it is absent (CI always has it)."""
    if not (SHARED_DATA / "README.md").is_file():
        pytest.skip(f"reference data not found at {SHARED_DATA} (place ../shared/data beside the project)")
    return SHARED_DATA


@pytest.fixture
def world(db: None) -> World:
    """Two cities (São Paulo, 서울특별시) and a user per role (see tests/factories.py)."""
    from tests.factories import make_world

    return make_world()
