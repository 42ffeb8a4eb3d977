"""The prefill page (suggestions per GPC line, accept / reject, accept a sector), the city's cross-check page
(its answers), the public comparison of a published inventory, and the list of loaded datasets. Thin: each
POST calls one use-case; errors the officer can fix come back as messages."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from localaction.core.catalog import gpc_refs
from localaction.core.datasets.crosscheck import SECTOR_LABELS
from localaction.core.errors import InputError
from localaction.faces.web.common import revision_of
from localaction.registry.base import access
from localaction.registry.base.errors import Conflict, InvalidTransition, PermissionDenied
from localaction.registry.base.states import EDIT_ROLES
from localaction.registry.datasets import services
from localaction.registry.datasets.estimates import earlier_reports
from localaction.registry.datasets.models import SuggestionStatus
from localaction.registry.inventories import services as inventories

SECTORS = ("I", "II", "III", "IV", "V", "VI")
# Errors the officer can act on (a stale page, a line already filled in, a decided suggestion, bad input).
FIXABLE = (Conflict, InvalidTransition, InputError)


def _sectors(prefill: services.Prefill) -> list[dict[str, Any]]:
    out = []
    for code in SECTORS:
        lines: list[dict[str, Any]] = []
        for ref, meta in gpc_refs().items():
            if meta.sector_code != code:
                continue
            offers = [s for s in prefill.suggestions if s.gpc_ref == ref]
            if not offers:
                continue
            lines.append({"ref": ref, "meta": meta, "offers": offers, "taken": prefill.taken.get(ref, "")})
        if lines:
            open_ = sum(
                1
                for ln in lines
                for s in ln["offers"]
                if s.status == SuggestionStatus.OPEN and not ln["taken"]
            )
            out.append({"code": code, "label": SECTOR_LABELS[code], "lines": lines, "open": open_})
    return out


@login_required
def prefill(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "refresh":
                services.refresh(user, pk)
            elif action == "accept":
                s, _inv = services.accept(
                    user, int(request.POST.get("suggestion", "0") or 0), revision=revision_of(request)
                )
                messages.success(
                    request,
                    _("%(ref)s filled in from %(ds)s.")
                    % {"ref": s.gpc_ref or _("Population"), "ds": s.dataset.short},
                )
            elif action == "reject":
                services.reject(user, int(request.POST.get("suggestion", "0") or 0))
            elif action == "accept_sector":
                done = services.accept_sector(
                    user, pk, request.POST.get("sector", ""), revision=revision_of(request)
                )
                messages.success(
                    request,
                    _("%(n)s line(s) filled in; %(k)s kept as entered.")
                    % {"n": len(done.accepted), "k": len(done.skipped)},
                )
            else:
                raise Http404(_("Unknown action"))
        except FIXABLE as exc:
            messages.error(request, exc.message)
        return redirect("datasets_web:prefill", pk=pk)
    inv = inventories.get_inventory(user, pk)
    can_edit = access.can_edit(user, inv)
    result = services.refresh(user, inv) if can_edit else services.prefill_of(user, inv)
    inv = result.inventory
    population = [s for s in result.suggestions if s.target == "population"]
    return render(
        request,
        "datasets/prefill.html",
        {
            "inventory": inv,
            "jurisdiction": inv.jurisdiction,
            "can_edit": can_edit,
            "sectors": _sectors(result),
            "population": population,
            "earlier": earlier_reports(inv),
            "notes": result.notes,
            "datasets": services.datasets(),
        },
    )


def _can_explain(user: Any, inv: Any) -> bool:
    return bool(access.roles(user).by_jurisdiction.get(inv.jurisdiction_id, frozenset()) & EDIT_ROLES)


@login_required
def crosscheck(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    if request.method == "POST":
        try:
            if request.POST.get("action") == "run":
                services.check_now(user, pk)
            else:
                services.explain(
                    user, int(request.POST.get("check", "0") or 0), request.POST.get("explanation", "")
                )
                messages.success(request, _("Explanation saved: the reviewer sees it beside the figures."))
        except FIXABLE as exc:
            messages.error(request, exc.message)
        return redirect("datasets_web:crosscheck", pk=pk)
    inv, run = services.crosscheck_of(user, pk)
    if not access.roles_in(user, inv.jurisdiction_id):
        raise PermissionDenied(_("The cross-check page is for the city's members and the secretariat."))
    return render(
        request,
        "datasets/crosscheck.html",
        {
            "inventory": inv,
            "jurisdiction": inv.jurisdiction,
            "run": run,
            "checks": list(run.checks.all()) if run else [],
            "can_explain": _can_explain(user, inv)
            and inv.state in ("draft", "submitted", "changes_requested"),
            "caveats": services.SOURCE_CAVEATS,
        },
    )


@require_GET
def comparison(request: HttpRequest, pk: int) -> HttpResponse:
    inv = inventories.get_inventory(request.user, pk)
    result = services.public_comparisons(inv)
    if result is None:
        raise Http404(_("Comparisons are shown for published inventories."))
    return render(
        request,
        "datasets/comparison.html",
        {
            "inventory": inv,
            "jurisdiction": inv.jurisdiction,
            "result": result,
            "sources": sorted({c["source"] for c in result.comparisons}),
            "caveats": services.SOURCE_CAVEATS,
        },
    )


@require_GET
def datasets(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "datasets/datasets.html",
        {"datasets": services.datasets(), "caveats": services.SOURCE_CAVEATS},
    )
