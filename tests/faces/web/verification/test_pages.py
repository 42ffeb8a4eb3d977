"""The pages of issue 18: the four-eyes note and override on the workflow buttons, the verification rounds
through the web, the public "verified by … under statement …" and "published by override: …" lines, the
statement downloads, and a Content-Security-Policy header on every page."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client
from django.urls import reverse

from localaction.registry import services
from localaction.registry.base.models import State
from localaction.registry.inventories.models import Inventory
from localaction.registry.verification.models import Assignment, Finding
from tests.faces.web.conftest import Site

pytestmark = pytest.mark.django_db


def _validated(site: Site, validator: str = "reviewer") -> Inventory:
    inv = services.submit(site.user("approver_a"), site.draft, revision=site.draft.revision)
    return services.validate(site.user(validator), inv, revision=inv.revision)


def test_four_eyes_on_the_review_desk_and_the_override_in_public(site: Site) -> None:
    inv = _validated(site, validator="admin")
    desk = reverse("web:review_detail", args=["inventory", inv.pk])
    reviewer_page = site.client("reviewer").get(desk).content.decode()
    assert 'name="override_reason"' not in reviewer_page  # the reviewer may publish: nothing to override
    admin = site.client("admin")
    page = admin.get(desk).content.decode()
    assert "someone else must publish it" in page
    act = reverse("web:act", args=["inventory", inv.pk])
    ask = admin.post(act, {"action": "publish", "revision": inv.revision}).content.decode()  # asks first
    assert "someone else must publish it" in ask and 'name="override_reason"' in ask
    inv.refresh_from_db()
    assert inv.state == State.VALIDATED
    refused = admin.post(act, {"action": "publish", "revision": inv.revision, "confirmed": "1"}, follow=True)
    assert refused.status_code == 200 and "four eyes" in refused.content.decode()
    inv.refresh_from_db()
    assert inv.state == State.VALIDATED
    reason = "Only one reviewer this week; the council vote is public."
    admin.post(
        act, {"action": "publish", "revision": inv.revision, "override_reason": reason, "confirmed": "1"}
    )
    inv.refresh_from_db()
    assert inv.state == State.PUBLISHED
    public = Client().get(reverse("web:inventory", args=[inv.pk])).content.decode()
    assert f"Published by override: {reason}" in public


def test_verification_rounds_through_the_pages_then_public_lines_and_downloads(site: Site) -> None:
    inv = _validated(site)
    here = reverse("verification:version", args=["inventory", inv.pk])
    desk = site.client("reviewer")
    assert "Assign this verifier" in desk.get(here).content.decode()
    step = lambda name, pk: reverse("verification:step", args=[name, pk])  # noqa: E731
    desk.post(
        step("assign", inv.pk), {"kind": "inventory", "verifier": site.user("verifier").pk, "back": here}
    )
    a = Assignment.objects.get()
    ver = site.client("verifier")
    assert "Record my declaration" in ver.get(here).content.decode()
    ver.post(step("declare", a.pk), {"has_conflict": "no", "declaration": "", "revision": a.revision})
    ver.post(step("raise", a.pk), {"kind": "clarification", "target": "line", "target_ref": "I.1.1",
                                   "text": "Which utility supplied I.1.1?"})  # fmt: skip
    city = site.client("editor_a")
    assert "Which utility" not in city.get(here).content.decode()  # not sent yet
    ver.post(step("issue", a.pk))
    page = city.get(here).content.decode()
    assert "Which utility" in page and "Send the answer" in page
    f = Finding.objects.get()
    city.post(step("answer", f.pk), {"text": "Distribuidora's billing data.", "revision": f.revision})
    f.refresh_from_db()
    ver.post(step("close", f.pk), {"note": "Confirmed.", "revision": f.revision})
    a.refresh_from_db()
    ver.post(step("complete", a.pk), {
        "scope": "The 2022 inventory, every BASIC+ line", "criteria": "GPC v1.1 (2021)",
        "level_of_assurance": "limited", "materiality_percent": "5", "opinion": "unmodified",
        "opinion_text": "Fairly presented.", "revision": a.revision,
    })  # fmt: skip
    a.refresh_from_db()
    assert a.state == "completed"
    ref = a.statement.reference
    txt = reverse("verification:statement", args=[ref, "txt"])
    assert Client().get(txt).status_code == 404  # not public before the version is
    assert city.get(txt).status_code == 200
    inv.refresh_from_db()
    ver.post(
        reverse("web:act", args=["inventory", inv.pk]),
        {"action": "verify", "revision": inv.revision, "confirmed": "1"},
    )
    inv.refresh_from_db()
    assert inv.state == State.VERIFIED
    site.client("admin").post(
        reverse("web:act", args=["inventory", inv.pk]),
        {"action": "publish", "revision": inv.revision, "confirmed": "1"},
    )
    inv.refresh_from_db()
    assert inv.state == State.PUBLISHED
    public = Client().get(reverse("web:inventory", args=[inv.pk])).content.decode()
    assert re.search(rf"Verified by verifier on \d{{4}}-\d{{2}}-\d{{2}} under statement {ref}", public)
    body = Client().get(txt)
    assert body.status_code == 200 and body["Content-Disposition"] == f'attachment; filename="{ref}.txt"'
    text = body.content.decode()
    assert (
        "Level of assurance: Limited assurance" in text
        and "CL 1" in text
        and "No conflict of interest." in text
    )
    doc = json.loads(Client().get(reverse("verification:statement", args=[ref, "json"])).content)
    assert doc["reference"] == ref and doc["submission"]["id"] == inv.pk and doc["opinion"] == "unmodified"


def test_a_refused_step_comes_back_as_a_message(site: Site) -> None:
    inv = _validated(site)
    here = reverse("verification:version", args=["inventory", inv.pk])
    desk = site.client("reviewer")
    r = desk.post(reverse("verification:step", args=["assign", inv.pk]),
                  {"kind": "inventory", "verifier": site.user("editor_b").pk, "back": here}, follow=True)  # fmt: skip
    assert r.status_code == 200 and "is not a verifier" in r.content.decode()
    assert not Assignment.objects.exists()


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/jurisdictions/sao-paulo/",
        "/accounts/login/",
        "/admin/login/",
        "/api/v1/jurisdictions",
        "/nope/",
    ],
)
def test_every_page_carries_a_content_security_policy(site: Site, path: str) -> None:
    response = Client().get(path)
    policy = response["Content-Security-Policy"]
    assert (
        "default-src 'self'" in policy
        and "object-src 'none'" in policy
        and "frame-ancestors 'none'" in policy
    )
    assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";", 1)[0]
    assert "unsafe-eval" not in policy


def test_the_inline_script_carries_the_pages_nonce(site: Site) -> None:
    response = Client().get("/")
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])
    assert nonce is not None
    html = response.content.decode()
    scripts = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)([^>]*)>", html)
    assert scripts and all(f'nonce="{nonce.group(1)}"' in attrs for attrs in scripts)
