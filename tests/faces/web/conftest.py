"""Page-test fixtures: the registry's two cities and seven roles, plus a published and a draft inventory."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client

from localaction.registry import services
from localaction.registry.base.models import User
from localaction.registry.inventories.models import Inventory
from localaction.registry.targets.models import Target
from tests.factories import World, make_world, published_inventory, ready_inventory


@dataclass
class Site:
    world: World
    published: Inventory
    draft: Inventory
    target: Target
    submitted: Inventory | None = None
    validated: Inventory | None = None

    def version(self, state: str) -> Inventory:
        """São Paulo's inventory in this state (draft, submitted, validated, published)."""
        found = {"draft": self.draft, "submitted": self.submitted, "validated": self.validated,
                 "published": self.published}[state]  # fmt: skip
        assert found is not None
        return found

    def client(self, role: str, **kwargs: object) -> Client:
        client = Client(**kwargs)  # type: ignore[arg-type]
        user = self.world.users[role]
        if user is not None:
            client.force_login(user)
        return client

    def user(self, role: str) -> User:
        user = self.world.users[role]
        assert user is not None
        return user


@pytest.fixture
def site(db: None) -> Site:
    world = make_world()
    published = published_inventory(world, 2021)
    draft = ready_inventory(world, 2022)
    draft = services.put_record(
        world.users["editor_a"],
        draft,
        {"record_id": "rec", "gpc_ref": "I.1.1", "method": "fuel_combustion", "activity": "natural_gas",
         "quantity": 1000, "unit": "GJ"},
        revision=draft.revision,
    ).inventory  # fmt: skip
    target = services.create_target(
        world.users["editor_a"], world.city_a, kind="base_year", base_year=2021,
        base_emissions_tco2e=1_000_000, reduction_pct=50, target_year=2030,
    )  # fmt: skip
    approver, reviewer = world.users["approver_a"], world.users["reviewer"]
    submitted = ready_inventory(world, 2019)
    submitted = services.submit(approver, submitted, revision=submitted.revision)
    validated = ready_inventory(world, 2020)
    validated = services.submit(approver, validated, revision=validated.revision)
    validated = services.validate(reviewer, validated, revision=validated.revision)
    return Site(world, published, draft, target, submitted, validated)
