"""Domain errors → HTML, in ONE place: every ``LocalActionError`` a view lets through becomes a page that says
what happened and what to do, with the status of the one table (``core.errors.HTTP_STATUS``): 404 and 403
use the site's 404/403 pages; a version that cannot change now (409), a stale edit (409), failing checks and
bad input (422) use ``web/error.html``, with the next step as a button where there is one (a published
version's editor is offered a correction).

Views that can show an error next to a form field catch ``InputError`` themselves (``usecase.run``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import defaults

from localaction.core.errors import (
    ChecksFailed,
    Conflict,
    InvalidTransition,
    LocalActionError,
    PermissionDenied,
    http_status,
)
from localaction.registry.base import access, kinds
from localaction.registry.base.models import State, Submission


class DomainErrorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        if not isinstance(exc, LocalActionError):
            return None
        status = http_status(exc)
        if status == 404:
            return defaults.page_not_found(request, Http404(exc.message))
        if isinstance(exc, PermissionDenied):
            return defaults.permission_denied(request, exc)
        return render(request, "web/error.html", error_context(request, exc), status=status)


_TITLES: tuple[tuple[type[LocalActionError], str], ...] = (
    (Conflict, "Someone else changed this first"),
    (InvalidTransition, "This cannot be changed now"),
    (ChecksFailed, "Checks block this"),
    (LocalActionError, "This could not be done"),
)


def error_context(request: HttpRequest, exc: LocalActionError) -> dict[str, Any]:
    title = next(t for cls, t in _TITLES if isinstance(exc, cls))
    context: dict[str, Any] = {
        "title": _(title),
        "message": exc.message,
        "details": exc.details,
        "code": exc.code,
        "actions": [],
        "back": request.META.get("HTTP_REFERER", ""),
    }
    obj = _submission_of(request)
    if obj is None:
        return context
    from localaction.faces.web.common import detail_url

    context["object"] = obj
    context["object_url"] = detail_url(obj)
    slug = kinds.of(obj).slug
    if isinstance(exc, Conflict):
        context["actions"].append({"label": _("Reload the current version"), "href": request.path})
    if (
        obj.state == State.PUBLISHED
        and obj.superseded_at is None
        and access.can_open_correction(request.user, obj)
    ):
        context["hint"] = _(
            "This version is published: start a correction to change it. The published one stays public until the correction is published."
        )
        context["actions"].append(
            {
                "label": _("Start a correction"),
                "post": reverse("web:act", args=[slug, obj.pk]),
                "fields": {"action": "open_correction"},
            }
        )
    elif obj.state in (State.SUBMITTED, State.VALIDATED, State.VERIFIED):
        context["hint"] = _(
            "It is with the secretariat for review: an approver can withdraw it to change it."
        )
    return context


def _submission_of(request: HttpRequest) -> Submission | None:
    """The version the failed page was about, when its URL names one the user may see."""
    match = getattr(request, "resolver_match", None)
    if match is None or "pk" not in match.kwargs:
        return None
    slug = match.kwargs.get("kind") or ("inventory" if "/inventories/" in request.path else "")
    try:
        model = kinds.get(slug).model
        found = access.visible_to(request.user, model.objects.filter(pk=match.kwargs["pk"])).first()
    except LocalActionError:
        return None
    return found
