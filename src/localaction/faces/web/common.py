"""Helpers every page shares: which model a URL's ``kind`` names, where a version is worked on, safe
redirects, the revision a form showed, the page number."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from localaction.registry.base import kinds
from localaction.registry.base.errors import NotFound
from localaction.registry.base.models import Submission
from localaction.registry.base.services.common import get_visible
from localaction.registry.inventories.models import Inventory


def model_of(kind: str) -> type[Submission]:
    try:
        return kinds.get(kind).model
    except NotFound:
        raise Http404(f"unknown kind {kind!r}") from None


def get_submission(request: HttpRequest, kind: str, pk: int) -> Submission:
    """A version the user may see (NotFound → 404 otherwise, without revealing drafts)."""
    return get_visible(request.user, model_of(kind), pk)


def kind_of(obj: Submission) -> str:
    return kinds.of(obj).slug


def detail_url(obj: Submission, *, review: bool = False) -> str:
    """Where a version is worked on: the editor for inventories, the form for the rest, or the review page."""
    kind = kind_of(obj)
    if review:
        return reverse("web:review_detail", args=[kind, obj.pk])
    if isinstance(obj, Inventory):
        return reverse("web:editor", args=[obj.pk])
    if kind == "report":  # framework reports have their own pages (faces/web/frameworks)
        return reverse("frameworks:edit", args=[obj.pk])
    return reverse("web:submission_edit", args=[kind, obj.pk])


def next_url(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return default


def revision_of(request: HttpRequest) -> int:
    """The revision the page showed (optimistic concurrency): a stale one makes the service refuse."""
    try:
        return int(request.POST.get("revision", ""))
    except ValueError:
        return -1


def page_number(request: HttpRequest) -> Any:
    return request.GET.get("page") or 1
