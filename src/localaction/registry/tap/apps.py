from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TapConfig(AppConfig):
    name = "localaction.registry.tap"
    label = "tap"
    verbose_name = _("Transformative Actions Program")
