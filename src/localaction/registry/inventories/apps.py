from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InventoriesConfig(AppConfig):
    """Its models keep the ``registry`` app label (their tables and content types were made there)."""

    name = "localaction.registry.inventories"
    label = "inventories"
    verbose_name = _("Inventories")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from localaction.registry.inventories import kind

        kind.register()
