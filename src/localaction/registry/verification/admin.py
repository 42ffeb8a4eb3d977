"""Verification in the back-office: read-only (it changes through the use-cases, which audit every step)."""

from __future__ import annotations

from django.contrib import admin

from localaction.registry.base.admin import ReadOnlyAdmin
from localaction.registry.verification.models import Assignment, Finding, Statement


@admin.register(Assignment)
class AssignmentAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "jurisdiction", "verifier", "state", "has_conflict", "assigned_at")
    list_filter = ("state", "has_conflict")


@admin.register(Finding)
class FindingAdmin(ReadOnlyAdmin):
    list_display = ("label", "assignment", "kind", "target", "target_ref", "status")
    list_filter = ("kind", "status")


@admin.register(Statement)
class StatementAdmin(ReadOnlyAdmin):
    list_display = ("reference", "assignment", "level_of_assurance", "opinion", "issued_at")
