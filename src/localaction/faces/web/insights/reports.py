"""Rendering a report: the page body, a standalone HTML document (CLI, PDF) and the PDF. Used by the views
and by ``localaction report registry|jurisdiction|theme``."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation

from localaction.core.insights import Report
from localaction.faces.web.assets import plotly_path
from localaction.faces.web.insights.pdf import html_to_pdf
from localaction.faces.web.insights.render import CsvLink, context
from localaction.registry.insights import queries
from localaction.registry.insights.facts import fingerprint
from localaction.registry.insights.opendata import opendata_dir


def build(kind: str, subject: str, year: int) -> Report:
    """``kind``: registry (subject ignored), theme (subject = theme), jurisdiction (subject = slug)."""
    if kind == "registry":
        return queries.registry_report(year)
    if kind == "theme":
        return queries.theme_report(subject, year)
    return queries.own_report(subject, year)


def standalone_html(report: Report, *, for_pdf: bool = False) -> str:
    """A self-contained document: inline CSS, CSV downloads as data: links (no server needed)."""
    css_path = finders.find("web/site.css")
    css = Path(css_path).read_text(encoding="utf-8") if isinstance(css_path, str) else ""
    ctx: dict[str, Any] = context(report, None) | {"css": css, "for_pdf": for_pdf}
    with translation.override("en"):
        return render_to_string("insights/report_print.html", ctx)


def pdf(report: Report) -> bytes:
    return html_to_pdf(standalone_html(report, for_pdf=True), plotly_path())


def cached_pdf(kind: str, subject: str, year: int) -> bytes:
    """The PDF, kept on disk per state of the published data: a browser start costs seconds, so repeated
    requests for the same report are served from the file."""
    key = hashlib.sha256(f"{fingerprint()}|{kind}|{subject}|{year}".encode()).hexdigest()[:24]
    path = opendata_dir().parent / "reports" / f"{key}.pdf"
    if path.is_file():
        return path.read_bytes()
    data = pdf(build(kind, subject, year))
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return data


def page_context(report: Report, csv_link: CsvLink) -> dict[str, Any]:
    return context(report, csv_link)
