"""Use-cases of networks and WorkNets (create, describe, invite, join, leave, post) and performance
partnerships; the read side (current members, shared indicators, the peers a jurisdiction works with)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet

from localaction.core import clock
from localaction.core.errors import Detail
from localaction.registry.base import access, audit
from localaction.registry.base.access import Actor
from localaction.registry.base.errors import InvalidTransition, NotFound, ValidationFailed
from localaction.registry.base.models import Jurisdiction, User
from localaction.registry.base.services.jurisdictions import get_jurisdiction
from localaction.registry.base.services.public import fold
from localaction.registry.inventories.public import (
    PopulationUsed,
    emissions_of,
    latest_inventories,
    populations_used,
)
from localaction.registry.network import access as network_access
from localaction.registry.network.models import (
    Network,
    NetworkCoordinator,
    NetworkMember,
    Partnership,
    PartnershipProgress,
    Post,
)
from localaction.registry.network.services._base import create, notify, require, update

NETWORK_FIELDS = ("name", "kind", "agenda", "description", "is_open")


def get_network(ref: Network | int | str) -> Network:
    if isinstance(ref, Network):
        return ref
    qs = Network.objects.all()
    row = qs.filter(pk=ref).first() if isinstance(ref, int) else qs.filter(slug=ref).first()
    if row is None:
        raise NotFound(f"network {ref} not found", details=[Detail(("network",), str(ref))])
    return row


@transaction.atomic
def create_network(user: Actor, *, slug: str, name: str, **fields: Any) -> Network:
    require(network_access.can_manage_members(user), "only the secretariat creates networks")
    if Network.all_objects.filter(slug=slug).exists():
        raise ValidationFailed(f"a network {slug!r} exists", details=[Detail(("slug",), "already used")])
    return create(user, Network(slug=slug, name=name, **fields))


@transaction.atomic
def update_network(user: Actor, network: Network, *, revision: int, **changes: Any) -> Network:
    require(network_access.can_coordinate(user, network), f"only the coordinators of {network} describe it")
    return update(user, network, revision=revision, changes=changes, allowed=NETWORK_FIELDS)


@transaction.atomic
def add_coordinator(user: Actor, network: Network, coordinator: User) -> NetworkCoordinator:
    require(network_access.can_manage_members(user), "only the secretariat names coordinators")
    row = NetworkCoordinator.objects.filter(network=network, user=coordinator).first()
    return row or create(user, NetworkCoordinator(network=network, user=coordinator))


def _membership(network: Network, jur: Jurisdiction) -> NetworkMember | None:
    return NetworkMember.objects.select_for_update().filter(network=network, jurisdiction=jur).first()


def _set(user: Actor, row: NetworkMember, action: str, **values: Any) -> NetworkMember:
    before = audit.snapshot(row)
    for k, v in values.items():
        setattr(row, k, v)
    row.revision += 1
    row.updated_by = access.as_user(user)
    row.save()
    b, a = audit.changed(before, audit.snapshot(row))
    audit.record(user, action, row, b, a, jurisdiction_id=row.jurisdiction_id)
    return row


@transaction.atomic
def invite(user: Actor, network: Network, jurisdiction: Jurisdiction | int | str) -> NetworkMember:
    require(network_access.can_coordinate(user, network), f"only the coordinators of {network} invite")
    jur = get_jurisdiction(jurisdiction)
    row = _membership(network, jur)
    if row is not None and row.status == "member":
        raise InvalidTransition(f"{jur} is already in {network}", code="already_member")
    if row is None:
        return create(
            user, NetworkMember(network=network, jurisdiction=jur, status="invited"), jurisdiction_id=jur.pk
        )
    return _set(user, row, "invite", status="invited", left_on=None)


@transaction.atomic
def join(
    user: Actor, network: Network, jurisdiction: Jurisdiction | int | str, *, today: dt.date | None = None
) -> NetworkMember:
    """A member's editors/approvers join an open network, or one they were invited to."""
    jur = get_jurisdiction(jurisdiction)
    require(
        network_access.can_edit_member_details(user, jur), f"only {jur}'s editors and approvers act for it"
    )
    day = today or clock.today()
    row = _membership(network, jur)
    if row is not None and row.status == "member":
        raise InvalidTransition(f"{jur} is already in {network}", code="already_member")
    invited = row is not None and row.status == "invited"
    require(network.is_open or invited, f"{network} is by invitation: ask its coordinators")
    if row is None:
        row = create(
            user,
            NetworkMember(network=network, jurisdiction=jur, status="member", joined_on=day),
            jurisdiction_id=jur.pk,
        )
    else:
        row = _set(user, row, "join", status="member", joined_on=day, left_on=None)
    notify("network", jur, user, f"{jur} joined the network {network}")
    return row


