from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TargetsConfig(AppConfig):
    name = "localaction.registry.targets"
    label = "programmes"
    verbose_name = _("Targets, commitments and programmes")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from localaction.registry.targets import kind

        kind.register()
