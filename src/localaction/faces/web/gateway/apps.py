from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GatewayWebConfig(AppConfig):
    name = "localaction.faces.web.gateway"
    label = "gateway_web"
    verbose_name = _("Solutions gateway pages")
