"""Submitting an inventory carries the approver's declaration (stored with the submission's audit entry);
the separation of preparer and approver is the jurisdiction's setting, shown to its members and changed by its
approvers: a one-person city submits its own work, a team of two does not."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from localaction.registry import services
from localaction.registry.base.access import SYSTEM
from localaction.registry.base.models import AuditEntry
from localaction.registry.base.states import SUBMIT_DECLARATIONS
from localaction.registry.inventories.models import Inventory
from tests.faces.web.conftest import Site
from tests.factories import complete_lines

pytestmark = pytest.mark.django_db


def _submit(client: Client, inv: Inventory, **extra: str) -> Inventory:
    client.post(
        reverse("web:act", args=["inventory", inv.pk]),
        {"action": "submit", "revision": inv.revision, **extra},
    )
    return Inventory.objects.get(pk=inv.pk)


def test_submit_needs_the_declaration_and_stores_it(site: Site) -> None:
    approver = site.client("approver_a")
    page = approver.get(reverse("web:editor", args=[site.draft.pk])).content.decode()
    text = str(SUBMIT_DECLARATIONS["inventory"])
    assert 'name="declare" value="1" required' in page and text in page
    refused = _submit(approver, site.draft)
    assert refused.state == "draft"
    done = _submit(approver, site.draft, declare="1")
    assert done.state == "submitted"
    entry = AuditEntry.objects.get(action="submit", object_id=str(done.pk))
    assert entry.after["declaration"] == text and entry.actor == site.user("approver_a")
    assert services.declaration_of(done)["text"] == text  # type: ignore[index]
    shown = approver.get(reverse("web:editor", args=[done.pk])).content.decode()
    assert 'id="declaration"' in shown and text in shown


def test_declaration_goes_only_with_submit(site: Site) -> None:
    from localaction.core.errors import InputError

    inv = site.submitted
    assert inv is not None
    with pytest.raises(InputError):
        services.transition(
            site.user("reviewer"), inv, "validate", revision=inv.revision, declaration="I declare"
        )


def _one_person_city(password: str = "") -> tuple[Client, Inventory]:
    jur = services.create_jurisdiction(
        SYSTEM, name="Solo", name_ascii="Solo", slug="solo", kind="city", country="BR"
    )
    solo = services.create_user(SYSTEM, "solo_officer")
    services.grant_role(SYSTEM, solo, jur, "approver")
    inv = services.create_inventory(solo, jur, year=2022, population=10_000)
    inv = services.replace_contents(solo, inv, revision=inv.revision, lines=complete_lines())
    client = Client()
    client.force_login(solo)
    return client, inv


def test_a_one_person_city_submits_its_own_inventory() -> None:
    client, inv = _one_person_city()
    settings = client.get(reverse("web:jurisdiction_settings", args=["solo"])).content.decode()
    assert "Off now" in settings and "has 1 member" in settings
    editor = client.get(reverse("web:editor", args=[inv.pk])).content.decode()
    assert "does not separate preparer and approver" in editor
    assert _submit(client, inv, declare="1").state == "submitted"


def test_a_team_of_two_separates_preparer_and_approver_unless_it_turns_it_off(site: Site) -> None:
    approver = site.client("approver_a")
    own = services.create_inventory(site.user("approver_a"), site.world.city_a, year=2024, population=10)
    own = services.replace_contents(
        site.user("approver_a"), own, revision=own.revision, lines=complete_lines()
    )
    page = approver.get(reverse("web:jurisdiction_settings", args=["sao-paulo"])).content.decode()
    assert "On now." in page and 'value="default" checked' in page
    assert _submit(approver, own, declare="1").state == "draft"  # started by the approver: refused
    # an editor reads the setting but cannot change it
    editor = site.client("editor_a")
    assert (
        "Save the setting"
        not in editor.get(reverse("web:jurisdiction_settings", args=["sao-paulo"])).content.decode()
    )
    url = reverse("web:jurisdiction_settings", args=["sao-paulo"])
    rev = site.world.city_a.revision
    assert editor.post(url, {"separation": "off", "revision": rev}).status_code == 403
    assert site.client("reviewer").get(url).status_code == 403
    # the approver turns it off (audited) and can submit their own work
    assert approver.post(url, {"separation": "off", "revision": rev}).status_code == 302
    assert AuditEntry.objects.filter(action="set_separation").exists()
    assert "Off now" in approver.get(url).content.decode()
    assert _submit(approver, own, declare="1").state == "submitted"
    # a stale page changes nothing
    approver.post(url, {"separation": "on", "revision": rev})
    site.world.city_a.refresh_from_db()
    assert site.world.city_a.separate_preparer_approver is False
