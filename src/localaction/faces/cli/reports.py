"""`localaction report …`: report once, export to many.

``report export`` writes a jurisdiction's year as the GCoM / CDP-ICLEI city-wide table (CSV or XLSX), the GPC
reporting workbook (XLSX) or the JSON year document; ``report import`` reads the same layouts back into drafts.
``report_app`` is shared: other report commands (e.g. ``report registry``) are added to it in this module.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from localaction.faces.cli import output

report_app = output.new_app(
    help="Exports and imports of what a jurisdiction reported (GCoM table, GPC workbook, JSON).",
    no_args_is_help=True,
)
console = output.console()
err_console = output.console(stderr=True)
FORMAT_CHOICES = ("gcom", "gcom-xlsx", "gpc-xlsx", "json")


def _setup() -> None:
    from localaction.site.bootstrap import setup

    setup()


@report_app.command("export")
def export(
    jurisdiction: Annotated[str, typer.Argument(help="Slug or id.")],
    year: Annotated[int, typer.Option("--year", "-y", help="Inventory / reporting year.")],
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="gcom (CSV), gcom-xlsx, gpc-xlsx or json.")
    ] = "json",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")
    ] = None,
    drafts: Annotated[
        bool, typer.Option("--drafts", help="Use the newest version of each, not only what is published.")
    ] = False,
) -> None:
    """Export one jurisdiction's year (published data unless --drafts)."""
    if fmt not in FORMAT_CHOICES:
        raise typer.BadParameter(f"use one of {', '.join(FORMAT_CHOICES)}", param_hint="--format")
    _setup()
    from localaction.registry.base.access import SYSTEM
    from localaction.registry.frameworks import exports

    out = exports.export(SYSTEM, jurisdiction, year, fmt, drafts=drafts)
    if output is None:
        if fmt.endswith("xlsx"):
            raise typer.BadParameter(
                "an XLSX workbook needs a file: give -o FILE.xlsx", param_hint="--output"
            )
        sys.stdout.write(out.content.decode("utf-8"))
        return
    output.write_bytes(out.content)
    err_console.print(f"wrote {output} ({len(out.content):,} bytes)")


@report_app.command("import")
def import_(
    file: Annotated[
        Path, typer.Argument(help="A GCoM table (.csv/.xlsx), GPC workbook (.xlsx) or JSON document.")
    ],
    jurisdiction: Annotated[str, typer.Option("--jurisdiction", "-j", help="Slug or id to import into.")],
    user: Annotated[
        str | None,
        typer.Option(
            "--user", "-u", help="Import as this editor or approver of the jurisdiction (needed to write)."
        ),
    ] = None,
    year: Annotated[int | None, typer.Option("--year", "-y", help="When the file names no year.")] = None,
    fmt: Annotated[str | None, typer.Option("--format", "-f", help="Default: from the file.")] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show the preview and problems; write nothing.")
    ] = False,
) -> None:
    """Import a file into new drafts (all or nothing; every bad row is named). Exit status 2 on problems."""
    _setup()
    from localaction.core.errors import InputError
    from localaction.registry.frameworks import exports

    if not file.is_file():
        raise typer.BadParameter(f"no such file: {file}", param_hint="FILE")
    data = file.read_bytes()
    preview = exports.preview_import(data, file.name, fmt)
    if preview.problems:
        raise InputError(
            f"{file.name}: {len(preview.problems)} problem(s); nothing was imported", details=preview.problems
        )
    table = Table(title=f"{file.name}: {preview.format}, {preview.year or year}")
    for col in ("kind", "ref", "value", "keys", "explanation"):
        table.add_column(col)
    for r in preview.rows[:60]:
        table.add_row(*(str(r[c]) for c in ("kind", "ref", "value", "keys", "explanation")))
    console.print(table)
    if dry_run:
        return
    if user is None:
        raise typer.BadParameter(
            "drafts belong to a city's editor or approver: give --user USERNAME (or --dry-run)",
            param_hint="--user",
        )
    from localaction.registry import services

    actor = services.get_user(user)
    result = exports.import_file(actor, jurisdiction, data, file.name, fmt=fmt, year=year)
    if result.inventory is not None:
        console.print(f"draft inventory {result.inventory.pk} ({result.inventory.year})")
    for rep in result.reports:
        console.print(f"draft report {rep.pk} ({rep.framework_id} {rep.year})")


def _add_insights_commands() -> None:
    from localaction.faces.cli.insights_reports import add_commands

    add_commands(report_app)  # report registry | jurisdiction | theme (PDF / HTML)


_add_insights_commands()


def register(app: typer.Typer) -> None:
    """Add ``localaction report …`` to the main app."""
    app.add_typer(report_app, name="report")
