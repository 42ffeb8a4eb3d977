"""The one Django settings module. It reads only ``LOCALACTION_*`` environment variables.

- ``LOCALACTION_ENV``: ``dev`` (default), ``test`` or ``prod``. Outside ``dev``/``test`` a real secret key
  (``LOCALACTION_SECRET_KEY``, 32+ characters, not the development key) and ``LOCALACTION_ALLOWED_HOSTS`` are
  required, debug is refused and cookies are secure.
- ``LOCALACTION_DATABASE_URL``: any dj-database-url URL; default ``sqlite:///localaction.db`` in the current
  directory. PostgreSQL through psycopg 3 (``postgresql://user@host:5432/name``).
- ``LOCALACTION_DEBUG`` (``1``/``0``; default on in dev), ``LOCALACTION_ALLOWED_HOSTS`` (comma-separated),
  ``LOCALACTION_CSRF_TRUSTED_ORIGINS`` (comma-separated), ``LOCALACTION_STATIC_ROOT``,
  ``LOCALACTION_BEHIND_TLS_PROXY`` (``1``: trust ``X-Forwarded-Proto``).
- ``LOCALACTION_MEDIA_ROOT``: where uploads (TAP attachments) are stored; default ``./media``; keep it private.

Nothing else in the code reads ``os.environ``: other modules read ``django.conf.settings``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

DEV_SECRET_KEY = "localaction-dev-insecure-key-do-not-use-in-production"
ENVIRONMENTS = ("dev", "test", "prod")
DEFAULT_DATABASE_URL = "sqlite:///localaction.db"


def _flag(value: str | None, default: bool) -> bool:
    if value is None or value.strip() == "":
        return default
    text = value.strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"expected 1/0/true/false, got {value!r}")


def _list(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def environment(env: Mapping[str, str]) -> str:
    name = env.get("LOCALACTION_ENV", "dev").strip().lower() or "dev"
    if name not in ENVIRONMENTS:
        raise ImproperlyConfigured(f"LOCALACTION_ENV must be one of {', '.join(ENVIRONMENTS)}, got {name!r}")
    return name


def secret_key(env: Mapping[str, str]) -> str:
    """The secret key; outside dev/test the development key (or none, or a short one) is refused."""
    key = env.get("LOCALACTION_SECRET_KEY", "").strip()
    if environment(env) in ("dev", "test"):
        return key or DEV_SECRET_KEY
    if not key or key == DEV_SECRET_KEY:
        raise ImproperlyConfigured(
            "LOCALACTION_SECRET_KEY must be set to a long random value when LOCALACTION_ENV=prod "
            '(e.g. python -c "import secrets; print(secrets.token_urlsafe(50))")'
        )
    if len(key) < 32:
        raise ImproperlyConfigured("LOCALACTION_SECRET_KEY is too short: use at least 32 random characters")
    return key


def debug(env: Mapping[str, str]) -> bool:
    on = _flag(env.get("LOCALACTION_DEBUG"), default=environment(env) == "dev")
    if on and environment(env) == "prod":
        raise ImproperlyConfigured("LOCALACTION_DEBUG cannot be on when LOCALACTION_ENV=prod")
    return on


def allowed_hosts(env: Mapping[str, str]) -> list[str]:
    hosts = _list(env.get("LOCALACTION_ALLOWED_HOSTS"))
    if hosts:
        return hosts
    if environment(env) == "prod":
        raise ImproperlyConfigured("set LOCALACTION_ALLOWED_HOSTS (comma-separated host names) in prod")
    return ["localhost", "127.0.0.1", "[::1]", "testserver"]


def database(env: Mapping[str, str]) -> dict[str, Any]:
    url = env.get("LOCALACTION_DATABASE_URL", "").strip() or DEFAULT_DATABASE_URL
    try:
        config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=0))
    except ValueError as exc:
        raise ImproperlyConfigured(f"LOCALACTION_DATABASE_URL is not a database URL: {exc}") from exc
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # IMMEDIATE: a write transaction takes the lock at BEGIN, so concurrent writers queue instead of
        # failing half-way (and select_for_update + revision checks stay correct on SQLite too).
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        }
    config["ATOMIC_REQUESTS"] = False
    return config


_ENV = os.environ
ENV = environment(_ENV)
SECRET_KEY = secret_key(_ENV)
DEBUG = debug(_ENV)
ALLOWED_HOSTS = allowed_hosts(_ENV)
CSRF_TRUSTED_ORIGINS = _list(_ENV.get("LOCALACTION_CSRF_TRUSTED_ORIGINS"))
DATABASES = {"default": database(_ENV)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "localaction.registry",
    "localaction.registry.programmes",
    "localaction.web.targets",
    "localaction.registry.network",
    "localaction.web",
    "localaction.insights_web",
    "localaction.registry.tap",
    "localaction.registry.gateway",
    "localaction.web.tap",
    "localaction.registry.framework_reports",
    "localaction.web.framework_pages",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "localaction.web.errors.DomainErrorMiddleware",
]

ROOT_URLCONF = "localaction.urls"
ASGI_APPLICATION = "localaction.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "localaction.web.context.site",
            ],
        },
    },
]

AUTH_USER_MODEL = "registry.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("fr", "Français"),
    ("es", "Español"),
    ("pt", "Português"),
    ("de", "Deutsch"),
    ("zh-hans", "简体中文"),
    ("ko", "한국어"),
]
LOCALE_PATHS = [Path(__file__).resolve().parent / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "static/"
MEDIA_URL = "media/"  # uploads (TAP attachments) are served only through permission-checked views
MEDIA_ROOT = _ENV.get("LOCALACTION_MEDIA_ROOT") or str(Path.cwd() / "media")

# The pages (localaction.web): sign-in and where to go after. Sessions are Django's database sessions (a
# random session id in an HttpOnly, SameSite=Lax cookie; logout deletes the session server-side), so an
# upload's preview can wait in the session between "preview" and "import".
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:workspace"
LOGOUT_REDIRECT_URL = "web:home"
SESSION_COOKIE_AGE = 60 * 60 * 12
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
STATIC_ROOT = _ENV.get("LOCALACTION_STATIC_ROOT") or None

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if ENV == "prod":
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 30
    SECURE_HSTS_INCLUDE_SUBDOMAINS = False
if _flag(_ENV.get("LOCALACTION_BEHIND_TLS_PROXY"), default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
