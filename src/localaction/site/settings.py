"""The one Django settings module. It reads only ``LOCALACTION_*`` environment variables.

- ``LOCALACTION_ENV``: ``dev`` (default), ``test`` or ``prod``. Outside ``dev``/``test`` a real secret key
  (``LOCALACTION_SECRET_KEY``: 50+ random characters, see config.key_weakness) and ``LOCALACTION_ALLOWED_HOSTS`` are
  required, debug is refused and cookies are secure.
- ``LOCALACTION_DATABASE_URL``: any dj-database-url URL; default ``sqlite:///localaction.db`` in the current
  directory. PostgreSQL through psycopg 3 (``postgresql://user@host:5432/name``).
- ``LOCALACTION_DEBUG`` (``1``/``0``; default off: ``localaction serve --debug`` turns it on), ``LOCALACTION_ALLOWED_HOSTS`` (comma-separated),
  ``LOCALACTION_CSRF_TRUSTED_ORIGINS`` (comma-separated), ``LOCALACTION_STATIC_ROOT``,
  ``LOCALACTION_BEHIND_TLS_PROXY`` (``1``: trust ``X-Forwarded-Proto``).
- ``LOCALACTION_TODAY``: ``YYYY-MM-DD`` pins the product's clock (``localaction.core.clock``) for demos and tests.
- ``LOCALACTION_MEDIA_ROOT``: where uploads (TAP attachments) are stored; default ``./media``; keep it private.
- Accounts (docs/security.md): ``LOCALACTION_LOGIN_FAILURE_LIMIT`` (default 5 wrong passwords per user name and
  address, then locked out for ``LOCALACTION_LOGIN_COOLOFF_MINUTES``, default 15), ``LOCALACTION_PASSWORD_RESET_TIMEOUT``
  (seconds a reset link works; default 3600), ``LOCALACTION_SECRETARIAT_TOTP`` (``optional``, the default, or
  ``required``: secretariat accounts must use a one-time-password app).
- E-mail: ``LOCALACTION_EMAIL_BACKEND`` (``console`` in dev/test, ``smtp`` in prod), ``LOCALACTION_EMAIL_HOST``,
  ``LOCALACTION_EMAIL_PORT`` (587), ``LOCALACTION_EMAIL_USER``, ``LOCALACTION_EMAIL_PASSWORD``,
  ``LOCALACTION_EMAIL_TLS`` (1), ``LOCALACTION_EMAIL_FROM``.
- Cache (published answers and public pages, docs/registry.md): ``LOCALACTION_CACHE_URL`` (default a file cache in
  ``./cache``; ``redis://host:6379/0``, ``file:///dir``, ``db://table``, ``locmem://``, ``dummy://``),
  ``LOCALACTION_CACHE_SECONDS`` (86400).
- HTTPS in prod: ``LOCALACTION_SSL_REDIRECT`` (1), ``LOCALACTION_HSTS_SECONDS`` (31536000),
  ``LOCALACTION_HSTS_SUBDOMAINS`` (1), ``LOCALACTION_HSTS_PRELOAD`` (1); turning one off is the operator's call
  and ``check --deploy`` then says so.

The environment readers are in ``localaction.site.config``; nothing else reads ``os.environ``.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from csp.constants import NONCE, NONE, SELF

from localaction.site.config import (
    allowed_hosts,
    cache,
    csv_list,
    database,
    debug,
    email,
    environment,
    flag,
    pin_clock,
    positive_int,
    secret_key,
)
from localaction.site.csp import plotly_style_hashes

_ENV = os.environ
LOCALACTION_TODAY = pin_clock(_ENV)  # the one clock (localaction.core.clock)
ENV = environment(_ENV)
SECRET_KEY = secret_key(_ENV)
DEBUG = debug(_ENV)
ALLOWED_HOSTS = allowed_hosts(_ENV)
CSRF_TRUSTED_ORIGINS = csv_list(_ENV.get("LOCALACTION_CSRF_TRUSTED_ORIGINS"))
DATABASES = {"default": database(_ENV)}
CACHES = cache(_ENV)  # the public cache (localaction.registry.base.publiccache)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",  # login throttling and lockout
    "django_otp",  # one-time passwords (TOTP) for secretariat accounts
    "django_otp.plugins.otp_totp",
    "ninja",  # the API docs' own static files (no CDN: works offline and under the CSP)
    # registry: the base (app label "registry") first, then one app per feature
    "localaction.registry.base",
    "localaction.registry.inventories",
    "localaction.registry.targets",
    "localaction.registry.actions",
    "localaction.registry.hazards",
    "localaction.registry.frameworks",
    "localaction.registry.network",
    "localaction.registry.tap",
    "localaction.registry.gateway",
    "localaction.registry.datasets",
    "localaction.registry.verification",
    "localaction.registry.backup",
    # faces: the web shell, then one page app per feature
    "localaction.faces.web",
    "localaction.faces.web.jurisdictions",
    "localaction.faces.web.inventories",
    "localaction.faces.web.workspace",
    "localaction.faces.web.review",
    "localaction.faces.web.targets",
    "localaction.faces.web.frameworks",
    "localaction.faces.web.insights",
    "localaction.faces.web.network",
    "localaction.faces.web.tap",
    "localaction.faces.web.gateway",
    "localaction.faces.web.datasets",
    "localaction.faces.web.verification",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",  # static files without DEBUG (and without a web server)
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "localaction.faces.web.language.LanguageMiddleware",  # the profile's language, a link's ?lang=
    "django_otp.middleware.OTPMiddleware",
    "localaction.faces.web.verification.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "localaction.faces.web.middleware.DomainErrorMiddleware",
    "axes.middleware.AxesMiddleware",  # last: it turns a lockout into the lockout page
]

ROOT_URLCONF = "localaction.site.urls"
ASGI_APPLICATION = "localaction.site.asgi.application"

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
                "localaction.faces.web.context.site",
            ],
        },
    },
]

AUTH_USER_MODEL = "registry.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out user name before the password is tried
    "django.contrib.auth.backends.ModelBackend",
]
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
    ("es", "Español"),
    ("fr", "Français"),
    ("pt-br", "Português (Brasil)"),
    ("de", "Deutsch"),
    ("zh-hans", "简体中文"),
    ("ko", "한국어"),
    ("ja", "日本語"),
]
LOCALE_PATHS = [Path(__file__).resolve().parent.parent / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "static/"
MEDIA_URL = "media/"  # uploads (TAP attachments) are served only through permission-checked views
LOCALACTION_CHROMIUM = _ENV.get("LOCALACTION_CHROMIUM", "")  # PDF reports; default: chromium on PATH
MEDIA_ROOT = _ENV.get("LOCALACTION_MEDIA_ROOT") or str(Path.cwd() / "media")

# The pages (localaction.faces.web): sign-in and where to go after. Sessions are Django's database sessions (a
# random session id in an HttpOnly, SameSite=Lax cookie; logout deletes the session server-side), so an
# upload's preview can wait in the session between "preview" and "import".
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:landing"  # each role to its own page (faces.web.workspace.views.landing)
LOGOUT_REDIRECT_URL = "web:home"
SESSION_COOKIE_AGE = 60 * 60 * 12
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
STATIC_ROOT = _ENV.get("LOCALACTION_STATIC_ROOT") or None
# Without a collected STATIC_ROOT (a newcomer's `make run`), whitenoise serves the apps' static folders directly;
# in production run `localaction manage collectstatic` into LOCALACTION_STATIC_ROOT (hashed, compressed files).
WHITENOISE_USE_FINDERS = STATIC_ROOT is None
if STATIC_ROOT:
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }

# Accounts: throttling and lockout (django-axes), password reset (Django's, expiring signed tokens), TOTP.
AXES_FAILURE_LIMIT = positive_int(_ENV, "LOCALACTION_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = dt.timedelta(minutes=positive_int(_ENV, "LOCALACTION_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]  # one guesser cannot lock everyone else out
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
AXES_CLIENT_IP_CALLABLE = "localaction.faces.web.verification.accounts.client_ip"
AXES_VERBOSE = False
PASSWORD_RESET_TIMEOUT = positive_int(_ENV, "LOCALACTION_PASSWORD_RESET_TIMEOUT", 60 * 60)
OTP_TOTP_ISSUER = "LocalAction"
LOCALACTION_SECRETARIAT_TOTP = (_ENV.get("LOCALACTION_SECRETARIAT_TOTP", "").strip() or "optional").lower()
if LOCALACTION_SECRETARIAT_TOTP not in ("optional", "required"):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("LOCALACTION_SECRETARIAT_TOTP must be optional or required")
globals().update(email(_ENV))  # EMAIL_BACKEND, DEFAULT_FROM_EMAIL and, for SMTP, the server

# Content-Security-Policy on every response (django-csp): scripts only from this site or with the page's
# nonce; charts draw from JSON data blocks (json_script) with Plotly served from here. Inline style attributes
# stay allowed (progress bars; Plotly sets styles as it draws). Inline <style> elements are refused, except the
# two Plotly adds as it loads, allowed by the hash of their text (localaction.site.csp).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, *plotly_style_hashes()],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if ENV == "prod":
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = flag(_ENV.get("LOCALACTION_SSL_REDIRECT"), default=True)
    SECURE_HSTS_SECONDS = positive_int(_ENV, "LOCALACTION_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = flag(_ENV.get("LOCALACTION_HSTS_SUBDOMAINS"), default=True)
    SECURE_HSTS_PRELOAD = flag(_ENV.get("LOCALACTION_HSTS_PRELOAD"), default=True)
if flag(_ENV.get("LOCALACTION_BEHIND_TLS_PROXY"), default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
