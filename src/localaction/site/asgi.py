"""The ASGI application (for ASGI servers such as uvicorn; ``localaction serve`` runs the WSGI one under gunicorn)."""

from __future__ import annotations

from django.core.asgi import get_asgi_application

from localaction.site.bootstrap import configure

configure()
application = get_asgi_application()
