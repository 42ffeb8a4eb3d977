"""A funder's "Express interest" (issue 16): each expression is stored (instrument, message, date) and shown
back on the project sheet; an empty one is refused; the sheet links to the city's public page, inventories
and targets and says the currency."""

from __future__ import annotations

import pytest
from django.urls import reverse

from localaction.registry.base.errors import ValidationFailed
from localaction.registry.tap import services
from localaction.registry.tap.models import Interest
from tests.registry.tap.conftest import Tap

pytestmark = pytest.mark.django_db


def test_each_expression_is_stored_and_shown_back_and_an_empty_one_is_refused(tap: Tap) -> None:
    funder = tap.client("funder")
    url = reverse("tap:interest", args=[tap.pipeline.pk])
    mine = Interest.objects.filter(project=tap.pipeline, funder=tap.users["funder"])
    refused = funder.post(url, {"instrument": "", "message": "  "}, follow=True)
    assert "Choose an instrument from the list, or write a message." in refused.content.decode()
    assert not mine.exists()
    done = funder.post(url, {"instrument": "grant", "message": "We could co-fund the design."}, follow=True)
    assert "Your interest was recorded" in done.content.decode()
    funder.post(url, {"instrument": "", "message": "Following up after the site visit."})
    assert [(i.instrument, i.message) for i in mine.order_by("created_at", "id")] == [
        ("grant", "We could co-fund the design."),
        ("", "Following up after the site visit."),
    ]
    assert all(i.created_at is not None for i in mine)
    sheet = funder.get(reverse("tap:sheet", args=[tap.pipeline.pk])).content.decode()
    assert "We could co-fund the design." in sheet and "Following up after the site visit." in sheet
    assert "Funder two's secret terms" not in sheet  # another funder's interest stays theirs
    with pytest.raises(ValidationFailed):
        services.express_interest(tap.users["funder"], tap.pipeline, "", "")


def test_the_sheet_links_to_the_city_and_says_the_currency(tap: Tap) -> None:
    sheet = tap.client("funder").get(reverse("tap:sheet", args=[tap.pipeline.pk])).content.decode()
    city = reverse("web:jurisdiction", args=[tap.pipeline.jurisdiction.slug])
    assert (
        f'href="{city}"' in sheet
        and f'href="{city}#emissions"' in sheet
        and f'href="{city}#targets"' in sheet
    )
    assert 'id="currency"' in sheet and (tap.pipeline.currency or "—") in sheet
