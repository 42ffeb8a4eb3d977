from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GatewayConfig(AppConfig):
    name = "localaction.registry.gateway"
    label = "gateway"
    verbose_name = _("Solutions gateway")
