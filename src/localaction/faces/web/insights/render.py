"""A Report (insights core) as template context: every chart with its rows as a table and a CSV link, every
table with units in its header. The same context feeds the page, the standalone HTML and the PDF."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from django.utils.translation import gettext as _

from localaction.core.insights import Report
from localaction.core.io import writers
from localaction.faces.web.insights.words import OwnWords
from localaction.faces.web.labels import label, unit, words

CsvLink = Callable[[str], str]  # item id ("table-<section>-<id>" / "chart-<section>-<id>") -> URL


def cell(v: Any) -> str:
    """A value as the page shows it: ids as their human names (``labels``), whole numbers without
    decimals (7 jurisdictions, not 7.00), rounded to two places below 100."""
    if v is None:
        return "—"
    if isinstance(v, OwnWords):  # the city's words: shown as written, marked on the page
        return v
    if isinstance(v, bool):
        return str(_("yes") if v else _("no"))
    if isinstance(v, float):
        if v.is_integer() and abs(v) < 100:
            return f"{v:,.0f}"
        return f"{v:,.0f}" if abs(v) >= 100 or v == 0 else f"{v:,.2f}"
    if isinstance(v, int):
        return f"{v:,}" if abs(v) >= 10000 else str(v)
    if isinstance(v, list | tuple):
        return "; ".join(_reason(x) if isinstance(x, dict) else cell(x) for x in v)
    if isinstance(v, dict):
        return _reason(v)
    return str(words(label(v)))


def _reason(d: dict[str, Any]) -> str:
    if "factor" in d:
        return f"{label(d['factor'])}: {words(str(d.get('detail', '')))}"
    return ", ".join(f"{label(k)}: {cell(x)}" for k, x in d.items())


def _header(column: str, u: str) -> str:
    name, shown = str(label(column)), str(unit(u)) if u else ""
    return f"{name} ({shown})" if shown and u != column else name


def _figure(fig: Any) -> Any:
    """The chart's category labels (bar names, axis ticks) as human names; numbers untouched."""
    if not isinstance(fig, dict):
        return fig
    out = dict(fig)
    data = []
    for trace in fig.get("data") or []:
        t = dict(trace)
        for axis in ("x", "y", "labels", "text"):
            if isinstance(t.get(axis), list):
                t[axis] = [str(label(v)) if isinstance(v, str) else v for v in t[axis]]
        data.append(t)
    out["data"] = data
    return out


def _raw(v: Any) -> Any:
    if isinstance(v, list | tuple | dict):
        return json.dumps(v, ensure_ascii=False)
    return "" if v is None else v


def items(report: Report) -> dict[str, tuple[list[str], list[list[Any]]]]:
    """Every table and chart of the report as (header, raw rows): what a CSV download holds."""
    out: dict[str, tuple[list[str], list[list[Any]]]] = {}
    for s in report.sections:
        for t in s.tables:
            header = [
                f"{c} ({u})" if u and u != c else c
                for c, u in zip(t.columns, t.units or [""] * len(t.columns), strict=False)
            ]
            out[f"table-{s.id}-{t.id}"] = (header, [[_raw(v) for v in r] for r in t.rows])
        for c in s.charts:
            cols = list(c.data[0]) if c.data else ["label", "value"]
            out[f"chart-{s.id}-{c.id}"] = (cols, [[_raw(row.get(k)) for k in cols] for row in c.data])
    return out


def csv_text(header: list[str], rows: list[list[Any]]) -> str:
    return writers.csv_text(header, rows)


def data_uri(header: list[str], rows: list[list[Any]]) -> str:
    return "data:text/csv;charset=utf-8," + quote(csv_text(header, rows))


def context(report: Report, csv_link: CsvLink | None) -> dict[str, Any]:
    data = items(report)
    link: CsvLink = csv_link or (lambda key: data_uri(*data[key]))
    sections = []
    for s in report.sections:
        tables = []
        for t in s.tables:
            key = f"table-{s.id}-{t.id}"
            shown = [_header(c, u) for c, u in zip(t.columns, t.units or [""] * len(t.columns), strict=False)]
            tables.append({"id": key, "title": str(words(label(t.title))), "columns": shown,
                           "rows": [[cell(v) for v in r] for r in t.rows], "csv_url": link(key)})  # fmt: skip
        charts = []
        for c in s.charts:
            if not c.data:  # an empty chart is just axes: its table below says "none"
                continue
            key = f"chart-{s.id}-{c.id}"
            cols, rows = data[key]
            charts.append(
                {
                    "dom_id": key,
                    "data_id": f"{key}-data",
                    "title": str(words(label(c.title))),
                    "figure": _figure(c.figure),
                    "columns": [str(label(h)) for h in cols],
                    "rows": [
                        [str(unit(v)) if h == "unit" else cell(v) for h, v in zip(cols, r, strict=False)]
                        for r in rows
                    ],
                    "csv_url": link(key),
                }
            )
        sections.append(
            {
                "id": s.id,
                "title": str(words(label(s.title))),
                "text": [str(words(t)) for t in s.text],
                "tables": tables,
                "charts": charts,
            }
        )
    return {"report": report, "sections": sections}
