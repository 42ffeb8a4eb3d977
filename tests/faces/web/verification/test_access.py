"""Every route of ``localaction.faces.web.verification.urls`` × every role (GET): a new route without a row
fails ``test_every_route_has_a_row``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from tests.access import check_table, run_matrix
from tests.faces.web.conftest import Site
from tests.factories import ROLES, complete_verification

ALL_200 = dict.fromkeys(ROLES, 200)
DESK = {"anonymous": 302, "editor_a": 403, "approver_a": 403, "editor_b": 403,
        "reviewer": 200, "verifier": 200, "admin": 200}  # fmt: skip
MEMBERS_OF_A = {"anonymous": 302, "editor_a": 200, "approver_a": 200, "editor_b": 404,
                "reviewer": 200, "verifier": 200, "admin": 200}  # fmt: skip
READERS_OF_A = MEMBERS_OF_A | {"anonymous": 404}
POST_ONLY = {r: 405 for r in ROLES if r != "anonymous"} | {"anonymous": 302}
SIGNED_IN = {r: 200 for r in ROLES if r != "anonymous"} | {"anonymous": 302}

Case = tuple[Callable[[Site, Any], str], dict[str, int]]
_ROWS: dict[str, list[Case]] = {
    "desk": [(lambda s, st: reverse("verification:desk"), DESK)],
    "version": [
        (lambda s, st: reverse("verification:version", args=["inventory", s.draft.pk]), MEMBERS_OF_A)
    ],
    "step": [(lambda s, st: reverse("verification:step", args=["declare", 1]), POST_ONLY)],
    "statement": [
        (lambda s, st: reverse("verification:statement", args=[st.reference, "txt"]), READERS_OF_A),
        (
            lambda s, st: reverse("verification:statement", args=["VS-999999", "json"]),
            dict.fromkeys(ROLES, 404),
        ),
    ],
    "password_reset": [(lambda s, st: reverse("verification:password_reset"), ALL_200)],
    "password_reset_done": [(lambda s, st: reverse("verification:password_reset_done"), ALL_200)],
    "password_reset_confirm": [
        (lambda s, st: reverse("verification:password_reset_confirm", args=["MQ", "bad-token"]), ALL_200)
    ],
    "password_reset_complete": [(lambda s, st: reverse("verification:password_reset_complete"), ALL_200)],
    "token_reset": [(lambda s, st: reverse("verification:token_reset"), ALL_200)],
    "token_reset_done": [(lambda s, st: reverse("verification:token_reset_done"), ALL_200)],
    "token_reset_confirm": [
        (
            lambda s, st: reverse("verification:token_reset_confirm", args=["MQ", "bad-token"]),
            dict.fromkeys(ROLES, 400),
        )
    ],
    "security": [(lambda s, st: reverse("verification:security"), DESK)],
    "otp": [(lambda s, st: reverse("verification:otp"), SIGNED_IN)],
}


# The runner gives each builder one object: here (site, statement).
TABLE = {
    f"verification:{name}": [(lambda w, build=build: build(*w), expected) for build, expected in cases]
    for name, cases in _ROWS.items()
}


def test_every_route_has_a_row() -> None:
    assert check_table(TABLE, ROLES, ["verification"]) == []


def test_route_role_matrix(site: Site) -> None:
    from localaction.registry import services

    inv = services.submit(site.user("approver_a"), site.draft, revision=site.draft.revision)
    inv = services.validate(site.user("reviewer"), inv, revision=inv.revision)
    st = complete_verification(site.world, inv)
    assert run_matrix(TABLE, (site, st), ROLES, site.client) == []


pytestmark = pytest.mark.django_db
