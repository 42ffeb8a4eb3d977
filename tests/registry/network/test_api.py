"""The network API (/api/v1/members, /networks, /peers): every route × every role (the seven plus the
coordinator). ``MATRIX`` must name every route tagged ``network`` in the OpenAPI document (the shared API
matrix in tests/faces/api/ leaves these to this one). Each call runs in a rolled-back savepoint."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction

from localaction.faces.api import api
from tests.faces.api.conftest import api_for, assert_error_shape
from tests.registry.network.conftest import NET_ROLES, NetSite

V = "/api/v1"
PUBLIC = dict.fromkeys(NET_ROLES, 200)
SIGNED_IN = {r: 200 for r in NET_ROLES if r != "anonymous"} | {"anonymous": 401}
OWN_A = {
    "anonymous": 401,
    "editor_a": 200,
    "approver_a": 200,
    "editor_b": 404,
    "coordinator": 404,
    "reviewer": 200,
    "verifier": 200,
    "admin": 200,
}
CONFIRM_A = OWN_A | {"reviewer": 403, "verifier": 403, "admin": 403}
JOIN_A = {r: 403 for r in NET_ROLES} | {"anonymous": 401, "editor_a": 200, "approver_a": 200}
LEAVE_B = {r: 403 for r in NET_ROLES} | {"anonymous": 401, "editor_b": 200}

# (method, OpenAPI path) → (concrete path, body, expected status per role)
MATRIX: dict[tuple[str, str], tuple[str, Any, dict[str, int]]] = {
    ("GET", f"{V}/members/"): ("/members/", None, SIGNED_IN),
    ("GET", f"{V}/members/{{ref}}"): ("/members/sao-paulo", None, OWN_A),
    ("POST", f"{V}/members/{{ref}}/confirm"): ("/members/sao-paulo/confirm", None, CONFIRM_A),
    ("GET", f"{V}/networks/"): ("/networks/", None, PUBLIC),
    ("GET", f"{V}/networks/{{slug}}"): ("/networks/ecomobility", None, PUBLIC),
    ("POST", f"{V}/networks/{{slug}}/join"): (
        "/networks/ecomobility/join",
        {"jurisdiction": "sao-paulo"},
        JOIN_A,
    ),
    ("POST", f"{V}/networks/{{slug}}/leave"): (
        "/networks/ecomobility/leave",
        {"jurisdiction": "seoul"},
        LEAVE_B,
    ),
    ("GET", f"{V}/peers/{{ref}}"): ("/peers/sao-paulo", None, PUBLIC),
}


def network_routes() -> set[tuple[str, str]]:
    schema = api.get_openapi_schema()
    return {
        (method.upper(), path)
        for path, ops in schema["paths"].items()
        for method, op in ops.items()
        if "network" in op.get("tags", [])
    }


def test_every_route_has_a_row() -> None:
    assert network_routes() - set(MATRIX) == set(), "new network routes need a row in MATRIX"
    assert set(MATRIX) - network_routes() == set(), "MATRIX names routes that no longer exist"


@pytest.mark.django_db
def test_permission_matrix(net: NetSite) -> None:
    clients = {role: api_for(net.world, role) for role in NET_ROLES}
    problems = []
    for (method, _), (path, body, expected) in MATRIX.items():
        for role in NET_ROLES:
            with transaction.atomic():
                status, payload = clients[role].call(method, path, body)
                transaction.set_rollback(True)
            if status != expected[role]:
                problems.append(f"{role} {method} {path}: {status}, expected {expected[role]}: {payload}")
            elif status >= 400:
                assert_error_shape(payload)
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
def test_payloads(net: NetSite) -> None:
    admin, ed_a = api_for(net.world, "admin"), api_for(net.world, "editor_a")
    status, body = admin.get("/members/")
    assert status == 200 and [m["jurisdiction"] for m in body["items"]] == ["sao-paulo", "seoul"]
    status, body = ed_a.get("/members/")
    assert [m["jurisdiction"] for m in body["items"]] == ["sao-paulo"]  # own only
    status, body = ed_a.get("/members/sao-paulo")
    assert body["level_name"] == "Basic (global)" and body["contacts"][0]["name"] == "Ana"
    status, body = ed_a.post("/networks/ecomobility/join", {"jurisdiction": "sao-paulo"})
    assert (status, body["status"]) == (200, "member")
    status, body = ed_a.post("/networks/ecomobility/join", {"jurisdiction": "sao-paulo"})
    assert status == 409 and body["error"]["code"] == "already_member"
    status, body = api_for(net.world, "anonymous").get("/networks/ecomobility")
    assert [m["jurisdiction"] for m in body["member_list"]] == ["sao-paulo", "seoul"]
    assert body["coordinators"] == ["coordinator"]
    status, body = ed_a.post("/networks/flood-worknet/join", {"jurisdiction": "sao-paulo"})
    assert status == 403  # by invitation
    status, body = ed_a.post("/networks/ecomobility/join", {"jurisdiction": "not a slug!"})
    assert status == 422 and body["error"]["details"]
