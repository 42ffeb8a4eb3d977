"""Account safety helpers: the client address for login throttling, the API-token reset link, TOTP devices.

The token reset works like Django's password reset: a signed, expiring link (``PASSWORD_RESET_TIMEOUT``) sent
to the account's e-mail address; following it revokes every API token of the account and shows one new token
once. The link stops working as soon as it is used, because it signs the account's live tokens.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.http import HttpRequest

from localaction.registry.base import access


def client_ip(request: HttpRequest) -> str | None:
    """The address login attempts are counted against: behind our TLS proxy, the address the proxy saw
    (the last hop of X-Forwarded-For); otherwise the connection's."""
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip() or None
    return request.META.get("REMOTE_ADDR") or None


class TokenResetGenerator(PasswordResetTokenGenerator):
    key_salt = "localaction.faces.web.verification.accounts.TokenResetGenerator"

    def _make_hash_value(self, user: Any, timestamp: int) -> str:
        live = user.api_tokens.filter(revoked_at__isnull=True).order_by("pk").values_list("prefix", flat=True)
        return f"{user.pk}{user.password}{timestamp}{','.join(live)}"


token_reset = TokenResetGenerator()


def totp_devices(user: Any) -> Any:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user=user)


def has_second_factor(user: Any) -> bool:
    return access.authenticated(user) and totp_devices(user).filter(confirmed=True).exists()


def totp_required(user: Any) -> bool:
    return settings.LOCALACTION_SECRETARIAT_TOTP == "required" and access.is_secretariat(user)


def may_use_totp(user: Any) -> bool:
    """One-time passwords are offered to the secretariat (reviewers, verifiers, admins)."""
    return access.is_secretariat(user)
