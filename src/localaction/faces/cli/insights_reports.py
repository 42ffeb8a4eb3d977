"""Report and open-data commands: ``localaction report registry|jurisdiction|theme … -o FILE`` (PDF or
HTML) and ``localaction opendata build``. Wired by ``add_commands(report_app)`` and ``add_opendata(app)``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from localaction.faces.cli import output

console = output.console()

Year = Annotated[int, typer.Option("--year", help="Report year (inventory year).")]
Out = Annotated[Path, typer.Option("-o", "--output", help="Output file (.pdf or .html).")]
Format = Annotated[str, typer.Option("--format", help="pdf or html (default: from the file's extension).")]


def _write(kind: str, subject: str, year: int, output: Path, fmt: str) -> None:
    from localaction.core.errors import InputError
    from localaction.site.bootstrap import setup

    setup()
    from localaction.faces.web.insights import reports

    fmt = (fmt or output.suffix.lstrip(".") or "pdf").lower()
    if fmt not in ("pdf", "html"):
        raise InputError(f"Unknown format {fmt!r}: use pdf or html.", "invalid_input")
    report = reports.build(kind, subject, year)
    if fmt == "html":
        output.write_text(reports.standalone_html(report), encoding="utf-8")
    else:
        output.write_bytes(reports.pdf(report))
    console.print(f"{report.title}: {len(report.sections)} sections → {output}")


def add_commands(report_app: typer.Typer) -> None:
    @report_app.command("registry")
    def registry(year: Year, output: Out, format: Format = "") -> None:
        """The yearly registry report."""
        _write("registry", "all", year, output, format)

    @report_app.command("jurisdiction")
    def jurisdiction(
        slug: Annotated[str, typer.Argument(help="The jurisdiction's slug.")], year: Year, output: Out,
        format: Format = "",
    ) -> None:  # fmt: skip
        """A jurisdiction's own yearly report."""
        _write("jurisdiction", slug, year, output, format)

    @report_app.command("theme")
    def theme(
        theme: Annotated[str, typer.Argument(help="climate, biodiversity, resilience, mobility …")], year: Year,
        output: Out, format: Format = "",
    ) -> None:  # fmt: skip
        """A thematic State of Cities report."""
        _write("theme", theme, year, output, format)


def add_opendata(app: typer.Typer) -> None:
    opendata_app = output.new_app(help="Open-data bulk files.", no_args_is_help=True)

    @opendata_app.command("build")
    def build(
        force: Annotated[bool, typer.Option("--force", help="Rebuild even if unchanged.")] = False,
    ) -> None:
        """Build the bulk files (CSV, Parquet, dictionary, schema) if published data changed."""
        from localaction.site.bootstrap import setup

        setup()
        from localaction.registry.insights import opendata

        folder, manifest = opendata.ensure_built(force=force)
        console.print(f"{len(manifest['files'])} files in {folder} (built {manifest['built_at']})")

    app.add_typer(opendata_app, name="opendata")
