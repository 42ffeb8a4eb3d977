"""The reviewer's desk in a browser (issue 16): validating over a comment the city has not answered is held
back on the confirmation page until a reason is given (audited); without open comments the confirmation
asks once and validates."""

from __future__ import annotations

from typing import Any

import pytest

from localaction.registry import services
from localaction.registry.base.models import AuditEntry
from localaction.registry.inventories.models import Inventory
from tests.e2e.conftest import PASSWORD, shot
from tests.factories import make_world, ready_inventory

pytestmark = pytest.mark.django_db(transaction=True)


def test_validate_over_an_unanswered_comment_needs_a_reason(new_page: Any) -> None:
    world = make_world()
    for user in world.users.values():
        if user is not None:
            user.set_password(PASSWORD)
            user.save(update_fields=["password"])
    inv = ready_inventory(world)
    inv = services.submit(world.users["approver_a"], inv, revision=inv.revision)
    services.add_comment(world.users["reviewer"], inv, "I.1.1 fell 48 % against 2021: why?", gpc_ref="I.1.1")

    reviewer = new_page("reviewer")
    reviewer.goto(f"/review/inventory/{inv.pk}/")
    reviewer.get_by_role("button", name="Validate").click()
    main = reviewer.locator("main")
    assert "1 review comment has no answer from the city yet" in main.inner_text()
    assert "fell 48 %" in main.inner_text()
    shot(reviewer, "review-confirm-open-comments")
    reviewer.get_by_role(
        "button", name="Yes, validate"
    ).click()  # the reason is required: the browser holds it
    assert Inventory.objects.get(pk=inv.pk).state == "submitted"
    reviewer.get_by_label("Why go ahead anyway").fill("short")
    reviewer.get_by_role("button", name="Yes, validate").click()  # too short for the browser (minlength)
    assert Inventory.objects.get(pk=inv.pk).state == "submitted"
    reason = "The city explained the closure by phone; the note follows."
    reviewer.get_by_label("Why go ahead anyway").fill(reason)
    reviewer.get_by_role("button", name="Yes, validate").click()
    reviewer.wait_for_selector("text=Validated.")
    assert Inventory.objects.get(pk=inv.pk).state == "validated"
    assert AuditEntry.objects.get(action="override_open_comments").comment == reason
    # the desk's history says it in words
    assert "validated over 1 unanswered comment" in reviewer.locator("#history").inner_text()


def test_the_citys_answer_lifts_the_block_and_cancel_changes_nothing(new_page: Any) -> None:
    world = make_world()
    for user in world.users.values():
        if user is not None:
            user.set_password(PASSWORD)
            user.save(update_fields=["password"])
    inv = ready_inventory(world)
    inv = services.submit(world.users["approver_a"], inv, revision=inv.revision)
    services.add_comment(world.users["reviewer"], inv, "Which utility supplied I.1.1?", gpc_ref="I.1.1")

    city = new_page("editor_a")
    city.goto(f"/workspace/inventories/{inv.pk}/")
    city.get_by_label("Add a comment").fill("Distribuidora's billing data.")
    city.get_by_role("button", name="Comment", exact=True).click()
    city.wait_for_selector("text=Comment added.")

    reviewer = new_page("reviewer")
    reviewer.goto(f"/review/inventory/{inv.pk}/")
    reviewer.get_by_role("button", name="Validate").click()
    assert reviewer.get_by_label("Why go ahead anyway").count() == 0
    reviewer.get_by_role("link", name="Cancel").click()
    assert Inventory.objects.get(pk=inv.pk).state == "submitted"
    reviewer.get_by_role("button", name="Validate").click()
    reviewer.get_by_role("button", name="Yes, validate").click()
    reviewer.wait_for_selector("text=Validated.")
    assert Inventory.objects.get(pk=inv.pk).state == "validated"
