"""Production settings: a weak secret key is refused, ``manage.py check --deploy`` passes with no warning,
and the accounts' settings (lockout, reset timeout, e-mail) read the environment."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key

from localaction.site import config

PROD = {"LOCALACTION_ENV": "prod", "LOCALACTION_ALLOWED_HOSTS": "registry.example.org"}


@pytest.mark.parametrize(
    ("key", "why"),
    [
        ("a" * 32, "characters"),  # the audit's case: accepted before
        ("a" * 64, "distinct"),
        ("ab" * 40, "distinct"),
        ("abcdefghijklmnopqrstuvwxyz0123" * 3, "pattern"),
        ("0123456789abcdefghij" * 3, "pattern"),
        ("django-insecure-3gfmr0djk==ofd^d3imvinskb)()h_dkn(853aox9hq35uzy4+", "development"),
        ("Hngt45zEiGtN-eFoEwHK25IgPDHwRnsuF3nkR5ve", "characters"),  # random, but 40 characters
    ],
    ids=["32a", "64a", "ab", "alphabet", "digits", "django-insecure", "short-random"],
)
def test_weak_keys_are_refused_with_the_reason(key: str, why: str) -> None:
    with pytest.raises(ImproperlyConfigured) as exc:
        config.secret_key({**PROD, "LOCALACTION_SECRET_KEY": key})
    assert why in str(exc.value) and "token_urlsafe" in str(exc.value)


def test_random_keys_pass() -> None:
    """2,000 keys of each common recipe: none refused (the check has no false alarms on real keys)."""
    makers = (get_random_secret_key, lambda: secrets.token_urlsafe(50), lambda: secrets.token_hex(25))
    refused = [k for make in makers for _ in range(2000) if config.key_weakness(k := make()) is not None]
    assert refused == []


def test_accounts_settings_read_the_environment() -> None:
    assert config.positive_int({}, "LOCALACTION_LOGIN_FAILURE_LIMIT", 5) == 5
    assert config.positive_int({"X": "3"}, "X", 5) == 3
    with pytest.raises(ImproperlyConfigured):
        config.positive_int({"X": "0"}, "X", 5)
    assert config.email({})["EMAIL_BACKEND"].endswith("console.EmailBackend")
    smtp = config.email({**PROD, "LOCALACTION_EMAIL_HOST": "mail.example.org"})
    assert smtp["EMAIL_BACKEND"].endswith("smtp.EmailBackend") and smtp["EMAIL_HOST"] == "mail.example.org"
    with pytest.raises(ImproperlyConfigured):
        config.email({"LOCALACTION_EMAIL_BACKEND": "pigeon"})


def _manage(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    # A deployment's environment: none of ours, and not the browser tests' DJANGO_ALLOW_ASYNC_UNSAFE.
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("LOCALACTION_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    return subprocess.run(
        [sys.executable, "-m", "django", *args],
        env={**base, "DJANGO_SETTINGS_MODULE": "localaction.site.settings", **env},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_check_deploy_is_clean_in_prod(tmp_path: Path) -> None:
    env = {**PROD, "LOCALACTION_SECRET_KEY": secrets.token_urlsafe(50)}
    done = _manage(["check", "--deploy", "--fail-level", "WARNING"], env, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_prod_refuses_to_start_with_a_weak_key(tmp_path: Path) -> None:
    done = _manage(["check"], {**PROD, "LOCALACTION_SECRET_KEY": "a" * 32}, tmp_path)
    assert done.returncode != 0 and "LOCALACTION_SECRET_KEY is too weak" in done.stderr


def test_the_policy_allows_plotlys_own_styles_by_hash_and_nothing_inline_else() -> None:
    from django.conf import settings

    from localaction.site.csp import plotly_style_hashes

    hashes = plotly_style_hashes()
    assert hashes[0] == "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"  # sha256 of ""
    assert len(hashes) == 2  # plotly.js 3: its empty style element and maplibre's stylesheet
    from csp.constants import NONCE, SELF

    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    assert directives["style-src"] == [SELF, *hashes]
    assert directives["script-src"] == [SELF, NONCE]
