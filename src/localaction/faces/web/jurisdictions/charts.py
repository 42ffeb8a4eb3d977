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
from localaction.registry.services.public import PopulationUsed


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
    population_used: PopulationUsed | None = None


def compare_rows(jurisdictions: Sequence[Jurisdiction]) -> list[CompareRow]:
    latest = public.latest_inventories([j.pk for j in jurisdictions])
    people = public.populations_used({j.pk: latest.get(j.pk) for j in jurisdictions})
    out = []
    for j in jurisdictions:
        inv = latest.get(j.pk)
        emissions = public.emissions_of(inv)
        used = people.get(j.pk)
        population = used.value if used else None
        sectors = {code: v for code, _n, v in sector_breakdown(inv)} if inv else {}
        total = sum(sectors.values())
        shares = {code: 100 * v / total for code, v in sectors.items()} if total else {}
        out.append(
            CompareRow(
                jurisdiction=j,
                inventory=inv,
                population=population,
                emissions=emissions,
                per_capita=used.per_person(emissions) if used else None,
                population_used=used,
                shares=shares,
            )
        )
    return out


def compare_warnings(rows: Sequence[CompareRow]) -> list[str]:
    """What makes the inventories side by side not like for like: a different level (BASIC / BASIC+), GWP
    set, year, boundary type or stated boundary. One sentence each, naming the values."""
    invs = [(r.jurisdiction.name, r.inventory) for r in rows if r.inventory is not None]
    if len(invs) < 2:
        return []

    def differs(values: list[tuple[str, Any]]) -> str:
        if len({v for _n, v in values}) < 2:
            return ""
        return "; ".join(f"{name}: {v or '—'}" for name, v in values)

    out = []
    checks = (
        (_("They are for different years, so the figures are not for the same time:"), "year"),
        (_("They report at different levels (BASIC, BASIC+), so their totals cover different sources:"), "level"),
        (_("They use different GWP sets, so the same gases weigh differently in CO2e:"), "gwp_set"),
        (_("They cover different boundary types (the community, or the government's own operations):"),
         "get_boundary_type_display"),
        (_("Their stated boundaries differ:"), "boundary"),
    )  # fmt: skip
    for text, attr in checks:
        found = differs([(name, _value(inv, attr)) for name, inv in invs])
        if found:
            out.append(f"{text} {found}.")
    return out


def _value(inv: Inventory, attr: str) -> Any:
    value = getattr(inv, attr)
    return value() if callable(value) else value


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
