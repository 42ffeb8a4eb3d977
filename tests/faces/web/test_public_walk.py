"""Walk every public page of the demo as an anonymous reader (issue 16): following links from the home page
(bounded), no internal id (``snake_case``) is shown as text, and every per-person figure shows its stored
value rounded (1.2196 → 1.22), never truncated. The walker is tests/faces/web/walker.py."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.faces.web.walker import internal_ids, visible_text, walk


def test_the_walker_sees_what_a_reader_sees() -> None:
    html = (
        "<p>climate zone: boreal_temperate_wet</p><code>natural_gas</code><script>var a_b = 1;</script>"
        '<a href="/x/y_z/">open inventory_lines.csv</a><select><option>per_capita</option></select>'
        '<span data-per-capita="1.2196">1.21 t CO2e</span>'
    )
    text, links = visible_text(html)
    assert [w for w, _ctx in internal_ids(text)] == [
        "boreal_temperate_wet"
    ]  # code, script, file names left out
    assert links == ["/x/y_z/"]


@pytest.mark.django_db
def test_every_public_page_of_the_demo_speaks_in_words_and_rounds() -> None:
    from localaction import demo

    demo.load_demo()
    result = walk(Client(), limit=350)
    assert len(result.pages) >= 150  # home, directory, every city, inventories, insights, network, TAP …
    assert {"/", "/jurisdictions/", "/insights/"} <= set(result.pages)
    shown = sorted({f"{h.token} on {h.url}: …{h.context}…" for h in result.hits})
    assert shown == [], "\n".join(shown[:40])
    assert result.rounding == []


def test_a_truncated_per_person_figure_is_reported() -> None:
    class Page:
        status_code = 200
        content = (
            b'<p><span data-per-capita="1.2196">1.21\xc2\xa0t\xc2\xa0CO2e</span> <a href="/b/">b</a></p>'
        )

        def get(self, key: str, default: str = "") -> str:
            return "text/html; charset=utf-8"

    class Fake:
        def get(self, url: str) -> Page:
            return Page()

    result = walk(Fake(), limit=3)
    assert result.pages == ["/", "/b/"] and result.rounding == [
        "/: stored 1.2196 shown 1.21",
        "/b/: stored 1.2196 shown 1.21",
    ]
