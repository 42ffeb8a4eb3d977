"""Back-office for TAP and the gateway: calls for proposals and program roles (TAP reviewer, funder, partner)
are managed here by secretariat admins, audited like the registry's (SecretariatAdmin). Projects, reviews,
interest and gateway entries are read-only here: they change through the use-cases."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from localaction.registry.base.admin import SecretariatAdmin
from localaction.registry.tap.models import Call, ExchangeRate, Interest, ProgramRole, Project


@admin.register(Call)
class CallAdmin(SecretariatAdmin):
    list_display = ("title", "opens_on", "closes_on")
    exclude = ("created_by", "updated_by", "deleted_by", "deleted_at", "revision")


@admin.register(ProgramRole)
class ProgramRoleAdmin(SecretariatAdmin):
    list_display = ("user", "role", "organisation", "deleted_at")
    list_filter = ("role",)
    exclude = ("deleted_by",)


class ReadOnly(SecretariatAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Project)
class ProjectAdmin(ReadOnly):
    list_display = ("title", "jurisdiction", "status", "stage", "currency", "funding_sought", "score")
    list_filter = ("status", "stage", "currency")


@admin.register(Interest)
class InterestAdmin(ReadOnly):
    list_display = ("project", "organisation", "instrument", "created_at")


@admin.register(ExchangeRate)
class ExchangeRateAdmin(SecretariatAdmin):
    """The rates the pages use to compare amounts in euros: one per currency and day, with its source."""

    list_display = ("currency", "per_eur", "on", "source")
    list_filter = ("currency",)
    search_fields = ("currency", "source")
