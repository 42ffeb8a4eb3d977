"""Framework-report fixtures: the registry's two cities and seven roles (tests/registry/factories.py)."""

from __future__ import annotations

import pytest

from tests.registry.factories import World, make_world


@pytest.fixture
def world(db: None) -> World:
    return make_world()
