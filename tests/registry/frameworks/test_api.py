"""The API of frameworks and framework reports: a route × role matrix of our own (a new route of ours without a
row fails), the frameworks catalogue with its form schema, and a report's life over the API."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction

from localaction.faces.api import api
from localaction.registry.frameworks import services as reports
from localaction.registry.frameworks.models import FrameworkReport
from tests.faces.api.conftest import api_for
from tests.factories import ROLES, World
from tests.registry.frameworks.helpers import example_answers, published_report

OURS = ("/api/v1/frameworks", "/api/v1/reports", "/api/v1/jurisdictions/{ref}/reports")


def codes(ok: int, **refused: int) -> dict[str, int]:
    short = dict(zip("AEBPRVD", ROLES, strict=True))
    out = {role: ok for role in ROLES}
    for letters, status in refused.items():
        for ch in letters:
            out[short[ch]] = status
    return out


@dataclass
class Row:
    target: str  # "draft" | "published" | ""
    expected: dict[str, int]
    body: Callable[[FrameworkReport | None], Any] | None = None
    path: str = ""  # replaces the template's parameters
    query: Callable[[FrameworkReport | None], str] = lambda o: ""


def _rev(o: FrameworkReport | None) -> int:
    assert o is not None
    return FrameworkReport.objects.get(pk=o.pk).revision


B = "/api/v1/reports"
MATRIX: dict[tuple[str, str], Row] = {
    ("GET", "/api/v1/frameworks/"): Row("", codes(200)),
    ("GET", "/api/v1/frameworks/{framework_id}"): Row(
        "", codes(200), path="/api/v1/frameworks/singapore_index"
    ),
    ("GET", "/api/v1/jurisdictions/{ref}/reports"): Row(
        "", codes(200), path="/api/v1/jurisdictions/sao-paulo/reports"
    ),
    ("GET", f"{B}/"): Row("", codes(200)),
    ("POST", f"{B}/"): Row(
        "",
        codes(201, A=401, BRVD=403),
        body=lambda o: {"jurisdiction": "sao-paulo", "framework_id": "water_security", "year": 2024},
    ),
    ("GET", f"{B}/{{id}}"): Row("draft", codes(200, AB=404)),
    ("PATCH", f"{B}/{{id}}"): Row(
        "draft", codes(200, A=401, B=404, RVD=403), body=lambda o: {"revision": _rev(o), "title": "t"}
    ),
    ("DELETE", f"{B}/{{id}}"): Row(
        "draft", codes(204, A=401, B=404, RVD=403), query=lambda o: f"?revision={_rev(o)}"
    ),
    ("POST", f"{B}/{{id}}/transitions"): Row(
        "draft", codes(200, A=401, B=404, ERVD=403), body=lambda o: {"action": "submit", "revision": _rev(o)}
    ),
    ("POST", f"{B}/{{id}}/corrections"): Row("published", codes(201, A=401, BRVD=403), body=lambda o: {}),
    ("GET", f"{B}/{{id}}/comments"): Row("draft", codes(200, A=401, B=404)),
    ("POST", f"{B}/{{id}}/comments"): Row("draft", codes(201, A=401, B=404), body=lambda o: {"body": "hi"}),
}


def our_routes() -> set[tuple[str, str]]:
    paths = api.get_openapi_schema()["paths"]
    return {(m.upper(), p) for p, ops in paths.items() for m in ops if p.startswith(OURS)}


def test_every_route_of_ours_has_a_row() -> None:
    assert our_routes() == set(MATRIX)


class Rollback(Exception):
    pass


@pytest.mark.django_db
def test_permission_matrix(world: World) -> None:
    objects = {
        "draft": reports.create_report(
            world.users["editor_a"],
            world.city_a,
            framework_id="singapore_index",
            year=2024,
            answers=example_answers("singapore_index"),
        ),
        "published": published_report(world),
    }
    clients = {role: api_for(world, role) for role in ROLES}
    failures = []
    for (method, template), row in sorted(MATRIX.items()):
        obj = objects.get(row.target)
        path = row.path or (template.replace("{id}", str(obj.pk)) if obj else template)
        for role in ROLES:
            try:
                with transaction.atomic():
                    status, body = clients[role].call(
                        method, path + row.query(obj), row.body(obj) if row.body else None
                    )
                    raise Rollback
            except Rollback:
                pass
            if status != row.expected[role]:
                failures.append(
                    f"{method} {template} as {role}: {status} (want {row.expected[role]}) {body!s:.200}"
                )
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
def test_catalogue_and_report_life(world: World) -> None:
    anon, editor = api_for(world, "anonymous"), api_for(world, "editor_a")
    status, body = anon.get("/frameworks/")
    assert status == 200 and {f["id"] for f in body} >= {"singapore_index", "resilience_self_assessment"}
    status, body = anon.get("/frameworks/singapore_index")
    assert status == 200 and body["form"]["sections"][0]["fields"][0]["id"] == "natural_areas"
    status, body = anon.get("/frameworks/nope")
    assert status == 404 and body["error"]["code"] == "not_found"
    status, body = editor.post(
        "/reports/",
        {
            "jurisdiction": "sao-paulo",
            "framework_id": "singapore_index",
            "year": 2024,
            "answers": {"natural_areas": "x"},
        },
    )
    assert status == 422 and body["error"]["details"][0]["loc"][:2] == ["answers", "natural_areas"]
    status, draft = editor.post(
        "/reports/", {"jurisdiction": "sao-paulo", "framework_id": "singapore_index", "year": 2024}
    )
    assert status == 201 and draft["state"] == "draft"
    status, body = api_for(world, "approver_a").post(
        f"/reports/{draft['id']}/transitions", {"action": "submit", "revision": draft["revision"]}
    )
    assert status == 422 and body["error"]["code"] == "checks_failed"
    published_report(world)
    status, body = anon.get("/jurisdictions/sao-paulo/reports")
    assert status == 200 and [r["state"] for r in body] == ["published"] and body[0]["score_total"] > 0
    status, body = editor.get("/jurisdictions/sao-paulo/reports")
    assert sorted(r["state"] for r in body) == ["draft", "published"]
