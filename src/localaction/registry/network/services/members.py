"""Use-cases of membership: members, fees, agreements, contacts, profiles, confirming details, the inbox."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pydantic
from django.db import transaction
from django.db.models import QuerySet

from localaction.core import clock
from localaction.core.errors import Detail
from localaction.registry.base import access, audit
from localaction.registry.base.access import Actor
from localaction.registry.base.errors import NotFound, ValidationFailed
from localaction.registry.base.models import Jurisdiction
from localaction.registry.base.services.common import soft_delete
from localaction.registry.base.services.jurisdictions import get_jurisdiction
from localaction.registry.base.services.public import latest_stats
from localaction.registry.network import access as network_access
from localaction.registry.network import fees
from localaction.registry.network.agendas import AGENDAS
from localaction.registry.network.models import (
    Agreement,
    Contact,
    Member,
    MemberFee,
    Notification,
    Office,
    Participation,
    Profile,
)
from localaction.registry.network.services._base import create, notify, require, update

MEMBER_FIELDS = ("level", "status", "applied_on", "start_date", "end_date", "office")
CONTACT_FIELDS = ("name", "role", "title", "email", "phone", "languages")
CONFIRM_EVERY = dt.timedelta(days=365)


class Commitment(pydantic.BaseModel):
    """One structured commitment of an agreement."""

    model_config = pydantic.ConfigDict(extra="forbid")
    kind: str = pydantic.Field(min_length=1, max_length=60)  # e.g. report_inventory, host_event, pay_fee
    description: str = pydantic.Field(min_length=1, max_length=1000)
    due: dt.date | None = None


def _check_level(level: str) -> None:
    try:
        fees.rules().level(level)
    except Exception as exc:  # the fee rules' InputError names the known levels
        raise ValidationFailed(str(exc), details=[Detail(("level",), str(exc))]) from None


# --- members (secretariat) ----------------------------------------------------------------------------


@transaction.atomic
def create_office(user: Actor, **fields: Any) -> Office:
    require(network_access.can_manage_members(user), "only the secretariat manages offices")
    return create(user, Office(**fields))


@transaction.atomic
def admit_member(user: Actor, jurisdiction: Jurisdiction | int | str, *, level: str, **fields: Any) -> Member:
    require(network_access.can_manage_members(user), "only the secretariat records memberships")
    jur = get_jurisdiction(jurisdiction)
    if Member.all_objects.filter(jurisdiction=jur).exists():
        raise ValidationFailed(f"{jur} is already a member", details=[Detail(("jurisdiction",), "exists")])
    _check_level(level)
    return create(user, Member(jurisdiction=jur, level=level, **fields), jurisdiction_id=jur.pk)


@transaction.atomic
def update_member(user: Actor, member: Member, *, revision: int, **changes: Any) -> Member:
    require(network_access.can_manage_members(user), "only the secretariat changes memberships")
    if "level" in changes:
        _check_level(changes["level"])
    return update(
        user,
        member,
        revision=revision,
        changes=changes,
        allowed=MEMBER_FIELDS,
        jurisdiction_id=member.jurisdiction_id,
    )


def population_for_fee(jurisdiction_id: int, year: int) -> float | None:
    """The population of the latest year before the fee year (the last full year known)."""
    from localaction.registry.base.models import JurisdictionStat

    stat = (
        JurisdictionStat.objects.filter(
            jurisdiction_id=jurisdiction_id, year__lt=year, population__isnull=False
        )
        .order_by("-year")
        .first()
    )
    if stat is None:
        stat = latest_stats([jurisdiction_id]).get(jurisdiction_id)
    return float(stat.population) if stat is not None and stat.population is not None else None


@transaction.atomic
def set_fee(user: Actor, member: Member, *, year: int) -> MemberFee:
    """The year's fee due, from the member's level and population (levels.yaml); once per year."""
    require(network_access.can_manage_members(user), "only the secretariat sets fees")
    if MemberFee.objects.filter(member=member, year=year).exists():
        raise ValidationFailed(
            f"the {year} fee of {member} is already set", details=[Detail(("year",), "exists")]
        )
    population = population_for_fee(member.jurisdiction_id, year)
    due = fees.fee_due(member.level, population)
    row = MemberFee(
        member=member,
        year=year,
        level=member.level,
        population=population,
        currency=fees.rules().currency,
        fee_due=due,
    )
    return create(user, row, jurisdiction_id=member.jurisdiction_id)


@transaction.atomic
def record_payment(
    user: Actor, fee: MemberFee, *, revision: int, amount: Decimal, paid_on: dt.date
) -> MemberFee:
    require(network_access.can_manage_members(user), "only the secretariat records payments")
    if amount < 0:
        raise ValidationFailed("a payment cannot be negative", details=[Detail(("amount",), "below 0")])
    return update(
        user,
        fee,
        revision=revision,
        changes={"fee_paid": fee.fee_paid + amount, "paid_on": paid_on},
        allowed=("fee_paid", "paid_on"),
        jurisdiction_id=fee.member.jurisdiction_id,
    )


@transaction.atomic
def sign_agreement(
    user: Actor,
    member: Member,
    *,
    text: str,
    commitments: list[dict[str, Any]],
    signed_on: dt.date | None = None,
) -> Agreement:
    """A new version of the member's agreement (earlier versions stay as they were)."""
    require(network_access.can_manage_members(user), "only the secretariat records agreements")
    parsed, details = [], []
    for i, c in enumerate(commitments):
        try:
            parsed.append(Commitment.model_validate(c))
        except pydantic.ValidationError as exc:
            details += [Detail(("commitments", i, *e["loc"]), e["msg"]) for e in exc.errors()]
    if details:
        raise ValidationFailed("invalid commitments", details=details)
    last = Agreement.objects.select_for_update().filter(member=member).order_by("-version").first()
    row = Agreement(
        member=member,
        version=(last.version + 1) if last else 1,
        text=text,
        signed_on=signed_on,
        commitments=[c.model_dump(mode="json") for c in parsed],
    )
    return create(user, row, jurisdiction_id=member.jurisdiction_id)


