"""Every API route x every role: allowed or refused, as the access rules say. Routes are enumerated from the
ninja API object, so a new route without a row in MATRIX fails this test. Each call runs in a savepoint that
is rolled back, so every row starts from the same world."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from localaction.faces.api import api
from localaction.registry import services
from localaction.registry.actions.models import Action
from localaction.registry.base.models import Submission
from localaction.registry.hazards.models import HazardAssessment
from localaction.registry.inventories.models import Inventory
from localaction.registry.targets.models import Commitment, Target
from tests.faces.api.conftest import Api, api_for, assert_error_shape
from tests.factories import ROLES, World, published_inventory, ready_inventory
from tests.registry.datasets.test_api import MATRIX as DATASETS_MATRIX  # api/routers/datasets.py's own matrix
from tests.registry.frameworks.test_api import MATRIX as REPORTS_MATRIX  # framework_reports' own matrix
from tests.registry.insights.test_api import MATRIX as INSIGHTS_MATRIX  # api/routers/insights.py's own matrix
from tests.registry.network.test_api import MATRIX as NETWORK_MATRIX  # registry/network's own matrix
from tests.registry.tap.test_api import (
    MATRIX as TAP_MATRIX,  # api/routers/tap.py and solutions.py: their own matrix
)
from tests.registry.targets.test_api import (
    MATRIX as PROGRESS_MATRIX,  # api/routers/targets_progress.py's own matrix
)

A, E, B, P, R, V, D = ROLES  # anonymous, editor_a, editor_b, approver_a, reviewer, verifier, admin


def codes(ok: int, **refused: int) -> dict[str, int]:
    """Expected status per role: ``ok`` unless the role is named (by its short letter)."""
    short = dict(zip("AEBPRVD", ROLES, strict=True))
    out = {role: ok for role in ROLES}
    for letter, status in refused.items():
        for ch in letter:
            out[short[ch]] = status
    return out


PUBLIC = codes(200)
DRAFT_READ = codes(200, AB=404)
MEMBERS = codes(200, A=401, B=404)  # members of A and the secretariat
EDIT = codes(200, A=401, B=404, RVD=403)
CREATE = codes(201, A=401, BRVD=403)
SUBMIT = codes(200, A=401, B=404, ERVD=403)
CORRECT = codes(201, A=401, BRVD=403)


@dataclass
class Row:
    target: str  # "draft" | "published" | "" (no object)
    expected: dict[str, int]
    params: dict[str, str] | None = None  # path parameters other than {id}
    body: Callable[[Submission | None], Any] | None = None
    query: Callable[[Submission | None], str] = lambda obj: ""
    multipart: bool = False


CREATE_BODY: dict[str, dict[str, Any]] = {
    "inventories": {"year": 2023},
    "targets": {"kind": "net_zero", "target_year": 2050},
    "commitments": {"kind": "other", "title": "Plant trees"},
    "actions": {"title": "Bus lanes", "action_type": "mitigation"},
    "hazards": {"hazard_type": "Extreme hot temperature"},
}
EDIT_FIELD = {
    "inventories": ("boundary", "city"),
    "targets": ("title", "x"),
    "commitments": ("title", "y"),
    "actions": ("title", "z"),
    "hazards": ("description", "w"),
}
MODELS: dict[str, type[Submission]] = {
    "inventories": Inventory,
    "targets": Target,
    "commitments": Commitment,
    "actions": Action,
    "hazards": HazardAssessment,
}


def _rev(obj: Submission | None) -> int:
    assert obj is not None
    return type(obj).objects.get(pk=obj.pk).revision  # type: ignore[attr-defined,no-any-return]


def _matrix() -> dict[tuple[str, str], Row]:
    m: dict[tuple[str, str], Row] = {
        ("GET", "/api/v1/ping"): Row("", PUBLIC),
        ("GET", "/api/v1/jurisdictions/"): Row("", PUBLIC),
        ("GET", "/api/v1/jurisdictions/{ref}"): Row("", PUBLIC, params={"ref": "sao-paulo"}),
    }
    for kind in MODELS:
        base = f"/api/v1/{kind}"
        field, value = EDIT_FIELD[kind]
        m |= {
            ("GET", f"{base}/"): Row("", PUBLIC),
            ("POST", f"{base}/"): Row(
                "", CREATE, body=lambda o, k=kind: {"jurisdiction": "sao-paulo", **CREATE_BODY[k]}
            ),
            ("GET", f"{base}/{{id}}"): Row("draft", DRAFT_READ),
            ("PATCH", f"{base}/{{id}}"): Row(
                "draft", EDIT, body=lambda o, f=field, v=value: {"revision": _rev(o), f: v}
            ),
            ("DELETE", f"{base}/{{id}}"): Row(
                "draft", codes(204, A=401, B=404, RVD=403), query=lambda o: f"?revision={_rev(o)}"
            ),
            ("POST", f"{base}/{{id}}/transitions"): Row(
                "draft", SUBMIT, body=lambda o: {"action": "submit", "revision": _rev(o), "declare": True}
            ),
            ("POST", f"{base}/{{id}}/corrections"): Row("published", CORRECT, body=lambda o: {}),
            ("GET", f"{base}/{{id}}/comments"): Row("draft", MEMBERS),
            ("POST", f"{base}/{{id}}/comments"): Row(
                "draft", codes(201, A=401, B=404), body=lambda o: {"body": "looks good"}
            ),
        }
    inv = "/api/v1/inventories/{id}"
    m |= {
        ("GET", f"{inv}/lines"): Row("draft", DRAFT_READ),
        ("GET", f"{inv}/records"): Row("draft", DRAFT_READ),
        ("GET", f"{inv}/exports/{{kind}}"): Row(
            "draft_with_record", DRAFT_READ, params={"kind": "records"}, query=lambda o: "?format=xlsx"
        ),
        ("PUT", f"{inv}/lines/{{gpc_ref}}"): Row(
            "draft", EDIT, params={"gpc_ref": "I.1.1"}, body=lambda o: {"revision": _rev(o), "value_tco2e": 7}
        ),
        ("DELETE", f"{inv}/lines/{{gpc_ref}}"): Row(
            "draft", EDIT, params={"gpc_ref": "I.1.1"}, query=lambda o: f"?revision={_rev(o)}"
        ),
        ("PUT", f"{inv}/records/{{record_id}}"): Row(
            "draft",
            EDIT,
            params={"record_id": "r1"},
            body=lambda o: {
                "revision": _rev(o),
                "record": {
                    "gpc_ref": "I.1.1",
                    "method": "direct_entry",
                    "quantity": 1,
                    "unit": "t",
                    "activity": "CO2",
                },
            },
        ),
        ("DELETE", f"{inv}/records/{{record_id}}"): Row(
            "draft_with_record", EDIT, params={"record_id": "r0"}, query=lambda o: f"?revision={_rev(o)}"
        ),
        ("POST", f"{inv}/checks"): Row("draft", MEMBERS),
        ("POST", f"{inv}/import"): Row("draft", EDIT, multipart=True),
    }
    return m


MATRIX = _matrix()


def api_routes() -> set[tuple[str, str]]:
    schema = api.get_openapi_schema()
    return {(method.upper(), path) for path, ops in schema["paths"].items() for method in ops}


def test_every_route_has_a_row() -> None:
    routes = (
        api_routes()
        - set(PROGRESS_MATRIX)
        - set(REPORTS_MATRIX)
        - set(NETWORK_MATRIX)
        - set(INSIGHTS_MATRIX)
        - set(TAP_MATRIX)
        - set(DATASETS_MATRIX)
    )
    assert routes - set(MATRIX) == set(), "new routes need a row in MATRIX"
    assert set(MATRIX) - routes == set(), "MATRIX names routes that no longer exist"


def _publish(world: World, obj: Submission) -> Submission:
    obj = services.submit(world.users["approver_a"], obj, revision=obj.revision)
    obj = services.validate(world.users["reviewer"], obj, revision=obj.revision)
    return services.publish(world.users["admin"], obj, revision=obj.revision)  # four eyes


def _objects(world: World) -> dict[tuple[str, str], Submission]:
    ed = world.users["editor_a"]
    out: dict[tuple[str, str], Submission] = {
        ("inventories", "draft"): ready_inventory(world, 2021),
        ("inventories", "published"): published_inventory(world, 2019),
    }
    rec = ready_inventory(world, 2018)
    services.put_record(
        ed,
        rec,
        {
            "record_id": "r0",
            "gpc_ref": "I.1.1",
            "method": "direct_entry",
            "quantity": 1,
            "unit": "t",
            "activity": "CO2",
        },
        revision=rec.revision,
    )
    out[("inventories", "draft_with_record")] = rec
    for kind in ("targets", "commitments", "actions", "hazards"):
        draft = services.create_submission(ed, MODELS[kind], world.city_a, **CREATE_BODY[kind])
        out[(kind, "draft")] = draft
        out[(kind, "published")] = _publish(
            world, services.create_submission(ed, MODELS[kind], world.city_a, **CREATE_BODY[kind])
        )
    return out


LINES_CSV = (
    b"City,Year,gpc_ref,value_tco2e,notation_key\nSao Paulo,2021,I.1.1,10,\nSao Paulo,2021,I.2.1,,NO\n"
)


def _call(client: Api, method: str, template: str, row: Row, obj: Submission | None) -> tuple[int, Any]:
    path = template
    if obj is not None:
        path = path.replace("{id}", str(obj.pk))
    for name, value in (row.params or {}).items():
        path = path.replace("{" + name + "}", value)
    path += row.query(obj)
    if row.multipart:
        upload = SimpleUploadedFile("lines.csv", LINES_CSV, content_type="text/csv")
        response = client.client.post(
            path, {"revision": _rev(obj), "kind": "lines", "file": upload}, **client.headers
        )
        return response.status_code, response.json()
    body = row.body(obj) if row.body else None
    return client.call(method, path, body)


class Rollback(Exception):
    pass


@pytest.mark.django_db
def test_permission_matrix(world: World) -> None:
    objects = _objects(world)
    clients = {role: api_for(world, role) for role in ROLES}
    failures = []
    for (method, template), row in sorted(MATRIX.items()):
        kind = template.split("/")[3]
        for role in ROLES:
            obj = objects.get((kind, row.target)) if row.target else None
            try:
                with transaction.atomic():
                    status, body = _call(clients[role], method, template, row, obj)
                    raise Rollback
            except Rollback:
                pass
            want = row.expected[role]
            if status != want:
                failures.append(f"{method} {template} as {role}: {status} (want {want}) {str(body)[:200]}")
            if status >= 400:
                assert_error_shape(body)
            if method == "GET" and status == 200 and isinstance(body, dict) and "items" in body:
                _assert_no_leak(world, role, body["items"], objects, kind)
    assert not failures, "\n".join(failures)


def _assert_no_leak(
    world: World, role: str, items: list[Any], objects: dict[Any, Submission], kind: str
) -> None:
    """The public and the other city never see city A's drafts in a list."""
    if role not in ("anonymous", "editor_b") or kind not in MODELS:
        return
    drafts = {o.pk for (k, t), o in objects.items() if k == kind and t != "published"}
    listed = {i["id"] for i in items}
    assert not drafts & listed, f"{role} sees drafts {drafts & listed} of {kind}"
    assert all(i["state"] == "published" for i in items)
