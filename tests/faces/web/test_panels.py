"""Features plug panels into the jurisdiction page and nav links into the layout without editing the views."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import Client

from localaction.faces.web import panels
from localaction.registry.base.models import Jurisdiction


@pytest.fixture
def extra_panel() -> Iterator[None]:
    saved = (list(panels.JURISDICTION_PANELS), list(panels.NAV_ITEMS))
    panels.register_jurisdiction_panel(
        panels.Panel(
            key="test-panel",
            title="Test panel",
            template="web/partials/panel_text.html",
            context=lambda request, jur: {"text": f"panel for {jur.name}"} if jur.slug == "shown" else None,
        )
    )
    panels.register_nav_item(panels.NavItem("web:factors", "Extra link", visible=lambda request: True))
    yield
    panels.JURISDICTION_PANELS[:], panels.NAV_ITEMS[:] = saved


@pytest.mark.django_db
def test_a_registered_panel_and_nav_item_render(extra_panel: None) -> None:
    Jurisdiction.objects.create(name="Shown", name_ascii="Shown", slug="shown", kind="city", country="BR")
    Jurisdiction.objects.create(name="Hidden", name_ascii="Hidden", slug="hidden", kind="city", country="BR")
    client = Client()
    shown = client.get("/jurisdictions/shown/")
    assert shown.status_code == 200
    assert [p["key"] for p in shown.context["panels"]] == ["test-panel"]
    assert b'id="test-panel"' in shown.content and b"panel for Shown" in shown.content
    assert b"Extra link" in shown.content
    hidden = client.get("/jurisdictions/hidden/")
    assert hidden.context["panels"] == []
