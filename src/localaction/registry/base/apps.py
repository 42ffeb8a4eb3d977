from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "localaction.registry.base"
    label = "registry"
    verbose_name = _("Registry")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        post_migrate.connect(_append_only, sender=self, dispatch_uid="registry.audit.append_only")
        from localaction.registry.base import publiccache

        publiccache.connect()


def _append_only(sender: AppConfig, using: str = "default", **kwargs: object) -> None:
    # After every migrate (and flush): SQLite drops a table's triggers when a migration rebuilds it.
    from django.db import connections

    from localaction.registry.base.audit import install_triggers

    install_triggers(connections[using])
