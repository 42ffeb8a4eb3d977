from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsWebConfig(AppConfig):
    name = "localaction.insights_web"
    label = "insights_web"
    verbose_name = _("Insights pages")

    def ready(self) -> None:
        from localaction.insights_web.panel import register

        register()
