"""Every TAP and gateway page × every role (city, secretariat, TAP reviewer, funder, partner, anonymous).
The table must name every route of ``tap`` and ``gateway``: a new route without a row fails
``test_every_route_has_a_row``. GET requests; POST-only routes answer 405 to a signed-in GET.
Invisible things are 404 (never revealed); visible but not allowed is 403."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from localaction.registry.tap import services
from tests.access import check_table, run_matrix
from tests.registry.tap.conftest import ROLES, Tap


def status(default: int, anonymous: int = 302, **per_role: int) -> dict[str, int]:
    return {r: per_role.get(r, default) for r in ROLES} | {"anonymous": anonymous}


def only(ok: int, roles: str, other: int, anonymous: int = 302) -> dict[str, int]:
    return status(other, anonymous, **dict.fromkeys(roles.split(), ok))


DESK = "reviewer admin tap_reviewer"
FUNDERS = "funder funder_2"
CITY_A = "editor_a approver_a"
POST_ONLY = status(405)
Case = tuple[Callable[[Tap], str], dict[str, int]]
TABLE: dict[str, list[Case]] = {
    "tap:portal": [
        (lambda t: reverse("tap:portal") + "?sector=I&size=medium", only(200, f"{DESK} {FUNDERS}", 403))
    ],
    "tap:save_search": [(lambda t: reverse("tap:save_search"), POST_ONLY)],
    "tap:sheet": [
        (lambda t: reverse("tap:sheet", args=[t.draft.pk]), only(200, CITY_A, 404)),
        (lambda t: reverse("tap:sheet", args=[t.submitted.pk]), only(200, f"{CITY_A} {DESK}", 404)),
        (lambda t: reverse("tap:sheet", args=[t.pipeline.pk]), only(200, f"{CITY_A} {DESK} {FUNDERS}", 404)),
    ],
    "tap:interest": [(lambda t: reverse("tap:interest", args=[t.pipeline.pk]), POST_ONLY)],
    "tap:edit": [
        (lambda t: reverse("tap:edit", args=[t.draft.pk]), only(200, CITY_A, 404)),
        (lambda t: reverse("tap:edit", args=[t.pipeline.pk]), only(403, f"{CITY_A} {DESK} {FUNDERS}", 404)),
    ],
    "tap:act": [(lambda t: reverse("tap:act", args=[t.draft.pk]), POST_ONLY)],
    "tap:review": [
        (
            lambda t: reverse("tap:review", args=[t.submitted.pk]),
            only(200, DESK, 404, **{}) | dict.fromkeys(CITY_A.split(), 403),
        )
    ],
    "tap:attachment": [
        (lambda t: reverse("tap:attachment", args=[t.draft.attachments.get().pk]), only(200, CITY_A, 404))
    ],
    "tap:mine": [(lambda t: reverse("tap:mine"), only(200, f"{CITY_A} editor_b", 403))],
    "tap:new": [(lambda t: reverse("tap:new", args=["sao-paulo"]), only(200, CITY_A, 403))],
    "tap:desk": [(lambda t: reverse("tap:desk"), only(200, DESK, 403))],
    "gateway:search": [(lambda t: reverse("gateway:search") + "?q=heat", status(200, 200))],
    "gateway:detail": [
        (lambda t: reverse("gateway:detail", args=[t.approved.pk]), status(200, 200)),
        (
            lambda t: reverse("gateway:detail", args=[t.partner_draft.pk]),
            only(200, "partner", 404, anonymous=404),
        ),
    ],
    "gateway:edit": [
        (lambda t: reverse("gateway:edit", args=[t.partner_draft.pk]), only(200, "partner", 404))
    ],
    "gateway:act": [(lambda t: reverse("gateway:act", args=[t.approved.pk]), POST_ONLY)],
    "gateway:new": [(lambda t: reverse("gateway:new"), only(200, "partner partner_2 reviewer admin", 403))],
    "gateway:mine": [(lambda t: reverse("gateway:mine"), only(200, "partner partner_2 reviewer admin", 403))],
    "gateway:queue": [(lambda t: reverse("gateway:queue"), only(200, "reviewer admin", 403))],
}


def test_every_route_has_a_row() -> None:
    assert check_table(TABLE, ROLES, ["tap", "gateway"]) == []


@pytest.mark.django_db
def test_route_role_matrix(tap: Tap, settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path)
    services.add_attachment(tap.users["editor_a"], tap.draft, SimpleUploadedFile("budget.pdf", b"%PDF-1.4"))
    assert run_matrix(TABLE, tap, ROLES, tap.client) == []


@pytest.mark.django_db
def test_a_funder_never_sees_another_funders_interest_on_the_sheet(tap: Tap) -> None:
    url = reverse("tap:sheet", args=[tap.pipeline.pk])
    assert "Funder two&#x27;s secret terms" not in tap.client("funder").get(url).content.decode()
    assert "Funder two&#x27;s secret terms" in tap.client("editor_a").get(url).content.decode()
    assert "Funder two&#x27;s secret terms" in tap.client("funder_2").get(url).content.decode()


@pytest.mark.django_db
def test_posts_follow_the_rules(tap: Tap) -> None:
    act = reverse("tap:act", args=[tap.submitted.pk])
    body = {"action": "screen", "revision": tap.submitted.revision}
    assert tap.client("funder").post(act, body).status_code == 404  # not visible to funders
    assert tap.client("editor_a").post(act, body).status_code == 403
    interest = reverse("tap:interest", args=[tap.pipeline.pk])
    assert tap.client("editor_a").post(interest, {"message": "x"}).status_code == 403
    assert tap.client("funder").post(interest, {"instrument": "grant", "message": "hi"}).status_code == 302
    gact = reverse("gateway:act", args=[tap.partner_draft.pk])
    assert tap.client("partner_2").post(gact, {"action": "submit", "revision": 1}).status_code == 404
    assert tap.client("partner").post(gact, {"action": "approve", "revision": 1}).status_code == 403


@pytest.mark.django_db
def test_partners_see_only_their_own_until_approved(tap: Tap) -> None:
    search = reverse("gateway:search")
    assert "Partner draft idea" in tap.client("partner").get(reverse("gateway:mine")).content.decode()
    for role in ("partner_2", "anonymous", "funder", "editor_a"):
        page = tap.client(role).get(search).content.decode()
        assert "Partner draft idea" not in page and "Heat shelters" in page


@pytest.mark.django_db
def test_saved_searches_are_private(tap: Tap) -> None:
    save = reverse("tap:save_search")
    assert tap.client("funder").post(save, {"name": "Big EUR", "query": "size=large"}).status_code == 302
    assert "Big EUR" in tap.client("funder").get(reverse("tap:portal")).content.decode()
    assert "Big EUR" not in tap.client("funder_2").get(reverse("tap:portal")).content.decode()
    assert tap.client("editor_a").post(save, {"name": "x", "query": ""}).status_code == 403


@pytest.mark.django_db
def test_ineligible_submission_shows_the_reasons(tap: Tap) -> None:
    p = tap.draft
    services.update_project(tap.users["editor_a"], p, p.revision, project_type="campaign")
    page = tap.client("approver_a").post(
        reverse("tap:act", args=[p.pk]), {"action": "submit", "revision": p.revision}, follow=True
    )
    assert "not eligible" in page.content.decode() and "infrastructure" in page.content.decode()
