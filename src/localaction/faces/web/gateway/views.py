"""Gateway pages: search (public), an entry, a partner's own entries and form, the secretariat's approvals."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from localaction.core.tap import rules as tap_rules
from localaction.faces.web import usecase
from localaction.faces.web.common import revision_of
from localaction.faces.web.tap.forms import SolutionForm
from localaction.registry.base import access as reg_access
from localaction.registry.base.errors import PermissionDenied
from localaction.registry.gateway import access, services
from localaction.registry.gateway.models import Kind, Solution

KEYS = ("q", "kind", "sector", "hazard", "agenda", "country")


def search(request: HttpRequest) -> HttpResponse:
    f = services.SearchFilters(**{k: request.GET.get(k, "")[:200] for k in KEYS})
    rows = services.find(request.user, f)
    return render(request, "gateway/search.html", {"rows": rows, "f": f, "kinds": Kind.choices,
                                                   "sectors": tap_rules.config().sectors,
                                                   "agendas": tap_rules.config().agendas})  # fmt: skip


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    s = services.get(request.user, pk)
    return render(request, "gateway/detail.html", {"s": s, "can_edit": access.can_edit_solution(request.user, s),
                                                   "can_approve": access.can_approve_solution(request.user, s)})  # fmt: skip


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    if not access.can_submit_solution(request.user):
        raise PermissionDenied(_("Gateway entries are added by partners and the secretariat."))
    rows = Solution.objects.filter(owner_id=request.user.pk).order_by("-updated_at")
    return render(request, "gateway/mine.html", {"rows": rows})


@login_required
def form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    s = services.get(request.user, pk) if pk else None
    allowed = access.can_edit_solution(request.user, s) if s else access.can_submit_solution(request.user)
    if not allowed:
        raise PermissionDenied(_("You may not edit this entry."))
    f = SolutionForm(request.POST or None, instance=s)
    if request.method == "POST" and f.is_valid():
        with usecase.attempt(request, form=f) as done:
            if s is None:
                s = services.create(request.user, **f.changes())
            else:
                services.update(request.user, s, revision_of(request), **f.changes())
        if done and s is not None:
            messages.success(request, _("Saved. Submit it when it is ready for the secretariat."))
            return redirect("gateway:detail", pk=s.pk)
    return render(request, "gateway/form.html", {"form": f, "s": s})


@login_required
@require_POST
def act(request: HttpRequest, pk: int) -> HttpResponse:
    s = services.get(request.user, pk)
    with usecase.attempt(request) as done:
        services.act(
            request.user,
            s,
            request.POST.get("action", ""),
            revision_of(request),
            request.POST.get("note", ""),
        )
    if done:
        messages.success(request, _("Done."))
    return redirect("gateway:detail", pk=s.pk)


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    if not reg_access.is_secretariat(request.user):
        raise PermissionDenied(_("Approving gateway entries is the secretariat's."))
    rows = Solution.objects.filter(status="submitted").order_by("updated_at")
    return render(request, "gateway/queue.html", {"rows": rows})
