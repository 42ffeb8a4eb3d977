"""The ``localaction`` command: one Typer app, one sub-app per job.

Domain errors become one-line messages and exit status 2 here, in one place (no tracebacks for bad input).
"""

from __future__ import annotations

import sys

import typer
from rich.console import Console

from localaction.core.errors import LocalActionError

app = typer.Typer(
    name="localaction",
    help="LocalAction: GPC greenhouse-gas inventories, the climate registry and its data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err_console = Console(stderr=True)


def _register() -> None:
    # Imported here so that `localaction --help` lists every sub-command, and each module stays small.
    from localaction.faces.cli import data, demo, factors, frameworks, inventory, registry, reports

    app.add_typer(inventory.app, name="inventory")
    app.add_typer(factors.app, name="factors")
    app.add_typer(frameworks.app, name="frameworks")
    registry.register(app)
    data.register(app)
    demo.register(app)
    reports.register(app)
    from localaction.faces.cli.insights_reports import add_opendata

    add_opendata(app)
    from localaction.faces.cli import backup

    backup.register(app)


_register()


def main() -> None:
    try:
        app()
    except LocalActionError as exc:
        err_console.print(f"[bold red]error[/]: {exc}", highlight=False, markup=True, soft_wrap=True)
        sys.exit(2)
