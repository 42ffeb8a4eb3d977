"""Insights in a browser: the performance page and the yearly report draw their charts (plotly SVG) beside
their tables; screenshots into docs/screenshots/."""

from __future__ import annotations

from typing import Any

import pytest

from localaction.registry import services
from localaction.registry.base import access
from localaction.registry.base.models import State
from localaction.registry.inventories.models import Inventory
from tests.e2e.conftest import shot
from tests.factories import make_world

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _history() -> None:
    world = make_world()
    for jur, start, fall in ((world.city_a, 21e6, 0.04), (world.city_b, 45e6, 0.01)):
        for i, year in enumerate(range(2015, 2022)):
            Inventory.objects.create(
                jurisdiction=jur, year=year, state=State.PUBLISHED, data_source="CDP open data 2021",
                boundary="Administrative boundary of a local government", reporting_year=year + 1,
                reported_basic_tco2e=start * (1 - fall) ** i, verification_status="verified" if i > 4 else "self_reported",
            )  # fmt: skip
        services.set_stat(
            access.SYSTEM, jur, year=2020, population=12_000_000 if jur == world.city_a else 9_700_000
        )


def test_performance_and_report_pages(new_page: Any) -> None:
    _history()
    page = new_page()
    page.goto("/insights/jurisdictions/sao-paulo/performance/?measure=basic.per_capita")
    page.wait_for_selector("#chart-series-series svg")
    assert "Compound annual change" in page.content()
    shot(page, "insights-performance")
    page.goto("/insights/reports/registry/2021/")
    page.wait_for_selector("[data-figure] svg")
    assert page.locator("text=Download these numbers (CSV)").count() >= 1
    shot(page, "insights-registry-report")
