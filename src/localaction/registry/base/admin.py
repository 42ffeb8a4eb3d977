"""The secretariat's back-office (Django admin): secretariat admins only; nothing is deleted; every save is
audited; submissions are read-only here (they change through the workflow use-cases); the audit log is
read-only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import F, Model
from django.http import HttpRequest

from localaction.registry.base import access, audit
from localaction.registry.base.models import (
    ApiToken,
    AuditEntry,
    Jurisdiction,
    JurisdictionIdentifier,
    JurisdictionStat,
    Membership,
    ReviewComment,
    SecretariatRole,
    User,
)


class SecretariatAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Visible and editable by secretariat admins only; no deletes; saves are audited."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return access.is_admin(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return access.is_admin(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return access.is_admin(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return access.is_admin(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def save_model(self, request: HttpRequest, obj: Model, form: Any, change: bool) -> None:
        before = audit.snapshot(type(obj)._base_manager.get(pk=obj.pk)) if change and obj.pk else None
        super().save_model(request, obj, form, change)
        if change and hasattr(obj, "revision"):
            type(obj)._base_manager.filter(pk=obj.pk).update(revision=F("revision") + 1)
            obj.refresh_from_db()
        after = audit.snapshot(obj)
        if before is not None:
            before, after = audit.changed(before, after)
        audit.record(request.user, "admin_change" if change else "admin_add", obj, before, after)


class ReadOnlyAdmin(SecretariatAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Jurisdiction)
class JurisdictionAdmin(SecretariatAdmin):
    list_display = ("name", "name_ascii", "kind", "country", "subdivision", "unlocode", "parent")
    list_filter = ("kind", "country")
    search_fields = ("name", "name_ascii", "slug", "unlocode")
    readonly_fields = (
        "revision",
        "created_at",
        "updated_at",
        "created_by",
        "updated_by",
        "deleted_at",
        "deleted_by",
    )


@admin.register(JurisdictionIdentifier, JurisdictionStat)
class JurisdictionDataAdmin(SecretariatAdmin):
    list_display = ("__str__", "jurisdiction")
    search_fields = ("jurisdiction__name_ascii",)


@admin.register(Membership, SecretariatRole)
class RoleAdmin(SecretariatAdmin):
    list_display = ("__str__", "role", "created_at", "deleted_at")
    list_filter = ("role",)


@admin.register(User)
class UserAdmin(SecretariatAdmin):
    list_display = ("username", "email", "is_active", "is_staff", "last_login")
    search_fields = ("username", "email")
    exclude = ("password", "user_permissions", "groups")
    readonly_fields = ("last_login", "date_joined")


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    list_display = ("prefix", "user", "name", "scopes", "created_at", "last_used_at", "revoked_at")
    exclude = ("token_hash",)


class SubmissionAdmin(ReadOnlyAdmin):
    """Submissions of every kind (each feature's admin.py registers its models with it)."""

    list_display = ("__str__", "jurisdiction", "version", "state", "verification_status", "data_source")
    list_filter = ("state", "verification_status")
    search_fields = ("jurisdiction__name_ascii",)


@admin.register(ReviewComment)
class CommentAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "jurisdiction", "gpc_ref", "created_at")


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("at", "actor", "action", "object_repr", "jurisdiction")
    list_filter = ("action", "content_type")
    search_fields = ("object_repr", "comment")
    date_hierarchy = "at"
