"""Set Django up for code outside a Django process (the CLI, scripts, benchmarks)."""

from __future__ import annotations

import os

SETTINGS_MODULE = "localaction.site.settings"


def configure(*, debug: bool = False) -> None:
    """Point Django at our settings unless the caller chose others; ``debug`` turns Django's debug pages on
    for this process and the server's workers (``localaction serve --debug``). The only os.environ writes."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)
    if debug:
        os.environ["LOCALACTION_DEBUG"] = "1"


def setup(*, debug: bool = False) -> None:
    """Configure and ``django.setup()``; cheap when already done."""
    configure(debug=debug)
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()
