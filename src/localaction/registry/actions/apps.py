from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionsConfig(AppConfig):
    """Its models keep the ``registry`` app label (their tables and content types were made there)."""

    name = "localaction.registry.actions"
    label = "actions"
    verbose_name = _("Actions")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from localaction.registry.actions import kind

        kind.register()
