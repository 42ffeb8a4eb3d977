"""Every network page × every role (the registry's seven plus the network coordinator). The table must
name every route of ``localaction.faces.web.network.urls``: a new route without a row fails
``test_every_route_has_a_row``. GET requests; POST-only routes answer 405 to a signed-in GET."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.urls import reverse

from localaction.registry.network.models import Contact, NetworkMember
from tests.access import check_table, run_matrix
from tests.registry.network.conftest import NET_ROLES, NetSite

ALL_200 = dict.fromkeys(NET_ROLES, 200)
SIGNED_IN = {r: 200 for r in NET_ROLES if r != "anonymous"} | {"anonymous": 302}
POST_ONLY = {r: 405 for r in NET_ROLES if r != "anonymous"} | {"anonymous": 302}
SECRETARIAT = {
    "anonymous": 302,
    "editor_a": 403,
    "approver_a": 403,
    "editor_b": 403,
    "coordinator": 403,
    "reviewer": 200,
    "verifier": 200,
    "admin": 200,
}
COORDINATE = SECRETARIAT | {"coordinator": 200, "reviewer": 403, "verifier": 403}
OWN_A = {
    "anonymous": 302,
    "editor_a": 200,
    "approver_a": 200,
    "editor_b": 404,
    "coordinator": 404,
    "reviewer": 200,
    "verifier": 200,
    "admin": 200,
}
EDIT_OWN_A = OWN_A | {"reviewer": 403, "verifier": 403, "admin": 403}

Case = tuple[Callable[[NetSite], str], dict[str, int]]
_ROWS: dict[str, list[Case]] = {
    "networks": [(lambda s: reverse("network:networks"), ALL_200)],
    "network_new": [(lambda s: reverse("network:network_new"), SECRETARIAT)],
    "network": [(lambda s: reverse("network:network", args=["ecomobility"]), ALL_200)],
    "network_edit": [(lambda s: reverse("network:network_edit", args=["ecomobility"]), COORDINATE)],
    "network_join": [(lambda s: reverse("network:network_join", args=["ecomobility"]), POST_ONLY)],
    "network_leave": [(lambda s: reverse("network:network_leave", args=["ecomobility"]), POST_ONLY)],
    "network_invite": [(lambda s: reverse("network:network_invite", args=["ecomobility"]), POST_ONLY)],
    "network_post": [(lambda s: reverse("network:network_post", args=["ecomobility"]), POST_ONLY)],
    "peers": [(lambda s: reverse("network:peers", args=["sao-paulo"]), ALL_200)],
    "partners": [(lambda s: reverse("network:partners"), ALL_200)],
    "partner_new": [(lambda s: reverse("network:partner_new"), SECRETARIAT)],
    "partner": [(lambda s: reverse("network:partner", args=[s.partnership.pk]), ALL_200)],
    "partner_progress": [(lambda s: reverse("network:partner_progress", args=[s.partnership.pk]), POST_ONLY)],
    "members": [(lambda s: reverse("network:members"), SIGNED_IN)],
    "member": [(lambda s: reverse("network:member", args=["sao-paulo"]), OWN_A)],
    "contact_new": [(lambda s: reverse("network:contact_new", args=["sao-paulo"]), EDIT_OWN_A)],
    "contact": [(lambda s: reverse("network:contact", args=["sao-paulo", s.contact.pk]), EDIT_OWN_A)],
    "contact_delete": [
        (lambda s: reverse("network:contact_delete", args=["sao-paulo", s.contact.pk]), POST_ONLY)
    ],
    "confirm": [(lambda s: reverse("network:confirm", args=["sao-paulo"]), POST_ONLY)],
    "profile_edit": [(lambda s: reverse("network:profile_edit", args=["sao-paulo"]), EDIT_OWN_A)],
    "desk": [(lambda s: reverse("network:desk"), SECRETARIAT)],
    "notification_read": [(lambda s: reverse("network:notification_read", args=[s.note.pk]), POST_ONLY)],
}
TABLE = {f"network:{name}": cases for name, cases in _ROWS.items()}


def test_every_route_has_a_row() -> None:
    assert check_table(TABLE, NET_ROLES, ["network"]) == []


@pytest.mark.django_db
def test_route_role_matrix(net: NetSite) -> None:
    assert run_matrix(TABLE, net, NET_ROLES, net.client) == []


# POST route → (URL, body, status per role, what must not have changed when refused)
def _posts(s: NetSite) -> dict[str, tuple[str, dict[str, object], dict[str, int]]]:
    a = "sao-paulo"
    return {
        "network_join": (
            reverse("network:network_join", args=["ecomobility"]),
            {"jurisdiction": a},
            {
                "editor_a": 302,
                "approver_a": 302,
                "editor_b": 403,
                "coordinator": 403,
                "reviewer": 403,
                "admin": 403,
            },
        ),
        "network_leave": (
            reverse("network:network_leave", args=["ecomobility"]),
            {"jurisdiction": "seoul"},
            {"editor_b": 302, "editor_a": 403, "coordinator": 403, "admin": 403},
        ),
        "network_invite": (
            reverse("network:network_invite", args=["flood-worknet"]),
            {"jurisdiction": a},
            {"admin": 302, "coordinator": 403, "editor_a": 403, "reviewer": 403},
        ),
        "network_post": (
            reverse("network:network_post", args=["ecomobility"]),
            {"title": "t", "body": "b"},
            # São Paulo joined and Seoul left above: now editor_a may post, editor_b not
            {"coordinator": 302, "editor_a": 302, "editor_b": 403, "reviewer": 403},
        ),
        "contact_delete": (
            reverse("network:contact_delete", args=[a, s.contact.pk]),
            {"revision": 1},
            {"editor_b": 404, "reviewer": 403, "coordinator": 404, "editor_a": 302},
        ),
        "confirm": (
            reverse("network:confirm", args=[a]),
            {},
            {"editor_b": 404, "admin": 403, "approver_a": 302},
        ),
        "notification_read": (
            reverse("network:notification_read", args=[s.note.pk]),
            {},
            {"editor_a": 403, "coordinator": 403, "verifier": 302},
        ),
        "partner_progress": (
            reverse("network:partner_progress", args=[s.partnership.pk]),
            {"on": "2026-01-01", "note": "n"},
            {"coordinator": 403, "editor_b": 302, "editor_a": 302, "reviewer": 302},
        ),
    }


@pytest.mark.django_db
def test_posts_are_decided_by_the_access_rules(net: NetSite) -> None:
    problems = []
    for name, (url, body, expected) in _posts(net).items():
        for role, status in expected.items():
            got = net.client(role).post(url, body).status_code
            if got != status:
                problems.append(f"{role} POST {url} ({name}): {got}, expected {status}")
    assert not problems, "\n".join(problems)
    assert NetworkMember.objects.filter(
        jurisdiction=net.world.city_a, network=net.open_net, status="member"
    ).exists()
    assert not Contact.objects.filter(pk=net.contact.pk).exists()  # deleted once, by editor_a


@pytest.mark.django_db
def test_contact_form_saves_and_tells_the_secretariat(net: NetSite) -> None:
    url = reverse("network:contact", args=["sao-paulo", net.contact.pk])
    r = net.client("editor_a").post(
        url, {"name": "Ana Maria", "role": "mayor", "languages": "pt, en", "revision": net.contact.revision}
    )
    assert r.status_code == 302
    desk = net.client("reviewer").get(reverse("network:desk")).content.decode()
    assert "contact changed: Ana Maria" in desk
    stale = net.client("editor_a").post(url, {"name": "Old", "role": "mayor", "revision": 1})
    assert stale.status_code == 200 and "changed by someone else" in stale.content.decode()
    bad = net.client("editor_a").post(
        reverse("network:contact_new", args=["sao-paulo"]), {"name": "", "role": "x"}
    )
    assert bad.status_code == 200 and "errorlist" in bad.content.decode()
