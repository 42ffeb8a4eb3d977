"""The public registry: home, directory, jurisdiction page, inventory page, downloads, compare, factors."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from localaction.core.catalog.factors import factor_library
from localaction.faces.web import charts, downloads
from localaction.faces.web.panels import JURISDICTION_PANELS, render_panels
from localaction.faces.web.tables import NOTATION_KEYS, QUALITY, gpc_rows, reported_rows, totals
from localaction.faces.web.views.common import page_number
from localaction.registry.actions.models import Action
from localaction.registry.base import access, kinds
from localaction.registry.base.models import Jurisdiction, JurisdictionKind
from localaction.registry.hazards.models import HazardAssessment
from localaction.registry.inventories.models import Inventory
from localaction.registry.services import get_inventory, public
from localaction.registry.targets.models import Commitment, Target

MAX_COMPARE = 5


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "web/home.html",
        {
            "summary": public.registry_summary(),
            "recent": [(r, kinds.of(r).slug) for r in public.recent_publications(8)],
        },
    )


def _int(value: str | None) -> int | None:
    try:
        return int(str(value).replace(",", "").replace(" ", "")) if value not in (None, "") else None
    except ValueError:
        return None


@require_GET
def directory(request: HttpRequest) -> HttpResponse:
    g = request.GET
    query: dict[str, Any] = {
        "q": g.get("q", "").strip(),
        "country": g.get("country", "").strip(),
        "region": g.get("region", "").strip(),
        "kind": g.get("kind", "").strip(),
        "population_min": _int(g.get("population_min")),
        "population_max": _int(g.get("population_max")),
    }
    rows = public.search_jurisdictions(
        query["q"],
        country=query["country"],
        region=query["region"],
        kind=query["kind"],
        population_min=query["population_min"],
        population_max=query["population_max"],
    )
    page = Paginator(rows, 50).get_page(page_number(request))
    facets = public.directory_facets()
    kinds = dict(JurisdictionKind.choices)
    return render(
        request,
        "web/directory.html",
        {
            "query": query,
            "page": page,
            "count": len(rows),
            "facets": facets,
            "kinds": [(k, kinds.get(k, k)) for k in facets["kinds"]],
            "querystring": g.urlencode() if g else "",
        },
    )


def inventory_context(inv: Inventory) -> dict[str, Any]:
    """What the GPC-table part of a page needs (public page, inventory page)."""
    rows = gpc_rows(inv)
    return {
        "inventory": inv,
        "rows": reported_rows(rows),
        "all_rows": rows,
        "totals": totals(inv),
        "notation_keys": NOTATION_KEYS,
        "quality": QUALITY,
        "downloads": [
            (fmt.upper(), reverse("web:inventory_download", args=[inv.pk, fmt])) for fmt in downloads.FORMATS
        ],
    }


def _jurisdiction_charts(jur: Jurisdiction, latest: Inventory | None, series: list[Inventory]) -> list[Any]:
    out = []
    if latest is not None and latest.by_sector_tco2e:
        out.append(charts.sector_chart(latest))
    if len(series) >= 1:
        out.append(charts.trend_chart(series))
    for chart in out:
        chart.csv_url = reverse("web:chart_csv", args=[jur.slug, chart.key])
    return out


@require_GET
def jurisdiction(request: HttpRequest, slug: str) -> HttpResponse:
    jur = get_object_or_404(Jurisdiction.objects.select_related("parent"), slug=slug)
    series = public.inventory_series(request.user, jur)
    latest = series[-1] if series else None
    targets = list(public.published_of(Target, jur).order_by("target_year"))
    stats = public.latest_stats([jur.pk]).get(jur.pk)
    context: dict[str, Any] = {
        "jurisdiction": jur,
        "stat": stats,
        "series": series,
        "charts": _jurisdiction_charts(jur, latest, series),
        "targets": [(t, public.target_progress(t, series)) for t in targets],
        "commitments": list(public.published_of(Commitment, jur)),
        "actions": list(public.published_of(Action, jur).order_by("status", "title")),
        "hazards": list(public.published_of(HazardAssessment, jur).order_by("hazard_type")),
        "in_workspace": access.can_create_in(request.user, jur),
        "panels": render_panels(JURISDICTION_PANELS, request, jur),
    }
    if latest is not None:
        context.update(inventory_context(latest))
    return render(request, "web/jurisdiction.html", context)


@require_GET
def jurisdiction_chart_csv(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    jur = get_object_or_404(Jurisdiction, slug=slug)
    series = public.inventory_series(request.user, jur)
    found = {c.key: c for c in _jurisdiction_charts(jur, series[-1] if series else None, series)}
    if key not in found:
        raise Http404(_("No such chart"))
    return downloads.chart_csv(found[key].csv_text(), f"{jur.slug}-{key}.csv")


@require_GET
def inventory(request: HttpRequest, pk: int) -> HttpResponse:
    inv = get_inventory(request.user, pk)
    context = inventory_context(inv)
    context["jurisdiction"] = inv.jurisdiction
    context["versions"] = public.inventory_series(request.user, inv.jurisdiction)
    return render(request, "web/inventory.html", context)


@require_GET
def inventory_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in downloads.FORMATS:
        raise Http404(_("Downloads come as CSV, JSON or XLSX"))
    inv = get_inventory(request.user, pk)
    return downloads.FORMATS[fmt](inv)


def _compared(request: HttpRequest) -> list[Jurisdiction]:
    slugs = [s for s in request.GET.getlist("j") if s][:MAX_COMPARE]
    found = {j.slug: j for j in Jurisdiction.objects.filter(slug__in=slugs)}
    return [found[s] for s in dict.fromkeys(slugs) if s in found]


@require_GET
def compare(request: HttpRequest) -> HttpResponse:
    chosen = _compared(request)
    rows = charts.compare_rows(chosen)
    chart = charts.compare_chart(rows) if len(chosen) >= 2 else None
    if chart is not None:
        chart.csv_url = reverse("web:compare_csv") + "?" + request.GET.urlencode()
    return render(
        request,
        "web/compare.html",
        {
            "chosen": chosen,
            "rows": rows,
            "chart": chart,
            "choices": Jurisdiction.objects.order_by("name_ascii"),
            "slots": [(i, chosen[i].slug if i < len(chosen) else "") for i in range(MAX_COMPARE)],
            "sectors": charts.SECTORS,
            "max_compare": MAX_COMPARE,
        },
    )


@require_GET
def compare_csv(request: HttpRequest) -> HttpResponse:
    chosen = _compared(request)
    chart = charts.compare_chart(charts.compare_rows(chosen))
    return downloads.chart_csv(chart.csv_text(), "compare.csv")


@require_GET
def factors(request: HttpRequest) -> HttpResponse:
    """Browse the emission-factor library (ids to pin in a record)."""
    q = request.GET.get("q", "").strip().lower()
    category = request.GET.get("category", "").strip()
    lib = factor_library()
    rows = [
        f
        for f in lib
        if (not category or f.category == category)
        and (not q or q in f.factor_id.lower() or q in f.activity.lower() or q == f.region.lower())
    ]
    page = Paginator(rows, 100).get_page(page_number(request))
    return render(
        request,
        "web/factors.html",
        {
            "page": page,
            "count": len(rows),
            "q": request.GET.get("q", ""),
            "category": category,
            "categories": sorted({f.category for f in lib}),
            "fuels": lib.fuels,
        },
    )
