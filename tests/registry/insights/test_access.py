"""Every insights route × every role (all public, published data only). A route without a row fails
``test_every_route_has_a_row``. Drafts never show: the draft inventory (2022) of São Paulo is absent."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

from tests.access import check_table, run_matrix
from tests.factories import ROLES
from tests.registry.insights.conftest import Site

ALL_200 = dict.fromkeys(ROLES, 200)
ALL_404 = dict.fromkeys(ROLES, 404)
Case = tuple[Callable[[Site], str], dict[str, int]]
_ROWS: dict[str, list[Case]] = {
    "index": [(lambda s: reverse("insights:index"), ALL_200)],
    "registry_report": [(lambda s: reverse("insights:registry_report", args=[2021]), ALL_200)],
    "theme_report": [
        (lambda s: reverse("insights:theme_report", args=["climate", 2021]), ALL_200),
        (lambda s: reverse("insights:theme_report", args=["Bad!", 2021]), ALL_404),
    ],
    "jurisdiction_report": [
        (lambda s: reverse("insights:jurisdiction_report", args=["sao-paulo", 2021]), ALL_200),
        (lambda s: reverse("insights:jurisdiction_report", args=["nowhere", 2021]), ALL_404),
    ],
    "report_file": [
        (lambda s: reverse("insights:report_file", args=["registry", "all", 2021, "html"]), ALL_200),
        (lambda s: reverse("insights:report_file", args=["registry", "all", 2021, "exe"]), ALL_404),
    ],
    "report_csv": [
        (
            lambda s: reverse(
                "insights:report_csv", args=["registry", "all", 2021, "table-coverage-by_kind"]
            ),
            ALL_200,
        ),
        (lambda s: reverse("insights:report_csv", args=["registry", "all", 2021, "nothing"]), ALL_404),
    ],
    "performance": [
        (lambda s: reverse("insights:performance", args=["sao-paulo"]), ALL_200),
        (lambda s: reverse("insights:performance", args=["nowhere"]), ALL_404),
    ],
    "top": [(lambda s: reverse("insights:top") + "?rule=lowest_in_peer_group&measure=basic", ALL_200)],
    "opendata": [(lambda s: reverse("insights:opendata"), ALL_200)],
    "opendata_file": [
        (lambda s: reverse("insights:opendata_file", args=["inventories.csv"]), ALL_200),
        (lambda s: reverse("insights:opendata_file", args=["secret.exe"]), ALL_404),
    ],
}
TABLE = {f"insights:{name}": cases for name, cases in _ROWS.items()}


def test_every_route_has_a_row() -> None:
    assert check_table(TABLE, ROLES, ["insights"]) == []


def test_route_role_matrix(site: Site) -> None:
    assert run_matrix(TABLE, site, ROLES, site.client) == []


def test_drafts_never_show(site: Site) -> None:
    for role in ("editor_a", "admin"):
        client = site.client(role)
        page = client.get(reverse("insights:performance", args=["sao-paulo"])).content.decode()
        assert "2021" in page and "2022" not in page
        data = b"".join(
            client.get(reverse("insights:opendata_file", args=["inventories.csv"])).streaming_content
        )
        assert b"sao-paulo,2021" in data and b"sao-paulo,2022" not in data


def test_panel_on_the_jurisdiction_page(site: Site) -> None:
    page = site.client("anonymous").get(reverse("web:jurisdiction", args=["sao-paulo"])).content.decode()
    assert reverse("insights:performance", args=["sao-paulo"]) in page
    assert reverse("insights:jurisdiction_report", args=["sao-paulo", 2021]) in page
