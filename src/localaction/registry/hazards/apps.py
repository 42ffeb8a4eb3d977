from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HazardsConfig(AppConfig):
    """Its models keep the ``registry`` app label (their tables and content types were made there)."""

    name = "localaction.registry.hazards"
    label = "hazards"
    verbose_name = _("Climate hazards")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from localaction.registry.hazards import kind

        kind.register()
