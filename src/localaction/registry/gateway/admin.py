"""Back-office for the solutions gateway: entries are read-only here (they change through the use-cases)."""

from __future__ import annotations

from django.contrib import admin

from localaction.registry.gateway.models import Solution
from localaction.registry.tap.admin import ReadOnly


@admin.register(Solution)
class SolutionAdmin(ReadOnly):
    list_display = ("title", "kind", "status", "partner")
    list_filter = ("kind", "status")
