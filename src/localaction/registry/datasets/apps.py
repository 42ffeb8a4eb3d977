from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DatasetsConfig(AppConfig):
    name = "localaction.registry.datasets"
    label = "datasets"
    verbose_name = _("Datasets")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from localaction.registry.datasets import signals

        signals.connect()
