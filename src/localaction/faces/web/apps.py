from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "localaction.faces.web"
    label = "web"
    verbose_name = _("LocalAction pages")

    def ready(self) -> None:
        from localaction.faces.web import language  # noqa: F401  (connects the sign-in receiver)
