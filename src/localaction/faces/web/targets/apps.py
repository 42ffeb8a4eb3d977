from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TargetsWebConfig(AppConfig):
    name = "localaction.faces.web.targets"
    label = "targets_web"
    verbose_name = _("Targets pages")

    def ready(self) -> None:
        from localaction.faces.web.targets import panels

        panels.register()
