"""Members (the secretariat: all; a member's own people: their own), networks (public list and detail;
join / leave for the member's editors and approvers) and peers (public, with the reasons of each match).
Mounted once in ``api/__init__.py``; who may do what is ``registry.access``'s."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from localaction.faces.api.auth import READ_AUTH, WRITE_AUTH, actor
from localaction.faces.api.params import JurisdictionRef
from localaction.faces.api.render import Paging, paginate
from localaction.faces.api.schemas.common import SLUG, ErrorOut, Page, Population
from localaction.registry.base.services.jurisdictions import get_jurisdiction
from localaction.registry.network import fees
from localaction.registry.network.models import Member, Network
from localaction.registry.network.services import members, networks, peers

router = Router(tags=["network"])
member_router = Router(tags=["network"], auth=WRITE_AUTH)
network_router = Router(tags=["network"], auth=READ_AUTH)
peer_router = Router(tags=["network"], auth=READ_AUTH)
NetworkSlug = JurisdictionRef  # same shape: a slug


class FeeOut(Schema):
    year: int
    level: str
    population: Population
    currency: str
    fee_due: Decimal
    fee_paid: Decimal
    paid_on: dt.date | None


class ContactOut(Schema):
    id: int
    name: str
    role: str
    title: str
    email: str
    phone: str
    languages: list[str]
    revision: int


class AgreementOut(Schema):
    version: int
    text: str
    commitments: list[dict[str, Any]]
    signed_on: dt.date | None


class MemberOut(Schema):
    jurisdiction: str = Field(description="slug")
    name: str
    level: str
    level_name: str
    status: str
    start_date: dt.date | None
    office: str | None
    details_confirmed_on: dt.date | None
    revision: int


class MemberDetailOut(MemberOut):
    fees: list[FeeOut]
    agreement: AgreementOut | None
    contacts: list[ContactOut]


class JoinIn(Schema):
    jurisdiction: str = Field(min_length=1, max_length=100, pattern=SLUG, description="slug or id")


class NetworkOut(Schema):
    slug: str
    name: str
    kind: str
    agenda: str
    description: str
    is_open: bool
    members: int


class NetworkMemberOut(Schema):
    jurisdiction: str
    name: str
    population: Population
    inventory_year: int | None
    basic_tco2e: float | None
    basic_tco2e_per_capita: float | None


class NetworkDetailOut(NetworkOut):
    member_list: list[NetworkMemberOut]
    coordinators: list[str]


class NetworkMembershipOut(Schema):
    network: str
    jurisdiction: str
    status: str
    joined_on: dt.date | None
    left_on: dt.date | None


class ReasonOut(Schema):
    factor: str
    detail: str
    similarity: float


class PeerOut(Schema):
    jurisdiction: str
    name: str
    score: float
    reasons: list[ReasonOut]


def _member(m: Member) -> dict[str, Any]:
    return {
        "jurisdiction": m.jurisdiction.slug,
        "name": m.jurisdiction.name,
        "level": m.level,
        "level_name": fees.rules().level(m.level).name,
        "status": m.status,
        "start_date": m.start_date,
        "office": m.office.name if m.office else None,
        "details_confirmed_on": m.details_confirmed_on,
        "revision": m.revision,
    }


def _detail(m: Member) -> dict[str, Any]:
    agreement = members.current_agreement(m)
    return {
        **_member(m),
        "fees": list(m.fees.order_by("year")),
        "agreement": agreement,
        "contacts": list(members.contacts_of(m.jurisdiction)),
    }


@member_router.get(
    "/", response={200: Page[MemberOut], 401: ErrorOut, 422: ErrorOut}, summary="Members you may see"
)
def list_members(request: HttpRequest, q: Query[Paging]) -> Any:
    page = paginate(request, members.members_visible_to(actor(request)), q.limit, q.offset)
    page["items"] = [_member(m) for m in page["items"]]
    return page


@member_router.get(
    "/{ref}", response={200: MemberDetailOut, 401: ErrorOut, 404: ErrorOut}, summary="A membership"
)
def get_member(request: HttpRequest, ref: JurisdictionRef) -> Any:
    return _detail(members.get_member(actor(request), ref))


@member_router.post(
    "/{ref}/confirm",
    response={200: MemberOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Confirm the member's contacts and details are up to date (the yearly confirmation)",
)
def confirm_member(request: HttpRequest, ref: JurisdictionRef) -> Any:
    m = members.get_member(actor(request), ref)
    return _member(members.confirm_details(actor(request), m.jurisdiction))


def _network(n: Network) -> dict[str, Any]:
    return {
        **{k: getattr(n, k) for k in ("slug", "name", "kind", "agenda", "description", "is_open")},
        "members": networks.current_members(n).count(),
    }


@network_router.get("/", response={200: Page[NetworkOut], 422: ErrorOut}, summary="Networks and WorkNets")
def list_networks(request: HttpRequest, q: Query[Paging]) -> Any:
    page = paginate(request, Network.objects.order_by("name"), q.limit, q.offset)
    page["items"] = [_network(n) for n in page["items"]]
    return page


@network_router.get("/{slug}", response={200: NetworkDetailOut, 404: ErrorOut}, summary="A network")
def get_network(request: HttpRequest, slug: NetworkSlug) -> Any:
    n = networks.get_network(slug)
    rows = [
        {
            "jurisdiction": r.jurisdiction.slug,
            "name": r.jurisdiction.name,
            "population": r.population,
            "inventory_year": r.inventory_year,
            "basic_tco2e": r.basic_tco2e,
            "basic_tco2e_per_capita": r.per_capita,
        }
        for r in networks.shared_indicators(n)
    ]
    coordinators = [c.user.username for c in n.coordinators.select_related("user")]
    return {**_network(n), "member_list": rows, "coordinators": coordinators}


def _membership(row: Any) -> dict[str, Any]:
    return {
        "network": row.network.slug,
        "jurisdiction": row.jurisdiction.slug,
        "status": row.status,
        "joined_on": row.joined_on,
        "left_on": row.left_on,
    }


_WRITE = {
    200: NetworkMembershipOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ErrorOut,
}


@network_router.post(
    "/{slug}/join", response=_WRITE, auth=WRITE_AUTH, summary="Join (a member's editors, approvers)"
)
def join_network(request: HttpRequest, slug: NetworkSlug, payload: JoinIn) -> Any:
    n = networks.get_network(slug)
    return _membership(networks.join(actor(request), n, get_jurisdiction(payload.jurisdiction)))


@network_router.post(
    "/{slug}/leave", response=_WRITE, auth=WRITE_AUTH, summary="Leave (a member's editors, approvers)"
)
def leave_network(request: HttpRequest, slug: NetworkSlug, payload: JoinIn) -> Any:
    n = networks.get_network(slug)
    return _membership(networks.leave(actor(request), n, get_jurisdiction(payload.jurisdiction)))


class PeerQuery(Schema):
    limit: int = Field(10, ge=1, le=50)


@peer_router.get(
    "/{ref}",
    response={200: list[PeerOut], 404: ErrorOut, 422: ErrorOut},
    summary="Similar jurisdictions, with reasons",
)
def list_peers(request: HttpRequest, ref: JurisdictionRef, q: Query[PeerQuery]) -> Any:
    jur = get_jurisdiction(ref)
    return [
        {
            "jurisdiction": p.jurisdiction.slug,
            "name": p.jurisdiction.name,
            "score": round(p.match.score, 4),
            "reasons": [r.as_dict() for r in p.match.reasons],
        }
        for p in peers.peers_of(jur, limit=q.limit)
    ]


router.add_router("/members", member_router)
router.add_router("/networks", network_router)
router.add_router("/peers", peer_router)
