from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsWebConfig(AppConfig):
    name = "localaction.faces.web.insights"
    label = "insights_web"
    verbose_name = _("Insights pages")

    def ready(self) -> None:
        from localaction.faces.web.insights.panel import register

        register()
