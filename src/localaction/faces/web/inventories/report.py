"""One inventory's PDF report: its totals (BASIC, BASIC+, territorial), the GPC table with per-gas columns,
the sources of the activity data and of the factors, and the checks; the same print stylesheet and chromium
path as the registry-wide report (``insights.pdf``)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation

from localaction.core.inventory import exports as ex
from localaction.faces.web.assets import plotly_path
from localaction.faces.web.insights.pdf import html_to_pdf
from localaction.faces.web.inventories.tables import NOTATION_KEYS, totals
from localaction.registry.insights.opendata import opendata_dir
from localaction.registry.inventories.exports import result_of
from localaction.registry.inventories.models import Inventory


def report_context(inv: Inventory) -> dict[str, Any]:
    result = result_of(inv)
    lines = [r for r in ex.line_rows(result) if r["value_tco2e"] is not None or r["notation_keys"]]
    sources: list[str] = []
    factor_sources: list[str] = []
    for row in lines:
        for s in filter(None, (row["source"] or "").split("; ")):
            if s not in sources:
                sources.append(s)
        for s in filter(None, (row["factor_source"] or "").split(ex.SOURCE_SEPARATOR)):
            if s not in factor_sources:
                factor_sources.append(s)
    gases = {
        key: sum(r[key] or 0.0 for r in lines)
        for key in ("co2_t", "ch4_t", "n2o_t", "other_gases_tco2e", "co2e_not_split_t", "entered_tco2e")
    }
    css_path = finders.find("web/site.css")
    return {
        "inventory": inv,
        "totals": totals(inv),
        "lines": lines,
        "gases": gases,
        "biogenic": inv.biogenic_co2_t,
        "sources": sources,
        "factor_sources": factor_sources,
        "checks": inv.checks,
        "notation_keys": NOTATION_KEYS,
        "css": Path(css_path).read_text(encoding="utf-8") if isinstance(css_path, str) else "",
    }


def report_html(inv: Inventory) -> str:
    return render_to_string("inventories/report_print.html", report_context(inv))


def report_pdf(inv: Inventory) -> bytes:
    """The PDF, kept on disk per version, revision, computation and language (a browser start costs seconds:
    repeated requests for the same report are served from the file)."""
    stamp = inv.computed_at.isoformat() if inv.computed_at else ""
    key = hashlib.sha256(
        f"inventory|{inv.pk}|{inv.revision}|{stamp}|{translation.get_language()}".encode()
    ).hexdigest()[:24]
    path = opendata_dir().parent / "reports" / f"{key}.pdf"
    if path.is_file():
        return path.read_bytes()
    data = html_to_pdf(report_html(inv), plotly_path())
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return data
