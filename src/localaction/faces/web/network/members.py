"""Member pages: the member's own record (membership, fees, agreement, contacts, profile), the contact
editor, confirming details, and the secretariat's desk (engagement, confirmations due, inbox)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from localaction.faces.web import usecase
from localaction.faces.web.common import revision_of
from localaction.faces.web.network.forms import ContactForm, ProfileForm
from localaction.registry.base.errors import NotFound, PermissionDenied
from localaction.registry.base.models import Jurisdiction
from localaction.registry.base.services.jurisdictions import get_jurisdiction
from localaction.registry.network import access as network_access
from localaction.registry.network import fees
from localaction.registry.network.agendas import agenda_label
from localaction.registry.network.engagement import GOAL
from localaction.registry.network.models import Contact
from localaction.registry.network.services import engagement, members, networks


def _own(request: HttpRequest, slug: str) -> Jurisdiction:
    jur = get_jurisdiction(slug)
    if not network_access.can_view_member(request.user, jur):
        raise NotFound(f"{slug} not found")
    if not network_access.can_edit_member_details(request.user, jur):
        raise PermissionDenied(_("Only the member's editors and approvers keep its details."))
    return jur


@login_required
def member_list(request: HttpRequest) -> HttpResponse:
    rows = list(members.members_visible_to(request.user))
    levels = {lv.code: lv.name for lv in fees.rules().levels}
    return render(
        request,
        "network/members.html",
        {"rows": rows, "levels": levels, "secretariat": network_access.can_manage_members(request.user)},
    )


@login_required
def member(request: HttpRequest, slug: str) -> HttpResponse:
    m = members.get_member(request.user, slug)
    jur = m.jurisdiction
    level = fees.rules().level(m.level)
    return render(
        request,
        "network/member.html",
        {
            "m": m,
            "j": jur,
            "level": level,
            "currency": fees.rules().currency,
            "fees": list(m.fees.order_by("-year")),
            "agreement": members.current_agreement(m),
            "agreements": list(m.agreements.order_by("-version")),
            "contacts": list(members.contacts_of(jur)),
            "profile": members.profile_of(jur),
            "can_edit": network_access.can_edit_member_details(request.user, jur),
            "confirm_due": m in members.confirmation_due(),
            "networks": list(networks.networks_of(jur)),
        },
    )


@login_required
def contact(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    jur = _own(request, slug)
    row = None
    if pk is not None:
        row = Contact.objects.filter(pk=pk, jurisdiction=jur).first()
        if row is None:
            raise NotFound(f"contact {pk} not found")
    initial = {f: getattr(row, f) for f in members.CONTACT_FIELDS} if row else None
    form = ContactForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with usecase.attempt(request, form=form) as done:
            members.save_contact(
                request.user, jur, row, revision=revision_of(request) if row else None, **form.cleaned_data
            )
        if done:
            messages.success(request, _("Contact saved. The secretariat has been told."))
            return redirect("network:member", slug=slug)
    return render(request, "network/contact.html", {"form": form, "j": jur, "row": row})


@login_required
@require_POST
def contact_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    jur = _own(request, slug)
    row = Contact.objects.filter(pk=pk, jurisdiction=jur).first()
    if row is None:
        raise NotFound(f"contact {pk} not found")
    with usecase.attempt(request) as done:
        members.remove_contact(request.user, row, revision=revision_of(request))
    if done:
        messages.success(request, _("Contact removed."))
    return redirect("network:member", slug=slug)


@login_required
@require_POST
def confirm(request: HttpRequest, slug: str) -> HttpResponse:
    members.confirm_details(request.user, _own(request, slug).pk)
    messages.success(request, _("Thank you: your details are confirmed for this year."))
    return redirect("network:member", slug=slug)


@login_required
def profile_edit(request: HttpRequest, slug: str) -> HttpResponse:
    jur = _own(request, slug)
    row = members.profile_of(jur)
    initial = {"summary": row.summary, "agendas": row.agendas, "interests": row.interests} if row else None
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with usecase.attempt(request, form=form) as done:
            members.save_profile(
                request.user, jur, revision=revision_of(request) if row else None, **form.cleaned_data
            )
        if done:
            messages.success(request, _("Profile saved."))
            return redirect("web:jurisdiction", slug=slug)
    return render(request, "network/profile_edit.html", {"form": form, "j": jur, "row": row})


@login_required
def desk(request: HttpRequest) -> HttpResponse:
    if not network_access.can_manage_members(request.user):
        raise PermissionDenied(_("The members desk is the secretariat's."))
    fig = engagement.figures()
    return render(
        request,
        "network/desk.html",
        {
            "fig": fig,
            "goal_pct": round(100 * GOAL),
            "due": members.confirmation_due(),
            "inbox": list(members.inbox(request.user)[:50]),
            "unread": members.inbox(request.user, unread_only=True).count(),
            "agenda_label": agenda_label,
        },
    )


@login_required
@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    members.mark_read(request.user, pk)
    return redirect("network:desk")
