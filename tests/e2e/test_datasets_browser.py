"""Browser test of prefill → accept a sector → submit → the cross-check shows on the review desk (and the
city's explanation beside it). Screenshots go to a temporary folder."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from localaction.registry import services
from tests.e2e.conftest import PASSWORD
from tests.factories import complete_lines, make_world
from tests.registry.datasets.conftest import load_all

pytestmark = pytest.mark.django_db(transaction=True)


def test_prefill_accept_a_sector_submit_and_review(new_page: Any, tmp_path: Path) -> None:
    world = make_world()
    for user in world.users.values():
        if user is not None:
            user.set_password(PASSWORD)
            user.save(update_fields=["password"])
    load_all(tmp_path)
    # A draft complete except two waste lines, which the datasets will fill (population 1,000,000 → 0.5 %).
    # the editor prepares, the approver submits (the city's preparer/approver split, on with two members)
    inv = services.create_inventory(world.users["editor_a"], world.city_a, year=2022, population=1_000_000)
    lines = [ln for ln in complete_lines() if ln["gpc_ref"] not in ("III.1.1", "III.4.1")]
    inv = services.replace_contents(world.users["editor_a"], inv, revision=inv.revision, lines=lines)
    assert inv.check_errors > 0  # the two empty BASIC lines block a submission

    page = new_page("approver_a")
    page.goto("/workspace/")
    page.get_by_role("link", name="prefill from datasets").click()
    page.wait_for_url(re.compile(r"/workspace/inventories/\d+/prefill/$"))
    waste = page.locator("#sector-III")
    assert "national 5.A solid waste disposal × city population share 0.50 %" in waste.inner_text()
    page.screenshot(path=str(tmp_path / "prefill.png"), full_page=True)
    waste.get_by_role("button", name="Accept the Waste suggestions").click()
    page.wait_for_url(re.compile(r"/prefill/$"))
    assert "2 line(s) filled in; 0 kept as entered." in page.locator("main").inner_text()
    assert waste.locator("[data-taken]").count() == 2

    page.goto(f"/workspace/inventories/{inv.pk}/")
    page.locator("input[name=declare]").check()  # the approver's declaration goes with the submission
    page.locator("button[data-action=submit]").click()
    page.wait_for_load_state()
    inv.refresh_from_db()
    assert inv.state == "submitted"
    assert inv.gpc_lines.get(gpc_ref="III.1.1").entered_value_tco2e == pytest.approx(
        150_000
    )  # 30,000 kt × 0.5 %
    assert inv.gpc_lines.get(gpc_ref="III.1.1").source.startswith("UNFCCC CRF")

    # The city answers the transport gap on its cross-check page.
    page.goto(f"/workspace/inventories/{inv.pk}/cross-check/")
    card = page.locator('.crosscheck[data-subject="sector:II"]')
    card.get_by_label("Explanation").fill("Our transport line counts fuel sold inside the city only.")
    card.get_by_role("button", name="Save the explanation").click()
    page.wait_for_url(re.compile(r"/cross-check/$"))

    desk = new_page("reviewer")
    desk.goto("/review/")
    desk.get_by_role("link", name=re.compile("São Paulo")).first.click()
    desk.wait_for_url(re.compile(r"/review/inventory/\d+/$"))
    panel = desk.locator("#crosscheck")
    text = panel.inner_text().replace("\xa0", " ")
    assert (
        "Transport is 50 % below the downscaled national estimate (UNFCCC CRF submission 2024) and 97 % below Climate TRACE"
        in text
    )
    assert "The city explains: Our transport line counts fuel sold inside the city only." in text
    panel.screenshot(path=str(tmp_path / "review.png"))
