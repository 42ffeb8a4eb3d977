"""Charts: each is a Plotly figure plus the same numbers as a table (shown under the chart, readable without
JavaScript) and as a CSV download. The figure travels as JSON; static/web/charts.js draws it."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from localaction.faces.web.tables import SECTORS, sector_breakdown
from localaction.registry.base.models import Jurisdiction
from localaction.registry.inventories.models import Inventory
from localaction.registry.services import public

__all__ = ["SECTORS", "Chart", "compare_chart", "compare_rows", "sector_chart", "trend_chart"]

PALETTE = ["#0b6e4f", "#2a6fb0", "#c2571a", "#7b4fa0", "#8a6d1f", "#4d5a66"]
_LAYOUT: dict[str, Any] = {
    "margin": {"l": 60, "r": 20, "t": 30, "b": 50},
    "font": {"family": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", "size": 13},
    "paper_bgcolor": "rgba(0,0,0,0)",
    "plot_bgcolor": "rgba(0,0,0,0)",
    "separators": ".,",
    "legend": {"orientation": "h", "y": -0.2},
}


@dataclass
class Chart:
    key: str
    title: str
    figure: dict[str, Any]
    columns: list[str]
    rows: list[list[Any]]
    csv_url: str = ""

    @property
    def dom_id(self) -> str:
        return f"chart-{self.key}"

    @property
    def data_id(self) -> str:
        return f"chart-{self.key}-data"

    def csv_text(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(self.columns)
        writer.writerows(self.rows)
        return out.getvalue()


def _figure(data: list[dict[str, Any]], yaxis_title: str, **layout: Any) -> dict[str, Any]:
    # Plotly's own validation (graph_objects) builds the JSON the JS library reads.
    import plotly.graph_objects as go

    fig = go.Figure(data=data, layout={**_LAYOUT, "yaxis": {"title": {"text": yaxis_title}}, **layout})
    return fig.to_plotly_json()  # type: ignore[no-any-return]


def sector_chart(inv: Inventory) -> Chart:
    parts = sector_breakdown(inv)
    rows: list[list[Any]] = [[code, name, round(value, 1)] for code, name, value in parts]
    total = sum(v for _c, _n, v in parts) or 1.0
    for row in rows:
        row.append(round(100 * row[2] / total, 1))
    figure = _figure(
        [
            {
                "type": "bar",
                "x": [r[1] for r in rows],
                "y": [r[2] for r in rows],
                "marker": {"color": PALETTE[: len(rows)]},
                "hovertemplate": "%{x}: %{y:,.0f} t CO2e<extra></extra>",
            }
        ],
        _("t CO2e"),
    )
    return Chart(
        key="sectors",
        title=_("Emissions by sector, %(year)s (%(level)s)") % {"year": inv.year, "level": inv.level},
        figure=figure,
        columns=[_("sector code"), _("sector"), _("t CO2e"), _("share (%)")],
        rows=rows,
    )


def trend_chart(series: Sequence[Inventory]) -> Chart:
    rows: list[list[Any]] = []
    for inv in series:
        rows.append(
            [
                inv.year,
                _round(public.emissions_of(inv)),
                _round(inv.basic_plus_tco2e or inv.reported_basic_plus_tco2e),
                _round(inv.territorial_tco2e or inv.reported_territorial_tco2e),
                inv.get_verification_status_display(),
            ]
        )
    years = [r[0] for r in rows]
    data: list[dict[str, Any]] = [
        {"type": "scatter", "mode": "lines+markers", "name": name, "x": years, "y": [r[i] for r in rows]}
        for i, name in ((1, "BASIC"), (2, "BASIC+"), (3, _("Territorial")))
        if any(r[i] is not None for r in rows)
    ]
    for i, trace in enumerate(data):
        trace["line"] = {"color": PALETTE[i]}
        trace["hovertemplate"] = "%{x}: %{y:,.0f} t CO2e<extra>" + str(trace["name"]) + "</extra>"
    figure = _figure(data, _("t CO2e"), xaxis={"dtick": 1, "title": {"text": _("inventory year")}})
    return Chart(
        key="trend",
        title=_("Emissions over the years (published inventories)"),
        figure=figure,
        columns=[_("year"), "BASIC (t CO2e)", "BASIC+ (t CO2e)", _("territorial (t CO2e)"), _("status")],
        rows=rows,
    )


def _round(value: float | None) -> float | None:
    return round(value, 1) if value is not None else None


@dataclass
class CompareRow:
    jurisdiction: Jurisdiction
    inventory: Inventory | None
    population: int | None
    emissions: float | None
    per_capita: float | None
    shares: dict[str, float]


def compare_rows(jurisdictions: Sequence[Jurisdiction]) -> list[CompareRow]:
    ids = [j.pk for j in jurisdictions]
    latest = public.latest_inventories(ids)
    stats = public.latest_stats(ids)
    out = []
    for j in jurisdictions:
        inv = latest.get(j.pk)
        emissions = public.emissions_of(inv)
        pop_inv = inv.population if inv is not None and inv.population else None
        stat = stats.get(j.pk)
        population = int(pop_inv) if pop_inv else (stat.population if stat else None)
        sectors = {code: v for code, _n, v in sector_breakdown(inv)} if inv else {}
        total = sum(sectors.values())
        shares = {code: 100 * v / total for code, v in sectors.items()} if total else {}
        out.append(
            CompareRow(
                jurisdiction=j,
                inventory=inv,
                population=population,
                emissions=emissions,
                per_capita=emissions / population if emissions is not None and population else None,
                shares=shares,
            )
        )
    return out


def compare_chart(rows: Sequence[CompareRow]) -> Chart:
    names = [r.jurisdiction.name for r in rows]
    data = [
        {
            "type": "bar",
            "name": str(name),
            "x": names,
            "y": [round(r.shares.get(code, 0.0), 1) for r in rows],
            "marker": {"color": PALETTE[i % len(PALETTE)]},
            "hovertemplate": "%{x}: %{y:.1f} %<extra>" + str(name) + "</extra>",
        }
        for i, (code, name) in enumerate(SECTORS.items())
        if any(code in r.shares for r in rows)
    ]
    figure = _figure(data, _("share of emissions (%)"), barmode="stack")
    table: list[list[Any]] = [
        [
            r.jurisdiction.name,
            r.inventory.year if r.inventory else None,
            _round(r.emissions),
            r.population,
            round(r.per_capita, 2) if r.per_capita is not None else None,
            *(round(r.shares.get(code, 0.0), 1) for code in SECTORS),
        ]
        for r in rows
    ]
    return Chart(
        key="compare",
        title=_("Sector shares of each jurisdiction's latest published inventory"),
        figure=figure,
        columns=[
            _("jurisdiction"),
            _("year"),
            "BASIC (t CO2e)",
            _("population"),
            _("t CO2e per person"),
            *(f"{code} (%)" for code in SECTORS),
        ],
        rows=table,
    )
