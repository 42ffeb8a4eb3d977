"""Back-office: read-only (submissions change through the workflow use-cases)."""

from __future__ import annotations

from django.contrib import admin

from localaction.registry.base.admin import SubmissionAdmin
from localaction.registry.inventories.models import Inventory

admin.site.register([Inventory], SubmissionAdmin)
