"""An inventory's charts: emissions by sector, and the trend over the years."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _

from localaction.faces.web.charts import PALETTE, Chart
from localaction.faces.web.charts import figure as plotly_figure
from localaction.faces.web.inventories.tables import sector_breakdown
from localaction.faces.web.jurisdictions.charts import rounded
from localaction.registry.inventories.models import Inventory
from localaction.registry.services import public


def sector_chart(inv: Inventory) -> Chart:
    parts = sector_breakdown(inv)
    rows: list[list[Any]] = [[code, name, round(value, 1)] for code, name, value in parts]
    total = sum(v for _c, _n, v in parts) or 1.0
    for row in rows:
        row.append(round(100 * row[2] / total, 1))
    fig = plotly_figure(
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
        figure=fig,
        columns=[_("sector code"), _("sector"), _("t CO2e"), _("share (%)")],
        rows=rows,
    )


def trend_chart(series: Sequence[Inventory]) -> Chart:
    rows: list[list[Any]] = []
    for inv in series:
        rows.append(
            [
                inv.year,
                rounded(public.emissions_of(inv)),
                rounded(inv.basic_plus_tco2e or inv.reported_basic_plus_tco2e),
                rounded(inv.territorial_tco2e or inv.reported_territorial_tco2e),
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
    fig = plotly_figure(data, _("t CO2e"), xaxis={"dtick": 1, "title": {"text": _("inventory year")}})
    return Chart(
        key="trend",
        title=_("Emissions over the years (published inventories)"),
        figure=fig,
        columns=[_("year"), "BASIC (t CO2e)", "BASIC+ (t CO2e)", _("territorial (t CO2e)"), _("status")],
        rows=rows,
    )
