"""The back-office: secretariat admins only, no deletes, audit log read-only."""

from __future__ import annotations

from django.test import Client

from localaction.registry.base.models import AuditEntry
from tests.factories import World


def test_admin_back_office(world: World, client: Client) -> None:
    admin_user = world.users["admin"]
    client.force_login(admin_user)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/registry/jurisdiction/").status_code == 200
    entry = AuditEntry.objects.first()
    assert client.get(f"/admin/registry/auditentry/{entry.pk}/change/").status_code == 200
    assert client.get(f"/admin/registry/auditentry/{entry.pk}/delete/").status_code == 403
    assert client.post("/admin/registry/auditentry/add/", {}).status_code == 403
    r = client.post(
        f"/admin/registry/jurisdiction/{world.city_a.pk}/change/",
        {
            "slug": "sao-paulo",
            "name": "São Paulo",
            "name_ascii": "Sao Paulo",
            "kind": "city",
            "country": "BR",
            "subdivision": "BR-SP",
            "unlocode": "BRSAO",
            "region": "Latin America",
            "climate_zone": "",
            "latitude": "",
            "longitude": "",
        },
    )
    assert r.status_code == 302, r.content[:2000]
    last = AuditEntry.objects.order_by("-id").first()
    assert last.action == "admin_change" and last.after == {"region": "Latin America", "revision": 2}


def test_admin_refuses_others(world: World, client: Client) -> None:
    for role in ("editor_a", "reviewer"):
        user = world.users[role]
        user.is_staff = True  # even with staff status, only secretariat admins get in
        user.save()
        client.force_login(user)
        assert client.get("/admin/registry/jurisdiction/").status_code == 403
    client.logout()
    assert client.get("/admin/registry/jurisdiction/").status_code == 302
