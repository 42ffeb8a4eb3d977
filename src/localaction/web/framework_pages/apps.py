from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrameworkPagesConfig(AppConfig):
    name = "localaction.web.framework_pages"
    label = "framework_pages"
    verbose_name = _("Framework report pages")

    def ready(self) -> None:
        from localaction.web.framework_pages import panels

        panels.register()
