"""Which language a page speaks, and how the choice persists (docs/translating.md):

* a signed-in user: their profile's ``language`` (``User.language``), applied on each request, saved when
  they change the selector, and — when empty at sign-in — taken from the language they chose as a visitor;
* a visitor: Django's language cookie (``settings.LANGUAGE_COOKIE_NAME``), set by the selector;
* a shared link: ``?lang=es`` on any page shows it in Spanish and sets the visitor's cookie, so the pages
  they open from it stay Spanish (a signed-in user's profile is not changed by a link).

Otherwise Django's ``LocaleMiddleware`` decides (cookie, then ``Accept-Language``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.views.i18n import set_language as django_set_language

URL_PARAMETER = "lang"
_COOKIE_ATTRIBUTE = "_localaction_language_cookie"


def supported(code: Any) -> str | None:
    """The site's code for ``code`` (``pt-BR`` → ``pt-br``, ``zh-Hans`` → ``zh-hans``), or None."""
    if not isinstance(code, str) or not code.strip():
        return None
    try:
        return translation.get_supported_language_variant(code.strip().lower())
    except LookupError:
        return None


def _activate(request: HttpRequest, code: str) -> None:
    translation.activate(code)
    request.LANGUAGE_CODE = translation.get_language()


def _set_cookie(response: HttpResponse, code: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


class LanguageMiddleware:
    """After ``AuthenticationMiddleware``: the link's ``?lang=``, else the signed-in user's profile, else what
    ``LocaleMiddleware`` chose."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from_url = supported(request.GET.get(URL_PARAMETER)) if request.method in ("GET", "HEAD") else None
        user = getattr(request, "user", None)
        from_profile = supported(user.language) if user is not None and user.is_authenticated else None
        if from_url:
            _activate(request, from_url)
            setattr(request, _COOKIE_ATTRIBUTE, from_url)
        elif from_profile:
            _activate(request, from_profile)
        response = self.get_response(request)
        cookie = getattr(request, _COOKIE_ATTRIBUTE, None)
        if cookie:
            _set_cookie(response, cookie)
        if from_url:
            response.headers["Content-Language"] = from_url
        return response


def set_language(request: HttpRequest) -> HttpResponse:
    """The selector: Django's ``set_language`` (cookie, redirect to ``next``; a GET only redirects), and the
    signed-in user's profile field."""
    response = django_set_language(request)
    code = supported(request.POST.get("language")) if request.method == "POST" else None
    user = getattr(request, "user", None)
    if code and user is not None and user.is_authenticated and user.language != code:
        user.language = code
        user.save(update_fields=["language"])
    return response


@receiver(user_logged_in, dispatch_uid="localaction.web.language.on_login")
def _on_login(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    """At sign-in the profile's language wins and becomes the cookie too (the pages stay in it after signing
    out); a profile without one takes the language the visitor had chosen (their cookie)."""
    if request is None:
        return
    chosen = supported(getattr(user, "language", ""))
    if chosen is None:
        chosen = supported(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME))
        if chosen is None:
            return
        user.language = chosen
        user.save(update_fields=["language"])
    _activate(request, chosen)
    setattr(request, _COOKIE_ATTRIBUTE, chosen)
