"""TAP pages: the city's projects and form, the uniform project sheet, the review desk with figures, and the
funder portal (filters, saved searches, interest). Access decisions are tap.access's, through the services."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from localaction.core.tap import rules as tap_rules
from localaction.faces.web import usecase
from localaction.faces.web.common import revision_of
from localaction.faces.web.tap.forms import AttachmentForm, InterestForm, ProjectForm, review_form
from localaction.registry.base.errors import NotFound, PermissionDenied
from localaction.registry.base.models import Jurisdiction
from localaction.registry.tap import access, currency, services
from localaction.registry.tap.models import Call, Interest, Project, Review, SavedSearch
from localaction.registry.tap.queries import Filters, pipeline

FILTER_KEYS = ("q", "sector", "region", "size", "stage", "instrument")


def _filters(request: HttpRequest) -> Filters:
    return Filters(**{k: request.GET.get(k, "")[:100] for k in FILTER_KEYS})


def _options() -> dict[str, Any]:
    cfg = tap_rules.config()
    regions = sorted(set(Jurisdiction.objects.exclude(region="").values_list("region", flat=True)))
    return {"sectors": cfg.sectors, "stages": cfg.stages, "instruments": cfg.instruments,
            "sizes": list(cfg.size_bands), "regions": regions}  # fmt: skip


@login_required
def portal(request: HttpRequest) -> HttpResponse:
    if not access.can_use_portal(request.user):
        raise PermissionDenied(_("The funding pipeline is for funders and the TAP desk."))
    f = _filters(request)
    rows = _in_euros(pipeline(request.user, f))
    saved = SavedSearch.objects.filter(user_id=access.uid(request.user)).order_by("name")
    query = urlencode({k: v for k, v in f.__dict__.items() if v and k in FILTER_KEYS})
    return render(
        request, "tap/portal.html", {"rows": rows, "f": f, "saved": saved, "query": query, **_options()}
    )


@login_required
@require_POST
def save_search(request: HttpRequest) -> HttpResponse:
    with usecase.attempt(request):
        services.save_search(request.user, request.POST.get("name", ""), request.POST.get("query", ""))
        messages.success(request, _("Search saved."))
    return redirect("tap:portal")


@login_required
def sheet(request: HttpRequest, pk: int) -> HttpResponse:
    p = services.get_project(request.user, pk)
    ctx = {
        "p": p,
        "interests": access.interests_visible_to(request.user, Interest.objects.filter(project=p)),
        "reviews": access.reviews_visible_to(request.user, Review.objects.filter(project=p)),
        "attachments": p.attachments.filter(deleted_at__isnull=True),
        "steps": access.steps_for(request.user, p),
        "can_edit": access.can_edit_project(request.user, p),
        "can_review": access.can_review(request.user, p),
        "interest_form": InterestForm() if access.can_express_interest(request.user, p) else None,
        "sectors": tap_rules.config().sectors,
        "sought_eur": currency.in_base(p.funding_sought, p.currency),
        "cost_eur": currency.in_base(p.total_cost, p.currency),
        "base": currency.BASE,
    }
    return render(request, "tap/sheet.html", ctx)


def _in_euros(rows: Any) -> Any:
    """Each project with ``sought_eur``: its funding sought in euros at the recorded rate, or None."""
    rows = list(rows)
    for p in rows:
        p.sought_eur = currency.in_base(p.funding_sought, p.currency)
    return rows


@login_required
@require_POST
def interest(request: HttpRequest, pk: int) -> HttpResponse:
    p = services.get_project(request.user, pk)
    form = InterestForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an instrument from the list, or write a message."))
        return redirect("tap:sheet", pk=p.pk)
    done = usecase.run(request, services.express_interest, request.user, p, **form.cleaned_data)
    if not isinstance(done, usecase.Failed):
        messages.success(
            request,
            _("Your interest was recorded and sent to the city and the secretariat: it is listed below."),
        )
    return redirect(reverse("tap:sheet", args=[p.pk]) + "#interest")


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    ids = access.city_ids(request.user)
    if not ids:
        raise PermissionDenied(_("TAP projects are submitted by a jurisdiction's editors and approvers."))
    rows = (
        Project.objects.filter(jurisdiction_id__in=ids).select_related("jurisdiction").order_by("-updated_at")
    )
    return render(request, "tap/mine.html", {"rows": rows, "jurisdictions": Jurisdiction.objects.filter(pk__in=ids),
                                             "calls": Call.objects.order_by("-closes_on")})  # fmt: skip


@login_required
def new(request: HttpRequest, slug: str) -> HttpResponse:
    jur = Jurisdiction.objects.filter(slug=slug).first()
    if jur is None:
        raise NotFound(_("No such jurisdiction."))
    if not access.can_create_project(request.user, jur.pk):
        raise PermissionDenied(_("Only this jurisdiction's editors and approvers create its TAP projects."))
    form = ProjectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with usecase.attempt(request, form=form) as done:
            p = services.create_project(request.user, jur, **form.changes())
        if done:
            messages.success(request, _("Draft saved. Add attachments, then submit it."))
            return redirect("tap:edit", pk=p.pk)
    return render(request, "tap/form.html", {"form": form, "jurisdiction": jur, "p": None})


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    p = services.get_project(request.user, pk)
    if not access.can_edit_project(request.user, p):
        raise PermissionDenied(_("This project cannot be edited now."))
    form = ProjectForm(request.POST or None, instance=p)
    upload = AttachmentForm()
    if request.method == "POST" and "file" in request.FILES:
        upload = AttachmentForm(request.POST, request.FILES)
        if upload.is_valid():
            with usecase.attempt(request, form=upload) as done:
                services.add_attachment(request.user, p, upload.cleaned_data["file"])
                messages.success(request, _("Attachment added."))
                return redirect("tap:edit", pk=p.pk)
        form = ProjectForm(instance=p)
    elif request.method == "POST" and form.is_valid():
        with usecase.attempt(request, form=form) as done:
            services.update_project(request.user, p, revision_of(request), **form.changes())
        if done:
            messages.success(request, _("Saved."))
            return redirect("tap:edit", pk=p.pk)
    reviews = access.reviews_visible_to(request.user, Review.objects.filter(project=p))
    return render(request, "tap/form.html", {"form": form, "upload": upload, "p": p, "jurisdiction": p.jurisdiction,
                                             "reviews": reviews, "steps": access.steps_for(request.user, p)})  # fmt: skip


@login_required
@require_POST
def act(request: HttpRequest, pk: int) -> HttpResponse:
    p = services.get_project(request.user, pk)
    action = request.POST.get("action", "")
    with usecase.attempt(request) as done:
        services.step(request.user, p, action, revision_of(request), request.POST.get("comment", ""))
    if done:
        messages.success(
            request, _("Done: the project is now %(status)s.") % {"status": p.get_status_display()}
        )
    return redirect("tap:sheet", pk=p.pk)


@login_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    p = services.get_project(request.user, pk)
    if not access.can_review(request.user, p):
        raise PermissionDenied(_("Only the TAP desk scores submitted projects."))
    form = review_form(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        feedback = data.pop("feedback")
        with usecase.attempt(request, form=form) as done:
            services.review(request.user, p, {k: float(v) for k, v in data.items()}, feedback)
        if done:
            messages.success(request, _("Review saved."))
            return redirect("tap:sheet", pk=p.pk)
    return render(request, "tap/review.html", {"p": p, "form": form, "criteria": tap_rules.config().criteria})


@login_required
def desk(request: HttpRequest) -> HttpResponse:
    if not access.is_desk(request.user):
        raise PermissionDenied(_("The TAP desk is for TAP reviewers and the secretariat."))
    status = request.GET.get("status", "")
    rows = pipeline(
        request.user, Filters(status=status if status in tap_rules.STATUSES else ""), funder_view=False
    )
    fig = services.figures(request.user)
    total = currency.total_in_base((v, cur) for cur, v in fig["sought"].items())
    return render(request, "tap/desk.html", {"rows": _in_euros(rows), "fig": fig, "total": total,
                                             "statuses": tap_rules.STATUSES[1:], "status": status})  # fmt: skip


@login_required
def attachment(request: HttpRequest, pk: int) -> FileResponse:
    a = services.live_attachment(request.user, pk)  # soft-deleted ones are not served
    return FileResponse(a.file.open("rb"), as_attachment=True, filename=a.name)
