"""The TAP and gateway pages: registers their nav links and the gateway's dashboard panel (web.panels)."""

from __future__ import annotations

from typing import Any, cast

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TapWebConfig(AppConfig):
    name = "localaction.faces.web.tap"
    label = "tap_web"
    verbose_name = _("TAP and gateway pages")

    def ready(self) -> None:
        from localaction.faces.web import panels

        def t(text: Any) -> str:  # the lazy translation, typed as the panels expect
            return cast(str, text)

        from localaction.faces.web.tap import panel

        panels.register_nav_item(
            panels.NavItem("tap:portal", t(_("Funding pipeline")), panel.nav_portal, order=60)
        )
        panels.register_nav_item(panels.NavItem("tap:mine", t(_("TAP projects")), panel.nav_city, order=61))
        panels.register_nav_item(panels.NavItem("tap:desk", t(_("TAP desk")), panel.nav_desk, order=62))
        panels.register_nav_item(
            panels.NavItem("gateway:search", t(_("Solutions")), lambda r: True, order=63)
        )
        panels.register_nav_item(
            panels.NavItem("gateway:mine", t(_("My solutions")), panel.nav_partner, order=64)
        )
        panels.register_dashboard_panel(
            panels.Panel(
                "gateway-suggestions",
                t(_("Suggested solutions")),
                "gateway/panel.html",
                panel.suggestions,
                80,
            )
        )
        panels.register_jurisdiction_panel(
            panels.Panel(
                "gateway-suggestions",
                t(_("Solutions for this profile")),
                "gateway/panel.html",
                panel.suggestions,
                80,
            )
        )
