"""Network pages: the list, a network (members, shared indicators, message board, join / leave / invite),
creating and describing networks; peer matching; performance partners."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from localaction.faces.web import usecase
from localaction.faces.web.common import revision_of
from localaction.faces.web.network.forms import (
    NetworkForm,
    NetworkNewForm,
    PartnershipForm,
    PostForm,
    ProgressForm,
)
from localaction.registry.base.errors import PermissionDenied
from localaction.registry.base.services.jurisdictions import get_jurisdiction
from localaction.registry.network import access as network_access
from localaction.registry.network.agendas import agenda_label
from localaction.registry.network.models import Network
from localaction.registry.network.services import networks, peers

FACTOR_LABELS = {
    "population": _("population"),
    "region": _("region"),
    "climate_zone": _("climate zone"),
    "emissions_per_capita": _("emissions per person"),
    "sector_mix": _("sector mix"),
    "hazards": _("hazards faced"),
    "agendas": _("agendas pursued"),
}


def network_list(request: HttpRequest) -> HttpResponse:
    rows = [(n, networks.current_members(n).count()) for n in Network.objects.order_by("kind", "name")]
    return render(
        request,
        "network/networks.html",
        {
            "rows": rows,
            "mine": networks.my_networks(request.user),
            "agenda_label": agenda_label,
            "can_create": network_access.can_manage_members(request.user),
        },
    )


def network(request: HttpRequest, slug: str) -> HttpResponse:
    net = networks.get_network(slug)
    post_form = PostForm()
    if not network_access.can_coordinate(request.user, net):
        del post_form.fields["is_announcement"]  # announcements are the coordinators'
    can_coordinate = network_access.can_coordinate(request.user, net)
    invite_q = request.GET.get("invite_q", "").strip()[:100] if can_coordinate else ""
    return render(
        request,
        "network/network.html",
        {
            "n": net,
            "invite_q": invite_q,
            "candidates": networks.invite_candidates(net, invite_q) if invite_q else [],
            "agenda": agenda_label(net.agenda) if net.agenda else "",
            "indicators": networks.shared_indicators(net),
            "invited": list(net.memberships.filter(status="invited").select_related("jurisdiction")),
            "posts": list(net.posts.select_related("author", "jurisdiction")[:30]),
            "coordinators": [c.user for c in net.coordinators.select_related("user")],
            "can_coordinate": network_access.can_coordinate(request.user, net),
            "can_post": network_access.can_post_in(request.user, net),
            "joinable": networks.joinable_for(request.user, net),
            "leavable": networks.leavable_for(request.user, net),
            "post_form": post_form,
        },
    )


@login_required
def network_new(request: HttpRequest) -> HttpResponse:
    if not network_access.can_manage_members(request.user):
        raise PermissionDenied(_("Only the secretariat creates networks."))
    form = NetworkNewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with usecase.attempt(request, form=form) as done:
            net = networks.create_network(request.user, **form.cleaned_data)
        if done:
            return redirect("network:network", slug=net.slug)
    return render(request, "network/network_form.html", {"form": form, "n": None})


@login_required
def network_edit(request: HttpRequest, slug: str) -> HttpResponse:
    net = networks.get_network(slug)
    if not network_access.can_coordinate(request.user, net):
        raise PermissionDenied(_("Only the network's coordinators describe it."))
    initial = {f: getattr(net, f) for f in networks.NETWORK_FIELDS}
    form = NetworkForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with usecase.attempt(request, form=form) as done:
            networks.update_network(request.user, net, revision=revision_of(request), **form.cleaned_data)
        if done:
            messages.success(request, _("Saved."))
            return redirect("network:network", slug=net.slug)
    return render(request, "network/network_form.html", {"form": form, "n": net})


def _act(request: HttpRequest, slug: str, what: str) -> HttpResponse:
    net = networks.get_network(slug)
    jur = get_jurisdiction(request.POST.get("jurisdiction", ""))
    with usecase.attempt(request):
        if what == "join":
            networks.join(request.user, net, jur)
            messages.success(request, _("%(j)s joined %(n)s.") % {"j": jur, "n": net})
        elif what == "leave":
            networks.leave(request.user, net, jur)
            messages.success(request, _("%(j)s left %(n)s.") % {"j": jur, "n": net})
        else:
            networks.invite(request.user, net, jur)
            messages.success(request, _("%(j)s is invited.") % {"j": jur})
    return redirect("network:network", slug=net.slug)


@login_required
@require_POST
def network_join(request: HttpRequest, slug: str) -> HttpResponse:
    return _act(request, slug, "join")


@login_required
@require_POST
def network_leave(request: HttpRequest, slug: str) -> HttpResponse:
    return _act(request, slug, "leave")


@login_required
@require_POST
def network_invite(request: HttpRequest, slug: str) -> HttpResponse:
    return _act(request, slug, "invite")


@login_required
@require_POST
def network_post(request: HttpRequest, slug: str) -> HttpResponse:
    net = networks.get_network(slug)
    form = PostForm(request.POST)
    if form.is_valid():
        with usecase.attempt(request):
            networks.post(request.user, net, **form.cleaned_data)
    else:
        messages.error(request, _("A post needs a title and a message."))
    return redirect("network:network", slug=net.slug)


def peer_list(request: HttpRequest, slug: str) -> HttpResponse:
    jur = get_jurisdiction(slug)
    rows = peers.peers_of(jur, limit=10)
    return render(
        request,
        "network/peers.html",
        {
            "j": jur,
            "rows": rows,
            "labels": FACTOR_LABELS,
            "works_with": networks.works_with(jur),
        },
    )


def partner_list(request: HttpRequest) -> HttpResponse:
    from localaction.registry.network.models import Partnership

    rows = list(Partnership.objects.select_related("mentor", "partner"))
    return render(
        request,
        "network/partners.html",
        {"rows": rows, "can_create": network_access.can_manage_members(request.user)},
    )


def partner(request: HttpRequest, pk: int) -> HttpResponse:
    p = networks.get_partnership(pk)
    return render(
        request,
        "network/partner.html",
        {
            "p": p,
            "progress": list(p.progress.all()),
            "pct": p.progress_pct(),
            "can_update": network_access.can_update_partnership(request.user, p),
            "form": ProgressForm(),
        },
    )


@login_required
@require_POST
def partner_progress(request: HttpRequest, pk: int) -> HttpResponse:
    p = networks.get_partnership(pk)
    form = ProgressForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Progress needs a date and a note."))
    else:
        networks.record_progress(request.user, p, **form.cleaned_data)
        messages.success(request, _("Progress recorded."))
    return redirect("network:partner", pk=p.pk)


@login_required
def partner_new(request: HttpRequest) -> HttpResponse:
    if not network_access.can_manage_members(request.user):
        raise PermissionDenied(_("Only the secretariat pairs performance partners."))
    form = PartnershipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with usecase.attempt(request, form=form) as done:
            p = networks.create_partnership(request.user, **form.cleaned_data)
        if done:
            return redirect("network:partner", pk=p.pk)
    return render(request, "network/partner_form.html", {"form": form})
