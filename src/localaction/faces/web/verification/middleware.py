"""The second factor: a signed-in account with a confirmed TOTP device must give a code once per session
before any page (django-otp marks the session verified); with ``LOCALACTION_SECRETARIAT_TOTP=required`` a
secretariat account without a device is sent to set one up. On the API such a half-signed-in session counts
as nobody (bearer tokens are not affected), so the session cookie cannot stand in for the code there."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from localaction.faces.web.verification import accounts

_OPEN_PREFIXES = ("/static/", "/assets/")
_API = "/api/"


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and request.path.startswith(_API):
            verified = getattr(user, "is_verified", lambda: False)()
            if not verified and (accounts.has_second_factor(user) or accounts.totp_required(user)):
                request.user = AnonymousUser()
            return self.get_response(request)
        if user is not None and user.is_authenticated and not request.path.startswith(_OPEN_PREFIXES):
            allowed = {
                reverse("verification:otp"),
                reverse("verification:security"),
                reverse("web:logout"),
            }
            if request.path not in allowed:
                verified = getattr(user, "is_verified", lambda: False)()
                if not verified and accounts.has_second_factor(user):
                    return HttpResponseRedirect(
                        reverse("verification:otp") + "?" + urlencode({"next": request.get_full_path()})
                    )
                if not verified and accounts.totp_required(user):
                    return HttpResponseRedirect(reverse("verification:security"))
        return self.get_response(request)
