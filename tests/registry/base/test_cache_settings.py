"""LOCALACTION_CACHE_URL → Django's CACHES (site.config.cache)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from localaction.site.config import cache


def _one(env: dict[str, str]) -> dict[str, object]:
    return cache(env)["default"]


def test_the_default_is_a_file_cache_and_locmem_under_test() -> None:
    assert _one({})["BACKEND"] == "django.core.cache.backends.filebased.FileBasedCache"
    assert str(_one({})["LOCATION"]).endswith("/cache")
    assert _one({"LOCALACTION_ENV": "test"})["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


@pytest.mark.parametrize(
    ("url", "backend", "location"),
    [
        (
            "redis://cache.internal:6379/1",
            "django.core.cache.backends.redis.RedisCache",
            "redis://cache.internal:6379/1",
        ),
        (
            "rediss://cache.internal:6380/0",
            "django.core.cache.backends.redis.RedisCache",
            "rediss://cache.internal:6380/0",
        ),
        (
            "file:///var/cache/localaction",
            "django.core.cache.backends.filebased.FileBasedCache",
            "/var/cache/localaction",
        ),
        ("db://la_cache", "django.core.cache.backends.db.DatabaseCache", "la_cache"),
        ("dummy://", "django.core.cache.backends.dummy.DummyCache", None),
    ],
)
def test_each_kind_of_url(url: str, backend: str, location: str | None) -> None:
    got = _one({"LOCALACTION_CACHE_URL": url, "LOCALACTION_CACHE_SECONDS": "600"})
    assert got["BACKEND"] == backend and got.get("LOCATION") == location and got["TIMEOUT"] == 600


def test_two_databases_never_share_keys() -> None:
    a = _one({"LOCALACTION_DATABASE_URL": "postgresql://u@db:5432/one"})["KEY_PREFIX"]
    b = _one({"LOCALACTION_DATABASE_URL": "postgresql://u@db:5432/two"})["KEY_PREFIX"]
    assert a != b and a == _one({"LOCALACTION_DATABASE_URL": "postgresql://u@db:5432/one"})["KEY_PREFIX"]


@pytest.mark.parametrize("url", ["memcached://x:11211", "redis", "file://relative/dir", "db://no-such table"])
def test_a_wrong_url_is_refused(url: str) -> None:
    with pytest.raises(ImproperlyConfigured):
        cache({"LOCALACTION_CACHE_URL": url})
