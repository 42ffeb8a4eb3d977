"""Reading the ``LOCALACTION_*`` environment: the only code that looks at ``os.environ`` (the settings module
and the CLI call it). Each reader takes the environment as a mapping, so tests give their own."""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import os
import zlib
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from localaction.core import clock

DEV_SECRET_KEY = "localaction-dev-insecure-key-do-not-use-in-production"
ENVIRONMENTS = ("dev", "test", "prod")
DEFAULT_DATABASE_URL = "sqlite:///localaction.db"


def flag(value: str | None, default: bool) -> bool:
    if value is None or value.strip() == "":
        return default
    text = value.strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"expected 1/0/true/false, got {value!r}")


def csv_list(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def environment(env: Mapping[str, str]) -> str:
    name = env.get("LOCALACTION_ENV", "dev").strip().lower() or "dev"
    if name not in ENVIRONMENTS:
        raise ImproperlyConfigured(f"LOCALACTION_ENV must be one of {', '.join(ENVIRONMENTS)}, got {name!r}")
    return name


# A production key: Django's own deploy check asks for 50+ characters and 5+ distinct ones; we also ask for
# no repeated pattern (it must not compress) and an estimated entropy of at least 160 bits, which
# ``secrets.token_urlsafe(50)`` (about 400 bits) passes and "aaaa…" or "abcabc…" do not.
SECRET_KEY_MIN_LENGTH = 50
SECRET_KEY_MIN_DISTINCT = 10
SECRET_KEY_MIN_BITS = 160
_MAKE_KEY = 'python -c "import secrets; print(secrets.token_urlsafe(50))"'


def key_weakness(key: str) -> str | None:
    """Why ``key`` is not fit for production, or None. The entropy is estimated from the key's own
    character frequencies (Shannon), so a long key made of few characters or of one repeated chunk fails."""
    if len(key) < SECRET_KEY_MIN_LENGTH:
        return f"it has {len(key)} characters; use at least {SECRET_KEY_MIN_LENGTH}"
    counts = Counter(key)
    if len(counts) < SECRET_KEY_MIN_DISTINCT:
        return f"it uses only {len(counts)} distinct characters; a random key uses many more"
    bits = -sum(n * math.log2(n / len(key)) for n in counts.values())
    if bits < SECRET_KEY_MIN_BITS:
        return f"its estimated entropy is {bits:.0f} bits; at least {SECRET_KEY_MIN_BITS} are needed"
    raw = key.encode()
    if len(zlib.compress(raw, 9)) < 0.8 * len(raw):
        return "it repeats a pattern (it compresses); a random key does not"
    if key.startswith("django-insecure-") or key == DEV_SECRET_KEY:
        return "it is a development key"
    return None


def secret_key(env: Mapping[str, str]) -> str:
    """The secret key; outside dev/test the development key, none, or a weak one is refused."""
    key = env.get("LOCALACTION_SECRET_KEY", "").strip()
    if environment(env) in ("dev", "test"):
        return key or DEV_SECRET_KEY
    if not key or key == DEV_SECRET_KEY:
        raise ImproperlyConfigured(
            f"LOCALACTION_SECRET_KEY must be set to a long random value when LOCALACTION_ENV=prod (e.g. {_MAKE_KEY})"
        )
    why = key_weakness(key)
    if why is not None:
        raise ImproperlyConfigured(f"LOCALACTION_SECRET_KEY is too weak: {why} (make one with {_MAKE_KEY})")
    return key


def positive_int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, got {raw!r}") from None
    if value <= 0:
        raise ImproperlyConfigured(f"{name} must be positive, got {value}")
    return value


def email(env: Mapping[str, str]) -> dict[str, Any]:
    """E-mail (password and token resets): printed to the console in dev/test, SMTP in prod."""
    default = "smtp" if environment(env) == "prod" else "console"
    kind = env.get("LOCALACTION_EMAIL_BACKEND", "").strip().lower() or default
    if kind not in ("console", "smtp"):
        raise ImproperlyConfigured(f"LOCALACTION_EMAIL_BACKEND must be console or smtp, got {kind!r}")
    out: dict[str, Any] = {
        "EMAIL_BACKEND": f"django.core.mail.backends.{kind}.EmailBackend",
        "DEFAULT_FROM_EMAIL": env.get("LOCALACTION_EMAIL_FROM", "").strip() or "localaction@localhost",
    }
    if kind == "smtp":
        out |= {
            "EMAIL_HOST": env.get("LOCALACTION_EMAIL_HOST", "").strip() or "localhost",
            "EMAIL_PORT": positive_int(env, "LOCALACTION_EMAIL_PORT", 587),
            "EMAIL_HOST_USER": env.get("LOCALACTION_EMAIL_USER", ""),
            "EMAIL_HOST_PASSWORD": env.get("LOCALACTION_EMAIL_PASSWORD", ""),
            "EMAIL_USE_TLS": flag(env.get("LOCALACTION_EMAIL_TLS"), default=True),
        }
    return out


def debug(env: Mapping[str, str]) -> bool:
    # Off unless asked for (``localaction serve --debug`` or LOCALACTION_DEBUG=1): a newcomer's bad URL shows
    # the project's 404 page, not Django's list of every URL pattern.
    on = flag(env.get("LOCALACTION_DEBUG"), default=False)
    if on and environment(env) == "prod":
        raise ImproperlyConfigured("LOCALACTION_DEBUG cannot be on when LOCALACTION_ENV=prod")
    return on


def allowed_hosts(env: Mapping[str, str]) -> list[str]:
    hosts = csv_list(env.get("LOCALACTION_ALLOWED_HOSTS"))
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


def today(env: Mapping[str, str]) -> dt.date | None:
    """``LOCALACTION_TODAY=YYYY-MM-DD`` pins the product's clock (demos, tests); unset, the wall clock runs."""
    try:
        return clock.parse_day(env.get("LOCALACTION_TODAY"))
    except ValueError as exc:
        raise ImproperlyConfigured(str(exc)) from None


def pin_clock(env: Mapping[str, str] | None = None) -> dt.date | None:
    """Pin the clock from the environment (``os.environ`` unless given); returns the pinned day or None."""
    day = today(os.environ if env is None else env)
    clock.pin(day)
    return day


DEFAULT_CACHE_SECONDS = 24 * 60 * 60


def cache(env: Mapping[str, str]) -> dict[str, Any]:
    """Django's cache (``CACHES``): the public cache of published answers and pages, and the API's
    Last-Modified stamps. ``LOCALACTION_CACHE_URL``:

    - unset: a file-based cache in ``./cache`` (shared by the server's worker processes; ``locmem://`` under
      ``LOCALACTION_ENV=test``);
    - ``redis://host:6379/0`` (or ``rediss://``): Django's Redis cache (``pip install redis``), for several
      machines or a big registry;
    - ``file:///path/to/dir``, ``db://table_name`` (``localaction db upgrade`` creates the table),
      ``locmem://`` (one process only), ``dummy://`` (no caching at all).

    Keys are prefixed by the database's identity, so two registries may share one cache.
    ``LOCALACTION_CACHE_SECONDS`` (default one day) bounds how long an entry is kept."""
    url = env.get("LOCALACTION_CACHE_URL", "").strip()
    if not url:
        url = "locmem://" if environment(env) == "test" else "file://" + str(Path.cwd() / "cache")
    scheme, sep, rest = url.partition("://")
    if not sep:
        raise ImproperlyConfigured(f"LOCALACTION_CACHE_URL must look like redis://host:6379/0, got {url!r}")
    scheme = scheme.lower()
    db = database(env)
    identity = "|".join(str(db.get(k, "")) for k in ("ENGINE", "HOST", "PORT", "NAME"))
    out: dict[str, Any] = {
        "KEY_PREFIX": "la-" + hashlib.sha256(identity.encode()).hexdigest()[:12],
        "TIMEOUT": positive_int(env, "LOCALACTION_CACHE_SECONDS", DEFAULT_CACHE_SECONDS),
    }
    if scheme in ("redis", "rediss"):
        out |= {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    elif scheme == "file":
        if not rest.startswith("/"):
            raise ImproperlyConfigured(f"LOCALACTION_CACHE_URL=file:// needs an absolute path, got {url!r}")
        out |= {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": rest,
            "OPTIONS": {"MAX_ENTRIES": 10_000},  # then a third is dropped
        }
    elif scheme == "db":
        if not rest.isidentifier():
            raise ImproperlyConfigured(f"LOCALACTION_CACHE_URL=db:// needs a table name, got {url!r}")
        out |= {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": rest}
    elif scheme == "locmem":
        out |= {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": rest or "localaction"}
    elif scheme == "dummy":
        out |= {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    else:
        raise ImproperlyConfigured(
            f"LOCALACTION_CACHE_URL: unknown kind {scheme!r}; use redis, rediss, file, db, locmem or dummy"
        )
    return {"default": out}
