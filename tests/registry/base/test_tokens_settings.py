"""API tokens, settings, migrations and the models' match with the engine's types."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from localaction.core.inventory import model as im
from localaction.registry.base import tokens
from localaction.registry.base.errors import NotFound
from localaction.registry.base.models import ApiToken
from localaction.registry.inventories.models import ActivityRecord, GpcLine
from localaction.site import config as la_config
from tests.factories import World


def test_token_shown_once_stored_hashed_and_revocable(world: World) -> None:
    user = world.users["editor_a"]
    row, raw = tokens.create_token(user, user, scopes=["write"], name="laptop")
    stored = ApiToken.objects.get(pk=row.pk)
    assert raw not in (stored.token_hash, stored.prefix) and stored.token_hash == tokens.hash_token(raw)
    assert raw.startswith(f"la_{stored.prefix}_")
    found = tokens.authenticate(raw)
    assert found is not None and found.user == user and found.last_used_at is not None
    assert tokens.has_scope(found, "read") and tokens.has_scope(found, "write")
    assert tokens.authenticate(raw[:-1] + ("A" if raw[-1] != "A" else "B")) is None
    assert tokens.authenticate("nonsense") is None
    with pytest.raises(NotFound):
        tokens.revoke_token(world.users["editor_b"], row.pk)
    tokens.revoke_token(user, row.pk)
    assert tokens.authenticate(raw) is None


def test_read_scope_does_not_write(world: World) -> None:
    row, _ = tokens.create_token(world.users["admin"], world.users["editor_b"])
    assert tokens.has_scope(row, "read") and not tokens.has_scope(row, "write")


def test_prod_refuses_dev_secret_and_debug() -> None:
    prod = {"LOCALACTION_ENV": "prod", "LOCALACTION_ALLOWED_HOSTS": "registry.example.org"}
    with pytest.raises(ImproperlyConfigured):
        la_config.secret_key(prod)
    with pytest.raises(ImproperlyConfigured):
        la_config.secret_key({**prod, "LOCALACTION_SECRET_KEY": la_config.DEV_SECRET_KEY})
    with pytest.raises(ImproperlyConfigured):
        la_config.secret_key({**prod, "LOCALACTION_SECRET_KEY": "short"})
    with pytest.raises(ImproperlyConfigured):
        la_config.debug({**prod, "LOCALACTION_DEBUG": "1"})
    with pytest.raises(ImproperlyConfigured):
        la_config.allowed_hosts({"LOCALACTION_ENV": "prod"})
    with pytest.raises(ImproperlyConfigured):  # long but weak (issue 18): see test_security_settings.py
        la_config.secret_key({**prod, "LOCALACTION_SECRET_KEY": "x" * 64})
    assert la_config.secret_key({}) == la_config.DEV_SECRET_KEY
    assert la_config.database({})["NAME"] == "localaction.db"
    pg = la_config.database({"LOCALACTION_DATABASE_URL": "postgresql://postgres@127.0.0.1:5432/test"})
    assert pg["ENGINE"] == "django.db.backends.postgresql"


def test_prod_import_fails_loudly_without_secret() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LOCALACTION_")}
    env.update(LOCALACTION_ENV="prod", LOCALACTION_ALLOWED_HOSTS="example.org")
    proc = subprocess.run(
        [sys.executable, "-c", "import localaction.site.settings"], env=env, capture_output=True, text=True
    )
    assert proc.returncode != 0 and "LOCALACTION_SECRET_KEY" in proc.stderr


def test_argon2_first_and_i18n_on() -> None:
    assert django_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert django_settings.USE_I18N and django_settings.USE_TZ and django_settings.LANGUAGE_CODE == "en"


@pytest.mark.django_db
def test_no_model_change_without_migration() -> None:
    out = io.StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)  # exits 1 when a migration is missing


def test_rows_mirror_the_engine_types() -> None:
    record_cols = {f.name for f in ActivityRecord._meta.get_fields()}
    assert set(im.ActivityRecord.model_fields) <= record_cols
    line_cols = {f.name for f in GpcLine._meta.get_fields()}
    renamed = {"value_tco2e": "entered_value_tco2e"}
    assert {renamed.get(n, n) for n in im.GpcLineInput.model_fields} <= line_cols
    assert set(im.LineResult.model_fields) - {"explanation", "included_in"} <= line_cols | {"record_ids"}
