"""TAP and gateway fixtures: the registry's two cities and roles, plus the program roles (TAP reviewer, two
funders, two partners) and a project at each interesting stage."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from localaction.core import clock
from localaction.registry import services as reg
from localaction.registry.base.access import SYSTEM
from localaction.registry.gateway import services as gateway
from localaction.registry.gateway.models import Solution
from localaction.registry.tap import services
from localaction.registry.tap.models import Call, Project
from tests.factories import World, make_world

# Roles of the matrices: the registry's city and secretariat roles plus the program roles.
ROLES = ("anonymous", "editor_a", "approver_a", "editor_b", "reviewer", "admin",
         "tap_reviewer", "funder", "funder_2", "partner", "partner_2")  # fmt: skip
SCORES = {
    "transformative_ambition": 4,
    "bankability": 4,
    "co_benefits": 3,
    "replicability": 4,
    "inclusiveness": 3,
}
FIELDS: dict[str, Any] = dict(
    title="Solar canopies on bus depots", summary="PV over depots", sectors=["I", "II"], climate_focus="mitigation",
    stage="feasibility", currency="EUR", total_cost=Decimal(12_000_000), funding_secured=Decimal(2_000_000),
    funding_sought=Decimal(10_000_000), instruments=["concessional_loan"], council_approval="adopted",
    project_type="infrastructure", sdgs=[7, 11, 13],
)  # fmt: skip


@dataclass
class Tap:
    world: World
    call: Call
    draft: Project
    submitted: Project
    pipeline: Project
    approved: Solution
    partner_draft: Solution
    users: dict[str, Any] = field(default_factory=dict)

    def client(self, role: str) -> Client:
        c = Client()
        if self.users[role] is not None:
            c.force_login(self.users[role])
        return c


def advance(tap_users: dict[str, Any], p: Project, until: str) -> Project:
    p = services.step(tap_users["approver_a"], p, "submit", p.revision)
    if until == "submitted":
        return p
    services.review(tap_users["tap_reviewer"], p, SCORES, "Good; add the revenue model.")
    p.refresh_from_db()
    for action in ("screen", "admit"):
        p = services.step(tap_users["tap_reviewer"], p, action, p.revision)
    return p


def make_tap() -> Tap:
    w = make_world()
    users: dict[str, Any] = dict(w.users)
    for name, role in (("tap_reviewer", "tap_reviewer"), ("funder", "funder"), ("funder_2", "funder"),
                       ("partner", "partner"), ("partner_2", "partner")):  # fmt: skip
        users[name] = reg.create_user(SYSTEM, name)
        services.grant(SYSTEM, users[name], role, f"{name} org")
    today = clock.today()
    call = services.create_call(users["tap_reviewer"], title="Call 1", opens_on=today - dt.timedelta(days=30),
                                closes_on=today + dt.timedelta(days=30))  # fmt: skip
    draft = services.create_project(users["editor_a"], w.city_a, call_id=call.pk, **FIELDS)
    submitted = advance(
        users, services.create_project(users["editor_a"], w.city_a, call_id=call.pk, **FIELDS), "submitted"
    )
    pipeline = advance(
        users, services.create_project(users["editor_a"], w.city_a, call_id=call.pk, **FIELDS), "pipeline"
    )
    services.express_interest(users["funder_2"], pipeline, "grant", "Funder two's secret terms")
    approved = gateway.create(
        users["partner"], title="Heat shelters", summary="Cool rooms", hazards=["Extreme hot temperature"]
    )
    approved = gateway.act(users["partner"], approved, "submit", approved.revision)
    approved = gateway.act(users["reviewer"], approved, "approve", approved.revision)
    partner_draft = gateway.create(users["partner"], title="Partner draft idea", summary="not yet public")
    return Tap(w, call, draft, submitted, pipeline, approved, partner_draft, users)


@pytest.fixture
def tap(db: None) -> Tap:
    return make_tap()
