"""Domain errors → HTML, in one place: NotFound is a 404 page, PermissionDenied a 403 page (in the site's
style: templates 404.html / 403.html). Errors a user can fix (invalid input, stale revision, failing checks,
a transition not possible now) are handled by the views that call the use-case, next to the form."""

from __future__ import annotations

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse
from django.views import defaults

from localaction.core.errors import NotFound
from localaction.registry.base.errors import PermissionDenied


class DomainErrorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        if isinstance(exc, NotFound):
            return defaults.page_not_found(request, Http404(exc.message))
        if isinstance(exc, PermissionDenied):
            return defaults.permission_denied(request, exc)
        return None
