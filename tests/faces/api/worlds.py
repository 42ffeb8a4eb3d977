"""A registry with something behind every API route: published and draft versions of every kind, a
framework report, a 10 % commitment with a reading, members and networks, a TAP pipeline project and an
approved solution. The contract tests (schemathesis, the generated client) ask real ids from it, so the
answers they check carry real bodies, not only 404s."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from localaction.core import clock
from localaction.registry import services
from localaction.registry.base.access import SYSTEM
from localaction.registry.gateway import services as gateway
from localaction.registry.hazards.models import HazardAssessment
from localaction.registry.tap import services as tap
from tests.factories import World, ready_inventory
from tests.registry.frameworks.helpers import published_report
from tests.registry.network.conftest import build as build_network
from tests.registry.tap.conftest import FIELDS as PROJECT_FIELDS
from tests.registry.tap.conftest import advance
from tests.registry.targets.conftest import make_city, publish


@dataclass
class Rich:
    world: World
    ids: dict[str, list[int]] = field(default_factory=dict)  # path prefix -> ids that exist there
    record_id: str = "r0"
    draft_inventory: int = 0


def rich_world() -> Rich:
    city = make_city()
    w = city.world
    ed = w.users["editor_a"]
    build_network(w)
    draft_inv = ready_inventory(w, 2022)
    services.put_record(
        ed,
        draft_inv,
        {"record_id": "r0", "gpc_ref": "I.1.1", "method": "direct_entry", "quantity": 1, "unit": "t",
         "activity": "CO2"},
        revision=draft_inv.revision,
    )  # fmt: skip
    hazards = [
        services.create_submission(ed, HazardAssessment, w.city_a, hazard_type="Extreme hot temperature")
        for _ in range(2)
    ]
    publish(w, hazards[0])
    draft_action = services.create_action(ed, w.city_a, title="Bike lanes", action_type="mitigation")
    report = published_report(w)
    users: dict[str, Any] = dict(w.users)
    for name, role in (("tap_reviewer", "tap_reviewer"), ("funder", "funder"), ("partner", "partner")):
        users[name] = services.create_user(SYSTEM, name)
        tap.grant(SYSTEM, users[name], role, f"{name} org")
    today = clock.today()
    call = tap.create_call(
        users["tap_reviewer"], title="Call 1", opens_on=today - dt.timedelta(days=30),
        closes_on=today + dt.timedelta(days=30),
    )  # fmt: skip
    project = advance(users, tap.create_project(ed, w.city_a, call_id=call.pk, **PROJECT_FIELDS), "pipeline")
    solution = gateway.create(users["partner"], title="Heat shelters", summary="Cool rooms")
    solution = gateway.act(users["partner"], solution, "submit", solution.revision)
    solution = gateway.act(users["reviewer"], solution, "approve", solution.revision)
    w.users.update({k: v for k, v in users.items() if k not in w.users})
    return Rich(
        world=w,
        ids={
            "/api/v1/inventories": [draft_inv.pk, *(i.pk for i in city.inventories)],
            "/api/v1/targets": [city.target.pk, city.draft_target.pk],
            "/api/v1/commitments": [city.commitment.pk, city.draft_commitment.pk],
            "/api/v1/efficiency/commitments": [city.commitment.pk, city.draft_commitment.pk],
            "/api/v1/actions": [draft_action.pk, *(a.pk for a in city.actions)],
            "/api/v1/hazards": [h.pk for h in hazards],
            "/api/v1/reports": [report.pk],
            "/api/v1/tap/projects": [project.pk],
            "/api/v1/solutions": [solution.pk],
        },
        draft_inventory=draft_inv.pk,
    )


# Real values of the other path parameters.
PATH_VALUES: dict[str, list[str]] = {
    "ref": ["sao-paulo", "seoul"],
    "slug": ["ecomobility", "flood-worknet"],
    "framework_id": ["singapore_index", "water_security"],
    "gpc_ref": ["I.1.1", "II.1.1"],
    "record_id": ["r0"],
    "kind": ["records", "crf"],
}


def real_values(rich: Rich, path: str, name: str) -> list[str]:
    """Values of path parameter ``name`` of the route ``path`` that name something that exists."""
    if name in PATH_VALUES:
        return PATH_VALUES[name]
    prefix = path.split("/{", 1)[0]
    return [str(i) for i in rich.ids.get(prefix, [])]
