"""Account pages: password reset by e-mail (Django's views and signed, expiring tokens), the same for an API
token's owner (revoke every token, show one new token once), one-time passwords for the secretariat (set up,
confirm, remove; the second sign-in step), and the lockout page's view."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordResetForm
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse, reverse_lazy
from django.utils.encoding import force_bytes, force_str
from django.utils.http import url_has_allowed_host_and_scheme, urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from localaction.faces.web.verification import accounts
from localaction.registry.base import tokens
from localaction.registry.base.models import TokenScope, User

# Django's reset views, with our templates and namespaced addresses.
password_reset = auth_views.PasswordResetView.as_view(
    template_name="accounts/password_reset_form.html",
    email_template_name="accounts/password_reset_email.txt",
    subject_template_name="accounts/password_reset_subject.txt",
    success_url=reverse_lazy("verification:password_reset_done"),
    extra_context={"reset_minutes": settings.PASSWORD_RESET_TIMEOUT // 60},
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="accounts/password_reset_done.html"
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="accounts/password_reset_confirm.html",
    success_url=reverse_lazy("verification:password_reset_complete"),
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html"
)


class EmailForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-mail address"), max_length=254)


def token_reset(request: HttpRequest) -> HttpResponse:
    """Ask for an API-token reset link. The answer is the same whether or not the address is known."""
    form = EmailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # Django's own rule for who gets a reset mail: active accounts with a usable password and that address.
        for user in PasswordResetForm().get_users(form.cleaned_data["email"]):
            if not user.api_tokens.filter(revoked_at__isnull=True).exists():
                continue
            link = request.build_absolute_uri(
                reverse(
                    "verification:token_reset_confirm",
                    args=[urlsafe_base64_encode(force_bytes(user.pk)), accounts.token_reset.make_token(user)],
                )
            )
            body = render_to_string("accounts/token_reset_email.txt", {"user": user, "link": link})
            send_mail(_("LocalAction: reset your API tokens"), body, None, [user.email])
        return redirect("verification:token_reset_done")
    return render(request, "accounts/token_reset.html", {"form": form})


def token_reset_done(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/token_reset_done.html")


def _user_from(uidb64: str) -> User | None:
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError):
        return None
    return User.objects.filter(pk=pk, is_active=True).first()


def token_reset_confirm(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """GET shows what will happen; POST revokes every live token of the account and shows a new one once."""
    user = _user_from(uidb64)
    valid = user is not None and accounts.token_reset.check_token(user, token)
    if not valid or user is None:
        return render(request, "accounts/token_reset_confirm.html", {"valid": False}, status=400)
    live = list(user.api_tokens.filter(revoked_at__isnull=True).order_by("created_at"))
    if request.method != "POST":
        return render(request, "accounts/token_reset_confirm.html", {"valid": True, "live": live})
    with transaction.atomic():
        scopes = sorted({s for t in live for s in t.scopes}) or [TokenScope.READ.value]
        for t in live:
            tokens.revoke_token(user, t.pk)
        row, raw = tokens.create_token(user, user, scopes=scopes, name="after reset")
    return render(request, "accounts/token_reset_new.html", {"row": row, "raw": raw, "revoked": live})


# --- one-time passwords (TOTP, django-otp) ---------------------------------------------------------------


class CodeForm(forms.Form):
    code = forms.RegexField(
        label=gettext_lazy("Code from your authenticator app"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": gettext_lazy("Six digits.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _qr_svg(url: str) -> str:
    import segno

    return str(segno.make(url, error="m").svg_inline(scale=4))


@login_required
def security(request: HttpRequest) -> HttpResponse:
    """Set up a TOTP device (secretariat accounts), confirm it with a first code, or remove it."""
    user = request.user
    if not accounts.may_use_totp(user):
        raise_denied()
    devices = accounts.totp_devices(user)
    pending = devices.filter(confirmed=False).first()
    confirmed = devices.filter(confirmed=True).first()
    form = CodeForm(request.POST or None)
    if request.method == "POST":
        do = request.POST.get("do", "")
        if do == "start" and confirmed is None:
            from django_otp.plugins.otp_totp.models import TOTPDevice

            devices.filter(confirmed=False).delete()  # an unconfirmed secret is thrown away, never used
            TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
            return redirect("verification:security")
        if do == "confirm" and pending is not None and form.is_valid():
            allowed, _why = pending.verify_is_allowed()
            if not allowed:
                form.add_error("code", _("Too many wrong codes: wait a few seconds, then try again."))
            elif pending.verify_token(form.cleaned_data["code"].strip()):
                pending.confirmed = True
                pending.save()
                from django_otp import login as otp_login

                otp_login(request, pending)
                messages.success(
                    request, _("One-time passwords are on: sign-in asks for a code from now on.")
                )
                return redirect("verification:security")
            else:
                form.add_error(
                    "code", _("That code is not right: check the time on your phone and try again.")
                )
        if do == "remove" and confirmed is not None and form.is_valid():
            if confirmed.verify_token(form.cleaned_data["code"].strip()):
                devices.delete()
                messages.success(request, _("One-time passwords are off for this account."))
                return redirect("verification:security")
            form.add_error("code", _("That code is not right."))
    ctx: dict[str, Any] = {
        "form": form,
        "pending": pending,
        "confirmed": confirmed,
        "required": accounts.totp_required(user),
    }
    if pending is not None:
        ctx["qr"] = _qr_svg(pending.config_url)
        ctx["secret"] = _base32(pending.bin_key)
    return render(request, "accounts/security.html", ctx)


def _base32(key: bytes) -> str:
    import base64

    return base64.b32encode(key).decode().rstrip("=")


def raise_denied() -> None:
    from localaction.registry.base.errors import PermissionDenied

    raise PermissionDenied(_("One-time passwords are offered to secretariat accounts."))


@login_required
def otp(request: HttpRequest) -> HttpResponse:
    """The second sign-in step for an account with a confirmed device."""
    form = CodeForm(request.POST or None)
    target = request.POST.get("next") or request.GET.get("next") or reverse(settings.LOGIN_REDIRECT_URL)
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = reverse(settings.LOGIN_REDIRECT_URL)
    if request.method == "POST" and form.is_valid():
        from django_otp import login as otp_login
        from django_otp import match_token

        device = match_token(request.user, form.cleaned_data["code"].strip())
        if device is not None:
            otp_login(request, device)
            return redirect(target)
        form.add_error("code", _("That code is not right: check the time on your phone and try again."))
    return render(request, "accounts/otp.html", {"form": form, "next": target})
