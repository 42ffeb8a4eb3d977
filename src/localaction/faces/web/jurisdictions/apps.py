from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JurisdictionsWebConfig(AppConfig):
    name = "localaction.faces.web.jurisdictions"
    label = "jurisdictions_web"
    verbose_name = _("Public registry pages")
