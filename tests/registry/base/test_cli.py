"""The registry's commands through Typer's CliRunner (on the test database)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from localaction.faces.cli import app
from localaction.registry.base import access, tokens
from localaction.registry.base.models import ApiToken, Membership, User
from tests.factories import World

runner = CliRunner()


@pytest.mark.django_db
def test_db_upgrade() -> None:
    result = runner.invoke(app, ["db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert "database ready" in result.output


def test_users_and_tokens(world: World) -> None:
    r = runner.invoke(
        app, ["users", "create", "ana", "--password", "a long enough passphrase 42", "--email", "a@x.org"]
    )
    assert r.exit_code == 0, r.output
    ana = User.objects.get(username="ana")
    assert ana.password.startswith("argon2") and ana.check_password("a long enough passphrase 42")

    r = runner.invoke(app, ["users", "grant", "ana", "sao-paulo", "approver"])
    assert r.exit_code == 0, r.output
    assert access.can_create_in(User.objects.get(username="ana"), world.city_a)

    r = runner.invoke(app, ["users", "revoke", "ana", "sao-paulo"])
    assert r.exit_code == 0 and "revoked 1" in r.output
    assert (
        not Membership.objects.filter(user=ana).exists() and Membership.all_objects.filter(user=ana).exists()
    )

    r = runner.invoke(app, ["tokens", "create", "ana", "--scope", "write", "--name", "ci"])
    assert r.exit_code == 0, r.output
    raw = r.output.strip().splitlines()[-1]
    token = tokens.authenticate(raw)
    assert token is not None and token.user == ana and token.scopes == ["write"]
    assert not ApiToken.objects.filter(token_hash=raw).exists()

    r = runner.invoke(app, ["tokens", "revoke", str(token.pk)])
    assert r.exit_code == 0, r.output
    assert tokens.authenticate(raw) is None

    r = runner.invoke(app, ["users", "create", "rev", "--no-password", "--secretariat", "reviewer"])
    assert r.exit_code == 0 and access.is_secretariat(User.objects.get(username="rev"))


def test_errors_are_one_message_and_exit_2(world: World) -> None:
    r = runner.invoke(app, ["users", "grant", "nobody", "sao-paulo", "editor"])
    assert r.exit_code == 2 and "error: " in r.output and "nobody" in r.output and "Traceback" not in r.output
    r = runner.invoke(app, ["users", "grant", "editor_a", "sao-paulo", "king"])
    assert r.exit_code == 2 and "unknown role" in r.output


@pytest.mark.django_db
def test_manage_passthrough() -> None:
    r = runner.invoke(app, ["manage", "check"])
    assert r.exit_code == 0, r.output
