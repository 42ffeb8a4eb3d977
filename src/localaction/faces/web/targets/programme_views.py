"""Milestones (commitment date, plans as evidence, the secretariat's overdue list) and the 10% Efficiency-Gain
Programme (a city's commitment with its readings; the secretariat's programme view)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from localaction.faces.web import usecase
from localaction.faces.web.common import revision_of
from localaction.faces.web.fields import LocalizedNumberField
from localaction.registry import services
from localaction.registry.base import access
from localaction.registry.base.errors import PermissionDenied
from localaction.registry.targets import programmes
from localaction.registry.targets.models.programmes import INITIATIVE_CHOICES, RECORDED_ITEMS

DATE = forms.DateInput(attrs={"type": "date"})


class CommitmentDateForm(forms.Form):
    framework = forms.ChoiceField(
        label=gettext_lazy("Initiative committed to"),
        choices=INITIATIVE_CHOICES,
        help_text=gettext_lazy(
            "The milestone rules are chosen by the initiative and the date: the Compact of Mayors' before "
            "1 January 2017, the Global Covenant's from then on."
        ),
    )
    committed_on = forms.DateField(label=gettext_lazy("Committed on"), widget=DATE)


class EvidenceForm(forms.Form):
    item = forms.ChoiceField(label=gettext_lazy("Milestone evidence"), choices=RECORDED_ITEMS)
    title = forms.CharField(label=gettext_lazy("Title"), max_length=300)
    submitted_on = forms.DateField(label=gettext_lazy("Submitted on"), widget=DATE)
    url = forms.URLField(label=gettext_lazy("Link"), required=False, assume_scheme="https")


class ReadingForm(forms.Form):
    start = forms.DateField(label=gettext_lazy("Period start"), widget=DATE)
    end = forms.DateField(label=gettext_lazy("Period end"), widget=DATE)
    value = LocalizedNumberField(label=gettext_lazy("Consumption"), min_value=0)
    unit = forms.CharField(
        label=gettext_lazy("Unit"),
        required=False,
        max_length=40,
        help_text=gettext_lazy("Blank: the commitment's unit."),
    )
    source = forms.CharField(label=gettext_lazy("Source"), required=False, max_length=300)


@login_required
def milestones_edit(request: HttpRequest, slug: str) -> HttpResponse:
    """A city's commitment date and its plans (the milestone evidence the registry does not hold)."""
    jur = services.get_jurisdiction(slug)
    if not access.can_create_in(request.user, jur):
        raise PermissionDenied(_("Only editors and approvers of %(j)s can record milestones.") % {"j": jur})
    fc = programmes.framework_commitment(jur)
    date_form = CommitmentDateForm(
        request.POST if "committed_on" in request.POST else None,
        initial={
            "committed_on": fc.committed_on if fc else None,
            "framework": fc.framework if fc else "gcom",
        },
    )
    evidence_form = EvidenceForm(request.POST if "item" in request.POST else None)
    for form, save in (
        (date_form, lambda d: programmes.set_framework_commitment(request.user, jur, **d)),
        (evidence_form, lambda d: programmes.add_evidence(request.user, jur, **d)),
    ):
        if form.is_bound and form.is_valid():
            with usecase.attempt(request, form=form) as done:
                save(form.cleaned_data)
            if done:
                messages.success(request, _("Saved."))
                return redirect("targets:milestones_edit", slug=slug)
    return render(
        request,
        "targets/milestones_edit.html",
        {
            "jurisdiction": jur,
            "date_form": date_form,
            "evidence_form": evidence_form,
            "report": programmes.milestones(jur),
        },
    )


@login_required
def overdue(request: HttpRequest) -> HttpResponse:
    rows = programmes.overdue(request.user)
    return render(request, "targets/overdue.html", {"rows": rows})


def efficiency(request: HttpRequest, pk: int) -> HttpResponse:
    """One 10% commitment: progress, readings, and (for the city's editors) a form to add one."""
    c = programmes.get_commitment(request.user, pk)
    can_add = access.can_create_in(request.user, c.jurisdiction)
    form = ReadingForm(request.POST or None) if can_add else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(_("Only the jurisdiction's editors and approvers can add readings."))
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
            with usecase.attempt(request, form=form) as done:
                programmes.add_reading(request.user, c, **data)
            if done:
                messages.success(request, _("Reading added."))
                return redirect("targets:efficiency", pk=pk)
    progress = programmes.efficiency_of(c)
    results = {(r.start, r.end): r for r in (progress.readings if progress else [])}
    context: dict[str, Any] = {
        "commitment": c,
        "jurisdiction": c.jurisdiction,
        "progress": progress,
        "readings": [(r, results.get((r.start, r.end))) for r in programmes.readings_of(c)],
        "form": form,
        "can_add": can_add,
    }
    return render(request, "targets/efficiency.html", context)


@login_required
@require_POST
def reading_delete(request: HttpRequest, pk: int, reading_id: int) -> HttpResponse:
    c = programmes.get_commitment(request.user, pk)
    with usecase.attempt(request) as done:
        programmes.delete_reading(request.user, reading_id, revision=revision_of(request))
    if done:
        messages.success(request, _("Reading deleted."))
    return redirect("targets:efficiency", pk=c.pk)


@login_required
def programme(request: HttpRequest) -> HttpResponse:
    """The secretariat's view of the programme: how many committed, on track, achieved, and each one."""
    if not access.is_secretariat(request.user):
        raise PermissionDenied(_("The programme view is for the secretariat."))
    rows = [(c, programmes.efficiency_of(c)) for c in programmes.efficiency_commitments(request.user)]
    return render(
        request, "targets/programme.html", {"summary": programmes.summary(request.user), "rows": rows}
    )
