"""The radar chart of a scored framework (data from the engine's ``radar_data``: the table is the chart)."""

from __future__ import annotations

import json

from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from localaction.core import frameworks
from localaction.faces.web.charts import Chart
from localaction.registry.frameworks.models import FrameworkReport


def radar(report: FrameworkReport, baseline: FrameworkReport | None = None) -> Chart | None:
    fw = report.framework().localized(get_language())
    if fw.chart is None or not report.scores:
        return None
    scores = frameworks.Scores.model_validate(report.scores)
    base = frameworks.Scores.model_validate(baseline.scores) if baseline and baseline.scores else None
    fig = frameworks.radar_chart(fw, scores, base)
    points = frameworks.radar_data(fw, scores)
    figure = json.loads(fig.to_json())
    figure.get("layout", {}).pop("title", None)  # the page's heading says it
    if fw.chart.axes == "indicators":
        # Long indicator names crowd the circle: the axes show the source's numbers, the table the names.
        for trace in figure.get("data", []):
            trace["theta"] = [str(t).split(". ", 1)[0] for t in trace.get("theta", [])]
    return Chart(
        key=f"radar-{report.pk}",
        title=fw.chart.title or fw.name,
        figure=figure,
        # The page's table names each axis in the reader's language; the CSV download adds the axis ids.
        columns=[_("Label"), _("Score"), _("Maximum"), _("Percent")],
        rows=[[p.label, p.score, p.max_score, p.percent] for p in points],
        csv_url=reverse("frameworks:radar_csv", args=[report.pk]),
        row_ids=[p.axis for p in points],
    )
