"""Figures the public can trust (issue 16): per-person figures rounded, never truncated; the population a
per-person figure uses shown with its year and source, the same on every page; human names for internal ids;
compare warns when inventories are not like for like; the jurisdiction page's contents; the home page's
recent inventories."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from localaction.faces.web.labels import humanise, label
from localaction.faces.web.templatetags.web import num, per_capita, signed_pct
from localaction.registry import services
from localaction.registry.base.access import SYSTEM
from tests.factories import World, complete_lines


def test_per_person_figures_are_rounded_not_truncated() -> None:
    assert per_capita(1.2196) == "1.22\u00a0t\u00a0CO2e\u00a0per person"
    assert num(1.2196, 2) == "1.22" and num(2.675, 1) == "2.7" and num(0.994, 2) == "0.99"
    assert signed_pct(-0.482) == "\u221248\u00a0%" and signed_pct(0.3) == "+30\u00a0%"


@pytest.mark.django_db
def test_internal_ids_get_human_names_from_one_place() -> None:
    assert label("singapore_index") == "Singapore Index on Cities' Biodiversity"
    assert str(label("province_state")) == "Province / state"  # the model's own choice label
    assert str(label("efficiency_gain_10")) == "10% Efficiency-Gain Programme"
    assert str(label("highest_reduction")) == "Highest reduction since the base year"
    assert str(label("Highest_reduction")) == "Highest reduction since the base year"
    assert str(label("boreal_temperate_wet")) == "boreal or temperate, wet"
    assert str(label("ready_for_financing")) == "ready for financing"
    assert label("water_sanitation") == humanise("water_sanitation") == "Water sanitation"  # nobody named it
    for kept in ("São Paulo", "I.1.1", "AR5", "BASIC+", "2022", "nova-esperanca"):
        assert label(kept) == kept


def _published(world: World, jur, year: int, *, population: int | None, **fields) -> object:  # type: ignore[no-untyped-def]
    editor = world.users["editor_a"] if jur == world.city_a else world.users["editor_b"]
    approver = world.users["approver_a"] if jur == world.city_a else world.users["editor_b"]
    inv = services.create_inventory(editor, jur, year=year, population=population, **fields)
    inv = services.replace_contents(editor, inv, revision=inv.revision, lines=complete_lines(50_000.0))
    inv = services.submit(approver, inv, revision=inv.revision)
    inv = services.validate(world.users["reviewer"], inv, revision=inv.revision)
    return services.publish(world.users["admin"], inv, revision=inv.revision)


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.django_db
def test_every_page_uses_the_same_population_and_says_which(world: World) -> None:
    services.set_stat(SYSTEM, world.city_a, year=2022, population=11_451_245, source="IBGE census 2022")
    services.set_stat(SYSTEM, world.city_a, year=2024, population=12_000_000, source="IBGE estimate")
    inv = _published(world, world.city_a, 2022, population=None)  # no population of its own
    _published(world, world.city_b, 2022, population=9_400_000, level="BASIC+", gwp_set="AR6")
    c = Client()
    pages = {
        "jurisdiction": c.get(reverse("web:jurisdiction", args=["sao-paulo"])),
        "inventory": c.get(reverse("web:inventory", args=[inv.pk])),  # type: ignore[attr-defined]
        "directory": c.get(reverse("web:directory"), {"q": "sao"}),
        "compare": c.get(reverse("web:compare"), {"j": ["sao-paulo", "seoul"]}),
    }
    for name, page in pages.items():
        html = page.content.decode()
        found = set(re.findall(r'data-population="(\d+)"', html))
        assert "11451245" in found and "12000000" not in found, name
        assert "2022, IBGE census 2022" in _text(html), name
    # the per-person figure divides by that population, rounded as the CSV rounds
    basic = inv.basic_tco2e  # type: ignore[attr-defined]
    shown = re.search(r'data-per-capita="([\d.]+)"', pages["inventory"].content.decode())
    assert shown is not None and float(shown.group(1)) == pytest.approx(basic / 11_451_245, abs=1e-4)
    assert f"{basic / 11_451_245:.2f}" in _text(pages["inventory"].content.decode())


@pytest.mark.django_db
def test_compare_warns_when_inventories_are_not_like_for_like(world: World) -> None:
    _published(world, world.city_a, 2022, population=1_000_000)
    _published(world, world.city_b, 2021, population=9_400_000, level="BASIC+", gwp_set="AR6")
    page = Client().get(reverse("web:compare"), {"j": ["sao-paulo", "seoul"]})
    warnings = page.context["warnings"]
    text = " ".join(warnings)
    assert "different years" in text and "São Paulo: 2022" in text and "2021" in text
    assert "different levels" in text and "BASIC+" in text
    assert "different GWP sets" in text and "AR6" in text
    assert 'id="compare-warnings"' in page.content.decode()
    same = Client().get(reverse("web:compare"), {"j": ["sao-paulo", "sao-paulo"]})
    assert not same.context.get("warnings")


@pytest.mark.django_db
def test_jurisdiction_contents_link_to_its_sections_and_home_lists_inventories(world: World) -> None:
    inv = _published(world, world.city_a, 2022, population=1_000_000)
    html = Client().get(reverse("web:jurisdiction", args=["sao-paulo"])).content.decode()
    nav = re.search(r'<nav class="toc" id="contents".*?</nav>', html, re.S)
    assert nav is not None
    anchors = re.findall(r'href="#([^"]+)"', nav.group(0))
    assert {"emissions", "targets", "actions", "hazards"} <= set(anchors)
    for a in anchors:
        assert f'id="{a}"' in html, a
    home = Client().get("/").content.decode()
    table = re.search(r'<table data-testid="recent-inventories">.*?</table>', home, re.S)
    assert table is not None
    assert reverse("web:inventory", args=[inv.pk]) in table.group(0)  # type: ignore[attr-defined]
    assert "1,000,000" in table.group(0)
