"""Verification pages: the desk, one version's verification (every step's form, shown to whoever may take it:
the registry decides), the steps (POST), and the statement downloads (text and JSON)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from localaction.faces.web.common import get_submission, kind_of, revision_of
from localaction.registry.base import access, kinds
from localaction.registry.base.errors import (
    Conflict,
    InvalidTransition,
    NotFound,
    PermissionDenied,
    ValidationFailed,
)
from localaction.registry.base.models import State, User
from localaction.registry.base.states import Role
from localaction.registry.verification import services as v
from localaction.registry.verification.models import (
    LIVE_STATES,
    Assignment,
    AssignmentState,
    Assurance,
    FindingKind,
    FindingStatus,
    FindingTarget,
    Opinion,
    Statement,
)


def _version_url(a: Assignment) -> str:
    version = v.version_of(a)
    return reverse("verification:version", args=[kind_of(version), version.pk])


@login_required
def desk(request: HttpRequest) -> HttpResponse:
    """The secretariat's list: verifications under way and done, and validated versions with no verifier."""
    if not access.is_secretariat(request.user):
        raise PermissionDenied(_("The verification desk is for the secretariat."))
    rows = Assignment.objects.select_related("verifier", "jurisdiction", "content_type")
    if not access.roles(request.user).secretariat & v.ASSIGN_ROLES:
        rows = rows.filter(verifier=access.as_user(request.user))  # a verifier sees their own
    waiting = []
    if access.roles(request.user).secretariat & v.ASSIGN_ROLES:
        for kind in kinds.all_kinds():
            for obj in kind.model.objects.filter(state=State.VALIDATED).select_related("jurisdiction")[:200]:
                if v.live_assignment(obj) is None and v.completed_assignment(obj) is None:
                    waiting.append((obj, kind.slug))
    live = [(a, _version_url(a)) for a in rows.filter(state__in=LIVE_STATES)[:200]]
    done = [(a, _version_url(a)) for a in rows.exclude(state__in=LIVE_STATES)[:50]]
    return render(request, "verification/desk.html", {"live": live, "done": done, "waiting": waiting})


