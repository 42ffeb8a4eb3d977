"""One error path for the pages: every domain error a view lets through becomes a page with the status of
the one table and the next step (never a 500)."""

from __future__ import annotations

from django.urls import reverse

from localaction.registry import services
from tests.faces.web.conftest import Site


def test_published_version_opened_by_its_editor_offers_a_correction(site: Site) -> None:
    editor = site.client("editor_a")
    for name in ("upload", "record_new"):
        page = editor.get(reverse(f"web:{name}", args=[site.published.pk]))
        assert page.status_code == 409, name
        body = page.content.decode()
        assert "This version is published" in body and "Start a correction" in body
        assert 'name="action" value="open_correction"' in body
    # the button works: a new draft version, the published one untouched
    act = editor.post(
        reverse("web:act", args=["inventory", site.published.pk]), {"action": "open_correction"}
    )
    assert act.status_code == 302
    site.published.refresh_from_db()
    assert site.published.state == "published"


def test_a_submitted_version_says_who_has_it(site: Site) -> None:
    approver = site.user("approver_a")
    inv = services.submit(approver, site.draft, revision=site.draft.revision)
    page = site.client("editor_a").get(reverse("web:record_new", args=[inv.pk]))
    assert page.status_code == 409 and "with the secretariat for review" in page.content.decode()
    assert "Start a correction" not in page.content.decode()


def test_other_citys_editor_gets_403_and_anonymous_the_login(site: Site) -> None:
    assert site.client("editor_b").get(reverse("web:upload", args=[site.draft.pk])).status_code == 404
    page = site.client("anonymous").get(reverse("web:upload", args=[site.draft.pk]))
    assert page.status_code == 302 and reverse("web:login") in page["Location"]


def test_stale_edit_is_a_message_not_an_error_page(site: Site) -> None:
    editor = site.client("editor_a")
    url = reverse("web:line_edit", args=[site.draft.pk, "I.2.1"])
    page = editor.post(url, {"revision": site.draft.revision - 1, "notation_keys": ["NO"],
                             "explanation": "no commercial buildings"}, follow=True)  # fmt: skip
    assert page.status_code == 200
    assert any("revision" in str(m).lower() or "changed" in str(m).lower() for m in page.context["messages"])
