"""Data commands: `localaction import cdp|gpc-lines|preview|inventory|export FILE…` and
`localaction export --format json|csv`.

Django is set up only when a command needs the registry (``import preview`` does not). Imports are all or
nothing: a file with an unreadable value in the data the import exists for writes nothing and lists every
problem (exit status 2); a bad value in a context column is a warning. Long imports show a progress bar; each
import ends with its report (a table, or JSON with ``--format json``): rows read, figures found, stored and not
used by reason, every column not recognised with how many values it held, and the warnings.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from localaction.faces.cli import output

if TYPE_CHECKING:
    from localaction.core.io.report import ImportReport

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


DecimalOpt = Annotated[
    str | None,
    typer.Option(
        "--decimal",
        help="The file's decimal mark: point (1,234.5) or comma (1.234,5). Default: detected where unambiguous; "
        "an ambiguous value such as 1,234 is then an error naming the cell.",
    ),
]
SheetOpt = Annotated[
    str | None, typer.Option("--sheet", help="XLSX: the sheet to read (default: the one whose columns fit).")
]
FormatOpt = Annotated[str, typer.Option("--format", "-f", help="table (default) or json: the import report.")]
stdout = Console()


def _decimal(text: str | None) -> Any:
    from localaction.core.io import parse_decimal_mark

    return parse_decimal_mark(text)


def _check_format(fmt: str) -> None:
    if fmt not in ("table", "json"):
        raise typer.BadParameter("use table or json", param_hint="--format")


def _summary(title: str, summary: ImportReport, fmt: str = "table") -> None:
    """The import report: a table (stderr, beside the progress bar) or JSON (stdout, for scripts)."""
    if fmt == "json":
        stdout.print_json(json.dumps(summary.as_dict(), ensure_ascii=False, default=str))
        return
    table = Table(title=title, show_header=True)
    table.add_column("what")
    table.add_column("count", justify="right")
    for key, value in summary.summary_rows():
        table.add_row(key, value)
    console.print(table)
    if summary.unrecognised:
        cols = Table(title="columns not recognised (their values are not used)", show_header=True)
        cols.add_column("column")
        cols.add_column("values", justify="right")
        cols.add_column("numbers", justify="right")
        for u in summary.unrecognised:
            cols.add_row(u.title, str(u.values), str(u.figures))
        console.print(cols)
    for w in summary.warnings[:50]:
        console.print(f"[yellow]warning[/]: {w}", highlight=False)
    if len(summary.warnings) > 50:
        console.print(
            f"… and {len(summary.warnings) - 50} more warnings (--format json lists them all)",
            highlight=False,
        )
    for n in summary.notes[:20]:
        console.print(f"note: {n}", highlight=False)
    if len(summary.notes) > 20:
        console.print(
            f"… and {len(summary.notes) - 20} more notes (--format json lists them all)", highlight=False
        )


def _rows(paths: list[Path]) -> int:
    return sum(
        max(0, sum(1 for _ in p.open(encoding="utf-8", errors="replace")) - 1)
        for p in paths
        if p.suffix.lower() == ".csv" and p.is_file()
    )


@import_app.command("cdp")
def import_cdp(
    files: Annotated[
        list[Path], typer.Argument(help="CDP city-wide emissions CSV file(s), any year from 2016.")
    ],
    decimal: DecimalOpt = None,
    fmt: FormatOpt = "table",
) -> None:
    """CDP city-wide emissions open data, as published self-reported inventories (matched by account).

    Columns are found by meaning, whatever the year's spelling; a column not recognised is listed in the report.
    """
    _check_format(fmt)
    mark = _decimal(decimal)
    _setup()
    from localaction.registry.inventories.imports.cdp import import_cdp as run

    with _progress("importing CDP data", _rows(files)) as advance:
        summary = run(files, progress=advance, decimal=mark)
    _summary("CDP import", summary, fmt)


@import_app.command("gpc-lines")
def import_gpc_lines(
    file: Annotated[
        Path,
        typer.Argument(
            help="GPC-lines file (CSV or XLSX): long (City, Year, gpc_ref, value_tco2e, notation_key …) or wide "
            "(City, Year, one column per GPC reference number, as C40's dashboard workbook)."
        ),
    ],
    draft: Annotated[bool, typer.Option("--draft", help="Import as drafts instead of published.")] = False,
    decimal: DecimalOpt = None,
    sheet: SheetOpt = None,
    fmt: FormatOpt = "table",
) -> None:
    """GPC lines into inventories of named (existing) jurisdictions."""
    _check_format(fmt)
    mark = _decimal(decimal)
    _setup()
    from localaction.registry.inventories.imports.gpc_lines import import_gpc_lines as run

    with _progress("importing GPC lines", None) as advance:
        summary = run(file, publish=not draft, progress=advance, decimal=mark, sheet=sheet)
    _summary("GPC-lines import", summary, fmt)


KindOpt = Annotated[
    str | None,
    typer.Option(
        "--kind", help="activity, lines, crf or gpc-workbook (default: told by the file's columns)."
    ),
]


@import_app.command("preview")
def import_preview(
    file: Annotated[
        Path, typer.Argument(help="An inventory file: activity data, GPC lines, CRF table or GPC workbook.")
    ],
    kind: KindOpt = None,
    decimal: DecimalOpt = None,
    sheet: SheetOpt = None,
    fmt: FormatOpt = "table",
) -> None:
    """What one inventory file would store (records, lines) and its report; nothing is written."""
    _check_format(fmt)
    from localaction.core.inventory.readers.preview import preview

    found = preview(file, kind, decimal=_decimal(decimal), sheet=sheet)
    if fmt == "json":
        stdout.print_json(json.dumps(found.as_dict(), ensure_ascii=False, default=str))
        return
    _preview_table(found)
    _summary(f"{file.name}: {found.kind}", found.report)


def _preview_table(found: Any) -> None:
    table = Table(
        title=f"would store: {len(found.inventory.records)} records, {len(found.inventory.lines)} lines"
    )
    for col in ("kind", "gpc_ref", "value / quantity", "keys / method"):
        table.add_column(col)
    for r in found.rows[:60]:
        value = r.get("value_tco2e", r.get("quantity"))
        keys = ", ".join(r.get("notation_keys", [])) or r.get("method", "")
        table.add_row(
            str(r.get("kind", "")), str(r.get("gpc_ref", "")), "" if value is None else f"{value:,.6g}", keys
        )
    stdout.print(table)
    if len(found.rows) > 60:
        stdout.print(f"… and {len(found.rows) - 60} more rows (--format json lists them all)")


@import_app.command("inventory")
def import_inventory(
    file: Annotated[
        Path, typer.Argument(help="An inventory file: activity data, GPC lines, CRF table or GPC workbook.")
    ],
    inventory: Annotated[int, typer.Option("--inventory", "-i", help="The draft inventory's id.")],
    user: Annotated[str, typer.Option("--user", "-u", help="An editor or approver of the jurisdiction.")],
    kind: KindOpt = None,
    decimal: DecimalOpt = None,
    sheet: SheetOpt = None,
    fmt: FormatOpt = "table",
) -> None:
    """Replace a draft inventory's records and lines with a file's (all or nothing), with its report."""
    _check_format(fmt)
    mark = _decimal(decimal)
    _setup()
    from localaction.registry import services
    from localaction.registry.inventories.imports.inventory_file import import_file

    actor = services.get_user(user)
    inv = services.get_inventory(actor, inventory)
    with _progress("storing records", None) as advance:
        result = import_file(
            actor, inv, file, kind=kind, revision=inv.revision, decimal=mark, sheet=sheet, progress=advance
        )
    _summary(f"{file.name} into inventory {result.inventory.pk}", result.report, fmt)


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
