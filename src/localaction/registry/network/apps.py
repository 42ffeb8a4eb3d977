from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "localaction.registry.network"
    label = "network"
    verbose_name = _("Members and networks")
    default_auto_field = "django.db.models.BigAutoField"
