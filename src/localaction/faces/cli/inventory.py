"""`localaction inventory …`: compute, total and check GPC inventories from files."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from localaction.core.inventory import InventoryResult, compute
from localaction.core.inventory.lines_io import InventoryInput, read_lines_file, read_reported_totals
from localaction.faces.cli import output, render

app = output.new_app(help="Compute, total and check GPC inventories from files.", no_args_is_help=True)
console = Console()
if not console.is_terminal:  # piped output: do not squeeze tables into 80 columns
    console = Console(width=200)
err = Console(stderr=True)


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


FileArg = Annotated[
    Path, typer.Argument(help="A CSV or XLSX file.", exists=True, dir_okay=False, readable=True)
]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
ReportedOpt = Annotated[
    Path | None,
    typer.Option(
        "--reported",
        help="Reported totals (columns City, Year, BASIC, BASIC+, Territorial) to check.",
        exists=True,
        dir_okay=False,
    ),
]


def _progress(total: int) -> Progress:
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=total < 20 or not err.is_terminal,
    )


def _is_activity_file(path: Path) -> bool:
    from localaction.core.inventory.tables import normalise_header, read_table

    table = read_table(path, preferred_sheets=("activity", "records", "GPC lines"))
    return "method" in {normalise_header(h) for h in table.header}


def compute_lines_file(path: Path, reported: Path | None) -> list[tuple[InventoryInput, InventoryResult]]:
    """Every inventory of a GPC-lines file, computed and checked (with reported totals when given)."""
    inputs = read_lines_file(path)
    totals = read_reported_totals(reported) if reported else {}
    out = []
    with _progress(len(inputs)) as bar:
        task = bar.add_task("computing", total=len(inputs))
        for item in inputs:
            inv = item.inventory
            rep = totals.get((item.city, item.year_label))
            if rep is not None:
                inv = inv.model_copy(update={"reported": rep})
            out.append((item, compute(inv)))
            bar.advance(task)
    return out


@app.command("totals")
def totals(
    file: FileArg,
    fmt: FormatOpt = Format.table,
    reported: ReportedOpt = None,
    decimal: Annotated[
        str | None,
        typer.Option(
            "--decimal",
            help="The file's decimal mark: point (1,234.5) or comma (1.234,5). Default: detected.",
        ),
    ] = None,
    sheet: Annotated[
        str | None,
        typer.Option("--sheet", help="XLSX: the sheet to read (default: the one with GPC columns)."),
    ] = None,
) -> None:
    """Totals (BASIC, BASIC+, BASIC+ with other scope 3, territorial) of every inventory in a GPC-lines file.

    FILE is long (columns City, Year, gpc_ref, value_tco2e, notation_key: one row per city, year and GPC
    reference number) or wide (City, Year and one column per GPC reference number, as C40's dashboard
    workbook). Totals given in the file itself (BASIC, BASIC+, BASIC+S3, Territorial) are checked like
    --reported. A bad value in a context column (population, area, GDP …) is a warning on stderr; the totals
    are computed all the same.
    """
    from localaction.core.inventory.lines_io import read_lines
    from localaction.core.io import parse_decimal_mark

    mark = parse_decimal_mark(decimal)
    read = read_lines(file, decimal=mark, sheet=sheet)
    given = read_reported_totals(reported, decimal=mark, report=read.report) if reported else {}
    results = []
    with _progress(len(read.inventories)) as bar:
        task = bar.add_task("computing", total=len(read.inventories))
        for item in read.inventories:
            rep = given.get((item.city, item.year_label)) or item.reported
            inv = item.inventory if rep is None else item.inventory.model_copy(update={"reported": rep})
            results.append((item, compute(inv)))
            bar.advance(task)
    rows = [render.totals_row(item.city, item.year_label, res) for item, res in results]
    render.emit_rows(console, rows, fmt.value, title="GPC totals (tCO2e)")
    for w in read.report.warnings[:50]:
        err.print(f"[yellow]warning[/]: {w}", highlight=False)
    if len(read.report.warnings) > 50:
        err.print(f"… and {len(read.report.warnings) - 50} more warnings", highlight=False)
    for u in read.report.unrecognised:
        err.print(f"column not used: {u.title!r} ({u.values} values, {u.figures} numbers)", highlight=False)


@app.command("compute")
def compute_cmd(file: FileArg, fmt: FormatOpt = Format.table) -> None:
    """Compute an activity-data file: each record's factor and result, the GPC table and the totals.

    See `localaction inventory template` for the layout (docs/activity-template.md explains every column).
    """
    from localaction.core.inventory.activity_io import read_activity_file

    result = compute(read_activity_file(file))
    render.emit_result(console, result, fmt.value)


FilesArg = Annotated[
    list[Path],
    typer.Argument(
        help="CSV or XLSX files of one jurisdiction: one per year, or one with a year column.",
        exists=True,
        dir_okay=False,
        readable=True,
    ),
]


def _checked(files: list[Path], reported: Path | None) -> list[tuple[str, InventoryResult]]:
    """Every inventory of the files, computed, then checked against the same jurisdiction's earlier years."""
    from localaction.core.errors import InputError, LocalActionError
    from localaction.core.inventory.activity_io import read_activity_file
    from localaction.core.inventory.checks import compare_years
    from localaction.core.inventory.series import by_jurisdiction, split_by_year

    computed: list[tuple[str, InventoryResult]] = []
    for path in files:
        try:
            if _is_activity_file(path):
                for inv in split_by_year(read_activity_file(path), path.name):
                    computed.append((path.name, compute(inv, checks=False)))
            else:
                totals = read_reported_totals(reported) if reported else {}
                for item in read_lines_file(path):
                    rep = totals.get((item.city, item.year_label))
                    inv = (
                        item.inventory if rep is None else item.inventory.model_copy(update={"reported": rep})
                    )
                    computed.append((path.name, compute(inv, checks=False)))
        except LocalActionError as exc:
            name = path.name
            message = exc.message if exc.message.startswith(name) else f"{name}: {exc.message}"
            raise InputError(message, code=exc.code, details=exc.details) from None
    source = {id(res): name for name, res in computed}
    out: list[tuple[str, InventoryResult]] = []
    for group in by_jurisdiction(res for _, res in computed).values():
        for original, checked in zip(group, compare_years(group), strict=True):
            out.append((source[id(original)], checked))
    return out


