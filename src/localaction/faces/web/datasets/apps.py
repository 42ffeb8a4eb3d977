from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DatasetsWebConfig(AppConfig):
    name = "localaction.faces.web.datasets"
    label = "datasets_web"
    verbose_name = _("Prefill and cross-check pages")

    def ready(self) -> None:
        from localaction.faces.web.datasets import panels

        panels.register()
