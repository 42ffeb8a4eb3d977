"""Framework pages: thin views over ``registry.framework_reports`` (the registry decides who may do what)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from localaction.core import frameworks
from localaction.core.errors import InputError, LocalActionError
from localaction.core.io.writers import csv_text
from localaction.faces.web import usecase
from localaction.faces.web.common import revision_of
from localaction.faces.web.downloads import chart_csv
from localaction.faces.web.frameworks.charts import radar
from localaction.faces.web.frameworks.forms import AnswersForm
from localaction.registry import services
from localaction.registry.base import access
from localaction.registry.base.errors import Conflict, InvalidTransition, PermissionDenied
from localaction.registry.frameworks import exports
from localaction.registry.frameworks import services as reports


def index(request: HttpRequest) -> HttpResponse:
    shown = [fw.localized(get_language()) for fw in frameworks.shipped_frameworks()]
    return render(request, "frameworks/index.html", {"frameworks": shown})


def _peers(request: HttpRequest, framework_id: str) -> dict[str, Any]:
    fw = frameworks.get_framework(framework_id, request.GET.get("edition") or None).localized(get_language())
    indicators = [ind for _s, ind in fw.indicators() if ind.type.value != "table"]
    wanted = request.GET.get("indicator") or (indicators[0].id if indicators else "")
    me = None
    if request.GET.get("jurisdiction"):
        me = services.get_jurisdiction(request.GET["jurisdiction"])
    ind = fw.indicator(wanted)
    rows = reports.peer_values(fw.id, ind.id, edition=fw.edition, me=me)
    return {"fw": fw, "indicators": indicators, "ind": ind, "rows": rows, "me": me}


def compare(request: HttpRequest, framework_id: str) -> HttpResponse:
    return render(request, "frameworks/compare.html", _peers(request, framework_id))


def compare_csv(request: HttpRequest, framework_id: str) -> HttpResponse:
    ctx = _peers(request, framework_id)
    text = csv_text(
        ["jurisdiction", "country", "year", ctx["ind"].id, "unit", "score"],
        [
            [p.jurisdiction.name, p.jurisdiction.country, p.year, p.value, ctx["ind"].unit, p.score]
            for p in ctx["rows"]
        ],
    )
    return chart_csv(text, f"{ctx['fw'].id}-{ctx['ind'].id}.csv")


def _shown_rows(fw: frameworks.Framework, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each answer as the reader reads it: a choice by its label in the page's language (``fw`` is localized),
    a table's cells by their column's choice labels; a text answer is the city's own words (``own_words``)."""
    indicators = {ind.id: ind for _, ind in fw.indicators()}

    def named(value: Any, choices: dict[str, str]) -> Any:
        if isinstance(value, list):
            return [named(v, choices) for v in value]
        return choices.get(value, value) if isinstance(value, str) else value

    for row in rows:
        ind = indicators[row["indicator"]]
        own = {c.value: c.label for c in ind.choices}
        if own:
            row["value"] = named(row["value"], own)
        elif ind.columns and isinstance(row["value"], list):
            # A table: per row, (column label, value, whether the value is the city's own words).
            columns = {c.id: c for c in ind.columns}
            row["table"] = [
                [
                    (
                        columns[k].label if k in columns else k,
                        named(v, {ch.value: ch.label for ch in columns[k].choices} if k in columns else {}),
                        k in columns and columns[k].type.value == "text",
                    )
                    for k, v in cell.items()
                ]
                for cell in row["value"]
                if isinstance(cell, dict)
            ]
        row["own_words"] = ind.type.value == "text"
    return rows


def report(request: HttpRequest, pk: int) -> HttpResponse:
    obj = reports.get_report(request.user, pk)
    fw = obj.framework().localized(get_language())
    values = frameworks.check_answers(fw, obj.document(), complete=False)
    return render(
        request,
        "frameworks/report.html",
        {
            "obj": obj,
            "kind": "report",
            "fw": fw,
            "rows": _shown_rows(
                fw, frameworks.export_rows(fw, values, frameworks.Scores.model_validate(obj.scores))
            ),
            # indicators the framework file could not source to the primary document: shown as such
            "unverified": {ind.id for _, ind in fw.indicators() if not fw.is_verified(ind)},
            "sections": obj.scores.get("sections", []),
            "section_titles": {s.id: s.title for s in fw.sections},
            "chart": radar(obj),
            "actions": access.allowed_actions(request.user, obj),
        },
    )


