from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkspaceWebConfig(AppConfig):
    name = "localaction.faces.web.workspace"
    label = "workspace_web"
    verbose_name = _("The city's workspace")
