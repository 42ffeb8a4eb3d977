"""Registry fixtures: the two cities and the seven roles (see factories.py, shared with the API tests)."""

from __future__ import annotations

import pytest

from tests.registry.factories import World, make_world


@pytest.fixture
def world(db: None) -> World:
    return make_world()
