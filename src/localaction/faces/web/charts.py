"""The charts' common parts: Plotly figures as data, their numbers as a table and CSV beside them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from localaction.core.io.writers import csv_text

PALETTE = ["#0b6e4f", "#2a6fb0", "#c2571a", "#7b4fa0", "#8a6d1f", "#4d5a66"]

LAYOUT: dict[str, Any] = {
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
    # Each row's id (a framework's indicator or section id): in the CSV download, not on the page.
    row_ids: list[str] = field(default_factory=list)

    @property
    def dom_id(self) -> str:
        return f"chart-{self.key}"

    @property
    def data_id(self) -> str:
        return f"chart-{self.key}-data"

    def csv_text(self) -> str:
        """The chart's numbers as CSV (the one writer: BOM, CRLF, formula guard)."""
        if self.row_ids:
            return csv_text(
                ["id", *self.columns], [[i, *r] for i, r in zip(self.row_ids, self.rows, strict=True)]
            )
        return csv_text(self.columns, self.rows)


def figure(data: list[dict[str, Any]], yaxis_title: str, **layout: Any) -> dict[str, Any]:
    # Plotly's own validation (graph_objects) builds the JSON the JS library reads.
    import plotly.graph_objects as go

    fig = go.Figure(
        data=data,
        layout={
            **LAYOUT,
            # automargin: long category labels ("municipality") widen the margin instead of being clipped
            "xaxis": {"automargin": True},
            "yaxis": {"title": {"text": yaxis_title}, "rangemode": "tozero", "automargin": True},
            **layout,
        },
    )
    return fig.to_plotly_json()  # type: ignore[no-any-return]
