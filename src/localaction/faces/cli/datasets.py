"""`localaction datasets add|list` and `localaction inventory prefill`: third-party datasets as inputs.

`datasets add FILE --kind KIND` reads a downloaded file (CDP-ICLEI open data, PRIMAP-hist, a UNFCCC CRF
summary table, Climate TRACE, a population table) and stores it as a new dataset (all or nothing; the same
file is refused twice). `inventory prefill` shows what the loaded datasets suggest for each GPC line of an
inventory: a stored draft (its id; accepting acts as one of its editors, `--as`), or a GPC-lines file
(`--jurisdiction` says which city it is; `--output` writes the file back with the accepted suggestions on the
lines it left empty). Where each file is downloaded, and the caveats of each method: docs/datasets.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from localaction.core.datasets.model import KINDS

app = typer.Typer(
    help="Third-party datasets (national inventories, Climate TRACE, CDP, population).", no_args_is_help=True
)
console = Console()
if not console.is_terminal:
    console = Console(width=200)
err = Console(stderr=True)


def _setup() -> None:
    from localaction.site.bootstrap import setup

    setup()


@app.command("add")
def add(
    file: Annotated[
        Path, typer.Argument(help="The file as downloaded (CSV or XLSX).", exists=True, dir_okay=False)
    ],
    kind: Annotated[str, typer.Option("--kind", help=f"One of: {', '.join(KINDS)}.")],
    publisher: Annotated[str, typer.Option(help="Publisher (default: what the reader knows).")] = "",
    title: Annotated[str, typer.Option(help="Title.")] = "",
    version: Annotated[str, typer.Option(help="Version or vintage, e.g. 2.6, 'submission 2023'.")] = "",
    licence: Annotated[str, typer.Option(help="Licence.")] = "",
    citation: Annotated[str, typer.Option(help="How to cite it.")] = "",
    url: Annotated[str, typer.Option(help="Where it was downloaded.")] = "",
    scenario: Annotated[str, typer.Option(help="PRIMAP-hist: scenario kept (HISTCR, HISTTP).")] = "",
    first_year: Annotated[
        int | None, typer.Option(help="PRIMAP-hist: first year kept (default 1990).")
    ] = None,
    countries: Annotated[
        str, typer.Option(help="PRIMAP-hist: keep only these (ISO alpha-2, comma-separated).")
    ] = "",
    country: Annotated[str, typer.Option(help="CRF: the party, when the file name does not say.")] = "",
    year: Annotated[
        int | None, typer.Option(help="CRF: the inventory year, when the file does not say.")
    ] = None,
    gwp: Annotated[
        str, typer.Option(help="CRF: GWP set of the CO2 equivalents (AR4 for CRF, AR5 for CRT).")
    ] = "",
    variant: Annotated[str, typer.Option(help="UN WPP: the variant kept (default Medium).")] = "",
) -> None:
    """Load a downloaded dataset file (never edited afterwards: a new vintage is a new dataset)."""
    _setup()
    from localaction.registry.base.access import SYSTEM
    from localaction.registry.datasets import services

    options: dict[str, object] = {
        "scenario": scenario,
        "first_year": first_year,
        "country": country,
        "year": year,
        "gwp_set": gwp,
        "variant": variant,
    }
    if countries:
        options["countries"] = [c.strip().upper() for c in countries.split(",") if c.strip()]
    meta = {
        "publisher": publisher,
        "title": title,
        "version": version,
        "licence": licence,
        "citation": citation,
        "source_url": url,
    }
    ds = services.load_dataset(SYSTEM, file, kind, meta=meta, **options)
    console.print(
        f"loaded dataset {ds.pk}: {ds} ({ds.kind}), {ds.figure_count} figures from {ds.rows_read} rows; "
        f"countries {', '.join(ds.countries[:12])}{' …' if len(ds.countries) > 12 else ''}; "
        f"years {ds.years[0]}–{ds.years[-1]}; sectors {', '.join(ds.sectors) or '—'}",
        highlight=False,
    )
    if ds.unused_columns:
        console.print(f"columns not used: {', '.join(ds.unused_columns)}", highlight=False)
    for w in ds.warnings[:20]:
        err.print(f"[yellow]warning[/]: {w}", highlight=False)
    if len(ds.warnings) > 20:
        err.print(f"… and {len(ds.warnings) - 20} more warnings", highlight=False)


@app.command("list")
def list_() -> None:
    """Every loaded dataset: what it is, its licence, what it covers."""
    _setup()
    from localaction.registry.datasets import services

    table = Table(show_header=True)
    for col in ("id", "kind", "title", "version", "licence", "countries", "years", "figures", "loaded"):
        table.add_column(col)
    for ds in services.datasets():
        years = f"{ds.years[0]}–{ds.years[-1]}" if ds.years else ""
        table.add_row(
            str(ds.pk),
            ds.kind,
            ds.title,
            ds.version,
            ds.licence,
            str(len(ds.countries)),
            years,
            str(ds.figure_count),
            f"{ds.loaded_at:%Y-%m-%d}",
        )
    console.print(table)


def _ids(text: str) -> list[int] | None:
    from localaction.core.errors import InputError

    if not text.strip():
        return None
    try:
        return [int(x) for x in text.split(",") if x.strip()]
    except ValueError:
        raise InputError(
            f"--datasets takes dataset ids separated by commas (see `localaction datasets list`), not {text!r}"
        ) from None


def _show(rows: list[tuple[str, str, str, str, str]], title: str) -> None:
    table = Table(title=title, show_header=True)
    for col in ("line", "value (t CO2e)", "method", "dataset", "status"):
        table.add_column(col)
    for r in rows:
        table.add_row(*r)
    console.print(table)


def prefill(
    target: Annotated[str, typer.Argument(help="A stored inventory's id, or a GPC-lines file (CSV/XLSX).")],
    datasets: Annotated[
        str, typer.Option("--datasets", help="Dataset ids to use (comma-separated; default all).")
    ] = "",
    accept: Annotated[
        str, typer.Option(help="Accept the suggestions of a sector (I … VI) or 'all' on empty lines.")
    ] = "",
    as_user: Annotated[
        str, typer.Option("--as", help="Stored drafts: the editor or approver who accepts.")
    ] = "",
    jurisdiction: Annotated[
        str, typer.Option(help="Files: the city's slug (datasets are matched to it).")
    ] = "",
    output: Annotated[
        Path | None, typer.Option(help="Files: write the lines with the accepted suggestions here.")
    ] = None,
) -> None:
    """What the loaded datasets suggest for each GPC line (value, method, dataset), and accept them."""
    _setup()
    from localaction.core.errors import InputError

    ids = _ids(datasets)
    sectors = ["I", "II", "III", "IV", "V", "VI"] if accept == "all" else ([accept] if accept else [])
    if accept and accept != "all" and accept not in ("I", "II", "III", "IV", "V", "VI"):
        raise InputError(f"--accept takes a GPC sector (I … VI) or 'all', not {accept!r}")
    path = Path(target)
    if target.isdigit() and not path.exists():
        _prefill_stored(int(target), ids, sectors, as_user)
    elif path.is_file():
        _prefill_file(path, ids, sectors, jurisdiction, output)
    else:
        raise InputError(f"{target!r} is neither an inventory id nor a file", code="file_not_found")


def _prefill_stored(pk: int, ids: list[int] | None, sectors: list[str], as_user: str) -> None:
    from localaction.core.errors import InputError
    from localaction.registry import services as registry
    from localaction.registry.datasets import services

    if not as_user:
        raise InputError(
            "prefilling a stored draft acts as one of its editors or approvers: give --as USERNAME"
        )
    user = registry.get_user(as_user)
    result = services.refresh(user, pk, ids)
    inv = result.inventory
    for sector in sectors:
        done = services.accept_sector(user, inv, sector, revision=inv.revision)
        inv = done.inventory
        for ref, why in done.skipped:
            err.print(f"kept {ref}: {why}", highlight=False)
    result = services.prefill_of(user, inv)
    rows = [
        (s.gpc_ref or s.target, f"{s.value:,.0f}", s.method, s.dataset.short, s.status)
        for s in sorted(result.suggestions, key=lambda s: (s.gpc_ref, s.dataset_id))
    ]
    _show(rows, f"{inv}: suggestions")
    for note in result.notes:
        err.print(f"note: {note}", highlight=False)


def _prefill_file(
    path: Path, ids: list[int] | None, sectors: list[str], slug: str, output: Path | None
) -> None:
    from localaction.core.errors import InputError
    from localaction.core.inventory.lines_io import read_lines_file
    from localaction.core.io import csv_text
    from localaction.registry import services as registry
    from localaction.registry.datasets.estimates import Candidate, offer_for
    from localaction.registry.datasets.suggestions import PREFERENCE
    from localaction.registry.inventories.models import Inventory

    if not slug:
        raise InputError("say which city the file is about: --jurisdiction SLUG (datasets are matched to it)")
    jur = registry.get_jurisdiction(slug)
    out_rows: list[dict[str, object]] = []
    for item in read_lines_file(path):
        eng = item.inventory
        inv = Inventory(
            jurisdiction=jur, year=eng.period.year, population=item.population, gwp_set=eng.gwp_set
        )
        offer = offer_for(inv, ids)
        entered = {ln.gpc_ref for ln in eng.lines}
        rows = []
        chosen: dict[str, Candidate] = {}
        for c in sorted(offer.candidates, key=lambda c: (c.gpc_ref, PREFERENCE.get(c.dataset.kind, 9))):
            status = "kept: in the file" if c.gpc_ref in entered else "open"
            sector = c.gpc_ref.split(".")[0]
            if status == "open" and c.target == "line" and sector in sectors and c.gpc_ref not in chosen:
                chosen[c.gpc_ref] = c
                status = "accepted"
            rows.append((c.gpc_ref or c.target, f"{c.value:,.0f}", c.method, c.dataset.short, status))
        _show(rows, f"{item.city} {item.year_label}: suggestions")
        for note in offer.notes:
            err.print(f"note: {note}", highlight=False)
        base = {"City": item.city, "Year": item.year_label, "Population": item.population}
        for ln in eng.lines:
            out_rows.append(
                {
                    **base,
                    "gpc_ref": ln.gpc_ref,
                    "value_tco2e": ln.value_tco2e,
                    "notation_key": "; ".join(k.value for k in ln.notation_keys),
                    "explanation": ln.explanation,
                    "source": ln.source,
                    "quality_activity": ln.quality_activity.value if ln.quality_activity else "",
                    "quality_factor": ln.quality_factor.value if ln.quality_factor else "",
                }
            )
        for ref, c in chosen.items():
            out_rows.append(
                {
                    **base,
                    "gpc_ref": ref,
                    "value_tco2e": round(c.value, 3),
                    "notation_key": "",
                    "explanation": f"Suggested by {c.dataset.short}: {c.method}",
                    "source": f"{c.dataset.short} (dataset {c.dataset.pk})",
                    "quality_activity": "low",
                    "quality_factor": "low",
                }
            )
    if output is not None:
        cols = [
            "City",
            "Year",
            "Population",
            "gpc_ref",
            "value_tco2e",
            "notation_key",
            "explanation",
            "quality_activity",
            "quality_factor",
            "source",
        ]
        output.write_text(csv_text(cols, out_rows), encoding="utf-8")
        console.print(f"wrote {len(out_rows)} lines to {output}", highlight=False)


def register(root: typer.Typer) -> None:
    """`localaction datasets …` and `localaction inventory prefill`."""
    from localaction.faces.cli import inventory

    root.add_typer(app, name="datasets")
    inventory.app.command("prefill")(prefill)
