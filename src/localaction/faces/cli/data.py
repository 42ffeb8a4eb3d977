"""Data commands: `localaction import cdp|gpc-lines|export FILE…` and `localaction export --format json|csv`.

Django is set up only when a command runs. Imports are all or nothing: a file with an unreadable value
writes nothing and lists every problem (exit status 2). Long imports show a progress bar; each command ends
with a summary table.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from localaction.faces.cli import output

if TYPE_CHECKING:
    from localaction.registry.inventories.imports.common import ImportSummary

console = Console(stderr=True)
import_app = output.new_app(
    help="Import open data or a LocalAction export into the registry.", no_args_is_help=True
)


def _setup() -> None:
    from localaction.site.bootstrap import setup

    setup()


@contextmanager
def _progress(label: str, total: int | None) -> Iterator[Callable[[int], None]]:
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=total)
        yield lambda n: bar.advance(task, n)


def _summary(title: str, summary: ImportSummary) -> None:
    table = Table(title=title, show_header=True)
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("files", ", ".join(summary.files))
    table.add_row("rows read", str(summary.rows))
    for key, n in summary.counts.items():
        table.add_row(key, str(n))
    table.add_row("warnings", str(len(summary.warnings)))
    console.print(table)
    for w in summary.warnings[:50]:
        console.print(f"[yellow]warning[/]: {w}", highlight=False)
    if len(summary.warnings) > 50:
        console.print(f"… and {len(summary.warnings) - 50} more warnings", highlight=False)


def _rows(paths: list[Path]) -> int:
    return sum(
        max(0, sum(1 for _ in p.open(encoding="utf-8", errors="replace")) - 1)
        for p in paths
        if p.suffix.lower() == ".csv" and p.is_file()
    )


@import_app.command("cdp")
def import_cdp(
    files: Annotated[list[Path], typer.Argument(help="CDP city-wide emissions CSV file(s).")],
) -> None:
    """CDP city-wide emissions open data, as published self-reported inventories (matched by account)."""
    _setup()
    from localaction.registry.inventories.imports.cdp import import_cdp as run

    with _progress("importing CDP data", _rows(files)) as advance:
        summary = run(files, progress=advance)
    _summary("CDP import", summary)


@import_app.command("gpc-lines")
def import_gpc_lines(
    file: Annotated[
        Path,
        typer.Argument(help="GPC-lines file (CSV or XLSX): City, Year, gpc_ref, value_tco2e, notation_key …"),
    ],
    draft: Annotated[bool, typer.Option("--draft", help="Import as drafts instead of published.")] = False,
) -> None:
    """GPC lines into inventories of named (existing) jurisdictions."""
    _setup()
    from localaction.registry.inventories.imports.gpc_lines import import_gpc_lines as run

    with _progress("importing GPC lines", None) as advance:
        summary = run(file, publish=not draft, progress=advance)
    _summary("GPC-lines import", summary)


@import_app.command("export")
def import_export(
    file: Annotated[Path, typer.Argument(help="A `localaction export` file (.json or .zip).")],
) -> None:
    """Restore a LocalAction export (rows already present are kept)."""
    _setup()
    from localaction.registry.backup.export import restore

    with _progress("restoring", None) as advance:
        summary = restore(file, progress=advance)
    _summary("restore", summary)


def export(
    format: Annotated[
        str, typer.Option("--format", help="json (one document) or csv (a ZIP of CSV tables).")
    ] = "json",
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="File to write (json: default stdout; csv: default localaction-export.zip).",
        ),
    ] = None,
) -> None:
    """Export everything published (jurisdictions, inventories with lines and records, targets, actions …)."""
    from localaction.core.errors import InputError

    if format not in ("json", "csv"):
        raise InputError(f"unknown format {format!r}; use json or csv")
    _setup()
    from localaction.registry.backup.export import build_export, write_json, write_zip

    tables = build_export()
    if format == "csv":
        path = output or Path("localaction-export.zip")
        write_zip(tables, path)
    elif output is None:
        write_json(tables, sys.stdout)
    else:
        with output.open("w", encoding="utf-8") as out:
            write_json(tables, out)
    table = Table(title="export")
    table.add_column("table")
    table.add_column("rows", justify="right")
    for name, rows in tables.items():
        table.add_row(name, str(len(rows)))
    console.print(table)


def register(app: typer.Typer) -> None:
    """Add the import and export commands to the main app."""
    app.add_typer(import_app, name="import")
    app.command("export")(export)
