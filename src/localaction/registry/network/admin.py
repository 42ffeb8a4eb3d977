"""The secretariat's back-office for members, offices, fees, networks and partnerships (Django admin:
secretariat admins only, no deletes, every save audited — the registry's ``SecretariatAdmin``). Agreements
and the inbox are read-only here: a new agreement version goes through ``services.members.sign_agreement``."""

from __future__ import annotations

from django.contrib import admin

from localaction.registry.base.admin import ReadOnlyAdmin, SecretariatAdmin
from localaction.registry.network.models import (
    Agreement,
    Contact,
    Member,
    MemberFee,
    Network,
    NetworkCoordinator,
    NetworkMember,
    Notification,
    Office,
    Participation,
    Partnership,
    PartnershipProgress,
)

_BOOKKEEPING = (
    "revision",
    "created_at",
    "updated_at",
    "created_by",
    "updated_by",
    "deleted_at",
    "deleted_by",
)


@admin.register(Member)
class MemberAdmin(SecretariatAdmin):
    list_display = ("jurisdiction", "level", "status", "start_date", "office", "details_confirmed_on")
    list_filter = ("status", "level", "office")
    readonly_fields = _BOOKKEEPING


@admin.register(
    Office,
    MemberFee,
    Contact,
    Network,
    NetworkMember,
    NetworkCoordinator,
    Participation,
    Partnership,
    PartnershipProgress,
)
class NetworkAdmin(SecretariatAdmin):
    readonly_fields = _BOOKKEEPING


@admin.register(Agreement, Notification)
class NetworkReadOnlyAdmin(ReadOnlyAdmin):
    pass
