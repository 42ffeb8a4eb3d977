"""Browser test of "are we on track?": a city editor adds a target and two actions, sees the pathway chart and
the gap; once published, the public jurisdiction page shows the target's progress. Saves screenshots."""

from __future__ import annotations

import re
from typing import Any

import pytest

from localaction.registry import services
from localaction.registry.targets.models import Target
from tests.e2e.conftest import PASSWORD, shot
from tests.factories import make_world
from tests.registry.targets.conftest import inventory, publish

pytestmark = pytest.mark.django_db(transaction=True)


def test_editor_plans_and_the_public_sees_progress(new_page: Any) -> None:
    world = make_world()
    for user in world.users.values():
        if user is not None:
            user.set_password(PASSWORD)
            user.save(update_fields=["password"])
    inventory(world, 2019, 100_000.0)  # BASIC 3,200,000 t
    inventory(world, 2021, 90_000.0)  # 2,880,000 t

    page = new_page("editor_a")
    page.goto("/workspace/sao-paulo/targets/new/")
    page.locator("#id_kind").select_option("base_year")
    page.locator("#id_title").fill("Half by 2030")
    page.locator("#id_base_year").fill("2019")
    page.locator("#id_base_emissions_tco2e").fill("3200000")
    page.locator("#id_target_year").fill("2030")
    page.locator("#id_reduction_pct").fill("50")
    page.locator("#id_interim_targets").fill("2025: 25")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r"/targets/\d+/$"))
    target = Target.objects.get(title="Half by 2030")

    for title, sector, start, cut in (
        ("Bus rapid transit", "II", "2024-01-01", "200000"),
        ("Retrofit schools", "I", "2025-01-01", "150000"),
    ):
        page.goto("/workspace/sao-paulo/action/new/")
        page.locator("#id_title").fill(title)
        page.locator("#id_action_type").select_option("mitigation")
        page.locator("#id_gpc_sectors").fill(sector)
        page.locator("#id_start_date").fill(start)
        page.locator("#id_reduction_tco2e_per_yr").fill(cut)
        page.get_by_role("button", name="Save").click()
        page.wait_for_url(re.compile(r"/workspace/action/\d+/$"))

    page.goto(f"/targets/{target.pk}/")
    page.locator("#chart-pathway .main-svg").first.wait_for()  # Plotly drew the chart
    gap = page.locator("#gap").inner_text()
    # Constant BAU 2,880,000 − 350,000 = 2,530,000 in 2030; target 1,600,000 → gap 930,000 t, 32.3 % of BAU.
    assert "930,000" in gap and "32.3" in gap, gap
    assert page.locator("#progress-table").get_by_text("on track").count() >= 1
    shot(page, "target-pathway")

    target = publish(world, Target.objects.get(pk=target.pk))  # type: ignore[assignment]
    assert services.visible(None, Target).filter(pk=target.pk).exists()
    public = new_page()
    public.goto("/jurisdictions/sao-paulo/")
    section = public.locator("#on-track")
    text = section.inner_text().replace("\xa0", " ")
    assert "20 % of the reduction achieved (2021)" in text and "on track" in text, text
    # The shared targets section shows the engine's figure too.
    assert "20 % of the planned reduction achieved" in public.locator("main").inner_text().replace(
        "\xa0", " "
    )
    shot(public, "jurisdiction-on-track")
