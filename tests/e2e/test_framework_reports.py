"""A city fills the biodiversity form (Singapore Index), submits it, the secretariat publishes it and the public
page shows the score. Screenshots go to docs/screenshots/ (framework-form, framework-panel, framework-compare)."""

from __future__ import annotations

from typing import Any

import pytest

from localaction.core import frameworks
from localaction.registry.frameworks import services as reports
from tests.e2e.conftest import PASSWORD, shot
from tests.factories import make_world
from tests.registry.frameworks.helpers import published_report

pytestmark = pytest.mark.django_db(transaction=True)


def test_city_fills_biodiversity_form_and_the_public_sees_the_score(new_page: Any) -> None:
    world = make_world()
    for user in world.users.values():
        if user is not None:
            user.set_password(PASSWORD)
            user.save(update_fields=["password"])
    example = dict(frameworks.example_report("singapore_index")["answers"])
    # A baseline from an earlier year, so the trend and the radar's baseline show too.
    baseline = {**example, "natural_areas": {"numerator": 5, "denominator": 100}}
    published_report(world, year=2019, answers=baseline)
    answers = {k: v for k, v in example.items() if k not in ("natural_areas", "native_birds_built_up")}
    draft = reports.create_report(
        world.users["editor_a"], world.city_a, framework_id="singapore_index", year=2023, answers=answers
    )

    editor = new_page("editor_a")
    editor.goto(f"/workspace/reports/{draft.pk}/")
    editor.locator("#id_natural_areas__numerator").fill("1850")
    editor.locator("#id_natural_areas__denominator").fill("0")  # a mistake: the message shows next to it
    editor.locator("#save-answers").click()
    assert editor.locator("#ind-natural_areas .errorlist").count() >= 1
    editor.locator("#id_natural_areas__denominator").fill("10000")
    editor.locator("#id_native_birds_built_up").fill("35")
    editor.locator("#save-answers").click()
    editor.wait_for_selector("#total-score")
    assert "49" in editor.locator("#total-score").inner_text()  # as the worked example, scored by the engine
    shot(editor, "framework-form")

    approver = new_page("approver_a")
    approver.goto(f"/workspace/reports/{draft.pk}/")
    approver.locator("[data-action=submit]").click()
    approver.wait_for_selector("text=Submitted for review.")

    reviewer = new_page("reviewer")
    reviewer.goto("/review/")
    reviewer.locator(f"a[href='/review/report/{draft.pk}/']").first.click()
    reviewer.locator("[data-action=validate]").click()
    reviewer.locator("[data-confirm]").click()  # validate asks first
    reviewer.wait_for_selector("text=Validated.")
    admin = new_page("admin")  # four eyes: not the validator
    admin.goto(f"/review/report/{draft.pk}/")
    admin.locator("[data-action=publish]").click()
    admin.locator("[data-confirm]").click()
    admin.wait_for_selector("text=Published: it is now public.")

    public = new_page()
    public.goto(f"/jurisdictions/{world.city_a.slug}/")
    panel = public.locator("#framework-reports")
    assert "2023: score 49 of 92" in panel.inner_text()
    panel.scroll_into_view_if_needed()
    shot(public, "framework-panel")
    public.goto("/frameworks/singapore_index/compare/?indicator=natural_areas&jurisdiction=sao-paulo")
    assert public.locator("#peers tr.self").count() == 1
    shot(public, "framework-compare")
