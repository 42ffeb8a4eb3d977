"""Target pages: the target form with the core's findings next to the fields, the target page (progress,
interim targets, pathway chart with its numbers and CSV, gap, double counting) and linking actions.
Who may do what is the registry's (access / services); drafts are 404 to others."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from localaction.core.errors import InputError
from localaction.core.targets import Pathway, pathway_figure, pathway_table
from localaction.faces.web import downloads, usecase
from localaction.faces.web.charts import LAYOUT, Chart
from localaction.faces.web.common import revision_of
from localaction.faces.web.forms import submission_form
from localaction.registry import services
from localaction.registry.base import access
from localaction.registry.base.errors import Conflict, InvalidTransition, PermissionDenied
from localaction.registry.base.services.common import get_visible
from localaction.registry.targets import services as target_services
from localaction.registry.targets.models import Target

TargetForm = submission_form(Target)
# Findings that need no second look right after saving (they stay listed on the form and the target page).
QUIET = frozenset({"coverage.sectors_unstated", "coverage.gases_unstated", "target.base_from_inventory"})


def _get_target(request: HttpRequest, pk: int) -> Target:
    return get_visible(request.user, Target, pk)


def _fields_with_issues(form: Any, issues: list[Any]) -> tuple[list[tuple[Any, list[Any]]], list[Any]]:
    """Each visible field with the findings that name it; the rest go above the form."""
    by_field: dict[str, list[Any]] = {}
    for i in issues:
        by_field.setdefault(i.field, []).append(i)
    names = {f.name for f in form.visible_fields()}
    rows = [(f, by_field.get(f.name, [])) for f in form.visible_fields()]
    other = [i for i in issues if i.field not in names]
    return rows, other


def _form_page(
    request: HttpRequest, form: Any, jur: Any, obj: Target | None, issues: list[Any]
) -> HttpResponse:
    rows, other = _fields_with_issues(form, issues)
    return render(
        request,
        "targets/target_form.html",
        {"form": form, "rows": rows, "other_issues": other, "jurisdiction": jur, "obj": obj},
    )


@login_required
def target_new(request: HttpRequest, slug: str) -> HttpResponse:
    jur = services.get_jurisdiction(slug)
    if not access.can_create_in(request.user, jur):
        raise PermissionDenied(_("Only editors and approvers of %(j)s can add a target.") % {"j": jur})
    form = TargetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with usecase.attempt(request, form=form) as done:
            obj = services.create_target(request.user, jur, **form.cleaned_data)
        if done:
            return _saved(request, obj)
    return _form_page(request, form, jur, None, [])


def _saved(request: HttpRequest, obj: Target) -> HttpResponse:
    findings = target_services.target_issues(request.user, obj)
    messages.success(request, _("Saved as a draft. An approver submits it for review."))
    if any(i.code not in QUIET for i in findings):  # back to the form, the findings next to their fields
        return redirect("targets:target_edit", pk=obj.pk)
    return redirect("targets:target", pk=obj.pk)


@login_required
def target_edit(request: HttpRequest, pk: int) -> HttpResponse:
    obj = _get_target(request, pk)
    if not access.can_edit(request.user, obj):
        return redirect("targets:target", pk=pk)
    form = TargetForm(request.POST or None, instance=Target.objects.get(pk=obj.pk))
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        with usecase.attempt(request, form=form) as done:
            obj = services.update_submission(request.user, obj, revision=revision_of(request), **changes)
        if done:
            return _saved(request, obj)
    issues = target_services.target_issues(request.user, obj) if not form.is_bound else []
    return _form_page(request, form, obj.jurisdiction, obj, issues)


def pathway_chart(p: Pathway, target: Target) -> Chart:
    fig = pathway_figure(p, title="")
    fig.update_layout(**{k: v for k, v in LAYOUT.items() if k != "legend"}, title_text="")
    columns = [
        _("year"),
        _("BAU (t CO2e)"),
        _("actions (t CO2e)"),
        _("with actions (t CO2e)"),
        _("target line (t CO2e)"),
        _("inventories (t CO2e)"),
    ]
    keys = ["year", "bau_tco2e", "actions_tco2e", "with_actions_tco2e", "target_tco2e", "actual_tco2e"]
    rows = [[_round(r.get(k)) for k in keys] for r in pathway_table(p)]
    return Chart(
        key="pathway",
        title=_("Pathway to %(year)s: business as usual, with the actions, the target")
        % {"year": p.target_year},
        figure=fig.to_plotly_json(),
        columns=columns,
        rows=rows,
        csv_url=reverse("targets:pathway_csv", args=[target.pk]),
    )


def _round(v: Any) -> Any:
    return round(v, 1) if isinstance(v, float) else v


def _pathway(request: HttpRequest, target: Target) -> tuple[Pathway | None, str]:
    try:
        return target_services.pathway_of(request.user, target), ""
    except InputError as exc:
        return None, exc.message


@require_GET
def target_page(request: HttpRequest, pk: int) -> HttpResponse:
    target = _get_target(request, pk)
    user = request.user
    member = bool(access.roles_in(user, target.jurisdiction_id))
    progress = target_services.progress_of(user, target)
    p, why_not = _pathway(request, target)
    actions = target_services.actions_for(user, target.jurisdiction)
    titles = {str(a.pk): a.title for a in actions}
    context: dict[str, Any] = {
        "target": target,
        "jurisdiction": target.jurisdiction,
        "progress": progress,
        "milestones": [progress.target, *progress.interim],
        "pathway": p,
        "pathway_error": why_not,
        "chart": pathway_chart(p, target) if p is not None else None,
        "double_counting": [
            (d, [titles.get(i, i) for i in d.action_ids]) for d in (p.double_counting if p else [])
        ],
        "issues": target_services.target_issues(user, target) if member else [],
        "can_edit": access.can_edit(user, target),
        "member": member,
        "includes_drafts": member,
        "link_actions": [
            (a, str(target.series) in (a.target_series or [])) for a in actions if access.can_edit(user, a)
        ],
    }
    return render(request, "targets/target.html", context)


@require_GET
def pathway_csv(request: HttpRequest, pk: int) -> HttpResponse:
    target = _get_target(request, pk)
    p, why_not = _pathway(request, target)
    if p is None:
        raise InputError(why_not, code="pathway.unavailable")
    chart = pathway_chart(p, target)
    return downloads.chart_csv(chart.csv_text(), f"{target.jurisdiction.slug}-target-{target.pk}-pathway.csv")


@login_required
@require_POST
def link_actions(request: HttpRequest, pk: int) -> HttpResponse:
    """Tick the actions that count for this target (each a draft action of the city, saved with its
    revision; an action linked to no target counts for every target it touches)."""
    target = _get_target(request, pk)
    if not access.can_create_in(request.user, target.jurisdiction):
        raise PermissionDenied(_("Only editors and approvers of this jurisdiction can link actions."))
    wanted = set(request.POST.getlist("action"))
    series = str(target.series)
    changed = 0
    for a in target_services.actions_for(request.user, target.jurisdiction):
        if not access.can_edit(request.user, a):
            continue
        linked = list(a.target_series or [])
        now = str(a.pk) in wanted
        if now == (series in linked):
            continue
        new = [*linked, series] if now else [s for s in linked if s != series]
        try:
            services.update_submission(
                request.user, a, revision=int(request.POST.get(f"rev-{a.pk}", -1)), target_series=new
            )
        except (Conflict, InvalidTransition) as exc:
            messages.error(request, f"{a.title}: {exc.message}")
            continue
        changed += 1
    messages.success(request, _("%(n)s action(s) updated.") % {"n": changed})
    return redirect("targets:target", pk=pk)
