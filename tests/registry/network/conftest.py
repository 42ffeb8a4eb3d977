"""Network test fixtures: the registry's two cities and seven roles, plus a network coordinator, both cities
as members with a contact, an open network (Seoul in it, coordinated), a network by invitation, a
performance partnership and an unread notification."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.test import Client

from localaction.registry import services
from localaction.registry.base.access import SYSTEM
from localaction.registry.base.models import User
from localaction.registry.network.models import Contact, Member, Network, Notification, Partnership
from localaction.registry.network.services import members, networks
from tests.factories import ROLES, World, make_world

NET_ROLES = (*ROLES, "coordinator")


@dataclass
class NetSite:
    world: World
    member_a: Member
    member_b: Member
    contact: Contact
    open_net: Network
    closed_net: Network
    partnership: Partnership
    note: Notification

    def user(self, role: str) -> User | None:
        return self.world.users[role]

    def client(self, role: str) -> Client:
        client = Client()
        user = self.world.users[role]
        if user is not None:
            client.force_login(user)
        return client


def build(world: World) -> NetSite:
    a, b = world.city_a, world.city_b
    world.users["coordinator"] = services.create_user(SYSTEM, "coordinator")
    office = members.create_office(SYSTEM, code="world", name="World Secretariat", kind="world")
    ma = members.admit_member(
        SYSTEM, a, level="basic_global", status="active", start_date=dt.date(2015, 1, 1), office=office
    )
    mb = members.admit_member(
        SYSTEM, b, level="advanced_global", status="active", start_date=dt.date(2020, 1, 1)
    )
    contact = members.save_contact(world.users["editor_a"], a, name="Ana", role="mayor", languages=["pt"])
    open_net = networks.create_network(SYSTEM, slug="ecomobility", name="EcoMobility", agenda="ecomobile")
    networks.add_coordinator(SYSTEM, open_net, world.users["coordinator"])
    networks.join(world.users["editor_b"], open_net, b, today=dt.date(2025, 1, 1))
    closed = networks.create_network(
        SYSTEM, slug="flood-worknet", name="Floods", kind="worknet", is_open=False
    )
    p = networks.create_partnership(
        SYSTEM,
        mentor=b,
        partner=a,
        theme="Buses",
        goal="Electric buses",
        baseline=0,
        target=50,
        start_date=dt.date(2025, 1, 1),
    )
    note = Notification.objects.order_by("-id").first()
    assert note is not None
    return NetSite(world, ma, mb, contact, open_net, closed, p, note)


@pytest.fixture
def net(db: None) -> NetSite:
    return build(make_world())
