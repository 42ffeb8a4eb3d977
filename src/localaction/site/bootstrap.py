"""Set Django up for code outside a Django process (the CLI, scripts, benchmarks)."""

from __future__ import annotations

import os

SETTINGS_MODULE = "localaction.site.settings"


def configure() -> None:
    """Point Django at our settings unless the caller chose others (the only os.environ write we make)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)


def setup() -> None:
    """Configure and ``django.setup()``; cheap when already done."""
    configure()
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()
