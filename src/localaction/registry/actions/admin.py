"""Back-office: read-only (submissions change through the workflow use-cases)."""

from __future__ import annotations

from django.contrib import admin

from localaction.registry.actions.models import Action
from localaction.registry.base.admin import SubmissionAdmin

admin.site.register([Action], SubmissionAdmin)
