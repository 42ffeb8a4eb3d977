"""Reusable registry test data: two cities and one user per role (importable by the API and web tests).

from tests.factories import ROLES, make_world, complete_lines
world = make_world()            # inside a django_db test
world.users["editor_a"], world.city_a …
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from localaction.core.catalog import gpc_refs
from localaction.registry import services
from localaction.registry.base.access import SYSTEM
from localaction.registry.base.models import Jurisdiction, User
from localaction.registry.inventories.models import Inventory

# The seven roles of the permission matrix.
ROLES = ("anonymous", "editor_a", "editor_b", "approver_a", "reviewer", "verifier", "admin")


@dataclass
class World:
    city_a: Jurisdiction
    city_b: Jurisdiction
    users: dict[str, User | None] = field(default_factory=dict)

    def user(self, role: str) -> User | None:
        return self.users[role]


def make_world() -> World:
    """Users get no password (hashing with Argon2 is deliberately slow); set one where a test logs in."""
    a = services.create_jurisdiction(
        SYSTEM,
        name="São Paulo",
        name_ascii="Sao Paulo",
        slug="sao-paulo",
        kind="city",
        country="BR",
        subdivision="BR-SP",
        unlocode="BRSAO",
    )
    b = services.create_jurisdiction(
        SYSTEM,
        name="서울특별시",
        name_ascii="Seoul",
        slug="seoul",
        kind="city",
        country="KR",
        subdivision="KR-11",
    )
    w = World(city_a=a, city_b=b)
    w.users["anonymous"] = None
    for name, jur, role in (
        ("editor_a", a, "editor"),
        ("editor_b", b, "editor"),
        ("approver_a", a, "approver"),
    ):
        u = services.create_user(SYSTEM, name)
        services.grant_role(SYSTEM, u, jur, role)
        w.users[name] = u
    # editor_b also approves city B, so that B can run its own workflow in tests.
    services.grant_role(SYSTEM, w.users["editor_b"], b, "approver")
    for role in ("reviewer", "verifier", "admin"):
        w.users[role] = services.create_user(SYSTEM, role, secretariat_role=role)
    return w


def complete_lines(value: float = 100_000.0) -> list[dict[str, Any]]:
    """A value on every BASIC+ line (and VI.1): an inventory with these passes the completeness checks."""
    out = []
    for ref, meta in gpc_refs().items():
        if meta.in_basic_plus or meta.in_basic_plus_other_scope3:
            out.append({"gpc_ref": ref, "value_tco2e": value, "source": "test"})
    return out


def ready_inventory(world: World, year: int = 2022, jurisdiction: Jurisdiction | None = None) -> Inventory:
    """A draft with complete lines and a population (no error-level checks)."""
    jur = jurisdiction or world.city_a
    author = world.users["editor_a"] if jur == world.city_a else world.users["editor_b"]
    inv = services.create_inventory(author, jur, year=year, population=1_000_000)
    return services.replace_contents(author, inv, revision=inv.revision, lines=complete_lines())


def published_inventory(world: World, year: int = 2022) -> Inventory:
    """An inventory of city A taken all the way to published."""
    inv = ready_inventory(world, year)
    inv = services.submit(world.users["approver_a"], inv, revision=inv.revision)
    inv = services.validate(world.users["reviewer"], inv, revision=inv.revision)
    return services.publish(world.users["reviewer"], inv, revision=inv.revision)