@login_required
def version(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    obj = get_submission(request, kind, pk)
    if not access.roles_in(request.user, obj.jurisdiction_id):
        raise PermissionDenied(_("A version's verification is for its jurisdiction and the secretariat."))
    user = request.user
    current = v.live_assignment(obj) or v.assignments_of(obj).first()
    me = access.as_user(user)
    ctx: dict[str, Any] = {
        "obj": obj,
        "kind": kind,
        "assignment": current,
        "history": list(v.assignments_of(obj)),
        "can_assign": bool(access.roles(user).secretariat & v.ASSIGN_ROLES)
        and obj.state in v.ASSIGNABLE_STATES
        and v.live_assignment(obj) is None,
        "verifiers": User.objects.filter(
            secretariat_roles__role=Role.VERIFIER, secretariat_roles__deleted_at__isnull=True, is_active=True
        ).distinct(),
        "finding_kinds": FindingKind.choices,
        "finding_targets": FindingTarget.choices,
        "assurances": Assurance.choices,
        "opinions": Opinion.choices,
    }
    if current is not None:
        is_verifier = me is not None and me == current.verifier
        is_city = bool(access.roles(user).by_jurisdiction.get(obj.jurisdiction_id))
        rnd = v.current_round(current)
        ctx |= {
            "is_verifier": is_verifier,
            "is_city": is_city,
            "is_desk": bool(access.roles(user).secretariat & v.ASSIGN_ROLES) and not is_verifier,
            "round": rnd,
            "findings": list(v.findings_visible_to(user, current)),
            "active": current.state == AssignmentState.ACTIVE,
            "awaiting": current.state == AssignmentState.AWAITING_DECLARATION,
            "conflict": current.state == AssignmentState.CONFLICT_DECLARED,
            "statement": getattr(current, "statement", None)
            if current.state == AssignmentState.COMPLETED
            else None,
            "open_status": FindingStatus.OPEN,
            "answered_status": FindingStatus.ANSWERED,
        }
    return render(request, "verification/version.html", ctx)


def _assignment(request: HttpRequest, pk: int) -> Assignment:
    return v.get_assignment(request.user, pk)


Step = Callable[[HttpRequest, int], Any]


def _assign(request: HttpRequest, pk: int) -> Any:
    kind = request.POST.get("kind", "")
    obj = get_submission(request, kind, pk)
    verifier = User.objects.filter(pk=request.POST.get("verifier") or 0).first()
    if verifier is None:
        raise ValidationFailed(_("Choose a verifier."))
    v.assign(request.user, obj, verifier)
    return obj


def _declare(request: HttpRequest, pk: int) -> Any:
    a = _assignment(request, pk)
    conflict = request.POST.get("has_conflict") == "yes"
    return v.declare(
        request.user,
        a,
        has_conflict=conflict,
        declaration=request.POST.get("declaration", ""),
        revision=revision_of(request),
    )


def _mitigate(request: HttpRequest, pk: int) -> Any:
    a = _assignment(request, pk)
    return v.mitigate(
        request.user, a, mitigation=request.POST.get("mitigation", ""), revision=revision_of(request)
    )


def _withdraw(request: HttpRequest, pk: int) -> Any:
    a = _assignment(request, pk)
    return v.withdraw(request.user, a, reason=request.POST.get("reason", ""), revision=revision_of(request))


def _raise(request: HttpRequest, pk: int) -> Any:
    a = _assignment(request, pk)
    return v.raise_finding(
        request.user,
        a,
        kind=request.POST.get("kind", ""),
        text=request.POST.get("text", ""),
        target=request.POST.get("target", ""),
        target_ref=request.POST.get("target_ref", ""),
    )


def _issue(request: HttpRequest, pk: int) -> Any:
    return v.issue_round(request.user, _assignment(request, pk))


def _next(request: HttpRequest, pk: int) -> Any:
    return v.next_round(request.user, _assignment(request, pk))


def _answer(request: HttpRequest, pk: int) -> Any:
    return v.answer(request.user, pk, request.POST.get("text", ""), revision=revision_of(request))


def _close(request: HttpRequest, pk: int) -> Any:
    return v.close_finding(request.user, pk, request.POST.get("note", ""), revision=revision_of(request))


def _reopen(request: HttpRequest, pk: int) -> Any:
    return v.reopen_finding(request.user, pk, request.POST.get("reply", ""), revision=revision_of(request))


def _complete(request: HttpRequest, pk: int) -> Any:
    a = _assignment(request, pk)
    fields = ("scope", "criteria", "level_of_assurance", "materiality_percent", "opinion", "opinion_text")
    return v.complete(
        request.user, a, **{f: request.POST.get(f, "") for f in fields}, revision=revision_of(request)
    )


STEPS: dict[str, tuple[Step, str]] = {
    "assign": (_assign, "A verifier was assigned: they declare any conflict of interest first."),
    "declare": (_declare, "Declaration recorded."),
    "mitigate": (_mitigate, "Mitigation recorded: the verification can start."),
    "withdraw": (_withdraw, "Assignment withdrawn."),
    "raise": (_raise, "Finding added to this round."),
    "issue": (_issue, "Round sent to the city."),
    "next": (_next, "Next round opened."),
    "answer": (_answer, "Answer sent to the verifier."),
    "close": (_close, "Finding closed."),
    "reopen": (_reopen, "The finding stays open for the next round."),
    "complete": (_complete, "Statement issued: the version can now be recorded as verified."),
}


def _back(result: Any, request: HttpRequest) -> str:
    from localaction.registry.verification.models import Finding, Round

    if isinstance(result, Assignment):
        return _version_url(result)
    if isinstance(result, Finding | Round):
        return _version_url(result.assignment)
    if isinstance(result, Statement):
        return _version_url(result.assignment)
    return reverse("verification:version", args=[kind_of(result), result.pk])


@login_required
@require_POST
def step(request: HttpRequest, name: str, pk: int) -> HttpResponse:
    if name not in STEPS:
        raise Http404("unknown step")
    fn, done = STEPS[name]
    fallback = request.POST.get("back", "") or reverse("verification:desk")
    try:
        result = fn(request, pk)
    except (Conflict, InvalidTransition, ValidationFailed) as exc:
        details = "; ".join(d.msg for d in exc.details) if exc.details else ""
        messages.error(request, exc.message + (f" ({details})" if details else ""))
        return redirect(fallback if fallback.startswith("/") else reverse("verification:desk"))
    messages.success(request, _(done))
    return redirect(_back(result, request))


def statement(request: HttpRequest, reference: str, fmt: str) -> HttpResponse:
    """A statement: public once its version is published, otherwise for the version's readers with a role."""
    st = Statement.objects.filter(reference=reference).select_related("assignment__verifier").first()
    if st is None or fmt not in ("txt", "json"):
        raise Http404("no such statement")
    version = v.version_of(st.assignment)
    if not access.can_view(request.user, version) or (
        version.state != State.PUBLISHED and not access.roles_in(request.user, version.jurisdiction_id)
    ):
        raise NotFound(f"statement {reference} not found")
    doc = v.statement_document(st)
    if fmt == "json":
        body = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    else:
        text = render_to_string("verification/statement.txt", {"d": doc, "st": st}, request=request)
        response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{reference}.{fmt}"'
    return response
