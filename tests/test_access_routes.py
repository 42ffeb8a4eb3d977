"""Every route of the site has a row in an access table (tests/access.py runs them): the pages' tables
here, the API's in its permission matrices (tests/faces/api/test_permission_matrix.py and each feature's
test_api.py, which check every operation of the OpenAPI document)."""

from __future__ import annotations

from tests.access import site_routes
from tests.faces.web.datasets.test_pages import TABLE as DATASETS
from tests.faces.web.test_access import TABLE as WEB
from tests.faces.web.verification.test_access import TABLE as VERIFICATION
from tests.registry.frameworks.test_web import TABLE as FRAMEWORKS
from tests.registry.insights.test_access import TABLE as INSIGHTS
from tests.registry.network.test_web_access import TABLE as NETWORK
from tests.registry.tap.test_web_access import TABLE as TAP_AND_GATEWAY
from tests.registry.targets.test_pages import TABLE as TARGETS

PAGE_TABLES = (WEB, DATASETS, VERIFICATION, FRAMEWORKS, INSIGHTS, NETWORK, TAP_AND_GATEWAY, TARGETS)
NOT_PAGES = ("api", "")  # the API's own matrices; "" = development-only static files


def test_every_page_route_of_the_site_has_a_row() -> None:
    covered = {name for table in PAGE_TABLES for name in table}
    pages = {r for r in site_routes() if r.split(":", 1)[0] not in NOT_PAGES}
    assert sorted(pages - covered) == [], "give each of these routes a row in its feature's access table"
