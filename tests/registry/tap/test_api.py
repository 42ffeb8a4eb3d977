"""The TAP and solutions API × every role. Routes are enumerated from the ninja API object: a new route under
/tap or /solutions without a row in MATRIX fails ``test_every_route_has_a_row``."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from localaction.faces.api import api
from localaction.registry.base import tokens
from localaction.registry.base.access import SYSTEM
from tests.registry.tap.conftest import ROLES, Tap

PREFIXES = ("/api/v1/tap", "/api/v1/solutions")


def status(default: int, anonymous: int = 401, **per_role: int) -> dict[str, int]:
    return {r: per_role.get(r, default) for r in ROLES} | {"anonymous": anonymous}


def only(ok: int, roles: str, other: int, anonymous: int = 401) -> dict[str, int]:
    return status(other, anonymous, **dict.fromkeys(roles.split(), ok))


DESK = "reviewer admin tap_reviewer"
FUNDERS = "funder funder_2"
CITY_A = "editor_a approver_a"
Row = tuple[str, Callable[[Tap], str], dict[str, int], Any]  # method, path, expected, body
MATRIX: dict[tuple[str, str], list[Row]] = {
    ("GET", "/api/v1/tap/summary"): [("GET", lambda t: "/api/v1/tap/summary", status(200, 200), None)],
    ("GET", "/api/v1/tap/projects"): [
        ("GET", lambda t: "/api/v1/tap/projects?sector=I", only(200, f"{DESK} {FUNDERS}", 403), None)
    ],
    ("GET", "/api/v1/tap/projects/{pk}"): [
        ("GET", lambda t: f"/api/v1/tap/projects/{t.draft.pk}", only(200, CITY_A, 404), None),
        (
            "GET",
            lambda t: f"/api/v1/tap/projects/{t.pipeline.pk}",
            only(200, f"{CITY_A} {DESK} {FUNDERS}", 404),
            None,
        ),
    ],
    ("GET", "/api/v1/tap/projects/{pk}/interest"): [
        (
            "GET",
            lambda t: f"/api/v1/tap/projects/{t.pipeline.pk}/interest",
            only(200, f"{CITY_A} {DESK} {FUNDERS}", 404),
            None,
        ),
    ],
    ("POST", "/api/v1/tap/projects/{pk}/interest"): [
        (
            "POST",
            lambda t: f"/api/v1/tap/projects/{t.pipeline.pk}/interest",
            only(201, FUNDERS, 404) | dict.fromkeys([*CITY_A.split(), *DESK.split()], 403),
            {"message": "hello"},
        ),
        (
            "POST",
            lambda t: f"/api/v1/tap/projects/{t.submitted.pk}/interest",
            only(403, f"{CITY_A} {DESK}", 404),
            {"message": "too early"},
        ),
    ],
    ("GET", "/api/v1/solutions"): [("GET", lambda t: "/api/v1/solutions?q=heat", status(200, 200), None)],
    ("GET", "/api/v1/solutions/{pk}"): [
        ("GET", lambda t: f"/api/v1/solutions/{t.approved.pk}", status(200, 200), None),
        (
            "GET",
            lambda t: f"/api/v1/solutions/{t.partner_draft.pk}",
            only(200, "partner", 404, anonymous=404),
            None,
        ),
    ],
}


def routes() -> set[tuple[str, str]]:
    schema = api.get_openapi_schema()
    return {(m.upper(), p) for p, ops in schema["paths"].items() for m in ops if p.startswith(PREFIXES)}


def test_every_route_has_a_row() -> None:
    assert routes() - MATRIX.keys() == set(), "new routes need a row in MATRIX"
    assert MATRIX.keys() - routes() == set(), "MATRIX names routes that no longer exist"


@pytest.mark.django_db
def test_route_role_matrix(tap: Tap) -> None:
    headers = {}
    for role in ROLES:
        user = tap.users[role]
        headers[role] = (
            {"HTTP_AUTHORIZATION": f"Bearer {tokens.create_token(SYSTEM, user, scopes=('write',))[1]}"}
            if user
            else {}
        )
    problems = []
    for role in ROLES:
        for rows in MATRIX.values():
            for method, build, expected, body in rows:
                kw: dict[str, Any] = dict(headers[role])
                if body is not None:
                    kw.update(data=json.dumps(body), content_type="application/json")
                r = getattr(Client(), method.lower())(build(tap), **kw)
                if r.status_code != expected[role]:
                    problems.append(
                        f"{role} {method} {build(tap)}: {r.status_code}, expected {expected[role]}"
                    )
                if r.status_code >= 400:
                    assert set(r.json()["error"]) == {"code", "message", "details"}
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
def test_funders_see_only_their_own_interest_and_never_drafts(tap: Tap) -> None:
    token = tokens.create_token(SYSTEM, tap.users["funder"], scopes=("write",))[1]
    c, h = Client(), {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    ids = [p["id"] for p in c.get("/api/v1/tap/projects", **h).json()]
    assert ids == [tap.pipeline.pk]
    assert c.get(f"/api/v1/tap/projects/{tap.pipeline.pk}/interest", **h).json() == []
    sheet = c.get(f"/api/v1/tap/projects/{tap.pipeline.pk}", **h).json()
    assert sheet["funding_sought"] in ("10000000.00", 10000000) and sheet["size_band"] == "medium"
    summary = Client().get("/api/v1/tap/summary").json()
    assert summary["pipeline_projects"] == 1
    found = Client().get("/api/v1/solutions?q=HEAT").json()
    assert [s["title"] for s in found] == ["Heat shelters"]
