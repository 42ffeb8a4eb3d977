"""Accounts (issue 18): login throttling and lockout (django-axes), password reset by e-mail with expiring
tokens, the API-token owner's reset, and one-time passwords for the secretariat (django-otp)."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from localaction.registry import services
from localaction.registry.base import tokens
from localaction.registry.base.access import SYSTEM
from localaction.registry.base.models import User

PASSWORD = "correct horse battery 1"
pytestmark = pytest.mark.django_db


def _user(name: str = "ana", secretariat: str | None = None, email: str = "ana@example.org") -> User:
    u = services.create_user(SYSTEM, name, password=PASSWORD, email=email, secretariat_role=secretariat)
    return u


def _login(c: Client, name: str, password: str, ip: str = "203.0.113.7") -> int:
    return c.post(reverse("web:login"), {"username": name, "password": password}, REMOTE_ADDR=ip).status_code


def test_the_audits_case_thirty_wrong_passwords_then_the_right_one_is_refused(settings: object) -> None:
    _user()
    c = Client()
    codes = [_login(c, "ana", f"wrong-{i}") for i in range(30)]
    assert codes[:4] == [200] * 4  # the form again, with its error
    assert set(codes[4:]) == {429}  # the 5th failure locks (AXES_FAILURE_LIMIT = 5)
    locked = c.post(
        reverse("web:login"), {"username": "ana", "password": PASSWORD}, REMOTE_ADDR="203.0.113.7"
    )
    assert locked.status_code == 429
    assert "Too many wrong passwords" in locked.content.decode()
    assert "_auth_user_id" not in c.session


def test_lockout_is_per_user_name_and_address_and_success_resets_the_count() -> None:
    _user()
    _user("bea", email="bea@example.org")
    c = Client()
    for i in range(4):
        assert _login(c, "ana", f"wrong-{i}") == 200
    assert _login(c, "ana", PASSWORD) == 302  # the 5th try is right: in, and the count starts again
    c.post(reverse("web:logout"))
    for i in range(4):
        assert _login(c, "ana", f"wrong-{i}") == 200
    assert _login(c, "ana", "wrong-again") == 429  # 5th wrong: now locked
    assert _login(c, "ana", PASSWORD) == 429
    assert _login(Client(), "bea", PASSWORD) == 302  # another user from the same address is not locked out
    assert _login(Client(), "ana", PASSWORD, ip="198.51.100.9") == 302  # nor the same user from elsewhere


def test_password_reset_by_email_with_an_expiring_single_use_link() -> None:
    user = _user()
    c = Client()
    assert c.post(reverse("verification:password_reset"), {"email": "nobody@example.org"}).status_code == 302
    assert mail.outbox == []  # unknown address: the same answer, no mail
    done = c.post(reverse("verification:password_reset"), {"email": "ana@example.org"})
    assert done.status_code == 302 and done["Location"] == reverse("verification:password_reset_done")
    (message,) = mail.outbox
    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+/)", message.body)
    assert link is not None
    form = c.get(link.group(1), follow=True)
    assert form.context["validlink"]
    new = "a new long passphrase 7"
    changed = c.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert changed.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)
    again = Client().get(link.group(1), follow=True)
    assert not again.context["validlink"]  # used once: the password changed, so the token no longer holds


def test_a_reset_link_expires(settings: object) -> None:
    user = _user()
    gen = PasswordResetTokenGenerator()
    old = gen._make_token_with_timestamp(user, gen._num_seconds(gen._now()) - 2 * 3600, gen.secret)  # 2 h ago
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    url = reverse(
        "verification:password_reset_confirm", args=[urlsafe_base64_encode(force_bytes(user.pk)), old]
    )
    page = Client().get(url, follow=True)
    assert not page.context["validlink"]  # PASSWORD_RESET_TIMEOUT is one hour
    assert "does not work any more" in page.content.decode()


def test_api_token_owner_resets_every_token_by_email() -> None:
    user = _user()
    first, raw1 = tokens.create_token(user, user, scopes=["read", "write"], name="laptop")
    second, raw2 = tokens.create_token(user, user, name="script")
    c = Client()
    c.post(reverse("verification:token_reset"), {"email": "ana@example.org"})
    (message,) = mail.outbox
    path = re.search(r"https?://[^/]+(/accounts/tokens/reset/\S+/)", message.body).group(1)  # type: ignore[union-attr]
    page = c.get(path)
    assert page.status_code == 200 and {t.pk for t in page.context["live"]} == {first.pk, second.pk}
    assert tokens.authenticate(raw1) is not None  # a GET changes nothing
    done = c.post(path)
    assert done.status_code == 200
    new_raw = done.context["raw"]
    assert tokens.authenticate(raw1) is None and tokens.authenticate(raw2) is None
    row = tokens.authenticate(new_raw)
    assert row is not None and row.user == user and sorted(row.scopes) == ["read", "write"]
    assert c.post(path).status_code == 400  # the link signed the old tokens: it works once


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _unthrottle(device: TOTPDevice) -> None:
    """django-otp slows repeated failures down (2**n seconds); the test goes on at once."""
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.last_t = -1
    device.save()


def test_secretariat_totp_setup_then_sign_in_asks_for_the_code() -> None:
    _user("rev", secretariat="reviewer", email="rev@example.org")
    c = Client()
    assert _login(c, "rev", PASSWORD) == 302
    page = c.get(reverse("verification:security"))
    assert page.status_code == 200 and "Set up an authenticator app" in page.content.decode()
    c.post(reverse("verification:security"), {"do": "start"})
    device = TOTPDevice.objects.get(user__username="rev")
    assert not device.confirmed
    shown = c.get(reverse("verification:security")).content.decode()
    assert "<svg" in shown and "totp-secret" in shown
    bad = c.post(reverse("verification:security"), {"do": "confirm", "code": "000000"})
    assert "not right" in bad.content.decode()
    _unthrottle(device)
    c.post(reverse("verification:security"), {"do": "confirm", "code": _code(device)})
    device.refresh_from_db()
    assert device.confirmed
    # A new session: the password alone does not reach any page.
    fresh = Client()
    assert _login(fresh, "rev", PASSWORD) == 302
    review = fresh.get(reverse("web:review"))
    assert review.status_code == 302 and review["Location"].startswith(reverse("verification:otp"))
    assert fresh.get("/admin/").status_code == 302
    # The API does not take the half-signed-in session either (a write needs a signed-in user).
    assert fresh.post("/api/v1/targets/", {}, content_type="application/json").status_code == 401
    wrong = fresh.post(reverse("verification:otp"), {"code": "123456", "next": "/review/"})
    assert "not right" in wrong.content.decode()
    _unthrottle(device)
    ok = fresh.post(reverse("verification:otp"), {"code": _code(device), "next": "/review/"})
    assert ok.status_code == 302 and ok["Location"] == "/review/"
    assert fresh.get(reverse("web:review")).status_code == 200
    signed = fresh.post("/api/v1/targets/", {}, content_type="application/json")
    assert signed.status_code not in (401, 403), (
        signed.content
    )  # now the session counts (the body is invalid)


def test_totp_is_for_the_secretariat_and_can_be_required() -> None:
    _user("city", email="city@example.org")
    c = Client()
    _login(c, "city", PASSWORD)
    assert c.get(reverse("verification:security")).status_code == 403
    _user("rev", secretariat="reviewer", email="rev@example.org")
    r = Client()
    _login(r, "rev", PASSWORD)
    with override_settings(LOCALACTION_SECRETARIAT_TOTP="required"):
        page = r.get(reverse("web:review"))
        assert page.status_code == 302 and page["Location"] == reverse("verification:security")
        assert c.get(reverse("web:workspace")).status_code == 200  # city accounts are not asked