def current_agreement(member: Member) -> Agreement | None:
    return member.agreements.order_by("-version").first()


def get_member(user: Actor, jurisdiction: Jurisdiction | int | str) -> Member:
    """The membership record, for the member's own people and the secretariat (NotFound otherwise)."""
    jur = get_jurisdiction(jurisdiction)
    member = Member.objects.filter(jurisdiction=jur).select_related("jurisdiction", "office").first()
    if member is None or not network_access.can_view_member(user, jur):
        raise NotFound(f"no membership record of {jur.slug} you may see")
    return member


def members_visible_to(user: Actor) -> QuerySet[Member]:
    qs = Member.objects.select_related("jurisdiction", "office").order_by("jurisdiction__name")
    if network_access.can_manage_members(user):
        return qs
    return qs.filter(jurisdiction_id__in=access.roles(user).jurisdiction_ids)


@transaction.atomic
def add_participation(user: Actor, jurisdiction: Jurisdiction | int | str, **fields: Any) -> Participation:
    require(network_access.can_manage_members(user), "only the secretariat records projects and programmes")
    jur = get_jurisdiction(jurisdiction)
    return create(user, Participation(jurisdiction=jur, **fields), jurisdiction_id=jur.pk)


# --- kept by the members themselves -----------------------------------------------------------------------


def _own(user: Actor, jurisdiction: Jurisdiction | int | str) -> Jurisdiction:
    jur = get_jurisdiction(jurisdiction)
    require(
        network_access.can_edit_member_details(user, jur),
        f"only {jur}'s editors and approvers keep its details",
    )
    return jur


def contacts_of(jurisdiction: Jurisdiction) -> QuerySet[Contact]:
    return Contact.objects.filter(jurisdiction=jurisdiction).order_by("role", "name")


@transaction.atomic
def save_contact(
    user: Actor,
    jurisdiction: Jurisdiction | int | str,
    contact: Contact | None = None,
    *,
    revision: int | None = None,
    **fields: Any,
) -> Contact:
    """Add a contact, or change one (quoting its revision); the secretariat is notified."""
    jur = _own(user, jurisdiction)
    if contact is None:
        bad = sorted(set(fields) - set(CONTACT_FIELDS))
        if bad:
            raise ValidationFailed(
                "unknown contact fields", details=[Detail((b,), "not a field") for b in bad]
            )
        row = create(user, Contact(jurisdiction=jur, **fields), jurisdiction_id=jur.pk)
        what = "added"
    else:
        if contact.jurisdiction_id != jur.pk:
            raise NotFound(f"contact {contact.pk} not found")
        row = update(
            user,
            contact,
            revision=revision if revision is not None else -1,
            changes=fields,
            allowed=CONTACT_FIELDS,
            jurisdiction_id=jur.pk,
        )
        what = "changed"
    notify("contact", jur, user, f"{jur}: contact {what}: {row.name} ({row.get_role_display()})")
    return row


