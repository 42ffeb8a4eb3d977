from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackupConfig(AppConfig):
    """Backup and restore of the whole database (``localaction backup`` / ``restore``), and the ``flush``
    that knows the audit log's append-only triggers. No models."""

    name = "localaction.registry.backup"
    label = "backup"
    verbose_name = _("Backup")
