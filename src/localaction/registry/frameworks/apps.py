from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrameworkReportsConfig(AppConfig):
    name = "localaction.registry.frameworks"
    label = "framework_reports"
    verbose_name = _("Framework reports")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from localaction.registry.frameworks import kind

        kind.register()
