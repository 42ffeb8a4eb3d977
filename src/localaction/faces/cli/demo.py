"""`localaction demo`: create or upgrade the database and load the demo data (idempotent)."""

from __future__ import annotations

import typer
from rich.table import Table

from localaction.faces.cli import output

console = output.console()


def demo() -> None:
    """Create or upgrade the database (LOCALACTION_DATABASE_URL) and load the demo data; running it again
    changes nothing. Prints the demo accounts (one per role) and where to start."""
    from localaction.site.bootstrap import setup

    setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    from localaction import demo as demo_data

    with console.status("loading the demo data (seeded; about a minute the first time)"):
        report = demo_data.load_demo()
    made, kept = len(report.created_jurisdictions), len(report.kept_jurisdictions)
    console.print(f"demo data: {made} jurisdiction(s) created, {kept} already there")
    console.print(", ".join(f"{k} {v}" for k, v in demo_data.counts().items()))
    table = Table(title=f"Demo accounts (password for all: {report.password})", title_justify="left")
    for column in ("user", "role", "what to try"):
        table.add_column(column)
    for username, secretariat, role, what in report.accounts:
        if role:
            where = f"{role} of {demo_data.HOME}"
        elif secretariat in {"reviewer", "verifier", "admin"}:
            where = f"secretariat {secretariat}"
        else:  # programme roles (TAP funder, partner, TAP reviewer)
            where = (secretariat or "").replace("_", " ")
        table.add_row(username, where, what)
    console.print(table)
    console.print(
        "Start at http://127.0.0.1:8000/ (the public registry), sign in at /accounts/login/: "
        "demo-editor → Workspace (an inventory with changes requested); demo-reviewer → Review desk."
    )


def register(app: typer.Typer) -> None:
    """Add the demo command to the main app."""
    app.command("demo")(demo)
