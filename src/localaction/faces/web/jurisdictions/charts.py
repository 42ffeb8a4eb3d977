"""Comparing jurisdictions: the rows and the chart."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from localaction.faces.web.charts import PALETTE, Chart
from localaction.faces.web.charts import figure as plotly_figure
from localaction.faces.web.inventories.tables import SECTORS, sector_breakdown
from localaction.registry.base.models import Jurisdiction
from localaction.registry.inventories.models import Inventory
from localaction.registry.services import public


def rounded(value: float | None) -> float | None:
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
    fig = plotly_figure(data, _("share of emissions (%)"), barmode="stack")
    table: list[list[Any]] = [
        [
            r.jurisdiction.name,
            r.inventory.year if r.inventory else None,
            rounded(r.emissions),
            r.population,
            round(r.per_capita, 2) if r.per_capita is not None else None,
            *(round(r.shares.get(code, 0.0), 1) for code in SECTORS),
        ]
        for r in rows
    ]
    return Chart(
        key="compare",
        title=_("Sector shares of each jurisdiction's latest published inventory"),
        figure=fig,
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