@transaction.atomic
def leave(
    user: Actor, network: Network, jurisdiction: Jurisdiction | int | str, *, today: dt.date | None = None
) -> NetworkMember:
    jur = get_jurisdiction(jurisdiction)
    require(
        network_access.can_edit_member_details(user, jur), f"only {jur}'s editors and approvers act for it"
    )
    row = _membership(network, jur)
    if row is None or row.status != "member":
        raise InvalidTransition(f"{jur} is not in {network}", code="not_a_member")
    row = _set(user, row, "leave", status="left", left_on=today or clock.today())
    notify("network", jur, user, f"{jur} left the network {network}")
    return row


@transaction.atomic
def post(
    user: Actor,
    network: Network,
    *,
    title: str,
    body: str,
    is_announcement: bool = False,
    jurisdiction: Jurisdiction | None = None,
) -> Post:
    require(
        network_access.can_post_in(user, network), f"only the members and coordinators of {network} post here"
    )
    if is_announcement:
        require(network_access.can_coordinate(user, network), "announcements are the coordinators'")
    author = access.as_user(user)
    require(author is not None, "sign in to post")
    return create(
        user,
        Post(
            network=network,
            author=author,
            title=title,
            body=body,
            is_announcement=is_announcement,
            jurisdiction=jurisdiction,
        ),
    )


def current_members(network: Network) -> QuerySet[NetworkMember]:
    return (
        network.memberships.filter(status="member")
        .select_related("jurisdiction")
        .order_by("jurisdiction__name")
    )


def networks_of(jurisdiction: Jurisdiction) -> QuerySet[Network]:
    return Network.objects.filter(
        memberships__jurisdiction=jurisdiction, memberships__status="member"
    ).distinct()


@dataclass
class MyNetwork:
    network: Network
    coordinating: bool  # the user coordinates it
    members: list[Jurisdiction]  # the user's jurisdictions that are members
    invited: list[Jurisdiction]  # ... that are invited and may join


def my_networks(user: Actor) -> list[MyNetwork]:
    """The networks a signed-in person coordinates, or where one of their jurisdictions is a member or
    invited, with what ties them to each."""
    uid = getattr(user, "pk", None) if access.authenticated(user) else None
    if not isinstance(uid, int):
        return []
    mine = set(access.roles(user).jurisdiction_ids)
    coordinated = set(NetworkCoordinator.objects.filter(user_id=uid).values_list("network_id", flat=True))
    rows = NetworkMember.objects.filter(
        jurisdiction_id__in=mine, status__in=("member", "invited")
    ).select_related("jurisdiction")
    ties: dict[int, tuple[list[Jurisdiction], list[Jurisdiction]]] = {}
    for m in rows:
        members, invited = ties.setdefault(m.network_id, ([], []))
        (members if m.status == "member" else invited).append(m.jurisdiction)
    ids = coordinated | set(ties)
    return [
        MyNetwork(n, n.pk in coordinated, *ties.get(n.pk, ([], [])))
        for n in Network.objects.filter(pk__in=ids).order_by("name")
    ]


def invite_candidates(network: Network, q: str, limit: int = 20) -> list[Jurisdiction]:
    """Jurisdictions whose name (in its own script or in ASCII, accents and case ignored) or slug holds
    ``q`` and that are neither members nor invited yet: what a coordinator picks from to invite."""
    needle = fold(q)
    if not needle or (needle.isascii() and len(needle) < 2):  # one CJK character can be a name's start
        return []
    taken = set(
        network.memberships.filter(status__in=("member", "invited")).values_list("jurisdiction_id", flat=True)
    )
    found = [
        j
        for j in Jurisdiction.objects.order_by("name_ascii", "name")
        if j.pk not in taken and (needle in fold(j.name) or needle in fold(j.name_ascii) or needle in j.slug)
    ]
    return found[:limit]


