"""`localaction frameworks …`: list the shipped reporting frameworks and check a framework file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from localaction.core.frameworks import load_framework, shipped_frameworks
from localaction.core.frameworks.model import Framework
from localaction.faces.cli import output

app = output.new_app(
    help="Reporting frameworks (biodiversity, resilience, city indicators, mobility, water, health): list, check.",
    no_args_is_help=True,
)
console = output.console()
err_console = output.console(stderr=True)


def _row(fw: Framework) -> dict[str, Any]:
    """The documented JSON object of one framework (keys are a public contract: see docs/frameworks.md)."""
    return {
        "id": fw.id,
        "name": fw.name,
        "edition": fw.edition,
        "version": fw.version,
        "theme": fw.theme,
        "indicators": fw.indicator_count,
        "scored": fw.scoring is not None,
        "max_score": sum(ind.max_score or 0 for _, ind in fw.indicators()) if fw.scoring else None,
        "verified": fw.verified,
        "source": fw.source.title,
    }


@app.command("list")
def list_frameworks(
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
) -> None:
    """The shipped frameworks: id, name, edition, number of indicators."""
    if fmt not in {"table", "json"}:
        raise typer.BadParameter("use table or json", param_hint="--format")
    rows = [_row(fw) for fw in shipped_frameworks()]
    if fmt == "json":
        console.print_json(json.dumps(rows))
        return
    table = Table(title="Reporting frameworks")
    for col in ("id", "name", "edition", "theme", "indicators", "max_score", "verified"):
        table.add_column(col, justify="right" if col in {"indicators", "max_score"} else "left")
    for r in rows:
        max_score = "" if r["max_score"] is None else f"{r['max_score']:g}"
        table.add_row(
            r["id"], r["name"], r["edition"], r["theme"], str(r["indicators"]), max_score, str(r["verified"])
        )
    console.print(table)


@app.command("check")
def check(
    file: Annotated[Path, typer.Argument(help="A framework file (YAML or JSON).", dir_okay=False)],
) -> None:
    """Check a framework file; exit status 2 with every problem and its line when it is bad."""
    fw = load_framework(file)
    console.print(
        f"ok: {fw.name} ({fw.edition}), {len(fw.sections)} sections, {fw.indicator_count} indicators"
        + ("" if fw.verified else " [not verified against its source]")
    )
