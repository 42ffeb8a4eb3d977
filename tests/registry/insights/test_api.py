"""The insights API routes × roles (public reads), enumerated from the OpenAPI schema so a new
``/insights`` route without a row fails; and the API returns the same numbers as the pages."""

from __future__ import annotations

from localaction.faces.api import api
from localaction.registry.insights import queries
from tests.factories import ROLES
from tests.registry.insights.conftest import Site

BASE = "/api/v1"
ROWS: dict[str, list[tuple[str, int]]] = {
    "/insights/jurisdictions/{ref}/series": [
        ("/insights/jurisdictions/sao-paulo/series?measure=basic", 200),
        ("/insights/jurisdictions/nowhere/series", 404),
        ("/insights/jurisdictions/sao-paulo/series?measure=nonsense", 422),
    ],
    "/insights/jurisdictions/{ref}/peers": [
        ("/insights/jurisdictions/sao-paulo/peers?measure=basic.per_capita", 200),
        ("/insights/jurisdictions/sao-paulo/peers?year=1", 422),
    ],
    "/insights/rankings": [
        ("/insights/rankings?rule=fastest_annual_reduction", 200),
        ("/insights/rankings?rule=best_vibes", 422),
    ],
}


# (method, full path) -> rows: the shape tests/faces/api/test_permission_matrix.py subtracts.
MATRIX: dict[tuple[str, str], list[tuple[str, int]]] = {
    ("GET", BASE + path): rows for path, rows in ROWS.items()
}


def _routes() -> set[str]:
    paths = api.get_openapi_schema(path_prefix="")["paths"]
    return {p for p in paths if p.startswith("/insights")}


def test_every_insights_route_has_a_row() -> None:
    assert _routes() == set(ROWS)


def test_matrix(site: Site) -> None:
    failures = []
    for role in ROLES:
        client = site.client(role)
        for rows in ROWS.values():
            for url, expected in rows:
                resp = client.get(BASE + url)
                if resp.status_code != expected:
                    failures.append(f"{url} as {role}: {resp.status_code}, expected {expected}")
                elif expected != 200:
                    assert set(resp.json()) == {"error"}, resp.json()
    assert not failures, "\n".join(failures)


def test_same_numbers_as_the_pages(site: Site) -> None:
    body = site.client("anonymous").get(BASE + "/insights/jurisdictions/sao-paulo/series").json()
    series = queries.performance("sao-paulo", queries.parse_measure("basic"))["series"]
    assert [p["year"] for p in body["series"]["points"]] == [2021]  # the 2022 draft is not published
    assert [p["value"] for p in body["series"]["points"]] == [p.value for p in series.points]
    ranking = site.client("anonymous").get(BASE + "/insights/rankings").json()
    assert ranking["rule_text"] and ranking["rule"] == "highest_reduction"
