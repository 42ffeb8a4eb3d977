"""The ``localaction`` command: one Typer app, one sub-app per job.

Domain errors become messages and exit status 2 in one place: ``output.Commands``, the class of every group.
"""

from __future__ import annotations

from localaction.faces.cli import output

app = output.new_app(
    name="localaction",
    help="LocalAction: GPC greenhouse-gas inventories, the climate registry and its data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _register() -> None:
    # Imported here so that `localaction --help` lists every sub-command, and each module stays small.
    from localaction.faces.cli import data, datasets, demo, factors, frameworks, inventory, registry, reports

    app.add_typer(inventory.app, name="inventory")
    app.add_typer(factors.app, name="factors")
    app.add_typer(frameworks.app, name="frameworks")
    registry.register(app)
    data.register(app)
    demo.register(app)
    reports.register(app)
    from localaction.faces.cli.insights_reports import add_opendata

    add_opendata(app)
    datasets.register(app)
    from localaction.faces.cli import backup

    backup.register(app)


_register()


@app.callback()
def _root() -> None:
    """LocalAction: GPC greenhouse-gas inventories, the climate registry and its data."""
    from localaction.site.config import pin_clock

    pin_clock()  # LOCALACTION_TODAY, for the commands that need no database too


def main() -> None:
    """``localaction``: errors are handled in one place (``output.Commands``)."""
    app()
