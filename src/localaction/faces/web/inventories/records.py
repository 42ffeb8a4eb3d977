"""The draft's contents: activity records (with the live calculation), a GPC line's key or value, and the
activity-file upload (preview with row-level errors, then import)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from localaction.core.catalog import gpc_refs, normalise_gpc_ref
from localaction.core.catalog.factors import factor_library
from localaction.core.errors import InputError
from localaction.core.inventory import compute
from localaction.core.inventory import model as im
from localaction.faces.web import guided, usecase
from localaction.faces.web.common import revision_of
from localaction.faces.web.forms import LineForm, RecordForm, UploadForm, gpc_choices
from localaction.faces.web.inventories import uploads
from localaction.faces.web.templatetags.web import tco2e
from localaction.registry import services
from localaction.registry.base.errors import NotFound, ValidationFailed
from localaction.registry.base.services.common import require_edit
from localaction.registry.inventories.editing import preview_record
from localaction.registry.inventories.imports.inventory_file import import_file, plan_import
from localaction.registry.inventories.models import Inventory

_SESSION_KEY = "upload:{pk}"
PREVIEW_ROWS = 200


def _editable(request: HttpRequest, pk: int) -> Inventory:
    """The draft the user may edit; otherwise the use-cases' own refusal (NotFound, PermissionDenied, or
    InvalidTransition for a version that is not a draft), shown by the error middleware."""
    inv = services.get_inventory(request.user, pk)
    require_edit(request.user, inv)
    return inv


def _grid_zones() -> list[str]:
    return sorted({f.region for f in factor_library() if f.category == "grid_electricity"})


def _fallback_id(inv: Inventory, method: str) -> str:
    taken = set(inv.activity_records.values_list("record_id", flat=True))
    stem = method.split("_")[0][:8] or "rec"
    n = 1
    while f"{stem}-{n}" in taken:
        n += 1
    return f"{stem}-{n}"


def _result_dict(result: im.RecordResult) -> dict[str, Any]:
    return {
        "ok": True,
        "co2e_t": result.co2e_t,
        "display": tco2e(result.co2e_t, 1),
        "gases_t": result.gases_t,
        "biogenic_co2_t": result.biogenic_co2_t,
        "steps": [guided.words(s) for s in result.steps],  # the trail names the form's fields, not param:…
        "factors": [f.model_dump(mode="json") for f in result.factors],
    }


def _officer_errors(exc: InputError) -> list[tuple[str | None, str]]:
    return [guided.officer_error(d.msg) for d in exc.details] or [guided.officer_error(exc.message)]


def _preview(request: HttpRequest, inv: Inventory, form: RecordForm, record_id: str) -> dict[str, Any]:
    hint = form.hint()
    if not form.is_valid():
        return {"ok": False, "hint": hint, "errors": [str(e) for errs in form.errors.values() for e in errs]}
    try:
        result = _result_dict(preview_record(request.user, inv, form.record(record_id)))
    except InputError as exc:
        return {"ok": False, "hint": hint, "errors": [text for _field, text in _officer_errors(exc)]}
    return {**result, "hint": hint}


def _form(request: HttpRequest, inv: Inventory, row: Any = None) -> RecordForm:
    """The record form for the line and method asked for: a GET parameter (``?gpc_ref=…&method=…``, the
    chooser's reload without JavaScript), the posted form, or the stored record."""
    initial = RecordForm.initial_from(row) if row else {}
    if request.method == "POST":
        return RecordForm(request.POST, initial=initial, region=inv.region, keep=row.method if row else None)
    gpc_ref = request.GET.get("gpc_ref") or initial.get("gpc_ref") or "I.1.1"
    if gpc_ref not in gpc_refs():
        gpc_ref = "I.1.1"
    initial["gpc_ref"] = gpc_ref
    method = request.GET.get("method") or initial.get("method")
    keep = row.method if row else None
    form = RecordForm(initial=initial, region=inv.region, gpc_ref=gpc_ref, method=method, keep=keep)
    form.initial["method"] = form.chosen_method
    return form


@login_required
def record(request: HttpRequest, pk: int, record_id: str | None = None) -> HttpResponse:
    inv = _editable(request, pk)
    row = None
    if record_id is not None:
        row = inv.activity_records.filter(record_id=record_id).first()
        if row is None:
            raise NotFound(_("No record %(id)s in this inventory") % {"id": record_id})
    form = _form(request, inv, row)
    if row is not None:
        form.fields["record_id"].disabled = True
    result: dict[str, Any] | None = None
    if request.method == "POST":
        rid = row.record_id if row else _fallback_id(inv, form.chosen_method)
        if request.POST.get("do") == "preview":
            result = _preview(request, inv, form, rid)
        elif form.is_valid():
            data = form.record(rid)
            if row is None and inv.activity_records.filter(record_id=data["record_id"]).exists():
                form.add_error("record_id", _("This id is already used in this inventory."))
            elif _engine_accepts(request, inv, form, data):
                saved = usecase.run(
                    request,
                    services.put_record,
                    request.user,
                    inv,
                    data,
                    revision=revision_of(request),
                    form=form,
                )
                if not isinstance(saved, usecase.Failed):
                    messages.success(
                        request,
                        _("Record %(id)s saved: %(value)s. Totals and checks recomputed.")
                        % {"id": saved.record_id, "value": tco2e(saved.co2e_t, 1)},
                    )
                    return redirect(reverse("web:editor", args=[inv.pk]) + f"#record-{saved.record_id}")
    return render(
        request,
        "inventories/record.html",
        {
            "inventory": inv,
            "jurisdiction": inv.jurisdiction,
            "row": row,
            "form": form,
            "result": result,
            "hint": form.hint(),
            "grid_zones": _grid_zones() if "grid_zone" in form.fields else [],
            "lines": gpc_choices(),
        },
    )


def _place(form: RecordForm, field: str | None) -> str | None:
    """The form field an engine message belongs at: the guided field that names the activity stands in for
    the record's activity column."""
    if field == "activity" and "activity" not in form.fields:
        return next(
            (n for n in ("fuel", "grid_zone", "waste_type", "vehicle_fuel") if n in form.fields), None
        )
    return field if field in form.fields else None


def _engine_accepts(request: HttpRequest, inv: Inventory, form: RecordForm, data: dict[str, Any]) -> bool:
    """Run the engine before saving, so that what it refuses lands next to the field that fixes it, in the
    officer's words (the save itself would only say it at the top of the form)."""
    try:
        preview_record(request.user, inv, data)
    except InputError as exc:
        for field, text in _officer_errors(exc):
            form.add_error(_place(form, field), text)
        return False
    return True


@login_required
@require_POST
def record_preview(request: HttpRequest, pk: int) -> JsonResponse:
    """Live calculation for the record form (fetch from static/web/editor.js); nothing is stored."""
    inv = _editable(request, pk)
    rid = request.POST.get("record_id") or "preview"
    row = inv.activity_records.filter(record_id=rid).first()
    form = RecordForm(request.POST, region=inv.region, keep=row.method if row else None)
    return JsonResponse(_preview(request, inv, form, rid))


@login_required
def record_delete(request: HttpRequest, pk: int, record_id: str) -> HttpResponse:
    """GET: the confirmation page (no JavaScript needed); POST: the deletion."""
    inv = _editable(request, pk)
    if request.method != "POST":
        record = inv.activity_records.filter(record_id=record_id).first()
        if record is None:
            raise Http404(_("No record %(id)s in this inventory.") % {"id": record_id})
        return render(request, "inventories/record_delete.html", {"inventory": inv, "record": record})
    done = usecase.run(
        request, services.delete_record, request.user, inv, record_id, revision=revision_of(request)
    )
    if not isinstance(done, usecase.Failed):
        messages.success(request, _("Record %(id)s deleted; totals recomputed.") % {"id": record_id})
    return redirect("web:editor", pk=pk)


@login_required
def line(request: HttpRequest, pk: int, gpc_ref: str) -> HttpResponse:
    inv = _editable(request, pk)
    try:
        ref = normalise_gpc_ref(gpc_ref)
    except InputError as exc:
        raise NotFound(exc.message) from None
    row = inv.gpc_lines.filter(gpc_ref=ref).first()
    form = LineForm(request.POST or None, initial=LineForm.initial_from(row))
    back = reverse("web:editor", args=[inv.pk]) + "#line-" + ref.replace(".", "-")
    if request.method == "POST":
        if request.POST.get("do") == "clear":
            done = usecase.run(
                request, services.clear_line, request.user, inv, ref, revision=revision_of(request)
            )
            if not isinstance(done, usecase.Failed):
                messages.success(request, _("Line %(ref)s cleared.") % {"ref": ref})
                return redirect(back)
        elif form.is_valid():
            done = usecase.run(
                request,
                services.put_line,
                request.user,
                inv,
                form.line(ref),
                revision=revision_of(request),
                form=form,
            )
            if not isinstance(done, usecase.Failed):
                messages.success(request, _("Line %(ref)s saved; checks recomputed.") % {"ref": ref})
                return redirect(back)
    return render(
        request,
        "inventories/line.html",
        {
            "inventory": inv,
            "jurisdiction": inv.jurisdiction,
            "ref": gpc_refs()[ref],
            "row": row,
            "form": form,
        },
    )


@login_required
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload an inventory file, see what it would store and replace (every figure accounted for), import."""
    inv = _editable(request, pk)
    key = _SESSION_KEY.format(pk=inv.pk)
    form = UploadForm(language=get_language() or "en")
    context: dict[str, Any] = {"inventory": inv, "jurisdiction": inv.jurisdiction}
    if request.method == "POST" and request.POST.get("do") == "import":
        pending = request.session.get(key) or {}
        path = uploads.find(pending.get("token", ""))
        if path is None:
            messages.error(request, _("Upload the file again: its preview has expired."))
            return redirect("web:upload", pk=pk)
        done = usecase.run(
            request,
            import_file,
            request.user,
            inv,
            path,
            kind=pending["kind"],
            revision=revision_of(request),
            decimal=pending["decimal"],
            sheet=pending["sheet"],
            name=pending["name"],
        )
        if isinstance(done, usecase.Failed):
            return redirect("web:upload", pk=pk)
        uploads.discard(pending["token"])
        del request.session[key]
        messages.success(
            request,
            _(
                "%(name)s imported: %(records)s records and %(lines)s lines stored, replacing %(old_records)s "
                "records and %(old_lines)s lines; totals recomputed."
            )
            % {
                "name": pending["name"],
                "records": done.records,
                "lines": done.lines,
                "old_records": done.replaced_records,
                "old_lines": done.replaced_lines,
            },
        )
        return redirect("web:editor", pk=pk)
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES, language=get_language() or "en")
        if form.is_valid():
            previous = request.session.pop(key, None)
            if previous:
                uploads.discard(previous.get("token", ""))
            f = form.cleaned_data["file"]
            token, path = uploads.keep(f)
            options: dict[str, Any] = {
                "kind": form.cleaned_data["kind"] or None,
                "decimal": form.mark(),
                "sheet": form.cleaned_data["sheet"].strip() or None,
            }
            try:
                plan = plan_import(request.user, inv, path, name=f.name, **options)
                # The preview runs the engine in the draft's context (year, region) without storing anything.
                parsed = plan.found.inventory
                result = compute(
                    parsed.model_copy(update={"period": parsed.period.model_copy(update={"year": inv.year})})
                )
            except (InputError, ValidationFailed) as exc:
                uploads.discard(token)
                context["problems"] = exc.details or [exc]
                context["problem_message"] = exc.message
            else:
                request.session[key] = {"token": token, "name": f.name, **options}
                context.update(
                    plan=plan,
                    parsed=parsed,
                    result=result,
                    report=plan.found.report,
                    file_name=f.name,
                    rows=plan.found.rows[:PREVIEW_ROWS],
                    more_rows=max(0, len(plan.found.rows) - PREVIEW_ROWS),
                )
    context["form"] = form
    return render(request, "inventories/upload.html", context)
