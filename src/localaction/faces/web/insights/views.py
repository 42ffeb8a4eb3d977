"""Insights pages: thin views over ``registry.insights_data.queries`` (published data only, public)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseRedirect,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from localaction.core import clock
from localaction.core.errors import InputError
from localaction.core.insights import ChartSpec, RankingRule, Report, Section, TableSpec
from localaction.core.insights.charts import line_chart
from localaction.faces.web.insights import reports, words
from localaction.faces.web.insights.render import context as report_context
from localaction.faces.web.insights.render import csv_text, items
from localaction.faces.web.insights.words import OwnWords
from localaction.faces.web.labels import label
from localaction.registry.insights import opendata, queries

KINDS = ("registry", "theme", "jurisdiction")
_THEME = re.compile(r"^[a-z][a-z0-9_-]{0,40}$")
_FILE = re.compile(r"^[A-Za-z_]+\.(csv|parquet|json|txt)$")  # LICENCE.txt, CITATION.txt too
_TYPES = {"csv": "text/csv; charset=utf-8", "parquet": "application/vnd.apache.parquet",
          "json": "application/json", "txt": "text/plain; charset=utf-8"}  # fmt: skip


def _year_default() -> int:
    return queries.latest_year() or clock.today().year


def _check(kind: str, subject: str, year: int = 2000) -> None:
    if kind not in KINDS or (kind == "theme" and not _THEME.match(subject)) or not 1990 <= year <= 2100:
        raise Http404(_("No such report."))


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    year = _year_default()
    return render(request, "insights/index.html", {"year": year, "themes": queries.THEMES,
                  "measures": queries.MEASURES, "rules": list(RankingRule)})  # fmt: skip


def _report_page(
    request: HttpRequest, kind: str, subject: str, year: int, url_name: str, args: list[Any]
) -> HttpResponse:
    if "year" in request.GET:
        try:
            wanted = int(request.GET["year"])
        except ValueError:
            wanted = year
        return HttpResponseRedirect(reverse(url_name, args=[*args, wanted]))
    _check(kind, subject, year)
    report = reports.build(kind, subject, year)
    ctx = report_context(report, lambda key: reverse("insights:report_csv", args=[kind, subject, year, key]))
    ctx["pdf_url"] = reverse("insights:report_file", args=[kind, subject, year, "pdf"])
    ctx["html_url"] = reverse("insights:report_file", args=[kind, subject, year, "html"])
    return render(request, "insights/report_page.html", ctx)


@require_GET
def registry_report(request: HttpRequest, year: int) -> HttpResponse:
    return _report_page(request, "registry", "all", year, "insights:registry_report", [])


@require_GET
def theme_report(request: HttpRequest, theme: str, year: int) -> HttpResponse:
    return _report_page(request, "theme", theme, year, "insights:theme_report", [theme])


@require_GET
def jurisdiction_report(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    return _report_page(request, "jurisdiction", slug, year, "insights:jurisdiction_report", [slug])


@require_GET
def report_file(request: HttpRequest, kind: str, subject: str, year: int, fmt: str) -> HttpResponse:
    _check(kind, subject, year)
    if fmt not in ("pdf", "html"):
        raise Http404(_("No such format."))
    name = f"localaction-{kind}-{subject}-{year}.{fmt}"
    if fmt == "html":
        html = reports.standalone_html(reports.build(kind, subject, year))
        resp = HttpResponse(html, content_type="text/html; charset=utf-8")
    else:
        resp = HttpResponse(reports.cached_pdf(kind, subject, year), content_type="application/pdf")
    resp["Content-Disposition"] = f'attachment; filename="{name}"'
    return resp


@require_GET
def report_csv(request: HttpRequest, kind: str, subject: str, year: int, item: str) -> HttpResponse:
    _check(kind, subject, year)
    data = items(reports.build(kind, subject, year))
    if item not in data:
        raise Http404(_("No such table."))
    resp = HttpResponse(csv_text(*data[item]), content_type="text/csv; charset=utf-8")
    resp["Content-Disposition"] = f'attachment; filename="{kind}-{subject}-{year}-{item}.csv"'
    return resp


def _measure(request: HttpRequest) -> Any:
    text = request.GET.get("measure", "basic")
    if text not in queries.MEASURES:
        text = "basic"
    return queries.parse_measure(text)


@require_GET
def performance(request: HttpRequest, slug: str) -> HttpResponse:
    measure = _measure(request)
    perf = queries.performance(slug, measure)
    series = perf["series"]
    name = str(label(measure.id))  # the measure in the reader's language (the engine's label is English)
    chart = line_chart("series", name, {name: [(p.year, p.value) for p in series.points]}, series.unit)
    rows = [[p.year, p.value, p.verification.value, p.level, OwnWords(p.boundary) if p.boundary else _("unknown"),
             p.gwp_set, OwnWords(perf["sources"].get(p.year, "")), OwnWords(p.note)] for p in series.points]  # fmt: skip
    table = TableSpec(id="points", title=_("Published years"),
                      columns=["year", "value", "verification", "level", "boundary", "GWP set", "source", "note"],
                      units=["", series.unit, "", "", "", "", "", ""], rows=rows)  # fmt: skip
    report = Report(kind="performance", title=name, year=series.points[-1].year if series.points else 0,
                    subject=slug, sections=[Section(id="series", title=_("Series"), tables=[table],
                    charts=[chart] if series.points else list[ChartSpec]())])  # fmt: skip
    ctx = report_context(report, None) | {
        "perf": perf,
        "series": series,
        "measure": measure,
        "measures": queries.MEASURES,
        "peers": queries.peers(slug, measure),
        "slug": slug,
    }
    return render(request, "insights/performance.html", ctx)


@require_GET
def top(request: HttpRequest) -> HttpResponse:
    measure = _measure(request)
    try:
        rule = RankingRule(request.GET.get("rule", RankingRule.HIGHEST_REDUCTION.value))
    except ValueError:
        rule = RankingRule.HIGHEST_REDUCTION
    as_of_text = request.GET.get("as_of", "")
    as_of = int(as_of_text) if as_of_text.isdigit() else None
    try:
        result = queries.rankings(measure, rule, as_of)
        error = ""
    except InputError as exc:
        result, error = None, exc.message
    return render(request, "insights/top.html", {
        "result": result, "error": error, "measure": measure, "rule": rule, "as_of": as_of or "",
        "measures": queries.MEASURES, "rules": list(RankingRule), "names": queries.names(),
        "rule_words": words.ranking_rule(rule, measure.id), "unit_words": words.ranking_unit(result.unit) if result else "",
    })  # fmt: skip


@require_GET
def opendata_index(request: HttpRequest) -> HttpResponse:
    _folder, manifest = opendata.ensure_built()
    return render(request, "insights/opendata.html", {"manifest": manifest})


@require_http_methods(["GET", "HEAD", "OPTIONS"])
def opendata_file(request: HttpRequest, name: str) -> HttpResponseBase:
    """One file of the current build; open to other sites (CORS), cached by ETag (its sha256) and
    Last-Modified (the build's time), 304 on If-None-Match / If-Modified-Since, HEAD like GET."""
    m = _FILE.match(name)
    if not m:
        raise Http404(_("No such file."))
    if request.method == "OPTIONS":
        return _open_to_all(HttpResponse(status=204))
    folder, manifest = opendata.ensure_built()
    digests = {f["name"]: f.get("sha256", "") for f in manifest["files"]}
    if name == "manifest.json":
        digests[name] = opendata.sha256(folder / name)
    if name not in digests:
        raise Http404(_("No such file."))
    etag = f'"{digests[name]}"'
    built = int(dt.datetime.fromisoformat(manifest["built_at"].replace("Z", "+00:00")).timestamp())
    headers = {"ETag": etag, "Last-Modified": http_date(built), "Cache-Control": "public, max-age=300"}
    not_modified = get_conditional_response(request, etag=etag, last_modified=built)
    resp: HttpResponseBase
    if not_modified is not None:
        resp = not_modified
    elif request.method == "HEAD":
        resp = HttpResponse(content_type=_TYPES[m.group(1)])
        resp["Content-Length"] = str((folder / name).stat().st_size)
    else:
        resp = FileResponse((folder / name).open("rb"), content_type=_TYPES[m.group(1)])
        resp["Content-Disposition"] = f'attachment; filename="localaction-{name}"'
    for key, value in headers.items():
        resp[key] = value
    return _open_to_all(resp)


def _open_to_all(resp: HttpResponseBase) -> HttpResponseBase:
    # Open data is public: any site's page may read it (never with credentials).
    resp["Access-Control-Allow-Origin"] = "*"
    resp["Access-Control-Expose-Headers"] = "ETag, Content-Disposition"
    if resp.status_code == 204:
        resp["Allow"] = resp["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        resp["Access-Control-Allow-Headers"] = "if-none-match, if-modified-since"
    return resp
