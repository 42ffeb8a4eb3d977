"""Insights page tests: the web tests' site (two cities, seven roles, a published and a draft inventory)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from localaction.registry.insights import queries
from tests.faces.web.conftest import Site, site  # noqa: F401  (the fixture, shared)

__all__ = ["Site"]


@pytest.fixture(autouse=True)
def _fresh(settings: Any, tmp_path: Path) -> Iterator[None]:
    settings.LOCALACTION_OPENDATA_DIR = str(tmp_path / "opendata")
    queries._cache.clear()
    yield
    queries._cache.clear()
