"""Inventories: the public page and its downloads, the factor library, and the city's editor (start a
draft, its header)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from localaction.core.catalog.factors import factor_library
from localaction.faces.web import usecase
from localaction.faces.web.common import page_number, revision_of
from localaction.faces.web.downloads import attachment
from localaction.faces.web.forms import (
    HeaderForm,
    InventoryNewForm,
)
from localaction.faces.web.inventories import downloads as inventory_downloads
from localaction.faces.web.inventories import overview
from localaction.faces.web.inventories.overview import factors_in_use
from localaction.faces.web.inventories.report import report_pdf
from localaction.faces.web.inventories.tables import (
    NOTATION_KEYS,
    QUALITY,
    gpc_rows,
    line_records,
    reported_rows,
    totals,
)
from localaction.registry import services
from localaction.registry.base import access
from localaction.registry.base import states as workflow
from localaction.registry.base.models import State
from localaction.registry.inventories import exports
from localaction.registry.inventories.models import Inventory
from localaction.registry.services import get_inventory, public


def inventory_context(inv: Inventory) -> dict[str, Any]:
    """What the GPC-table part of a page needs (public page, inventory page)."""
    rows = gpc_rows(inv)
    return {
        "inventory": inv,
        "rows": reported_rows(rows),
        "all_rows": rows,
        "totals": totals(inv),
        "notation_keys": NOTATION_KEYS,
        "quality": QUALITY,
        "downloads": [
            (fmt.upper(), reverse("web:inventory_download", args=[inv.pk, fmt]))
            for fmt in inventory_downloads.FORMATS
        ]
        + [
            (str(label), reverse("web:inventory_export", args=[inv.pk, kind, fmt]))
            for (kind, fmt), label in EXPORT_LABELS.items()
        ],
    }


EXPORT_LABELS = {
    ("records", "csv"): gettext_lazy("Records CSV"),
    ("records", "xlsx"): gettext_lazy("Records XLSX"),
    ("crf", "csv"): gettext_lazy("CRF table CSV"),
    ("crf", "xlsx"): gettext_lazy("CRF table XLSX"),
    ("report", "pdf"): gettext_lazy("PDF report"),
}
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


@require_GET
def inventory(request: HttpRequest, pk: int) -> HttpResponse:
    inv = get_inventory(request.user, pk)
    context = inventory_context(inv)
    context["jurisdiction"] = inv.jurisdiction
    context["versions"] = public.inventory_series(request.user, inv.jurisdiction)
    context["factors_used"] = factors_in_use(list(inv.activity_records.filter(deleted_at__isnull=True)))
    return render(request, "inventories/inventory.html", context)


@require_GET
def inventory_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in inventory_downloads.FORMATS:
        raise Http404(_("Downloads come as CSV, JSON or XLSX"))
    inv = get_inventory(request.user, pk)
    return inventory_downloads.FORMATS[fmt](inv)


_TEMPLATE_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@require_GET
def activity_template(request: HttpRequest, fmt: str) -> HttpResponse:
    """The activity-data template, blank or (``?example=1``) the filled example, as CSV or XLSX. Public: it
    holds no one's data. The XLSX explains its columns in the reader's language."""
    from localaction.core.inventory.activity_template import activity_template_bytes

    if fmt not in _TEMPLATE_TYPES:
        raise Http404(_("The template is offered as CSV or XLSX."))
    example = request.GET.get("example") == "1"
    body = activity_template_bytes(fmt, example=example, translate=_)
    name = f"activity_{'example' if example else 'template'}.{fmt}"
    response = HttpResponse(body, content_type=_TEMPLATE_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_GET
def inventory_export(request: HttpRequest, pk: int, kind: str, fmt: str) -> HttpResponse:
    """The activity records, the CRF table (CSV, XLSX) or the PDF report of one inventory (drafts to their
    city's people only: ``get_inventory`` applies the access rules)."""
    if (kind, fmt) not in EXPORT_LABELS:
        raise Http404(_("Exports: records or crf as CSV or XLSX, report as PDF"))
    inv = get_inventory(request.user, pk)
    body = report_pdf(inv) if kind == "report" else exports.export(inv, kind, fmt)
    name = inventory_downloads.filename(inv, fmt).replace(f".{fmt}", f"-{kind}.{fmt}")
    return attachment(body, CONTENT_TYPES[fmt], name)


@require_GET
def factors(request: HttpRequest) -> HttpResponse:
    """Browse the emission-factor library (ids to pin in a record)."""
    q = request.GET.get("q", "").strip().lower()
    category = request.GET.get("category", "").strip()
    lib = factor_library()
    rows = [
        f
        for f in lib
        if (not category or f.category == category)
        and (not q or q in f.factor_id.lower() or q in f.activity.lower() or q == f.region.lower())
    ]
    page = Paginator(rows, 100).get_page(page_number(request))
    return render(
        request,
        "inventories/factors.html",
        {
            "page": page,
            "count": len(rows),
            "q": request.GET.get("q", ""),
            "category": category,
            "categories": sorted({f.category for f in lib}),
            "fuels": lib.fuels,
        },
    )


@login_required
def inventory_new(request: HttpRequest, slug: str) -> HttpResponse:
    jur = services.get_jurisdiction(slug)
    access.require_create_in(request.user, jur, "an inventory")
    sources = list(services.visible_inventories(request.user, jur).order_by("-year", "-version"))
    form = InventoryNewForm(request.POST or None, sources=sources, initial={"region": jur.country})
    same_year: list[Inventory] = []
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        same_year = [inv for inv in sources if inv.year == d["year"] and inv.state != State.WITHDRAWN]
        if same_year:
            # A year that already has an inventory opens it (a new version of a published one is a
            # correction, opened from the editor): never a silent second "version 1".
            return render(
                request,
                "inventories/inventory_new.html",
                {"jurisdiction": jur, "form": form, "same_year": same_year, "year": d["year"]},
            )
        if d.get("population") is None:
            stat = jur.stats.filter(year=d["year"], population__isnull=False).first()
            if stat is not None:
                d["population"] = stat.population  # what the registry knows for that year
        fields = {k: d[k] for k in ("level", "gwp_set", "population", "region") if d.get(k) not in (None, "")}
        if d.get("copy_from"):
            inv = usecase.run(
                request,
                services.copy_forward,
                request.user,
                d["copy_from"],
                year=d["year"],
                form=form,
                **fields,
            )
        else:
            inv = usecase.run(
                request, services.create_inventory, request.user, jur, year=d["year"], form=form, **fields
            )
        if not isinstance(inv, usecase.Failed):
            messages.success(request, _("Draft inventory created: add activity records or upload a file."))
            return redirect("web:editor", pk=inv.pk)
    return render(request, "inventories/inventory_new.html", {"jurisdiction": jur, "form": form})


def editor_context(request: HttpRequest, inv: Inventory, **extra: Any) -> dict[str, Any]:
    user = request.user
    can_edit = access.can_edit(user, inv)
    rows = gpc_rows(inv)
    comments = list(services.comments_on(user, inv)) if access.can_comment(user, inv) else []
    by_ref: dict[str, list[Any]] = {}
    for c in comments:
        by_ref.setdefault(c.gpc_ref, []).append(c)
    for row in rows:
        row.comments = by_ref.get(row.gpc_ref, [])
    records = line_records(inv)
    overview.record_factors(records)
    return {
        "inventory": inv,
        "jurisdiction": inv.jurisdiction,
        "can_edit": can_edit,
        "actions": access.allowed_actions(user, inv),
        "records": records,
        "rows": rows,
        "totals": totals(inv),
        "checks": inv.checks,
        "check_groups": overview.check_groups(inv.checks, records),
        "submit_declaration": workflow.SUBMIT_DECLARATIONS["inventory"],
        "separation_on": services.separation_on(inv.jurisdiction),
        "declaration": services.declaration_of(inv) if inv.submitted_at else None,
        **overview.overview(inv, rows),
        "notation_form": extra.pop("notation_form", None)
        or (overview.NotationKeysForm(prefix="nk") if can_edit else None),
        "comments": by_ref.get("", []),
        "notation_keys": NOTATION_KEYS,
        "quality": QUALITY,
        "header_form": extra.pop("header_form", None) or (HeaderForm(instance=inv) if can_edit else None),
        "kind": "inventory",
        **extra,
    }


@login_required
def editor(request: HttpRequest, pk: int) -> HttpResponse:
    inv = services.get_inventory(request.user, pk)
    return render(request, "inventories/editor.html", editor_context(request, inv))


@login_required
def header(request: HttpRequest, pk: int) -> HttpResponse:
    inv = services.get_inventory(request.user, pk)
    if request.method != "POST":
        return redirect("web:editor", pk=pk)
    form = HeaderForm(request.POST, instance=Inventory.objects.get(pk=inv.pk))
    if form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        done = usecase.run(
            request,
            services.update_inventory,
            request.user,
            inv,
            revision=revision_of(request),
            form=form,
            **changes,
        )
        if not isinstance(done, usecase.Failed):
            messages.success(request, _("Inventory details saved; totals and checks recomputed."))
            return redirect("web:editor", pk=pk)
    inv.refresh_from_db()
    return render(request, "inventories/editor.html", editor_context(request, inv, header_form=form))


@login_required
def notation_keys(request: HttpRequest, pk: int) -> HttpResponse:
    """One notation key with its explanation on the lines ticked in the editor's overview (all or nothing)."""
    inv = services.get_inventory(request.user, pk)
    if request.method != "POST":
        return redirect(reverse("web:editor", args=[pk]) + "#progress")
    form = overview.NotationKeysForm(request.POST, prefix="nk")
    if form.is_valid():
        d = form.cleaned_data
        done = usecase.run(
            request,
            services.set_notation_keys,
            request.user,
            inv,
            d["gpc_refs"],
            keys=[d["key"]],
            explanation=d["explanation"],
            included_in=d.get("included_in") or None,
            revision=revision_of(request),
            form=form,
        )
        if not isinstance(done, usecase.Failed):
            messages.success(
                request,
                _("%(key)s set on %(n)s line(s): %(refs)s.")
                % {"key": d["key"], "n": len(d["gpc_refs"]), "refs": ", ".join(d["gpc_refs"])},
            )
            return redirect(reverse("web:editor", args=[pk]) + "#progress")
    inv.refresh_from_db()
    return render(request, "inventories/editor.html", editor_context(request, inv, notation_form=form))
