"""Deleting a draft asks first: the editor's button opens a page that says what goes; only its button deletes."""

from __future__ import annotations

import pytest
from django.urls import reverse

from localaction.registry.inventories.models import Inventory
from tests.faces.web.conftest import Site

pytestmark = pytest.mark.django_db


def test_deleting_a_draft_asks_first(site: Site) -> None:
    c = site.client("editor_a")
    confirm = reverse("web:submission_delete", args=["inventory", site.draft.pk])
    editor = c.get(reverse("web:editor", args=[site.draft.pk])).content.decode()
    assert f'href="{confirm}" data-action="delete"' in editor
    assert 'value="delete"' not in editor  # no one-click delete on the editor
    page = c.get(confirm)
    html = page.content.decode()
    assert page.status_code == 200 and "It holds 1 activity record." in html
    assert Inventory.objects.filter(pk=site.draft.pk).exists()  # asking deletes nothing
    assert reverse("web:editor", args=[site.draft.pk]) in html  # cancel goes back to the editor
    done = c.post(
        reverse("web:act", args=["inventory", site.draft.pk]),
        {"action": "delete", "revision": site.draft.revision},
    )
    assert done.status_code == 302 and done["Location"] == reverse("web:workspace")
    assert not Inventory.objects.filter(pk=site.draft.pk).exists()
    assert c.get(confirm).status_code == 404  # gone


def test_other_kinds_ask_first_too(site: Site) -> None:
    from localaction.registry.targets.models import Target

    c = site.client("editor_a")
    confirm = reverse("web:submission_delete", args=["target", site.target.pk])
    form = c.get(reverse("web:submission_edit", args=["target", site.target.pk])).content.decode()
    assert f'href="{confirm}"' in form
    page = c.get(confirm)
    assert page.status_code == 200 and "activity record" not in page.content.decode()
    c.post(
        reverse("web:act", args=["target", site.target.pk]),
        {"action": "delete", "revision": site.target.revision},
    )
    assert not Target.objects.filter(pk=site.target.pk).exists()
