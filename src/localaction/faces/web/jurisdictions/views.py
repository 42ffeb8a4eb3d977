"""The public registry: home, directory, a jurisdiction's page and its chart data, compare."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from localaction.faces.web import downloads
from localaction.faces.web.common import page_number
from localaction.faces.web.inventories import charts as inventory_charts
from localaction.faces.web.inventories.tables import SECTORS
from localaction.faces.web.inventories.views import inventory_context
from localaction.faces.web.jurisdictions.charts import compare_chart, compare_rows, compare_warnings
from localaction.faces.web.pagecache import public_page
from localaction.faces.web.panels import JURISDICTION_PANELS, render_panels
from localaction.registry.actions.models import Action
from localaction.registry.base import access, kinds
from localaction.registry.base.models import Jurisdiction, JurisdictionKind
from localaction.registry.hazards.models import HazardAssessment
from localaction.registry.inventories.models import Inventory
from localaction.registry.services import public
from localaction.registry.targets.models import Commitment, Target

MAX_COMPARE = 5


@require_GET
@public_page
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "jurisdictions/home.html",
        {
            "summary": public.registry_summary(),
            "recent": [(r, kinds.of(r).slug) for r in public.recent_publications(8)],
            "recent_inventories": _recent_inventories(),
        },
    )


def _recent_inventories() -> list[tuple[Inventory, Any, float | None]]:
    """The latest published inventories, each with the population its per-person figure uses and that
    figure (BASIC per person)."""
    invs = [r for r in public.recent_publications(6, Inventory) if isinstance(r, Inventory)]
    out = []
    for inv in invs:
        people = public.population_used(inv)
        out.append((inv, people, people.per_person(public.emissions_of(inv)) if people else None))
    return out


def _int(value: str | None) -> int | None:
    try:
        return int(str(value).replace(",", "").replace(" ", "")) if value not in (None, "") else None
    except ValueError:
        return None


@require_GET
@public_page
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
        "jurisdictions/directory.html",
        {
            "query": query,
            "page": page,
            "count": len(rows),
            "facets": facets,
            "kinds": [(k, kinds.get(k, k)) for k in facets["kinds"]],
            "querystring": g.urlencode() if g else "",
        },
    )


def _jurisdiction_charts(jur: Jurisdiction, latest: Inventory | None, series: list[Inventory]) -> list[Any]:
    out = []
    if latest is not None and latest.by_sector_tco2e:
        out.append(inventory_charts.sector_chart(latest))
    if len(series) >= 1:
        out.append(inventory_charts.trend_chart(series))
    for chart in out:
        chart.csv_url = reverse("web:chart_csv", args=[jur.slug, chart.key])
    return out


@require_GET
@public_page
def jurisdiction(request: HttpRequest, slug: str) -> HttpResponse:
    jur = get_object_or_404(Jurisdiction.objects.select_related("parent"), slug=slug)
    series = public.inventory_series(request.user, jur)
    latest = series[-1] if series else None
    targets = list(public.published_of(Target, jur).order_by("target_year"))
    stats = public.latest_stats([jur.pk]).get(jur.pk)
    context: dict[str, Any] = {
        "jurisdiction": jur,
        "stat": stats,
        # the population beside the per-person figures: the latest inventory's, by the one rule
        "population": public.populations_used({jur.pk: latest})[jur.pk],
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
    return render(request, "jurisdictions/jurisdiction.html", context)


@require_GET
def jurisdiction_chart_csv(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    jur = get_object_or_404(Jurisdiction, slug=slug)
    series = public.inventory_series(request.user, jur)
    found = {c.key: c for c in _jurisdiction_charts(jur, series[-1] if series else None, series)}
    if key not in found:
        raise Http404(_("No such chart"))
    return downloads.chart_csv(found[key].csv_text(), f"{jur.slug}-{key}.csv")


def _compared(request: HttpRequest) -> list[Jurisdiction]:
    slugs = [s for s in request.GET.getlist("j") if s][:MAX_COMPARE]
    found = {j.slug: j for j in Jurisdiction.objects.filter(slug__in=slugs)}
    return [found[s] for s in dict.fromkeys(slugs) if s in found]


@require_GET
def compare(request: HttpRequest) -> HttpResponse:
    chosen = _compared(request)
    rows = compare_rows(chosen)
    chart = compare_chart(rows) if len(chosen) >= 2 else None
    if chart is not None:
        chart.csv_url = reverse("web:compare_csv") + "?" + request.GET.urlencode()
    return render(
        request,
        "jurisdictions/compare.html",
        {
            "chosen": chosen,
            "rows": rows,
            "warnings": compare_warnings(rows),
            "chart": chart,
            "choices": Jurisdiction.objects.order_by("name_ascii"),
            "slots": [(i, chosen[i].slug if i < len(chosen) else "") for i in range(MAX_COMPARE)],
            "sectors": SECTORS,
            "max_compare": MAX_COMPARE,
        },
    )


@require_GET
def compare_csv(request: HttpRequest) -> HttpResponse:
    chosen = _compared(request)
    chart = compare_chart(compare_rows(chosen))
    return downloads.chart_csv(chart.csv_text(), "compare.csv")
