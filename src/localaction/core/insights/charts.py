"""Chart specs: a Plotly figure as plain JSON plus the rows behind it, so every chart can also be a table
or a download. Rendering (HTML, PDF) is the faces' job: ``plotly.graph_objects.Figure(spec.figure)``."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

import plotly.graph_objects as go
from pydantic import BaseModel


class ChartSpec(BaseModel):
    id: str
    title: str
    kind: str  # bar, line, peers, radar
    unit: str = ""
    data: list[dict[str, Any]]  # the rows the chart shows
    figure: dict[str, Any]  # Plotly figure JSON (data + layout)


def _spec(fig: go.Figure, id: str, title: str, kind: str, unit: str, data: list[dict[str, Any]]) -> ChartSpec:
    # The empty template keeps the JSON small; the faces apply the site's theme.
    fig.update_layout(title=title, template="none", margin={"l": 60, "r": 20, "t": 50, "b": 50})
    # Long category labels widen the margin rather than being clipped ("nunicipality" in the PDF reports).
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True)
    figure: dict[str, Any] = json.loads(fig.to_json())
    return ChartSpec(id=id, title=title, kind=kind, unit=unit, data=data, figure=figure)


def bar_chart(
    id: str,
    title: str,
    rows: Sequence[tuple[str, float]],
    label: str = "",
    unit: str = "",
    horizontal: bool = True,
) -> ChartSpec:
    labels = [r[0] for r in rows]
    values = [r[1] for r in rows]
    bar = go.Bar(y=labels, x=values, orientation="h") if horizontal else go.Bar(x=labels, y=values)
    fig = go.Figure(bar)
    if horizontal:
        fig.update_yaxes(autorange="reversed")
    # A value axis starts at zero: a bar cut off above it misstates the ratio between bars.
    (fig.update_xaxes if horizontal else fig.update_yaxes)(rangemode="tozero")
    return _spec(
        fig, id, title, "bar", unit, [{"label": k, "value": v, "unit": unit or label} for k, v in rows]
    )


def line_chart(
    id: str, title: str, lines: Mapping[str, Sequence[tuple[int, float | None]]], unit: str = ""
) -> ChartSpec:
    fig = go.Figure()
    data: list[dict[str, Any]] = []
    for name, points in lines.items():
        fig.add_trace(
            go.Scatter(x=[p[0] for p in points], y=[p[1] for p in points], mode="lines+markers", name=name)
        )
        data.extend({"series": name, "year": y, "value": v, "unit": unit} for y, v in points)
    fig.update_yaxes(title=unit, rangemode="tozero")  # a trend from 1.9 M looks like a collapse
    return _spec(fig, id, title, "line", unit, data)


def peer_chart(
    id: str,
    title: str,
    peers: Mapping[str, float],
    me: str,
    median: float,
    best_quartile: float,
    unit: str = "",
) -> ChartSpec:
    """The group's values as points, the jurisdiction highlighted, the median and best quartile as lines."""
    names = sorted(peers, key=lambda k: peers[k])
    fig = go.Figure(
        go.Scatter(
            x=[peers[n] for n in names],
            y=[0] * len(names),
            mode="markers",
            text=names,
            marker={
                "color": ["#d62728" if n == me else "#7f7f7f" for n in names],
                "size": [14 if n == me else 8 for n in names],
            },
        )
    )
    fig.add_vline(x=median, line_dash="dash", annotation_text="median")
    fig.add_vline(x=best_quartile, line_dash="dot", annotation_text="best quartile")
    fig.update_yaxes(visible=False)
    fig.update_xaxes(title=unit)
    data = [{"jurisdiction": n, "value": peers[n], "is_subject": n == me, "unit": unit} for n in names]
    return _spec(fig, id, title, "peers", unit, data)


def radar_chart(
    id: str, title: str, scores: Mapping[str, float], max_value: float | None = None
) -> ChartSpec:
    labels = list(scores)
    values = [scores[k] for k in labels]
    fig = go.Figure(
        go.Scatterpolar(
            r=[*values, values[0]] if values else [],
            theta=[*labels, labels[0]] if labels else [],
            fill="toself",
        )
    )
    if max_value is not None:
        fig.update_layout(polar={"radialaxis": {"range": [0, max_value]}})
    return _spec(fig, id, title, "radar", "", [{"label": k, "value": v} for k, v in scores.items()])
