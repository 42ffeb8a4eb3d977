"""The WSGI application (``localaction serve`` runs it under gunicorn; any WSGI server can)."""

from __future__ import annotations

from django.core.wsgi import get_wsgi_application

from localaction.site.bootstrap import configure

configure()
application = get_wsgi_application()