def joinable_for(user: Actor, network: Network) -> list[Jurisdiction]:
    """The user's jurisdictions that could join now (open network or invited, not yet a member)."""
    ids = [j for j in access.roles(user).jurisdiction_ids if network_access.can_edit_member_details(user, j)]
    rows = {m.jurisdiction_id: m.status for m in network.memberships.filter(jurisdiction_id__in=ids)}
    ok = [j for j in ids if rows.get(j) != "member" and (network.is_open or rows.get(j) == "invited")]
    return list(Jurisdiction.objects.filter(pk__in=ok).order_by("name"))


def leavable_for(user: Actor, network: Network) -> list[Jurisdiction]:
    ids = [j for j in access.roles(user).jurisdiction_ids if network_access.can_edit_member_details(user, j)]
    ok = network.memberships.filter(jurisdiction_id__in=ids, status="member").values_list("jurisdiction_id")
    return list(Jurisdiction.objects.filter(pk__in=ok).order_by("name"))


@dataclass
class IndicatorRow:
    jurisdiction: Jurisdiction
    population: float | None
    inventory_year: int | None
    basic_tco2e: float | None
    per_capita: float | None
    level: str
    population_used: PopulationUsed | None = None


def shared_indicators(network: Network) -> list[IndicatorRow]:
    """The members side by side: population, latest published inventory (year, BASIC, per person)."""
    members = [m.jurisdiction for m in current_members(network)]
    ids = [j.pk for j in members]
    invs = latest_inventories(ids)
    people = populations_used({j.pk: invs.get(j.pk) for j in members})  # as every per-person figure
    out = []
    for j in members:
        inv, used = invs.get(j.pk), people.get(j.pk)
        total = emissions_of(inv)
        out.append(
            IndicatorRow(
                j,
                float(used.value) if used else None,
                inv.year if inv else None,
                total,
                used.per_person(total) if used else None,
                inv.level if inv else "",
                used,
            )
        )
    return out


# --- performance partners -----------------------------------------------------------------------------------


@transaction.atomic
def create_partnership(
    user: Actor, *, mentor: Any, partner: Any, theme: str, goal: str, **fields: Any
) -> Partnership:
    require(network_access.can_manage_members(user), "only the secretariat pairs performance partners")
    m, p = get_jurisdiction(mentor), get_jurisdiction(partner)
    if m.pk == p.pk:
        raise ValidationFailed(
            "a partnership pairs two cities", details=[Detail(("partner",), "same as mentor")]
        )
    row = create(
        user, Partnership(mentor=m, partner=p, theme=theme, goal=goal, **fields), jurisdiction_id=p.pk
    )
    notify("partnership", p, user, f"performance partners: {m} mentors {p} on {theme}")
    return row


@transaction.atomic
def record_progress(
    user: Actor, partnership: Partnership, *, on: dt.date, note: str, value: float | None = None
) -> PartnershipProgress:
    require(
        network_access.can_update_partnership(user, partnership),
        "only the pair and the secretariat record progress",
    )
    return create(
        user,
        PartnershipProgress(partnership=partnership, on=on, note=note, value=value),
        exclude=["partnership"],
        jurisdiction_id=partnership.partner_id,
    )


def get_partnership(pk: int) -> Partnership:
    row = Partnership.objects.select_related("mentor", "partner").filter(pk=pk).first()
    if row is None:
        raise NotFound(f"partnership {pk} not found")
    return row


def partnerships_of(jurisdiction: Jurisdiction) -> QuerySet[Partnership]:
    return Partnership.objects.filter(Q(mentor=jurisdiction) | Q(partner=jurisdiction)).select_related(
        "mentor", "partner"
    )


def works_with(jurisdiction: Jurisdiction) -> list[tuple[Jurisdiction, list[tuple[str, str]]]]:
    """The peers a jurisdiction works with, each with how: ("network", name) or ("partnership", theme)."""
    how: dict[int, list[tuple[str, str]]] = {}
    peers: dict[int, Jurisdiction] = {}
    for net in networks_of(jurisdiction):
        for m in current_members(net):
            if m.jurisdiction_id != jurisdiction.pk:
                peers[m.jurisdiction_id] = m.jurisdiction
                how.setdefault(m.jurisdiction_id, []).append(("network", net.name))
    for p in partnerships_of(jurisdiction):
        other = p.partner if p.mentor_id == jurisdiction.pk else p.mentor
        peers[other.pk] = other
        how.setdefault(other.pk, []).append(("partnership", p.theme))
    return [(peers[k], how[k]) for k in sorted(peers, key=lambda k: peers[k].name)]
