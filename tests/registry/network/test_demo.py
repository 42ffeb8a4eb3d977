"""The association's demo data (registry/network/demo.py) on the demo jurisdictions: everything the pages
show is there, and loading twice changes nothing. The jurisdictions and the loader account are made here
as ``registry.demo`` makes them (without their inventories, to keep the test fast)."""

from __future__ import annotations

import pytest

from localaction.demo.accounts import LOADER
from localaction.demo.cities import CITIES
from localaction.demo.network import load_network_demo
from localaction.registry import services
from localaction.registry.base.access import SYSTEM
from localaction.registry.network.models import (
    Agreement,
    Contact,
    Member,
    MemberFee,
    Network,
    NetworkMember,
    Partnership,
    Post,
)
from localaction.registry.network.services import engagement, peers


@pytest.mark.django_db
def test_network_demo_loads_once() -> None:
    loader = services.create_user(SYSTEM, LOADER)
    for c in CITIES:
        j = services.create_jurisdiction(
            SYSTEM,
            name=c.name,
            slug=c.slug,
            kind=c.kind,
            country=c.country,
            region=c.region,
            climate_zone=c.climate_zone,
        )
        services.set_stat(SYSTEM, j, year=2022, population=c.population)
        services.grant_role(SYSTEM, loader, j, "approver")
    assert load_network_demo() is True
    counts = {
        m.__name__: m.objects.count()
        for m in (Member, MemberFee, Agreement, Contact, Network, NetworkMember, Partnership, Post)
    }
    assert counts == {
        "Member": 11,
        "MemberFee": 20,
        "Agreement": 10,
        "Contact": 3,
        "Network": 4,
        "NetworkMember": 11,
        "Partnership": 1,
        "Post": 1,
    }
    assert load_network_demo() is False
    fig = engagement.figures()
    assert fig.total.active == 9 and fig.total.engaged >= 1
    home = Member.objects.get(jurisdiction__slug="nova-esperanca").jurisdiction
    assert peers.peers_of(home), "the demo city has peers"
