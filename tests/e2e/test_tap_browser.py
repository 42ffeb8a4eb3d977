"""TAP and the gateway in a real browser: a city submits a project, a TAP reviewer scores it and returns it with
feedback, the city revises and resubmits, the reviewer seals it into the pipeline, a funder finds it by filters
and expresses interest, and the city sees the interest and gateway suggestions for its profile."""

from __future__ import annotations

from typing import Any

import pytest

from localaction.registry import services as reg
from localaction.registry.tap.models import Project
from tests.e2e.conftest import PASSWORD, shot
from tests.factories import published_inventory
from tests.registry.tap.conftest import make_tap

pytestmark = pytest.mark.django_db(transaction=True)


def _act(page: Any, button: str) -> None:
    page.get_by_role("button", name=button).click()
    page.wait_for_load_state()


def test_tap_cycle_from_city_to_funder(new_page: Any) -> None:
    tap = make_tap()
    published_inventory(tap.world, 2021)  # a profile for the suggestions
    for user in tap.users.values():
        if user is not None:
            user.set_password(PASSWORD)
            user.save(update_fields=["password"])

    city = new_page("approver_a")
    city.goto("/tap/mine/")
    city.get_by_role("link", name="New project for São Paulo").click()
    city.get_by_label("Call for proposals").select_option(label="Call 1")
    city.get_by_label("Title").fill("Cool corridors and e-buses")
    city.get_by_label("Summary").fill("Shaded bus corridors with electric buses.")
    city.get_by_label("Mitigation / adaptation").select_option("both")
    city.get_by_label("II · Transportation").check()
    city.get_by_label("Concessional loan").check()
    city.get_by_label("Total cost").fill("30000000")
    city.get_by_label("Funding sought").fill("25000000")
    city.locator("#id_council_approval").select_option("adopted")
    _act(city, "Save draft")
    shot(city, "tap_project_form")
    _act(city, "Submit to TAP")
    assert city.locator("#status").inner_text().strip() == "Submitted"
    project = Project.objects.get(title="Cool corridors and e-buses")

    reviewer = new_page("tap_reviewer")
    reviewer.goto(f"/tap/projects/{project.pk}/")
    reviewer.get_by_role("link", name="Score and give feedback").click()
    for label, value in (("Transformative ambition", "4"), ("Bankability", "3"), ("Co-benefits", "4"),
                         ("Replicability", "4"), ("Inclusiveness", "3")):  # fmt: skip
        reviewer.get_by_label(label).fill(value)
    reviewer.get_by_label("Feedback to the city").fill("Please attach the council decision.")
    _act(reviewer, "Save review")
    reviewer.get_by_placeholder("Feedback to the city").fill("Please attach the council decision.")
    _act(reviewer, "Return with feedback")
    assert reviewer.locator("#status").inner_text().strip() == "Returned"

    city.goto(f"/tap/projects/{project.pk}/edit/")
    assert "Please attach the council decision." in city.content()
    city.get_by_label("Council approval date").fill("2026-03-01")
    _act(city, "Save draft")
    _act(city, "Submit to TAP")

    reviewer.goto(f"/tap/projects/{project.pk}/")
    _act(reviewer, "Mark screened")
    _act(reviewer, "Seal into the pipeline")
    assert reviewer.locator("#status").inner_text().strip() == "Pipeline"
    reviewer.goto("/tap/desk/")
    shot(reviewer, "tap_desk")

    funder = new_page("funder")
    funder.goto("/tap/")
    funder.get_by_label("Sector").select_option("II")
    funder.get_by_label("Instrument").select_option("concessional_loan")
    _act(funder, "Filter")
    funder.get_by_role("link", name="Cool corridors and e-buses").click()
    funder.get_by_label("Message to the city").fill("We can offer a 15-year loan.")
    _act(funder, "Express interest")
    shot(funder, "tap_sheet_funder")
    assert "Funder two" not in funder.content()

    city.goto(f"/tap/projects/{project.pk}/")
    assert "We can offer a 15-year loan." in city.locator("#interest ~ ul").inner_text()

    hazard = reg.create_hazard(tap.users["editor_a"], tap.world.city_a, hazard_type="Extreme hot temperature")
    hazard = reg.submit(tap.users["approver_a"], hazard, revision=hazard.revision)
    hazard = reg.validate(tap.users["reviewer"], hazard, revision=hazard.revision)
    reg.publish(tap.users["admin"], hazard, revision=hazard.revision)
    city.goto("/workspace/")
    assert city.get_by_role("link", name="Heat shelters").count() >= 1
    shot(city, "gateway_suggestions")
    city.goto("/solutions/?q=heat")
    shot(city, "gateway_search")
