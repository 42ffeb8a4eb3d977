"""Registry commands: database, server, users and roles, API tokens, and Django's manage.py.

Each command sets Django up only when it runs (``bootstrap.setup()``), so the pure commands stay light.
All honour ``LOCALACTION_DATABASE_URL``. The operator at the command line acts as ``access.SYSTEM``.
"""

from __future__ import annotations

from typing import Annotated

import typer

from localaction.faces.cli import output

console = output.console()

db_app = output.new_app(help="The database: create or upgrade its tables.", no_args_is_help=True)
users_app = output.new_app(help="User accounts and their roles.", no_args_is_help=True)
tokens_app = output.new_app(help="API tokens (shown once, stored hashed).", no_args_is_help=True)

SECRETARIAT_ROLES = ("reviewer", "verifier", "admin")
JURISDICTION_ROLES = ("editor", "approver")


def _setup() -> None:
    from localaction.site.bootstrap import setup

    setup()


def _choice(value: str | None, allowed: tuple[str, ...], what: str) -> None:
    from localaction.core.errors import InputError

    if value is not None and value not in allowed:
        raise InputError(f"unknown {what} {value!r}; use one of {', '.join(allowed)}", code="invalid_input")


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply every migration (creates the SQLite file on first use)."""
    _setup()
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=1)
    call_command("createcachetable")  # only does something for LOCALACTION_CACHE_URL=db://table
    db = settings.DATABASES["default"]
    console.print(f"database ready: {db['ENGINE'].rsplit('.', 1)[-1]} {db.get('NAME', '')}")


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on (make run PORT=8001 …).")] = 8000,
    workers: Annotated[int, typer.Option(help="Worker processes (e.g. one per core in production).")] = 1,
    debug: Annotated[
        bool, typer.Option("--debug", help="Django's debug pages (never in production).")
    ] = False,
    check_port: Annotated[
        bool, typer.Option("--check-port", help="Only check that the port is free.")
    ] = False,
) -> None:
    """Run the web application (gunicorn, threaded workers, on the WSGI app). Debug pages are off unless --debug."""
    from localaction.site.bootstrap import setup

    _port_free(host, port)
    if check_port:
        return
    setup(debug=debug)
    from django.conf import settings

    from localaction.faces.cli import serving
    from localaction.registry.base import publiccache

    if settings.DEBUG and host not in ("127.0.0.1", "localhost", "::1"):
        console.print(
            output.styled(
                "warning",
                "yellow",
                f": debug is on and {host} is reachable from other machines; "
                "set LOCALACTION_ENV=prod (with a secret key) for anything public",
            )
        )
    publiccache.bump()  # the code may have changed since the cached pages were built
    from django.db import connections

    connections.close_all()  # (a db:// cache opened one) the forked workers must not share a connection
    console.print(f"serving http://{host}:{port}/ (Ctrl-C stops)")
    serving.run(host, port, workers)


def _port_free(host: str, port: int) -> None:
    """A busy port is a one-line error that says how to choose another (not the server's traceback)."""
    import errno
    import socket

    from localaction.core.errors import InputError

    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno in (errno.EADDRINUSE, errno.EACCES):
                raise InputError(
                    f"port {port} on {host} is in use: choose another with PORT (make run PORT={port + 1}) "
                    f"or --port (localaction serve --port {port + 1})",
                    code="port_in_use",
                ) from None
            raise InputError(
                f"cannot listen on {host}:{port}: {exc.strerror}", code="cannot_listen"
            ) from None


@users_app.command("create")
def users_create(
    username: str,
    email: Annotated[str, typer.Option(help="E-mail address.")] = "",
    password: Annotated[str | None, typer.Option(help="Password (omit to be prompted).")] = None,
    no_password: Annotated[bool, typer.Option("--no-password", help="No password: API tokens only.")] = False,
    secretariat: Annotated[
        str | None, typer.Option(help="Secretariat role: reviewer, verifier or admin.")
    ] = None,
) -> None:
    """Create a user account (password hashed with Argon2)."""
    _choice(secretariat, SECRETARIAT_ROLES, "secretariat role")
    if password is None and not no_password:
        password = typer.prompt("password", hide_input=True, confirmation_prompt=True)
    _setup()
    from localaction.registry import services
    from localaction.registry.base.access import SYSTEM

    user = services.create_user(
        SYSTEM, username, email=email, password=password, secretariat_role=secretariat
    )
    role = f" ({secretariat})" if secretariat else ""
    console.print(f"created user {user.username} (id {user.pk}){role}")


@users_app.command("grant")
def users_grant(
    username: str,
    jurisdiction: Annotated[str, typer.Argument(help="Jurisdiction slug or id.")],
    role: Annotated[str, typer.Argument(help="editor or approver")],
) -> None:
    """Give a user a role in a jurisdiction."""
    _choice(role, JURISDICTION_ROLES, "role")
    _setup()
    from localaction.registry import services
    from localaction.registry.base.access import SYSTEM

    m = services.grant_role(SYSTEM, username, jurisdiction, role)
    console.print(f"{m.user.username} is {role} of {m.jurisdiction.name}")


@users_app.command("revoke")
def users_revoke(
    username: str,
    jurisdiction: Annotated[str, typer.Argument(help="Jurisdiction slug or id.")],
    role: Annotated[str | None, typer.Argument(help="editor or approver (default: every role there)")] = None,
) -> None:
    """End a user's role (or all roles) in a jurisdiction."""
    _choice(role, JURISDICTION_ROLES, "role")
    _setup()
    from localaction.registry import services
    from localaction.registry.base.access import SYSTEM

    n = services.revoke_role(SYSTEM, username, jurisdiction, role)
    console.print(f"revoked {n} role(s) of {username} in {jurisdiction}")


@tokens_app.command("create")
def tokens_create(
    username: str,
    scope: Annotated[list[str] | None, typer.Option(help="read or write (repeatable); default read.")] = None,
    name: Annotated[str, typer.Option(help="What the token is for.")] = "",
) -> None:
    """Create an API token and print it once (it cannot be shown again)."""
    _setup()
    from localaction.registry import services
    from localaction.registry.base import tokens
    from localaction.registry.base.access import SYSTEM

    user = services.get_user(username)
    row, raw = tokens.create_token(SYSTEM, user, scopes=scope or ["read"], name=name)
    console.print(f"token {row.pk} for {user.username} (scopes: {', '.join(row.scopes)}); copy it now:")
    typer.echo(raw)


@tokens_app.command("revoke")
def tokens_revoke(token_id: int) -> None:
    """Revoke an API token by its id."""
    _setup()
    from localaction.registry.base import tokens
    from localaction.registry.base.access import SYSTEM

    row = tokens.revoke_token(SYSTEM, token_id)
    console.print(f"token {row.pk} ({row.prefix}…) revoked")


def manage(ctx: typer.Context) -> None:
    """Django's manage.py (e.g. `localaction manage createsuperuser`, `… makemigrations --check`)."""
    _setup()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["localaction manage", *ctx.args])


def register(app: typer.Typer) -> None:
    """Add the registry's commands to the main app."""
    app.add_typer(db_app, name="db")
    app.add_typer(users_app, name="users")
    app.add_typer(tokens_app, name="tokens")
    app.command("serve")(serve)
    app.command(
        "manage",
        context_settings={"allow_extra_args": True, "ignore_unknown_options": True, "help_option_names": []},
        add_help_option=False,
    )(manage)
