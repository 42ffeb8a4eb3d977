from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InventoriesWebConfig(AppConfig):
    name = "localaction.faces.web.inventories"
    label = "inventories_web"
    verbose_name = _("Inventory pages")
