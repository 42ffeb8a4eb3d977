"""The draft's contents: activity records (with the live calculation), a GPC line's key or value, and the
activity-file upload (preview with row-level errors, then import)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from localaction.core.catalog import gpc_refs, normalise_gpc_ref
from localaction.core.catalog.factors import factor_library
from localaction.core.errors import InputError
from localaction.core.inventory import compute
from localaction.core.inventory import model as im
from localaction.core.inventory.activity_io import read_activity_file
from localaction.faces.web import usecase
from localaction.faces.web.common import revision_of
from localaction.faces.web.forms import LineForm, RecordForm, UploadForm
from localaction.faces.web.templatetags.web import tco2e
from localaction.registry import services
from localaction.registry.base.errors import NotFound
from localaction.registry.base.services.common import require_edit
from localaction.registry.inventories.editing import import_activity, preview_record
from localaction.registry.inventories.models import Inventory

UNITS = (
    "kWh",
    "MWh",
    "GJ",
    "TJ",
    "therm",
    "m3",
    "litre",
    "gallon",
    "tonne",
    "kg",
    "vehicle_km",
    "passenger_km",
)


_SESSION_KEY = "upload:{pk}"


def _editable(request: HttpRequest, pk: int) -> Inventory:
    """The draft the user may edit; otherwise the use-cases' own refusal (NotFound, PermissionDenied, or
    InvalidTransition for a version that is not a draft), shown by the error middleware."""
    inv = services.get_inventory(request.user, pk)
    require_edit(request.user, inv)
    return inv


def _activities() -> list[str]:
    lib = factor_library()
    grid = sorted({f.region for f in lib if f.category == "grid_electricity"})
    waste = sorted({f.activity for f in lib if f.category == "solid_waste" and f.activity})
    return [f.fuel_id for f in lib.fuels] + grid + waste + ["composting", "anaerobic_digestion", "bus", "car"]


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
        "steps": result.steps,
        "factors": [f.model_dump(mode="json") for f in result.factors],
    }


def _preview(request: HttpRequest, inv: Inventory, form: RecordForm, record_id: str) -> dict[str, Any]:
    if not form.is_valid():
        return {"ok": False, "errors": [str(e) for errs in form.errors.values() for e in errs]}
    try:
        return _result_dict(preview_record(request.user, inv, form.record(record_id)))
    except InputError as exc:
        return {"ok": False, "errors": [d.msg for d in exc.details] or [exc.message]}


@login_required
def record(request: HttpRequest, pk: int, record_id: str | None = None) -> HttpResponse:
    inv = _editable(request, pk)
    row = None
    if record_id is not None:
        row = inv.activity_records.filter(record_id=record_id).first()
        if row is None:
            raise NotFound(_("No record %(id)s in this inventory") % {"id": record_id})
    initial = RecordForm.initial_from(row) if row else {"gpc_ref": request.GET.get("gpc_ref", "I.1.1")}
    form = RecordForm(request.POST or None, initial=initial)
    if row is not None:
        form.fields["record_id"].disabled = True
    result: dict[str, Any] | None = None
    if request.method == "POST":
        rid = row.record_id if row else _fallback_id(inv, request.POST.get("method", ""))
        if request.POST.get("do") == "preview":
            result = _preview(request, inv, form, rid)
        elif form.is_valid():
            data = form.record(rid)
            if row is None and inv.activity_records.filter(record_id=data["record_id"]).exists():
                form.add_error("record_id", _("This id is already used in this inventory."))
            else:
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
            "activities": _activities(),
            "units": UNITS,
        },
    )


@login_required
@require_POST
def record_preview(request: HttpRequest, pk: int) -> JsonResponse:
    """Live calculation for the record form (fetch from static/web/editor.js); nothing is stored."""
    inv = _editable(request, pk)
    form = RecordForm(request.POST)
    rid = request.POST.get("record_id") or "preview"
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


def _read_upload(upload: Any) -> im.Inventory:
    suffix = Path(upload.name).suffix.lower()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"upload{suffix}"
        with path.open("wb") as fh:
            for chunk in upload.chunks():
                fh.write(chunk)
        # Row numbers in errors are the spreadsheet's; the file name is the user's, not our temporary one.
        try:
            return read_activity_file(path)
        except InputError as exc:
            exc.details = [type(d)((upload.name, *d.loc[1:]), d.msg) for d in exc.details]
            raise


@login_required
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    inv = _editable(request, pk)
    key = _SESSION_KEY.format(pk=inv.pk)
    form = UploadForm()
    context: dict[str, Any] = {"inventory": inv, "jurisdiction": inv.jurisdiction}
    if request.method == "POST" and request.POST.get("do") == "import":
        data = request.session.get(key)
        if not data:
            messages.error(request, _("Upload the file again: its preview has expired."))
            return redirect("web:upload", pk=pk)
        done = usecase.run(
            request,
            import_activity,
            request.user,
            inv,
            im.Inventory.model_validate(data),
            revision=revision_of(request),
            source=str(request.session.get(key + ":file", "")),
        )
        if isinstance(done, usecase.Failed):
            return redirect("web:upload", pk=pk)
        del request.session[key]
        messages.success(request, _("File imported: records and lines replaced, totals recomputed."))
        return redirect("web:editor", pk=pk)
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                parsed = _read_upload(form.cleaned_data["file"])
                # The preview runs the engine in the draft's context (year, region) without storing anything.
                result = compute(
                    parsed.model_copy(update={"period": parsed.period.model_copy(update={"year": inv.year})})
                )
            except InputError as exc:
                context["problems"] = exc.details or [exc]
                context["problem_message"] = exc.message
            else:
                request.session[key] = parsed.model_dump(mode="json")
                request.session[key + ":file"] = Path(form.cleaned_data["file"].name).name
                context.update(parsed=parsed, result=result, file_name=form.cleaned_data["file"].name)
    context["form"] = form
    return render(request, "inventories/upload.html", context)
