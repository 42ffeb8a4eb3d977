"""The network use-cases: who may do what, notifications, versions, revisions, audit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail

from localaction.registry import services
from localaction.registry.base.access import SYSTEM
from localaction.registry.base.errors import Conflict, InvalidTransition, PermissionDenied, ValidationFailed
from localaction.registry.base.models import AuditEntry
from localaction.registry.network.access import can_coordinate
from localaction.registry.network.models import Agreement, Contact, Notification
from localaction.registry.network.services import engagement, members, networks
from tests.registry.network.conftest import NetSite


def test_contact_changes_notify_the_secretariat(net: NetSite) -> None:
    admin = net.user("admin")
    assert admin is not None
    admin.email = "secretariat@example.org"
    admin.save()
    before = Notification.objects.count()
    c = members.save_contact(
        net.user("approver_a"),
        net.world.city_a,
        net.contact,
        revision=net.contact.revision,
        email="ana@example.org",
        languages=["pt", "en"],
    )
    assert c.revision == 2  # bumped from 1
    note = Notification.objects.order_by("-id").first()
    assert Notification.objects.count() == before + 1 and note is not None
    assert note.kind == "contact" and "Ana" in note.message and note.jurisdiction_id == net.world.city_a.pk
    assert mail.outbox and mail.outbox[-1].to == ["secretariat@example.org"]
    assert AuditEntry.objects.filter(object_id=str(c.pk), action="update").exists()


def test_only_the_members_own_people_keep_contacts(net: NetSite) -> None:
    for role in ("editor_b", "reviewer", "admin", "coordinator"):
        with pytest.raises(PermissionDenied):
            members.save_contact(net.user(role), net.world.city_a, name="X", role="other")
    assert Contact.objects.filter(name="X").count() == 0


def test_a_stale_contact_write_is_refused_and_changes_nothing(net: NetSite) -> None:
    ed, read = net.user("editor_a"), net.contact.revision
    members.save_contact(ed, net.world.city_a, net.contact, revision=read, title="Mayor")
    stale = Contact.objects.get(pk=net.contact.pk)
    with pytest.raises(Conflict):
        members.save_contact(ed, net.world.city_a, stale, revision=read, title="Old")
    net.contact.refresh_from_db()
    assert net.contact.title == "Mayor"


def test_removed_contacts_are_soft_deleted(net: NetSite) -> None:
    members.remove_contact(net.user("editor_a"), net.contact, revision=net.contact.revision)
    assert not Contact.objects.filter(pk=net.contact.pk).exists()
    assert Contact.all_objects.get(pk=net.contact.pk).deleted_at is not None


def test_fees_from_the_population_of_the_year_before(net: NetSite) -> None:
    services.set_stat(SYSTEM, net.world.city_a, year=2025, population=1_850_000)
    services.set_stat(SYSTEM, net.world.city_a, year=2026, population=9_000_000)  # not used for 2026
    fee = members.set_fee(SYSTEM, net.member_a, year=2026)
    assert (fee.fee_due, fee.population, fee.currency) == (Decimal(8000), 1_850_000, "EUR")  # band ≤ 5 M
    with pytest.raises(ValidationFailed):
        members.set_fee(SYSTEM, net.member_a, year=2026)
    with pytest.raises(PermissionDenied):
        members.set_fee(net.user("editor_a"), net.member_a, year=2027)
    fee = members.record_payment(
        SYSTEM, fee, revision=fee.revision, amount=Decimal(3000), paid_on=dt.date(2026, 3, 1)
    )
    assert fee.outstanding == Decimal(5000)


def test_agreements_are_versioned_with_structured_commitments(net: NetSite) -> None:
    a1 = members.sign_agreement(SYSTEM, net.member_a, text="v1", commitments=[])
    a2 = members.sign_agreement(
        SYSTEM,
        net.member_a,
        text="v2",
        commitments=[{"kind": "report_inventory", "description": "BASIC", "due": "2026-12-31"}],
    )
    assert (a1.version, a2.version) == (1, 2)
    assert members.current_agreement(net.member_a) == a2
    assert a2.commitments == [{"kind": "report_inventory", "description": "BASIC", "due": "2026-12-31"}]
    with pytest.raises(ValidationFailed) as exc:
        members.sign_agreement(SYSTEM, net.member_a, text="v3", commitments=[{"kind": "x", "due": "soon"}])
    locs = [d.loc for d in exc.value.details]
    assert ("commitments", 0, "description") in locs and ("commitments", 0, "due") in locs
    assert Agreement.objects.filter(member=net.member_a).count() == 2


def test_unknown_level_is_refused(net: NetSite) -> None:
    with pytest.raises(ValidationFailed) as exc:
        members.update_member(SYSTEM, net.member_a, revision=net.member_a.revision, level="gold")
    assert exc.value.details[0].loc == ("level",)


def test_the_yearly_confirmation_list(net: NetSite) -> None:
    today = dt.date(2026, 6, 1)
    assert set(members.confirmation_due(today)) == {net.member_a, net.member_b}
    members.confirm_details(net.user("editor_a"), net.world.city_a, today=today)
    assert members.confirmation_due(today) == [net.member_b]
    assert set(members.confirmation_due(today + dt.timedelta(days=366))) == {net.member_a, net.member_b}
    assert Notification.objects.filter(kind="confirmed").exists()


def test_join_leave_invite(net: NetSite) -> None:
    a, ed_a = net.world.city_a, net.user("editor_a")
    with pytest.raises(PermissionDenied):
        networks.join(net.user("editor_b"), net.open_net, a)  # not its city
    with pytest.raises(PermissionDenied):
        networks.join(ed_a, net.closed_net, a)  # by invitation
    with pytest.raises(PermissionDenied):
        networks.invite(ed_a, net.closed_net, a)  # not a coordinator
    networks.invite(net.user("admin"), net.closed_net, a)
    row = networks.join(ed_a, net.closed_net, a)
    assert row.status == "member"
    with pytest.raises(InvalidTransition):
        networks.join(ed_a, net.closed_net, a)
    networks.leave(ed_a, net.closed_net, a)
    with pytest.raises(InvalidTransition):
        networks.leave(ed_a, net.closed_net, a)
    assert AuditEntry.objects.filter(action__in=("join", "leave"), jurisdiction=a).count() == 2


def test_coordinator_role(net: NetSite) -> None:
    assert can_coordinate(net.user("coordinator"), net.open_net)
    assert not can_coordinate(net.user("coordinator"), net.closed_net)
    assert can_coordinate(net.user("admin"), net.closed_net)
    assert not can_coordinate(net.user("reviewer"), net.open_net)
    assert not can_coordinate(None, net.open_net)
    n = networks.update_network(
        net.user("coordinator"), net.open_net, revision=net.open_net.revision, name="Eco 2"
    )
    assert n.name == "Eco 2"
    with pytest.raises(PermissionDenied):
        networks.update_network(net.user("editor_b"), n, revision=n.revision, name="x")


def test_message_board(net: NetSite) -> None:
    networks.post(net.user("editor_b"), net.open_net, title="Hello", body="From Seoul")
    with pytest.raises(PermissionDenied):
        networks.post(net.user("editor_b"), net.open_net, title="A", body="B", is_announcement=True)
    with pytest.raises(PermissionDenied):
        networks.post(net.user("editor_a"), net.open_net, title="A", body="B")  # São Paulo is not in it
    p = networks.post(
        net.user("coordinator"), net.open_net, title="Webinar", body="Soon", is_announcement=True
    )
    assert net.open_net.posts.first() == p  # announcements first


def test_partnership_progress_and_who_records_it(net: NetSite) -> None:
    p = net.partnership
    networks.record_progress(net.user("editor_a"), p, on=dt.date(2026, 1, 1), value=20, note="20 buses")
    assert p.progress_pct() == 40.0  # (20 − 0) / (50 − 0)
    with pytest.raises(PermissionDenied):
        networks.record_progress(net.user("coordinator"), p, on=dt.date(2026, 2, 1), note="x")
    with pytest.raises(ValidationFailed):
        networks.create_partnership(
            SYSTEM, mentor=net.world.city_a, partner=net.world.city_a, theme="t", goal="g"
        )


def test_works_with_and_engagement(net: NetSite) -> None:
    networks.join(net.user("editor_a"), net.open_net, net.world.city_a, today=dt.date(2026, 1, 1))
    peers = networks.works_with(net.world.city_a)
    assert [(j.slug, how) for j, how in peers] == [
        ("seoul", [("network", "EcoMobility"), ("partnership", "Buses")])
    ]
    fig = engagement.figures(dt.date(2026, 6, 1))
    assert (fig.total.active, fig.total.engaged, fig.total.meets_goal) == (2, 2, True)
    networks.leave(net.user("editor_b"), net.open_net, net.world.city_b, today=dt.date(2026, 2, 1))
    # Seoul still has the partnership: engaged
    assert engagement.figures(dt.date(2026, 6, 1)).engaged_ids == {net.world.city_a.pk, net.world.city_b.pk}
