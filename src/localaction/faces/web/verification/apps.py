"""Verification pages (the verifier's desk, a version's verification, statements), the four-eyes override on
the workflow buttons and the public "verified by … / published by override" lines; and the account pages
of issue 18 (password and API-token reset by e-mail, one-time passwords, the lockout page)."""

from __future__ import annotations

from typing import Any, cast

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VerificationWebConfig(AppConfig):
    name = "localaction.faces.web.verification"
    label = "verification_web"
    verbose_name = _("Verification and account pages")

    def ready(self) -> None:
        from localaction.faces.web import panels
        from localaction.registry.base import access

        def t(text: Any) -> str:
            return cast(str, text)

        panels.register_nav_item(
            panels.NavItem(
                "verification:desk",
                t(_("Verification")),
                lambda r: access.is_secretariat(getattr(r, "user", None)),
                order=50,
            )
        )
        panels.register_nav_item(
            panels.NavItem(
                "verification:security",
                t(_("One-time passwords")),
                lambda r: access.is_secretariat(getattr(r, "user", None)),
                order=51,
            )
        )
