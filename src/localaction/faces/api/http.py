"""HTTP behaviour every API route shares, applied around each route's view (no site middleware needed):

- ``HEAD`` wherever ``GET`` works (the GET answer without its body);
- ``OPTIONS`` answers with ``Allow``; a CORS preflight for an anonymous read gets the CORS headers;
- a wrong method is 405 in the error shape, with ``Allow``;
- ``GET``: an ``ETag`` (hash of the body) and ``304`` on ``If-None-Match``; anonymous reads (no token, no
  session: published data only) also carry ``Last-Modified`` (``If-Modified-Since`` → 304),
  ``Cache-Control: public`` with an ``s-maxage`` for shared caches (CDNs) and
  ``Access-Control-Allow-Origin: *`` (never with credentials); signed-in reads are ``private, no-cache``;
- paged lists carry a ``Link`` header (``rel="next"`` / ``rel="prev"``) and ``X-Total-Count``;
- anonymous reads (published data only) are built once and served from Django's cache, keyed by the
  registry's public generation (``registry.base.publiccache``: replaced by any write the public can see),
  the language, the day, the scheme and host and the full path; reads with a token or a session are never cached.

``Last-Modified`` is the moment this server first served the current body of that URL (kept in Django's
cache beside the body's hash): it moves whenever the body changes, so it can never claim "not modified" for
changed data. With several worker processes, configure a shared cache so they agree.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseNotAllowed
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date

from localaction.core import clock
from localaction.faces.api.errors import error_response
from localaction.registry.base import publiccache

READS = frozenset({"GET", "HEAD"})
# Headers a browser may send on a cross-origin anonymous read (beyond the CORS-safelisted ones).
CORS_REQUEST_HEADERS = ("accept", "accept-language", "content-language", "if-none-match", "if-modified-since")
CORS_EXPOSE = "ETag, Link, X-Total-Count, Content-Disposition"
PREFLIGHT_MAX_AGE = 86_400


def max_age() -> int:
    """Seconds a browser may keep a public answer without asking again."""
    return int(getattr(settings, "LOCALACTION_API_MAX_AGE", 60))


def shared_max_age() -> int:
    """Seconds a shared cache (a CDN) may keep a public answer; published data changes only on publication."""
    return int(getattr(settings, "LOCALACTION_API_SHARED_MAX_AGE", 300))


def is_anonymous(request: HttpRequest) -> bool:
    """No credentials at all: no token, no session cookie (what a CDN or another site's page sends)."""
    return "HTTP_AUTHORIZATION" not in request.META and settings.SESSION_COOKIE_NAME not in request.COOKIES


def _allow(response: HttpResponseBase) -> list[str]:
    methods = [m.strip() for m in str(response.get("Allow", "")).split(",") if m.strip()]
    if "GET" in methods:
        methods.append("HEAD")
    return sorted({*methods, "OPTIONS"})


def _options(request: HttpRequest, allowed: list[str]) -> HttpResponse:
    response = HttpResponse(status=204)
    response["Allow"] = ", ".join(allowed)
    wanted = request.META.get("HTTP_ACCESS_CONTROL_REQUEST_METHOD", "").upper()
    asked = request.META.get("HTTP_ACCESS_CONTROL_REQUEST_HEADERS", "")
    headers = {h.strip().lower() for h in asked.split(",") if h.strip()}
    # Only anonymous reads are open to other sites: a preflight for a write or a token gets no CORS grant.
    cross_site_read = "HTTP_ORIGIN" in request.META and wanted in READS and wanted in allowed
    if cross_site_read and headers <= set(CORS_REQUEST_HEADERS):
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response["Access-Control-Allow-Headers"] = ", ".join(CORS_REQUEST_HEADERS)
        response["Access-Control-Max-Age"] = str(PREFLIGHT_MAX_AGE)
    return response


def _not_allowed(request: HttpRequest, response: HttpResponseBase) -> HttpResponse:
    allowed = _allow(response)
    out = error_response(
        405, "method_not_allowed", f"{request.method} is not allowed here; use {', '.join(allowed)}"
    )
    out["Allow"] = ", ".join(allowed)
    return out


def _last_modified(request: HttpRequest, etag: str) -> int:
    """When this URL's current body was first served (seconds since the epoch)."""
    key = "localaction.api.lm:" + hashlib.sha256(request.get_full_path().encode()).hexdigest()
    seen = cache.get(key)
    if isinstance(seen, tuple) and seen[0] == etag:
        return int(seen[1])
    now = int(clock.now().timestamp())
    # A new body is always later than the one before it (one-second resolution of HTTP dates).
    stamp = max(now, int(seen[1]) + 1) if isinstance(seen, tuple) else now
    cache.set(key, (etag, stamp), timeout=7 * 86_400)
    return stamp


def _finish_read(request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
    page = getattr(request, "la_page", None)
    if page is not None:
        if page["links"]:
            response["Link"] = ", ".join(page["links"])
        response["X-Total-Count"] = str(page["count"])
    anonymous = is_anonymous(request)
    patch_vary_headers(response, ("Authorization", "Cookie"))
    if anonymous:
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = CORS_EXPOSE
    if response.status_code != 200 or getattr(response, "streaming", False):
        response["Cache-Control"] = "no-cache"
        return response
    assert isinstance(response, HttpResponse)
    etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
    response["ETag"] = etag
    last_modified = None
    if anonymous:
        last_modified = _last_modified(request, etag)
        response["Last-Modified"] = http_date(last_modified)
        response["Cache-Control"] = f"public, max-age={max_age()}, s-maxage={shared_max_age()}"
    else:
        response["Cache-Control"] = "private, no-cache"
    conditional = get_conditional_response(request, etag=etag, last_modified=last_modified, response=response)
    return conditional if conditional is not None else response


# Headers a view sets that the cached answer keeps (the rest is added on every answer by _finish_read).
_KEPT_HEADERS = ("Content-Disposition", "Content-Language")
READ_KEY = "localaction.api.read:"


def _read_key(request: HttpRequest) -> str:
    # The host and scheme too: paged lists hold absolute next/previous links.
    origin = f"{request.scheme}://{request.get_host()}"
    where = hashlib.sha256(f"{origin}{request.get_full_path()}".encode()).hexdigest()[:32]
    day = clock.today().isoformat()
    return f"{READ_KEY}{publiccache.generation()}:{translation.get_language()}:{day}:{where}"


def _cached_read(
    view: Callable[..., HttpResponseBase], request: HttpRequest, *args: Any, **kwargs: Any
) -> HttpResponseBase:
    """An anonymous read from the public cache, or built and stored there."""
    key = _read_key(request)
    stored = cache.get(key)
    if isinstance(stored, dict):
        hit = HttpResponse(stored["body"], content_type=stored["content_type"])
        for name, value in stored["headers"].items():
            hit[name] = value
        if stored["page"] is not None:
            request.la_page = stored["page"]  # type: ignore[attr-defined]
        hit["X-Public-Cache"] = "hit"
        return hit
    response = view(request, *args, **kwargs)
    if isinstance(response, HttpResponse) and response.status_code == 200 and not response.cookies:
        cache.set(
            key,
            {
                "body": response.content,
                "content_type": response["Content-Type"],
                "headers": {h: response[h] for h in _KEPT_HEADERS if h in response},
                "page": getattr(request, "la_page", None),
            },
        )
    return response


def wrap(
    view: Callable[..., HttpResponseBase], *, cache_reads: bool = False
) -> Callable[..., HttpResponseBase]:
    """``view`` with the shared behaviour above; ``cache_reads``: anonymous reads go through the public
    cache (every route but the liveness check and the documents built once anyway)."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        method = request.method or "GET"
        if method == "HEAD":
            request.method = "GET"  # the routes know GET; HEAD is GET without the body
        try:
            if cache_reads and method in READS and is_anonymous(request) and publiccache.enabled():
                response = _cached_read(view, request, *args, **kwargs)
            else:
                response = view(request, *args, **kwargs)
        finally:
            request.method = method
        if isinstance(response, HttpResponseNotAllowed):
            if method == "OPTIONS":
                return _options(request, _allow(response))
            return _not_allowed(request, response)
        if method in READS:
            response = _finish_read(request, response)
        else:
            response["Cache-Control"] = "no-store"
        if method == "HEAD" and isinstance(response, HttpResponse):
            length = len(response.content)
            response.content = b""
            response["Content-Length"] = str(length)
        return response

    wrapped.csrf_exempt = True  # type: ignore[attr-defined]  # ninja's views are; auth checks CSRF itself
    return wrapped
