"""The secretariat's review desk: the queue and a version's detail (checks, comments, the diff)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from localaction.faces.web.common import get_submission, kind_of
from localaction.faces.web.history import describe
from localaction.faces.web.inventories.overview import record_factors
from localaction.faces.web.inventories.tables import NOTATION_KEYS, QUALITY, gpc_rows, totals
from localaction.faces.web.panels import REVIEW_PANELS, render_submission_panels
from localaction.registry import services
from localaction.registry.base import access, kinds
from localaction.registry.base.errors import PermissionDenied
from localaction.registry.base.kinds import fields_of
from localaction.registry.base.models import State, Submission
from localaction.registry.inventories.models import Inventory
from localaction.registry.inventories.recompute import previous_inventory
from localaction.registry.services import public


def _require_desk(request: HttpRequest) -> None:
    if not access.is_secretariat(request.user):
        raise PermissionDenied(_("The review desk is for the secretariat (reviewers, verifiers, admins)."))


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    _require_desk(request)
    g = request.GET
    state = g.get("state", "")
    states = [state] if state in State.values else None
    rows = public.review_queue(
        request.user,
        states=states,
        kind=_model_name(g.get("kind", "")),
        country=g.get("country", ""),
        q=g.get("q", ""),
    )
    return render(
        request,
        "review/queue.html",
        {
            "rows": [(r, kind_of(r)) for r in rows],
            "states": State.choices,
            "kinds": [(k.slug, k.model._meta.verbose_name) for k in kinds.all_kinds()],
            "filters": {
                "state": state,
                "kind": g.get("kind", ""),
                "country": g.get("country", ""),
                "q": g.get("q", ""),
            },
        },
    )


def _model_name(kind: str) -> str:
    known = {k.slug: k.model for k in kinds.all_kinds()}
    return str(known[kind]._meta.model_name) if kind in known else ""


def _field_diff(obj: Submission, previous: Submission | None) -> list[dict[str, Any]]:
    out = []
    for name in fields_of(obj):
        field = type(obj)._meta.get_field(name)
        now = _display(obj, field)
        before = _display(previous, field) if previous is not None else None
        out.append(
            {
                "label": getattr(field, "verbose_name", name),
                "value": now,
                "previous": before,
                "changed": previous is not None and now != before,
            }
        )
    return out


def _display(obj: Submission | None, field: Any) -> str:
    if obj is None:
        return ""
    if isinstance(field, models.Field) and field.choices:
        return str(getattr(obj, f"get_{field.name}_display")())
    value = getattr(obj, field.name)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


@login_required
def detail(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    _require_desk(request)
    obj = get_submission(request, kind, pk)
    previous = public.previous_version(request.user, obj)
    comments = list(services.comments_on(request.user, obj))
    context: dict[str, Any] = {
        "obj": obj,
        "kind": kind,
        "jurisdiction": obj.jurisdiction,
        "previous": previous,
        "actions": access.allowed_actions(request.user, obj),
        "comments": [c for c in comments if not c.gpc_ref],
        "history": [(h, describe(h)) for h in services.history(request.user, obj)[:30]],
        "panels": render_submission_panels(REVIEW_PANELS, request, obj),
    }
    if isinstance(obj, Inventory):
        prev_inv = previous if isinstance(previous, Inventory) else None
        last_year = previous_inventory(obj)  # published, so public: what the year-on-year checks compare
        rows = gpc_rows(obj, prev_inv, last_year)
        by_ref: dict[str, list[Any]] = {}
        for c in comments:
            by_ref.setdefault(c.gpc_ref, []).append(c)
        for row in rows:
            row.comments = by_ref.get(row.gpc_ref, [])
        records = list(obj.activity_records.filter(deleted_at__isnull=True))
        record_factors(records)  # each factor's value, unit and source, as in the editor
        context.update(
            rows=rows,
            totals=totals(obj),
            previous_year=last_year,
            previous_totals=totals(prev_inv) if prev_inv else None,
            checks=obj.checks,
            notation_keys=NOTATION_KEYS,
            quality=QUALITY,
            records=records,
        )
    else:
        context["fields"] = _field_diff(obj, previous)
    return render(request, "review/detail.html", context)
