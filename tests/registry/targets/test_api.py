"""The API routes of api/routers/targets_progress.py: every route × every role (the route list comes from the
ninja API object, so a new route without a row here fails), and what the answers contain."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import transaction

from localaction.faces.api import api
from tests.faces.api.conftest import api_for, assert_error_shape
from tests.factories import ROLES
from tests.registry.targets.conftest import City

A, E, B, P, R, V, D = ROLES
ALL = dict.fromkeys(ROLES, 200)
DRAFT_READ = ALL | {A: 404, B: 404}
SECRETARIAT = {A: 401, E: 403, B: 403, P: 403, R: 200, V: 200, D: 200}
ADD_READING = {A: 401, E: 201, B: 403, P: 201, R: 403, V: 403, D: 403}

Url = Callable[[City], str]
# (method, path template) -> (URL builder, body, expected status per role)
MATRIX: dict[tuple[str, str], tuple[Url, Any, dict[str, int]]] = {
    ("GET", "/api/v1/targets/{id}/progress"): (lambda c: f"/targets/{c.draft_target.pk}/progress", None, DRAFT_READ),
    ("GET", "/api/v1/targets/{id}/checks"): (lambda c: f"/targets/{c.draft_target.pk}/checks", None, DRAFT_READ),
    ("GET", "/api/v1/targets/{id}/pathway"): (lambda c: f"/targets/{c.target.pk}/pathway", None, ALL),
    ("GET", "/api/v1/jurisdictions/{ref}/milestones"): (lambda c: "/jurisdictions/sao-paulo/milestones", None, ALL),
    ("GET", "/api/v1/milestones/overdue"): (lambda c: "/milestones/overdue", None, SECRETARIAT),
    ("GET", "/api/v1/efficiency/commitments"): (lambda c: "/efficiency/commitments", None, ALL),
    ("GET", "/api/v1/efficiency/commitments/{id}"): (
        lambda c: f"/efficiency/commitments/{c.draft_commitment.pk}", None, DRAFT_READ,
    ),
    ("POST", "/api/v1/efficiency/commitments/{id}/readings"): (
        lambda c: f"/efficiency/commitments/{c.commitment.pk}/readings",
        {"start": "2024-07-01", "end": "2024-09-30", "value": 85000},
        ADD_READING,
    ),
    ("GET", "/api/v1/efficiency/summary"): (lambda c: "/efficiency/summary", None, ALL),
}  # fmt: skip


def _routes() -> set[tuple[str, str]]:
    """The routes of this router (OpenAPI tag "progress")."""
    schema = api.get_openapi_schema()
    return {
        (m.upper(), p)
        for p, ops in schema["paths"].items()
        for m, op in ops.items()
        if "progress" in op["tags"]
    }


def test_every_progress_route_has_a_row() -> None:
    assert _routes() == set(MATRIX), "a route of api/routers/targets_progress.py needs a row (or is gone)"


class Rollback(Exception):
    pass


@pytest.mark.django_db
def test_permission_matrix(city: City) -> None:
    clients = {role: api_for(city.world, role) for role in ROLES}
    failures = []
    for (method, _template), (url, body, expected) in MATRIX.items():
        for role in ROLES:
            try:
                with transaction.atomic():
                    status, answer = clients[role].call(method, url(city), body)
                    raise Rollback
            except Rollback:
                pass
            if status != expected[role]:
                failures.append(
                    f"{method} {url(city)} as {role}: {status} (want {expected[role]}) {answer!s:.200}"
                )
            if status >= 400:
                assert_error_shape(answer)
    assert not failures, "\n".join(failures)


@pytest.mark.today("2026-06-15")  # before the 2030 target year
@pytest.mark.django_db
def test_contents(city: City) -> None:
    anon = api_for(city.world, "anonymous")
    status, body = anon.get(f"/targets/{city.target.pk}/progress")
    assert status == 200 and body["target"]["progress_pct"] == pytest.approx(20.0)
    assert body["interim"][0]["milestone_year"] == 2025
    status, body = anon.get(f"/targets/{city.target.pk}/pathway")
    assert body["gap_tco2e"] == pytest.approx(930_000) and len(body["years"]) >= 10
    status, body = anon.get("/jurisdictions/seoul/milestones")
    assert status == 404 and body["error"]["code"] == "not_found"
    status, body = anon.get("/efficiency/commitments")
    assert [c["title"] for c in body] == ["Electricity in public buildings"]
    status, body = anon.get(f"/efficiency/commitments/{city.commitment.pk}")
    assert body["readings"][0]["value"] == 347_700 and body["progress"]["progress_pct"] == pytest.approx(50.0)
    assert body["progress"]["decided_by"]["start"] == "2023-07-01"  # which readings decided
    # The shared target route's progress comes from the engine too.
    status, body = anon.get(f"/targets/{city.target.pk}")
    assert body["progress"]["achieved_pct"] == pytest.approx(20.0)
    ed = api_for(city.world, "editor_a")
    status, body = ed.post(
        f"/efficiency/commitments/{city.commitment.pk}/readings",
        {"start": "2024-05-01", "end": "2024-04-01", "value": 1},
    )
    assert status == 422 and body["error"]["details"][0]["loc"][-1] == "end"
    status, body = ed.get(f"/targets/{city.target.pk}/checks")
    assert {i["code"] for i in body} >= {"coverage.sectors_unstated"}
