from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VerificationConfig(AppConfig):
    name = "localaction.registry.verification"
    label = "verification"
    verbose_name = _("Verification")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from localaction.registry.base.services import workflow
        from localaction.registry.verification import services

        workflow.register_guard("verification", services.verify_guard)
