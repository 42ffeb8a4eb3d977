"""The review desk (issue 16): each line's change against the previous year's published inventory in %, the
line-total check that names a line that fell 48 %, and a history told in words."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from localaction.registry import services
from localaction.registry.base.models import AuditEntry
from tests.factories import World, complete_lines


def _lines(big: float) -> list[dict[str, object]]:
    return [{**ln, "value_tco2e": big} if ln["gpc_ref"] == "I.1.1" else ln for ln in complete_lines()]


def _client(world: World, role: str) -> Client:
    c = Client()
    c.force_login(world.users[role])  # type: ignore[arg-type]
    return c


@pytest.fixture
def desk(world: World) -> tuple[World, object]:
    editor, approver = world.users["editor_a"], world.users["approver_a"]
    last = services.create_inventory(editor, world.city_a, year=2021, population=1_000_000)
    last = services.replace_contents(editor, last, revision=last.revision, lines=_lines(2_000_000.0))
    last = services.submit(approver, last, revision=last.revision)
    last = services.validate(world.users["reviewer"], last, revision=last.revision)
    services.publish(world.users["admin"], last, revision=last.revision)
    inv = services.create_inventory(editor, world.city_a, year=2022, population=1_000_000)
    inv = services.replace_contents(
        editor, inv, revision=inv.revision, lines=_lines(1_040_000.0), source="nova-2022.csv"
    )
    inv = services.submit(approver, inv, revision=inv.revision)
    return world, inv


def test_a_line_that_fell_48_percent_shows_in_percent_and_raises_a_check(desk: tuple[World, object]) -> None:
    world, inv = desk
    page = _client(world, "reviewer").get(reverse("web:review_detail", args=["inventory", inv.pk]))  # type: ignore[attr-defined]
    html = page.content.decode()
    assert "vs 2021 (published)" in html
    row = re.search(r'<tr id="line-I-1-1".*?</tr>', html, re.S)
    assert row is not None
    assert 'data-year-change="-0.48"' in row.group(0) and "\u221248\u00a0%" in row.group(0)
    assert 'class="large-change"' in row.group(0)
    assert 'data-check="year_on_year.line_total_change"' in html and "All checks pass" not in html
    other = re.search(r'<tr id="line-I-2-1".*?</tr>', html, re.S)
    assert other is not None and "\u00b10\u00a0%" in other.group(0) and "large-change" not in other.group(0)


def test_history_speaks_in_words(desk: tuple[World, object]) -> None:
    world, inv = desk
    page = _client(world, "reviewer").get(reverse("web:review_detail", args=["inventory", inv.pk]))  # type: ignore[attr-defined]
    history = re.search(r'<section id="history".*?</section>', page.content.decode(), re.S)
    assert history is not None
    text = re.sub(r"<[^>]+>", " ", history.group(0))
    assert "records and lines replaced by upload of nova-2022.csv" in text
    assert "submitted for review by approver_a" in text
    assert "created by editor_a" in text
    actions = set(AuditEntry.objects.filter(object_id=str(inv.pk)).values_list("action", flat=True))  # type: ignore[attr-defined]
    assert "replace_contents" in actions
    for raw in actions:
        assert not re.search(rf"\b{raw}\b", text) or "_" not in raw, raw  # no raw action id is shown
