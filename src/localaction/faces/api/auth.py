"""Who is calling: an API token (``Authorization: Bearer la_…``) or the Django session (with CSRF for
unsafe methods); public reads also accept nobody. ``request.auth`` is then the acting user (an
``AnonymousUser`` for public reads). Permission checks stay in ``registry.access``.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer
from ninja.security.apikey import APIKeyCookie
from ninja.utils import check_csrf

from localaction.registry.base import tokens
from localaction.registry.base.errors import PermissionDenied

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class TokenAuth(HttpBearer):
    """A bearer token; a token that is present but wrong is a 401 (never silently anonymous)."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        row = tokens.authenticate(token)
        if row is None:
            raise AuthenticationError(message="the API token is unknown, revoked or expired")
        if request.method not in SAFE_METHODS and not tokens.has_scope(row, "write"):
            raise PermissionDenied("this token is read-only: create one with the write scope")
        return row.user


class SessionAuth(APIKeyCookie):
    """Django's session cookie (the pages' sign-in); unsafe methods need the CSRF token."""

    param_name = "sessionid"

    def _get_key(self, request: HttpRequest) -> str | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None  # not signed in: let the next method (or the 401) decide
        if request.method not in SAFE_METHODS and check_csrf(request) is not None:
            raise PermissionDenied("CSRF check failed: send the X-CSRFToken header with the csrftoken cookie")
        return request.COOKIES.get(self.param_name) or "session"

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        return request.user if key else None


def anonymous(request: HttpRequest) -> Any:
    """Public reads: nobody signed in is the anonymous user (truthy, so ninja lets the call through)."""
    return AnonymousUser()


token_auth = TokenAuth()
session_auth = SessionAuth()
READ_AUTH = [token_auth, session_auth, anonymous]
WRITE_AUTH = [token_auth, session_auth]


def actor(request: HttpRequest) -> Any:
    """The acting user of a request (set by the auth callbacks above)."""
    return getattr(request, "auth", None) or AnonymousUser()
