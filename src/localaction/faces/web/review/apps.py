from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewWebConfig(AppConfig):
    name = "localaction.faces.web.review"
    label = "review_web"
    verbose_name = _("The review desk")
