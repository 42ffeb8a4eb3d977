from __future__ import annotations

from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "localaction.registry.network"
    label = "network"
    verbose_name = _("Members and networks")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The pages' panels and nav links (web extension points). Imported by name so that the registry
        # package itself never depends on the web face at import time.
        from django.apps import apps

        if apps.is_installed("localaction.web"):
            import_module("localaction.web.network.panels").register()
