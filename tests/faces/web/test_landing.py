"""After sign-in each role lands on its own page, not an empty workspace."""

from __future__ import annotations

from django.urls import reverse

from localaction.registry.base.access import SYSTEM
from localaction.registry.network.models import Network, NetworkCoordinator
from localaction.registry.tap import services as tap
from tests.faces.web.conftest import Site


def test_each_role_lands_on_its_page(site: Site) -> None:
    expected = {
        "editor_a": reverse("web:workspace"),
        "approver_a": reverse("web:workspace"),
        "reviewer": reverse("web:review"),
        "admin": reverse("web:review"),
    }
    for role, where in expected.items():
        r = site.client(role).get(reverse("web:landing"))
        assert (r.status_code, r["Location"]) == (302, where), role
    assert site.client("anonymous").get(reverse("web:landing"))["Location"].startswith(reverse("web:login"))


def test_funder_partner_and_coordinator_land_on_theirs(site: Site) -> None:
    from localaction.registry import services

    make = lambda name: services.create_user(SYSTEM, name, password=None, check_password=False)  # noqa: E731
    funder, partner, coordinator = make("bank"), make("partner"), make("coord")
    tap.grant(SYSTEM, funder, "funder", "A bank")
    tap.grant(SYSTEM, partner, "partner", "A company")
    net = Network.objects.create(slug="eco", name="EcoMobility")
    NetworkCoordinator.objects.create(network=net, user=coordinator)
    for user, where in ((funder, "tap:portal"), (partner, "gateway:mine"), (coordinator, "network:networks")):
        client = site.client("anonymous")
        client.force_login(user)
        assert client.get(reverse("web:landing"))["Location"] == reverse(where), user.username
