"""The radar chart of a framework's scores (per section or per indicator), and the table behind it.

The table is the chart's data, row for row, so a page can show both and a test can compare them.
"""

from __future__ import annotations

import plotly.graph_objects as go
from pydantic import BaseModel

from localaction.core.errors import InputError
from localaction.core.frameworks.model import Framework
from localaction.core.frameworks.scoring import Scores


class RadarPoint(BaseModel):
    axis: str  # section or indicator id
    label: str
    score: float | None
    max_score: float
    percent: float | None
    plotted: float  # what the chart draws: the score or the percent (0 when unanswered)


def radar_data(fw: Framework, scores: Scores) -> list[RadarPoint]:
    if fw.chart is None:
        raise InputError(f"{fw.name} has no chart", code="no_chart")
    use_percent = fw.chart.value == "percent"
    points: list[RadarPoint] = []
    # Labels from the framework (a localized one names them in the reader's language), else as scored.
    titles = {s.id: s.title for s in fw.sections}
    labels = {i.id: i.label for _s, i in fw.indicators()}
    if fw.chart.axes == "sections":
        for s in scores.sections:
            points.append(_point(s.id, titles.get(s.id, s.title), s.score, s.max_score, use_percent))
    else:
        for i in scores.indicators:
            text = labels.get(i.id, i.label)
            label = f"{i.number}. {text}" if i.number else text
            points.append(_point(i.id, label, i.score, i.max_score, use_percent))
    return points


def _point(axis: str, label: str, value: float | None, max_score: float, use_percent: bool) -> RadarPoint:
    percent = None if value is None or not max_score else 100.0 * value / max_score
    shown = (percent if use_percent else value) or 0.0
    return RadarPoint(
        axis=axis, label=label, score=value, max_score=max_score, percent=percent, plotted=shown
    )


def radar_chart(fw: Framework, scores: Scores, baseline: Scores | None = None) -> go.Figure:
    """A plotly radar of ``scores`` (and of ``baseline`` beneath it, when given)."""
    points = radar_data(fw, scores)
    assert fw.chart is not None
    top = 100.0 if fw.chart.value == "percent" else max((p.max_score for p in points), default=1.0)
    fig = go.Figure()
    traces = [("baseline", baseline), ("latest" if baseline else "score", scores)]
    for name, which in traces:
        if which is None:
            continue
        data = radar_data(fw, which)
        fig.add_trace(
            go.Scatterpolar(
                r=[p.plotted for p in data],
                theta=[p.label for p in data],
                fill="toself",
                name=name,
            )
        )
    fig.update_layout(
        title=fw.chart.title or f"{fw.name} ({fw.edition})",
        polar={"radialaxis": {"visible": True, "range": [0, top]}},
        showlegend=baseline is not None,
    )
    return fig
