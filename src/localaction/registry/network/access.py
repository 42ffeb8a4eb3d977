"""Who may do what with members and networks: the member contact editor, the network coordinator, the
message board, performance partnerships. Built on the registry's roles (``registry.base.access``)."""

from __future__ import annotations

from typing import Any

from localaction.registry.base.access import (
    Actor,
    authenticated,
    can_create_in,
    is_admin,
    is_secretariat,
    roles,
    roles_in,
)
from localaction.registry.base.models import Jurisdiction
from localaction.registry.base.states import EDIT_ROLES
from localaction.registry.network.models import NetworkCoordinator, NetworkMember


def can_edit_member_details(user: Actor, jurisdiction: Jurisdiction | int) -> bool:
    """Contacts, profile, confirming details, joining and leaving networks: the jurisdiction's editors and
    approvers (members keep their own details; the secretariat is notified)."""
    return can_create_in(user, jurisdiction)


def can_view_member(user: Actor, jurisdiction: Jurisdiction | int) -> bool:
    """Membership, fees, agreement and contacts: the jurisdiction's own people and the secretariat."""
    jid = jurisdiction if isinstance(jurisdiction, int) else jurisdiction.pk
    return bool(roles_in(user, jid))


def can_manage_members(user: Actor) -> bool:
    """Membership, fees, agreements, offices, networks, partnerships; the inbox and engagement figures."""
    return is_secretariat(user)


def can_coordinate(user: Actor, network: Any) -> bool:
    """Describe a network, invite, post announcements: its coordinators and secretariat admins."""
    if is_admin(user):
        return True
    uid = getattr(user, "pk", None) if authenticated(user) else None
    if not isinstance(uid, int):
        return False
    return NetworkCoordinator.objects.filter(network_id=network.pk, user_id=uid).exists()


def can_post_in(user: Actor, network: Any) -> bool:
    """The message board: coordinators, and editors/approvers of the network's current members."""
    if can_coordinate(user, network):
        return True
    mine = [j for j, rs in roles(user).by_jurisdiction.items() if rs & EDIT_ROLES]
    return NetworkMember.objects.filter(
        network_id=network.pk, jurisdiction_id__in=mine, status="member"
    ).exists()


def can_update_partnership(user: Actor, partnership: Any) -> bool:
    """Record progress: the secretariat and the editors/approvers of either city of the pair."""
    return can_manage_members(user) or any(
        can_create_in(user, jid) for jid in (partnership.mentor_id, partnership.partner_id)
    )
