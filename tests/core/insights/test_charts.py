"""Charts state values honestly: every value axis starts at zero (a trend drawn from 1.9 M up looked like a
collapse of a few per cent)."""

from __future__ import annotations

from localaction.core.insights.charts import bar_chart, line_chart


def test_line_chart_value_axis_starts_at_zero() -> None:
    spec = line_chart("t", "trend", {"BASIC": [(2018, 1_950_000.0), (2020, 1_900_000.0)]}, unit="tCO2e")
    assert spec.figure["layout"]["yaxis"]["rangemode"] == "tozero"


def test_bar_charts_value_axis_starts_at_zero_whichever_way_they_lie() -> None:
    rows = [("A", 10.0), ("B", 9.5)]
    across = bar_chart("a", "peers", rows)
    upright = bar_chart("b", "peers", rows, horizontal=False)
    assert across.figure["layout"]["xaxis"]["rangemode"] == "tozero"
    assert upright.figure["layout"]["yaxis"]["rangemode"] == "tozero"


def test_axes_make_room_for_long_labels() -> None:
    from localaction.core.insights.charts import bar_chart

    spec = bar_chart("b", "Emissions", [("municipality of the metropolitan area", 10.0), ("city", 5.0)])
    layout = spec.figure["layout"]
    assert layout["yaxis"]["automargin"] is True and layout["xaxis"]["automargin"] is True
