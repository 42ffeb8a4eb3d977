from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrameworkPagesConfig(AppConfig):
    name = "localaction.faces.web.frameworks"
    label = "frameworks_web"
    verbose_name = _("Framework report pages")

    def ready(self) -> None:
        from localaction.faces.web.frameworks import panels

        panels.register()
