"""A coordinator sees "my networks" and invites a city by searching its name (any script, no slug typed)."""

from __future__ import annotations

from django.urls import reverse

from localaction.registry.network.models import NetworkMember
from tests.registry.network.conftest import NetSite


def test_my_networks_lists_what_ties_the_user_to_each(net: NetSite) -> None:
    page = net.client("coordinator").get(reverse("network:networks"))
    mine = page.context["mine"]
    assert [(m.network.slug, m.coordinating) for m in mine] == [("ecomobility", True)]
    assert "My networks" in page.content.decode()
    seoul = net.client("editor_b").get(reverse("network:networks")).context["mine"]
    assert [(m.network.slug, [j.slug for j in m.members]) for m in seoul] == [("ecomobility", ["seoul"])]
    assert net.client("anonymous").get(reverse("network:networks")).context["mine"] == []


def test_invite_by_name_search(net: NetSite) -> None:
    c = net.client("coordinator")
    url = reverse("network:network", args=["ecomobility"])
    page = c.get(url, {"invite_q": "sao paulo"})  # accents and case ignored
    assert [j.slug for j in page.context["candidates"]] == ["sao-paulo"]
    assert "Invite São Paulo" in page.content.decode()
    # Seoul is already a member: searching it in Hangul finds no one to invite
    assert net.client("coordinator").get(url, {"invite_q": "서울"}).context["candidates"] == []
    c.post(reverse("network:network_invite", args=["ecomobility"]), {"jurisdiction": "sao-paulo"})
    assert NetworkMember.objects.get(network=net.open_net, jurisdiction=net.world.city_a).status == "invited"
    assert c.get(url, {"invite_q": "sao"}).context["candidates"] == []  # invited: not offered again
    # someone who does not coordinate the network gets no search
    assert net.client("editor_a").get(url, {"invite_q": "seoul"}).context["candidates"] == []