def radar_csv(request: HttpRequest, pk: int) -> HttpResponse:
    obj = reports.get_report(request.user, pk)
    chart = radar(obj)
    if chart is None:
        raise InputError(_("This framework has no radar chart."))
    return chart_csv(chart.csv_text(), f"{obj.framework_id}-{obj.year}-radar.csv")


class NewReportForm(forms.Form):
    framework = forms.ChoiceField(label=gettext_lazy("Framework"))
    year = forms.IntegerField(label=gettext_lazy("Reporting year"), min_value=1900, max_value=2200)
    title = forms.CharField(label=gettext_lazy("Title"), required=False, max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["framework"].choices = [  # type: ignore[attr-defined]
            (fw.key, f"{fw.localized(get_language()).name} ({fw.edition})")
            for fw in frameworks.shipped_frameworks()
        ]


@login_required
def new(request: HttpRequest, slug: str) -> HttpResponse:
    jur = services.get_jurisdiction(slug)
    if not access.can_create_in(request.user, jur):
        raise PermissionDenied(_("Only the jurisdiction's editors and approvers can start a report."))
    initial = {"framework": request.GET.get("framework", "")}
    form = NewReportForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        fid, _at, edition = form.cleaned_data["framework"].partition("@")
        with usecase.attempt(request, form=form) as done:
            obj = reports.create_report(
                request.user,
                jur,
                framework_id=fid,
                edition=edition,
                year=form.cleaned_data["year"],
                title=form.cleaned_data["title"],
            )
        if done:
            messages.success(request, _("Draft started: fill in what you know, save as often as you like."))
            return redirect("frameworks:edit", pk=obj.pk)
    return render(request, "frameworks/new.html", {"form": form, "jurisdiction": jur})


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    obj = reports.get_report(request.user, pk)
    fw = obj.framework().localized(get_language())
    can_edit = access.can_edit(request.user, obj)
    data = request.POST if request.method == "POST" and can_edit else None
    form = AnswersForm(fw, obj.answers, data)
    if data is not None and form.is_valid():
        try:
            obj = reports.update_report(
                request.user, obj, revision=revision_of(request), answers=form.answers_from()
            )
        except (Conflict, InvalidTransition) as exc:
            messages.error(request, exc.message)
        except LocalActionError as exc:
            form.add_problems(exc.details)
            messages.error(request, _("Not saved: see the messages next to the fields."))
        else:
            messages.success(request, _("Saved."))
            return redirect("frameworks:edit", pk=obj.pk)
    blocking = obj.blocking_problems() if can_edit else []
    return render(
        request,
        "frameworks/edit.html",
        {
            "obj": obj,
            "kind": "report",
            "fw": fw,
            "form": form,
            "can_edit": can_edit,
            "blocking": blocking,
            "actions": access.allowed_actions(request.user, obj),
            "comments": [c for c in services.comments_on(request.user, obj) if not c.gpc_ref]
            if access.can_comment(request.user, obj)
            else [],
        },
    )


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("File (GCoM table .csv/.xlsx, GPC workbook .xlsx, or JSON)"))
    year = forms.IntegerField(label=gettext_lazy("Year (if the file names none)"), required=False)


@login_required
def import_file(request: HttpRequest, slug: str) -> HttpResponse:
    jur = services.get_jurisdiction(slug)
    if not access.can_create_in(request.user, jur):
        raise PermissionDenied(_("Only the jurisdiction's editors and approvers can import into it."))
    form = ImportForm(request.POST or None, request.FILES or None)
    preview = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data, name = upload.read(), upload.name
        try:
            if request.POST.get("do") == "import":
                result = exports.import_file(request.user, jur, data, name, year=form.cleaned_data["year"])
                messages.success(request, _("Imported as drafts: check them and submit when ready."))
                if result.inventory is not None:
                    return redirect("web:editor", pk=result.inventory.pk)
                return redirect("web:workspace")
            preview = exports.preview_import(data, name)
        except InputError as exc:
            preview = exports.ImportPreview(format="?", problems=exc.details or [])
            if not exc.details:
                form.add_error("file", exc.message)
    return render(request, "frameworks/import.html", {"form": form, "jurisdiction": jur, "preview": preview})