@transaction.atomic
def remove_contact(user: Actor, contact: Contact, *, revision: int) -> None:
    jur = _own(user, contact.jurisdiction_id)
    soft_delete(contact, user, revision)
    notify("contact", jur, user, f"{jur}: contact removed: {contact.name}")


@transaction.atomic
def confirm_details(
    user: Actor, jurisdiction: Jurisdiction | int | str, *, today: dt.date | None = None
) -> Member:
    """The member says its contacts and details are up to date (the yearly confirmation)."""
    jur = _own(user, jurisdiction)
    member = Member.objects.select_for_update().filter(jurisdiction=jur).first()
    if member is None:
        raise NotFound(f"{jur} is not a member")
    day = today or clock.today()
    before = audit.snapshot(member)
    member.details_confirmed_on = day
    member.revision += 1
    member.save(update_fields=["details_confirmed_on", "revision", "updated_at"])
    b, a = audit.changed(before, audit.snapshot(member))
    audit.record(user, "confirm_details", member, b, a, jurisdiction_id=jur.pk)
    notify("confirmed", jur, user, f"{jur}: details confirmed as up to date on {day.isoformat()}")
    return member


def confirmation_due(today: dt.date | None = None) -> list[Member]:
    """Active members to ask "please confirm your details": never confirmed, or more than a year ago."""
    day = today or clock.today()
    out = []
    for m in Member.objects.filter(status="active").select_related("jurisdiction", "office"):
        if m.details_confirmed_on is None or m.details_confirmed_on < day - CONFIRM_EVERY:
            out.append(m)
    return sorted(out, key=lambda m: (m.details_confirmed_on or dt.date.min, m.jurisdiction.name))


def profile_of(jurisdiction: Jurisdiction) -> Profile | None:
    return Profile.objects.filter(jurisdiction=jurisdiction).first()


@transaction.atomic
def save_profile(
    user: Actor,
    jurisdiction: Jurisdiction | int | str,
    *,
    revision: int | None = None,
    summary: str = "",
    agendas: list[str] | None = None,
    interests: list[str] | None = None,
) -> Profile:
    jur = _own(user, jurisdiction)
    agendas = list(agendas or [])
    unknown = [a for a in agendas if a not in AGENDAS]
    if unknown:
        raise ValidationFailed("unknown agendas", details=[Detail(("agendas",), a) for a in unknown])
    changes = {
        "summary": summary,
        "agendas": agendas,
        "interests": [i for i in (interests or []) if i.strip()],
    }
    row = Profile.objects.select_for_update().filter(jurisdiction=jur).first()
    if row is None:
        return create(user, Profile(jurisdiction=jur, **changes), jurisdiction_id=jur.pk)
    return update(
        user,
        row,
        revision=revision if revision is not None else -1,
        changes=changes,
        allowed=("summary", "agendas", "interests"),
        jurisdiction_id=jur.pk,
    )


# --- the secretariat's inbox --------------------------------------------------------------------------------


def inbox(user: Actor, *, unread_only: bool = False) -> QuerySet[Notification]:
    require(network_access.can_manage_members(user), "the inbox is the secretariat's")
    qs = Notification.objects.select_related("jurisdiction", "actor")
    return qs.filter(read_at__isnull=True) if unread_only else qs


def mark_read(user: Actor, notification_id: int) -> Notification:
    require(network_access.can_manage_members(user), "the inbox is the secretariat's")
    note = Notification.objects.filter(pk=notification_id).first()
    if note is None:
        raise NotFound(f"notification {notification_id} not found")
    if note.read_at is None:
        note.read_at, note.read_by = clock.now(), access.as_user(user)
        note.save(update_fields=["read_at", "read_by"])
    return note
