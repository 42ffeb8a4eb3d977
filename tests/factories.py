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
    # Four eyes: someone other than the validator publishes.
    return services.publish(world.users["admin"], inv, revision=inv.revision)


def second_reviewer(world: World) -> User:
    """Another secretariat reviewer (outside the seven roles), for four-eyes cases: one validates, another
    publishes."""
    from localaction.registry.base.models import User as UserModel

    found = UserModel.objects.filter(username="reviewer_2").first()
    return found or services.create_user(SYSTEM, "reviewer_2", secretariat_role="reviewer")


def complete_verification(world: World, obj: Any, verifier: User | None = None) -> Any:
    """Run a verification of a validated version to its statement (no conflict, no findings); returns the
    statement. The version can then be verified by its verifier."""
    from localaction.registry.verification import services as verification

    who = verifier or world.users["verifier"]
    a = verification.assign(world.users["reviewer"], obj, who)
    a = verification.declare(who, a, has_conflict=False, declaration="", revision=a.revision)
    return verification.complete(
        who,
        a,
        scope="The whole inventory: boundary, year, every BASIC+ line",
        criteria="GPC v1.1 (2021); ISO 14064-3:2019",
        level_of_assurance="limited",
        materiality_percent="5",
        opinion="unmodified",
        opinion_text="Nothing came to our attention that the statement is not fairly presented.",
        revision=a.revision,
    )
