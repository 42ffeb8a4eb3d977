"""Workflow actions and review comments, for members and the secretariat alike: the registry decides who may
(a refusal is a 403 page; an impossible or stale action comes back as a message on the page)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from localaction.faces.web import usecase
from localaction.faces.web.common import detail_url, get_submission, next_url, revision_of
from localaction.faces.web.forms import CommentForm
from localaction.registry import services
from localaction.registry.base import access
from localaction.registry.base import states as workflow
from localaction.registry.base.errors import PermissionDenied

ACTION_DONE = {
    "submit": gettext_lazy("Submitted for review."),
    "request_changes": gettext_lazy("Changes requested: the city has been told."),
    "validate": gettext_lazy("Validated."),
    "verify": gettext_lazy("Verified."),
    "publish": gettext_lazy("Published: it is now public."),
    "withdraw": gettext_lazy("Withdrawn from review."),
    "reopen": gettext_lazy("Reopened as a draft."),
}


# What a confirmation page says before the step is taken (validate, verify, publish ask first).
CONFIRM = {
    "validate": (
        gettext_lazy("Validate this version?"),
        gettext_lazy(
            "Validating says the secretariat has reviewed it: the checks, the comments and the figures. "
            "It can then be verified or published."
        ),
        gettext_lazy("Yes, validate"),
    ),
    "verify": (
        gettext_lazy("Verify this version?"),
        gettext_lazy("Verifying records the third-party verification and its statement on this version."),
        gettext_lazy("Yes, verify"),
    ),
    "publish": (
        gettext_lazy("Publish this version?"),
        gettext_lazy(
            "Publishing makes it public on the city's page, in the downloads and the API. A published version "
            "never changes: a correction is a new version."
        ),
        gettext_lazy("Yes, publish"),
    ),
}


def _confirm(request: HttpRequest, kind: str, obj: object, action: str, back: str) -> HttpResponse:
    title, text, button = CONFIRM[action]
    return render(
        request,
        "workspace/confirm_action.html",
        {
            "obj": obj,
            "kind": kind,
            "a": action,
            "title": title,
            "text": text,
            "button": button,
            "back": back,
            "waiting": services.unanswered_comments(obj),  # type: ignore[arg-type]
            "reason_min": workflow.OVERRIDE_REASON_MIN,
        },
    )


@login_required
@require_POST
def act(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    obj = get_submission(request, kind, pk)
    action = request.POST.get("action", "")
    comment = request.POST.get("comment", "").strip()
    back = next_url(request, detail_url(obj))
    if action == "request_changes" and not comment:
        messages.error(request, _("Say what should change: the comment goes to the city."))
        return redirect(back)
    if action == "open_correction":
        new = usecase.run(request, services.open_correction, request.user, obj, comment=comment)
        if isinstance(new, usecase.Failed):
            return redirect(back)
        messages.success(request, _("A new draft version was opened; the published one stays public."))
        return redirect(detail_url(new))
    if action == "delete":
        done = usecase.run(
            request,
            services.delete_submission,
            request.user,
            obj,
            revision=revision_of(request),
            comment=comment,
        )
        if isinstance(done, usecase.Failed):
            return redirect(back)
        messages.success(request, _("Deleted."))
        return redirect(reverse("web:workspace"))
    if (
        action in CONFIRM
        and request.POST.get("confirmed") != "1"
        and access.can_transition(request.user, obj, action)
    ):  # asks first; a step the user may not take now is refused below, as before
        return _confirm(request, kind, obj, action, back)

    declaration = ""
    if (
        action == "submit"
        and kind in workflow.SUBMIT_DECLARATIONS
        and access.can_transition(request.user, obj, action)
    ):
        # The approver confirms the declaration; its text, as shown, is stored with the submission (audit).
        if request.POST.get("declare") != "1":
            messages.error(request, _("Tick the declaration to submit: it is recorded with the submission."))
            return redirect(back)
        declaration = str(workflow.SUBMIT_DECLARATIONS[kind])

    @transaction.atomic
    def apply() -> None:
        workflow.transition(action)  # an unknown action is an InvalidTransition
        services.transition(
            request.user,
            obj,
            action,
            revision=revision_of(request),
            comment=comment,
            override_reason=request.POST.get("override_reason", ""),
            declaration=declaration,
            comments_override=request.POST.get("comments_override", ""),
        )
        if comment:
            services.add_comment(request.user, obj, comment)

    try:
        done = usecase.run(request, apply)
    except PermissionDenied as exc:
        if exc.code != "four_eyes":  # a role refusal stays a 403 page
            raise
        messages.error(request, exc.message)  # four eyes: another person must do it (or an admin override)
        return redirect(back)
    if not isinstance(done, usecase.Failed):
        messages.success(request, ACTION_DONE.get(action, _("Done.")))
    return redirect(back)


@login_required
@require_POST
def comment(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    obj = get_submission(request, kind, pk)
    form = CommentForm(request.POST)
    back = next_url(request, detail_url(obj))
    if not form.is_valid():
        messages.error(request, _("Write a comment first."))
        return redirect(back)
    done = usecase.run(
        request, services.add_comment, request.user, obj, form.cleaned_data["body"],
        gpc_ref=form.cleaned_data.get("gpc_ref") or "",
    )  # fmt: skip
    if not isinstance(done, usecase.Failed):
        messages.success(request, _("Comment added."))
    ref = form.cleaned_data.get("gpc_ref")
    return redirect(back + (f"#line-{ref.replace('.', '-')}" if ref else "#comments"))
