"""The city's workspace: where sign-in leads, the dashboard (what is due, open comments, the features'
panels), and the pages for targets, commitments, actions and hazards."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from localaction.faces.web import usecase
from localaction.faces.web.common import detail_url, get_submission, kind_of, model_of, revision_of
from localaction.faces.web.forms import (
    submission_form,
)
from localaction.faces.web.panels import DASHBOARD_PANELS, render_panels
from localaction.registry import services
from localaction.registry.actions.models import Action
from localaction.registry.base import access, kinds
from localaction.registry.base.errors import PermissionDenied
from localaction.registry.base.models import Jurisdiction, Submission
from localaction.registry.base.states import Role
from localaction.registry.hazards.models import HazardAssessment
from localaction.registry.inventories.models import Inventory
from localaction.registry.services.workspace import due_items, main_role, open_comments
from localaction.registry.targets.models import Commitment, Target

OTHER_MODELS: tuple[tuple[str, type[Submission]], ...] = (
    ("target", Target),
    ("commitment", Commitment),
    ("action", Action),
    ("hazard", HazardAssessment),
)


def _member_jurisdictions(request: HttpRequest) -> list[Jurisdiction]:
    ids = access.roles(request.user).jurisdiction_ids
    return list(Jurisdiction.objects.filter(pk__in=ids).order_by("name_ascii"))


def _current(qs: Any) -> list[Any]:
    """Every version still of interest: not replaced by a published correction."""
    return [obj for obj in qs if obj.superseded_at is None]


LANDING = {
    "secretariat": "web:review",
    "tap_reviewer": "tap:desk",
    "funder": "tap:portal",
    "partner": "gateway:mine",
    "coordinator": "network:networks",
}


@login_required
def landing(request: HttpRequest) -> HttpResponse:
    """Where sign-in leads: each role to its own page (a city's people to the workspace)."""
    return redirect(LANDING.get(main_role(request.user), "web:workspace"))


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    blocks = []
    for jur in _member_jurisdictions(request):
        blocks.append(
            {
                "jurisdiction": jur,
                "roles": sorted(r.value for r in access.roles(user).by_jurisdiction.get(jur.pk, ())),
                "inventories": _current(
                    services.visible_inventories(user, jur).order_by("-year", "-version")
                ),
                "others": [
                    (kind, model._meta.verbose_name_plural, _current(services.visible(user, model, jur)))
                    for kind, model in OTHER_MODELS
                ],
                "due": due_items(user, jur),
                "comments": open_comments(user, jur),
                "can_create": access.can_create_in(user, jur),
                "panels": render_panels(DASHBOARD_PANELS, request, jur),
            }
        )
    return render(request, "workspace/dashboard.html", {"blocks": blocks})


def _submission_page(
    request: HttpRequest, obj: Submission | None, jur: Jurisdiction, kind: str, form: Any
) -> HttpResponse:
    model = model_of(kind)
    return render(
        request,
        "workspace/submission.html",
        {
            "obj": obj,
            "jurisdiction": jur,
            "kind": kind,
            "kind_label": model._meta.verbose_name,
            "form": form,
            "actions": access.allowed_actions(request.user, obj) if obj is not None else [],
            "can_edit": obj is None or access.can_edit(request.user, obj),
            "comments": list(services.comments_on(request.user, obj))
            if obj is not None and access.can_comment(request.user, obj)
            else [],
        },
    )


def _generic_kinds() -> set[str]:
    """The kinds edited through these generic pages (the others have their own)."""
    return {k.slug for k in kinds.all_kinds() if k.generic_pages}


@login_required
def submission_new(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    if kind not in _generic_kinds():
        model_of("")  # 404
    model = model_of(kind)
    jur = services.get_jurisdiction(slug)
    access.require_create_in(request.user, jur, f"a {model._meta.verbose_name}")
    form = submission_form(model)(request.POST or None)
    if request.method == "POST" and form.is_valid():
        obj = usecase.run(
            request, services.create_submission, request.user, model, jur, form=form, **form.cleaned_data
        )
        if not isinstance(obj, usecase.Failed):
            messages.success(request, _("Saved as a draft. An approver submits it for review."))
            return redirect("web:submission_edit", kind=kind, pk=obj.pk)
    return _submission_page(request, None, jur, kind, form)


@login_required
def submission_edit(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    if kind not in _generic_kinds():
        return redirect("web:editor", pk=pk) if kind == "inventory" else redirect(reverse("web:workspace"))
    obj = get_submission(request, kind, pk)
    form_class = submission_form(model_of(kind))
    form = form_class(request.POST or None, instance=type(obj).objects.get(pk=obj.pk))
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        done = usecase.run(
            request,
            services.update_submission,
            request.user,
            obj,
            revision=revision_of(request),
            form=form,
            **changes,
        )
        if not isinstance(done, usecase.Failed):
            messages.success(request, _("Saved."))
            return redirect("web:submission_edit", kind=kind_of(obj), pk=obj.pk)
    return _submission_page(request, obj, obj.jurisdiction, kind, form)


SEPARATION_CHOICES = {"default": None, "on": True, "off": False}


@login_required
def jurisdiction_settings(request: HttpRequest, slug: str) -> HttpResponse:
    """The jurisdiction's own workflow settings: the separation of preparer and approver (four eyes inside
    the city). Its members read it; its approvers and secretariat admins change it."""
    user = request.user
    jur = services.get_jurisdiction(slug)
    mine = access.roles(user).by_jurisdiction.get(jur.pk, frozenset())
    admin = access.is_admin(user)
    if not mine and not admin:
        raise PermissionDenied(_("Only the jurisdiction's members see its settings."))
    can_change = Role.APPROVER in mine or admin
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied(
                _("Only the jurisdiction's approvers and secretariat admins change its settings.")
            )
        choice = request.POST.get("separation", "")
        if choice not in SEPARATION_CHOICES:
            messages.error(request, _("Choose one of the three settings."))
        else:
            done = usecase.run(
                request,
                services.set_separation,
                user,
                jur,
                SEPARATION_CHOICES[choice],
                revision=revision_of(request),
            )
            if not isinstance(done, usecase.Failed):
                messages.success(request, _("Setting saved."))
                return redirect("web:jurisdiction_settings", slug=jur.slug)
        jur.refresh_from_db()
    current = {None: "default", True: "on", False: "off"}[jur.separate_preparer_approver]
    return render(
        request,
        "workspace/settings.html",
        {
            "jurisdiction": jur,
            "members": services.member_count(jur),
            "separation_on": services.separation_on(jur),
            "current": current,
            "can_change": can_change,
        },
    )


@login_required
def submission_delete(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Ask before deleting a draft (or withdrawn) version: the button here posts the ``delete`` action."""
    obj = get_submission(request, kind, pk)
    if not access.can_delete(request.user, obj):
        raise PermissionDenied(
            _("Only the jurisdiction's editors and approvers delete a draft or withdrawn version.")
        )
    return render(
        request,
        "workspace/delete.html",
        {
            "obj": obj,
            "kind": kind,
            "kind_label": type(obj)._meta.verbose_name,
            "jurisdiction": obj.jurisdiction,
            "back": detail_url(obj),
            "records": obj.activity_records.filter(deleted_at__isnull=True).count()
            if isinstance(obj, Inventory)
            else None,
        },
    )
