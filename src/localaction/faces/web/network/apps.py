from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkWebConfig(AppConfig):
    name = "localaction.faces.web.network"
    label = "network_web"
    verbose_name = _("Member and network pages")

    def ready(self) -> None:
        from localaction.faces.web.network import panels

        panels.register()
