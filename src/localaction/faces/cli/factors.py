"""`localaction factors …`: browse the emission-factor library, the GPC reference numbers and the GWP sets."""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any

import typer

from localaction.core.catalog.factors import factor_library
from localaction.core.catalog.gpc import gpc_refs
from localaction.core.catalog.gwp import GWP_SETS, gwp_source, gwp_table, normalise_gwp_set
from localaction.faces.cli import output, render

app = output.new_app(
    help="Browse the emission-factor library, GPC reference numbers and GWP sets.", no_args_is_help=True
)
console = output.console()

FormatOpt = Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")]
LIST_COLUMNS = [
    "factor_id",
    "category",
    "activity",
    "parameter",
    "gas",
    "value",
    "unit",
    "region",
    "year",
    "sector_of_use",
    "data_quality",
]


def _check_format(fmt: str) -> str:
    if fmt not in {"table", "json", "csv"}:
        raise typer.BadParameter("use table, json or csv", param_hint="--format")
    return fmt


@app.command("list")
def list_factors(
    category: Annotated[str | None, typer.Option(help="e.g. stationary_combustion, grid_electricity")] = None,
    activity: Annotated[str | None, typer.Option(help="Fuel, grid zone, waste type …")] = None,
    parameter: Annotated[str | None, typer.Option(help="e.g. emission_factor, ncv, DOC")] = None,
    gas: Annotated[str | None, typer.Option(help="CO2, CH4, N2O or CO2e")] = None,
    region: Annotated[
        str | None, typer.Option(help="world, a country code (DE) or a zone (US-CAL-CISO)")
    ] = None,
    year: Annotated[int | None, typer.Option(help="Data year")] = None,
    search: Annotated[str | None, typer.Option("--search", "-s", help="Text in the id or source")] = None,
    limit: Annotated[int, typer.Option(help="At most this many rows (0: all)")] = 50,
    fmt: FormatOpt = "table",
) -> None:
    """List factors, filtered. Example: `localaction factors list --category grid_electricity --region DE`."""
    found = factor_library().find(
        category=category, activity=activity, parameter=parameter, gas=gas, region=region, year=year
    )
    if search:
        needle = search.lower()
        found = [f for f in found if needle in f.factor_id.lower() or needle in f.source.lower()]
    total = len(found)
    shown = found[:limit] if limit else found
    rows = [{k: getattr(f, k) for k in LIST_COLUMNS} for f in shown]
    render.emit_rows(console, rows, _check_format(fmt), title="Emission factors")
    if fmt == "table" and total > len(shown):
        console.print(f"{len(shown)} of {total} shown: narrow the filters or raise --limit")


@app.command("show")
def show(
    factor_id: Annotated[str, typer.Argument(help="The factor's id, as `factors list` prints it.")],
    fmt: FormatOpt = "table",
) -> None:
    """Everything about one factor, with its source."""
    f = factor_library().get(factor_id)
    doc: dict[str, Any] = dataclasses.asdict(f)
    if fmt == "table":
        for key, value in doc.items():
            console.print(output.styled(str(key), "bold", f": {value}"))
        return
    render.emit_rows(console, [doc], _check_format(fmt))


@app.command("fuels")
def fuels(fmt: FormatOpt = "table") -> None:
    """The fuels the library knows, with their calorific value, density and aliases."""
    rows = [
        {
            "fuel_id": f.fuel_id,
            "name": f.name,
            "group": f.fuel_group,
            "ncv_tj_per_gg": f.ncv_tj_per_gg,
            "density_kg_per_l": f.density_kg_per_l,
            "biogenic": f.biogenic,
            "aliases": ", ".join(f.aliases),
        }
        for f in factor_library().fuels
    ]
    render.emit_rows(console, rows, _check_format(fmt), title="Fuels")


@app.command("refs")
def refs(fmt: FormatOpt = "table") -> None:
    """The GPC reference numbers and which totals each counts in."""
    rows = [
        {
            "gpc_ref": r.gpc_ref,
            "sector": r.sector,
            "subsector": r.subsector,
            "scope": r.scope,
            "BASIC": r.in_basic,
            "BASIC+": r.in_basic_plus,
            "BASIC+ other S3": r.in_basic_plus_other_scope3,
            "territorial": r.in_territorial,
            "template line": r.is_template_line,
        }
        for r in gpc_refs().values()
    ]
    render.emit_rows(console, rows, _check_format(fmt), title="GPC reference numbers")


@app.command("gwp")
def gwp(
    gwp_set: Annotated[str, typer.Option("--set", help=f"One of {', '.join(GWP_SETS)}")] = "AR5",
    fmt: FormatOpt = "table",
) -> None:
    """The 100-year GWPs of a set (IPCC assessment report)."""
    key = normalise_gwp_set(gwp_set)
    rows = [{"gas": g, "gwp_100": v} for g, v in gwp_table(key).items()]
    render.emit_rows(console, rows, _check_format(fmt), title=f"GWP-100, {key} ({gwp_source()})")