def check_document(name: str, res: InventoryResult) -> dict[str, object]:
    """The documented JSON object of one checked inventory (a public contract: docs/inventory.md)."""
    inv = res.inventory
    return {
        "file": name,
        "jurisdiction": inv.jurisdiction,
        "year": inv.period.year,
        "period": inv.period.label or str(inv.period.year),
        "boundary_type": inv.boundary_type.value,
        "checks": [
            {
                "code": c.code,
                "severity": c.severity.value,
                "message": c.message,
                "gpc_ref": c.gpc_ref,
                "record_id": c.record_id,
                "year": c.year,
            }
            for c in res.checks
        ],
    }


@app.command("check")
def check(files: FilesArg, fmt: FormatOpt = Format.table, reported: ReportedOpt = None) -> None:
    """Run the MRV checks on activity-data or GPC-lines files of one jurisdiction, each year against the years
    before it (year-on-year checks need two or more years: several files, or a file with a year column).

    Exit status: 0 when no error-level check fails, 1 when one does, 2 when a file cannot be read.
    """
    results = _checked(files, reported)
    docs = [check_document(name, res) for name, res in results]
    errors = sum(c["severity"] == "error" for d in docs for c in d["checks"])  # type: ignore[attr-defined]
    if fmt == Format.json:
        console.file.write(json.dumps(docs, ensure_ascii=False, indent=2) + "\n")
    else:
        rows = [
            {
                "file": d["file"],
                "jurisdiction": d["jurisdiction"],
                "year": d["year"],
                "severity": c["severity"],
                "code": c["code"],
                "gpc_ref": c["gpc_ref"] or "",
                "record_id": c["record_id"] or "",
                "message": c["message"],
            }
            for d in docs
            for c in d["checks"]  # type: ignore[attr-defined]
        ]
        if fmt == Format.csv:
            render.emit_rows(console, rows, "csv")
        else:
            if rows:
                _check_table(rows)
            console.print(
                Text(
                    f"{len(docs)} inventor{'y' if len(docs) == 1 else 'ies'}, {errors} error(s), "
                    f"{len(rows) - errors} warning(s)"
                )
            )
    if errors:
        raise typer.Exit(1)


def _check_table(rows: list[dict[str, object]]) -> None:
    """The checks as a Rich table; every cell is plain text (file contents are never read as markup)."""
    table = Table(title="MRV checks", show_lines=False)
    columns = ("jurisdiction", "year", "severity", "code", "gpc_ref", "record_id", "message")
    for col in columns:
        table.add_column(col.replace("_", " "), overflow="fold", no_wrap=col in {"year", "severity"})
    for r in rows:
        style = "red" if r["severity"] == "error" else "yellow"
        table.add_row(*[Text(str(r[c]), style=style if c == "severity" else "") for c in columns])
    console.print(table)


@app.command("template")
def template(
    out: Annotated[Path, typer.Argument(help="Where to write it (.csv or .xlsx).", dir_okay=False)],
    example: Annotated[
        bool, typer.Option("--example", help="A filled example instead of a blank template.")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace the file if it exists.")] = False,
) -> None:
    """Write the activity-data template (blank, or a filled example) as CSV or XLSX; an existing file is kept
    unless --force."""
    from localaction.core.errors import InputError
    from localaction.core.inventory.activity_io import write_activity_template

    if out.exists() and not force:
        raise InputError(
            f"{out} exists: choose another name, or pass --force to replace it", code="file_exists"
        )
    write_activity_template(out, example=example)
    console.print(Text(f"wrote {out}"))
