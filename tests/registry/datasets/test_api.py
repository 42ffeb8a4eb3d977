"""The datasets API routes × roles (each call rolled back, so every row starts from the same world), and a
round trip: refresh → accept → accept a sector → submit → the cross-check and the city's explanation."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction

from localaction.faces.api import api
from localaction.registry import services as registry
from localaction.registry.datasets import services
from localaction.registry.datasets.models import CrossCheck, Suggestion
from localaction.registry.inventories.models import Inventory
from tests.faces.api.conftest import api_for, assert_error_shape
from tests.factories import ROLES, World, ready_inventory
from tests.registry.datasets.conftest import load_all

BASE = "/api/v1"


@dataclass
class Site:
    draft: Inventory
    submitted: Inventory
    suggestion: Suggestion
    check: CrossCheck


def _codes(ok: int, **refused: int) -> dict[str, int]:
    short = dict(zip("AEBPRVD", ROLES, strict=True))
    out = dict.fromkeys(ROLES, ok)
    for letters, status in refused.items():
        for ch in letters:
            out[short[ch]] = status
    return out


EDIT = _codes(200, A=401, B=404, RVD=403)
Call = Callable[[Site], tuple[str, Any]]  # → (path, body)
ROWS: dict[tuple[str, str], tuple[Call, dict[str, int]]] = {
    ("GET", "/datasets"): (lambda s: ("/datasets", None), _codes(200)),
    ("GET", "/inventories/{id}/suggestions"): (
        lambda s: (f"/inventories/{s.draft.pk}/suggestions", None),
        _codes(200, AB=404),
    ),
    ("POST", "/inventories/{id}/suggestions/refresh"): (
        lambda s: (f"/inventories/{s.draft.pk}/suggestions/refresh", {}),
        EDIT,
    ),
    ("POST", "/suggestions/{id}/accept"): (
        lambda s: (f"/suggestions/{s.suggestion.pk}/accept", {"revision": s.draft.revision}),
        EDIT,
    ),
    ("POST", "/suggestions/{id}/reject"): (lambda s: (f"/suggestions/{s.suggestion.pk}/reject", None), EDIT),
    ("POST", "/inventories/{id}/suggestions/accept-sector"): (
        lambda s: (
            f"/inventories/{s.draft.pk}/suggestions/accept-sector",
            {"sector": "III", "revision": s.draft.revision},
        ),
        EDIT,
    ),
    ("GET", "/inventories/{id}/cross-check"): (
        lambda s: (f"/inventories/{s.submitted.pk}/cross-check", None),
        _codes(200, AB=404),
    ),
    ("POST", "/inventories/{id}/cross-check"): (
        lambda s: (f"/inventories/{s.submitted.pk}/cross-check", None),
        _codes(200, A=401, B=404),
    ),
    ("POST", "/cross-checks/{id}/explain"): (
        lambda s: (f"/cross-checks/{s.check.pk}/explain", {"explanation": "Fuel sold inside the city only."}),
        _codes(200, A=401, B=404, RVD=403),
    ),
}
# (method, full path) → rows: the shape tests/faces/api/test_permission_matrix.py subtracts.
MATRIX = {(method, BASE + path): row for (method, path), row in ROWS.items()}


def test_every_datasets_route_has_a_row() -> None:
    schema = api.get_openapi_schema()["paths"]
    mine = {
        (m.upper(), p)
        for p, ops in schema.items()
        for m in ops
        if any(k in p for k in ("/datasets", "/suggestions", "/cross-check"))
    }
    assert mine == set(MATRIX)


def _site(world: World, tmp: Path) -> Site:
    load_all(tmp)
    draft = registry.create_inventory(world.users["editor_a"], world.city_a, year=2022, population=4_620_000)
    prefill = services.refresh(world.users["editor_a"], draft)
    suggestion = next(s for s in prefill.suggestions if s.gpc_ref == "III.1.1")
    sub = ready_inventory(world, 2022)
    sub = registry.submit(world.users["approver_a"], sub, revision=sub.revision)
    draft.refresh_from_db()
    return Site(draft, sub, suggestion, CrossCheck.objects.filter(inventory=sub).first())  # type: ignore[arg-type]


class Rollback(Exception):
    pass


@pytest.mark.django_db
def test_matrix(world: World, tmp_path: Path) -> None:
    site = _site(world, tmp_path)
    clients = {role: api_for(world, role) for role in ROLES}
    failures = []
    for (method, _path), (build, expected) in ROWS.items():
        path, body = build(site)
        for role in ROLES:
            try:
                with transaction.atomic():
                    status, payload = clients[role].call(method, path, body)
                    raise Rollback
            except Rollback:
                pass
            if status != expected[role]:
                failures.append(
                    f"{method} {path} as {role}: {status} (want {expected[role]}) {str(payload)[:200]}"
                )
            elif status >= 400:
                assert_error_shape(payload)
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
def test_round_trip(world: World, tmp_path: Path) -> None:
    load_all(tmp_path)
    ed = api_for(world, "editor_a")
    status, inv = ed.post("/inventories/", {"jurisdiction": "sao-paulo", "year": 2022, "population": 4620000})
    assert status == 201, inv
    status, body = ed.post(f"/inventories/{inv['id']}/suggestions/refresh", {})
    assert status == 200, body
    by_ref = {s["gpc_ref"]: s for s in body["suggestions"]}
    assert (
        by_ref["I.3.1"]["method"]
        == "national 1.A.2 manufacturing industries and construction × city population share 2.31 %"
    )
    status, done = ed.post(f"/suggestions/{by_ref['II.1.1']['id']}/accept", {"revision": body["revision"]})
    assert status == 200 and done["suggestion"]["status"] == "accepted", done
    status, stale = ed.post(f"/suggestions/{by_ref['I.3.1']['id']}/accept", {"revision": body["revision"]})
    assert status == 409 and stale["error"]["code"] == "stale_version"
    status, sector = ed.post(
        f"/inventories/{inv['id']}/suggestions/accept-sector",
        {"sector": "III", "revision": done["inventory_revision"]},
    )
    assert status == 200 and [s["gpc_ref"] for s in sector["accepted"]] == ["III.1.1", "III.4.1"], sector
    status, again = ed.post(f"/suggestions/{by_ref['III.1.1']['id']}/reject")
    assert status == 409 and again["error"]["code"] == "invalid_transition"
    status, lines = ed.get(f"/inventories/{inv['id']}/lines")
    line = next(ln for ln in lines if ln["gpc_ref"] == "III.1.1")
    assert line["value_tco2e"] == pytest.approx(693_000) and line["source"].startswith("UNFCCC CRF")
    status, check = ed.get(f"/inventories/{inv['id']}/cross-check")
    assert status == 200 and check["run"] is None  # a draft: not submitted yet
    status, run = ed.post(f"/inventories/{inv['id']}/cross-check")
    assert status == 200 and run["trigger"] == "on_demand"
    subjects = {c["subject"] for c in run["comparisons"]}
    assert subjects == {"sector:II", "sector:III"}  # I.3.1 is still empty: not compared
