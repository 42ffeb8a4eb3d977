"""The ASGI application (``localaction serve`` runs it under uvicorn)."""

from __future__ import annotations

from django.core.asgi import get_asgi_application

from localaction.site.bootstrap import configure

configure()
application = get_asgi_application()
