"""Public pages built once and served from Django's cache (``@public_page``), for anonymous visitors only.

A page is served from or stored in the cache only for a GET (or HEAD) without a query string, without a
session cookie and without an ``Authorization`` header, i.e. nobody signed in: a signed-in user (who may see drafts, the workspace link,
the sign-out form) always gets a page built for them. The key holds the registry's public generation
(``registry.base.publiccache``: replaced by any write the public can see), the language, the day (pages
that count years to a target), the scheme and host, and the full path with its query.

What differs per response is kept out of the stored page: the CSP nonce and the CSRF token (the language
form) are replaced by markers when stored and by this request's own values when served, so no visitor gets
another's token and the Content-Security-Policy header names the nonce in the page.
"""

from __future__ import annotations

import functools
import hashlib
import re
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.middleware import csrf
from django.middleware.csrf import CSRF_TOKEN_LENGTH, get_token
from django.utils import translation

from localaction.core import clock
from localaction.registry.base import publiccache

NONCE_MARK = b"\x00la-nonce\x00"
CSRF_MARK = b"\x00la-csrf\x00"
KEY = "localaction.page:"
LOCK_SECONDS = 60  # a builder that died leaves its lock this long at most
WAIT_SECONDS = 15.0
POLL_SECONDS = 0.05
_TOKEN = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{%d}(?![A-Za-z0-9])" % CSRF_TOKEN_LENGTH)


def is_public_request(request: HttpRequest) -> bool:
    """Nobody signed in, no session that could hold messages for this visitor, and no query string (a page
    with a query, e.g. a directory search, is built each time: any visitor could otherwise fill the cache
    with endless variants of one page)."""
    if request.method not in ("GET", "HEAD") or request.META.get("QUERY_STRING"):
        return False
    if "HTTP_AUTHORIZATION" in request.META or settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def page_key(request: HttpRequest) -> str:
    # The host and scheme too: a page may hold absolute links (and the language form its own "next").
    origin = f"{request.scheme}://{request.get_host()}"
    where = hashlib.sha256(f"{origin}{request.get_full_path()}".encode()).hexdigest()[:32]
    day = clock.today().isoformat()
    return f"{KEY}{publiccache.generation()}:{translation.get_language()}:{day}:{where}"


def _serve(request: HttpRequest, stored: dict[str, Any]) -> HttpResponse:
    body: bytes = stored["body"]
    if NONCE_MARK in body:
        body = body.replace(NONCE_MARK, str(request.csp_nonce).encode())  # type: ignore[attr-defined]
    if CSRF_MARK in body:
        body = body.replace(CSRF_MARK, get_token(request).encode())  # also sets the visitor's CSRF cookie
    response = HttpResponse(body, content_type=stored["content_type"])
    response["X-Public-Cache"] = "hit"
    return response


def _store(request: HttpRequest, key: str, response: HttpResponse) -> None:
    body = response.content
    nonce = getattr(request, "_csp_nonce", None)  # set by django-csp once the page used it
    if isinstance(nonce, str) and nonce:
        body = body.replace(nonce.encode(), NONCE_MARK)
    secret = request.META.get("CSRF_COOKIE")
    if secret and request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        # The page used {% csrf_token %} (once per template context, each time masked differently): every
        # token of this visitor's secret becomes the marker.
        def unmark(match: re.Match[bytes]) -> bytes:
            text = match.group().decode()
            unmasked = csrf._unmask_cipher_token(text)  # type: ignore[attr-defined]  # Django's, not in the stubs
            return CSRF_MARK if unmasked == secret else match.group()

        body = _TOKEN.sub(unmark, body)
        if secret.encode() in body:
            return  # never share a visitor's secret
    cache.set(key, {"body": body, "content_type": response["Content-Type"]})


def public_page(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Serve ``view``'s page from the public cache for anonymous visitors (see the module's text)."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not publiccache.enabled() or not is_public_request(request):
            return view(request, *args, **kwargs)
        key = page_key(request)
        stored = cache.get(key)
        if isinstance(stored, dict):
            return _serve(request, stored)

        def build() -> HttpResponseBase:
            response = view(request, *args, **kwargs)
            if (
                isinstance(response, HttpResponse)
                and response.status_code == 200
                and not response.streaming
                and not response.cookies
            ):
                _store(request, key, response)
            return response

        return _build_once(request, key, build)

    return wrapped


def _build_once(request: HttpRequest, key: str, build: Callable[[], HttpResponseBase]) -> HttpResponseBase:
    """One visitor builds a missing page; the others arriving meanwhile wait for it (up to
    ``WAIT_SECONDS``) instead of each building it too: 50 visitors on a page just published would otherwise
    all render it at once, and on a threaded server none would finish for many seconds."""
    lock = key + ":building"
    if cache.add(lock, 1, timeout=LOCK_SECONDS):
        try:
            return build()
        finally:
            cache.delete(lock)
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(POLL_SECONDS)
        stored = cache.get(key)
        if isinstance(stored, dict):
            return _serve(request, stored)
        if cache.get(lock) is None:
            break  # the builder stored nothing (not a 200, an error): build it here
    return build()
