"""Gateway full-text search (SQLite FTS5 / PostgreSQL tsvector, one interface): accents, non-Latin scripts,
prefixes, ranking, filters; and the suggestions from a jurisdiction's profile."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from localaction.registry import services as reg
from localaction.registry.base.access import SYSTEM
from localaction.registry.gateway import services as gateway
from localaction.registry.gateway.models import Solution
from localaction.registry.gateway.services import SearchFilters, find
from tests.factories import make_world, published_inventory

pytestmark = pytest.mark.django_db


def _entry(owner: object, approve: bool = True, **fields: object) -> Solution:
    s = gateway.create(owner, **fields)
    if approve:
        s = gateway.act(owner, s, "submit", s.revision)
        s = gateway.act(SYSTEM, s, "approve", s.revision)
    return s


@pytest.fixture
def entries(db: None) -> dict[str, Solution]:
    owner = reg.create_user(SYSTEM, "sec", secretariat_role="admin")
    return {
        "sp": _entry(
            owner, title="Corredores de ônibus em São Paulo", summary="BRT lanes", gpc_sectors=["II"]
        ),
        "seoul": _entry(
            owner, title="서울특별시 폭염 쉼터", summary="heat shelters", hazards=["Extreme hot temperature"]
        ),
        "moscow": _entry(
            owner, title="Теплосеть Москвы", summary="district heating upgrade", gpc_sectors=["I"]
        ),
        # "heating" in the title ranks above "heating" only in the summary
        "title": _entry(owner, title="Heating retrofit programme", summary="schools", gpc_sectors=["I"]),
        "draft": _entry(owner, approve=False, title="Secret heating draft"),
    }


def titles(q: str, **f: str) -> list[str]:
    return [s.title for s in find(None, SearchFilters(q=q, **f))]


def test_accents_are_ignored_both_ways(entries: dict[str, Solution]) -> None:
    assert titles("sao paulo") == ["Corredores de ônibus em São Paulo"]
    assert titles("SÃO PAULO") == ["Corredores de ônibus em São Paulo"]
    assert titles("onibus") == ["Corredores de ônibus em São Paulo"]


def test_non_latin_scripts_and_prefixes(entries: dict[str, Solution]) -> None:
    assert titles("서울") == ["서울특별시 폭염 쉼터"]  # a prefix of 서울특별시
    assert titles("폭염") == ["서울특별시 폭염 쉼터"]
    assert titles("москвы") == ["Теплосеть Москвы"]  # case folded in Cyrillic
    assert titles("Москв") == ["Теплосеть Москвы"]


def test_ranking_title_first_and_drafts_hidden(entries: dict[str, Solution]) -> None:
    assert titles("heating") == ["Heating retrofit programme", "Теплосеть Москвы"]
    assert titles("heating", sector="I") == ["Heating retrofit programme", "Теплосеть Москвы"]
    assert titles("heat", hazard="Extreme hot temperature") == ["서울특별시 폭염 쉼터"]
    assert titles("nothing-like-this") == []


def test_an_edit_reindexes(entries: dict[str, Solution]) -> None:
    s = Solution.objects.get(pk=entries["draft"].pk)
    s = gateway.update(s.owner, s, s.revision, title="Cool roofs")
    s = gateway.act(s.owner, s, "submit", s.revision)
    gateway.act(SYSTEM, s, "approve", s.revision)
    assert titles("cool roofs") == ["Cool roofs"]
    assert "Secret heating draft" not in titles("heating")


def test_suggestions_follow_the_largest_sectors_and_hazards(entries: dict[str, Solution]) -> None:
    world = make_world()
    published_inventory(world, 2021)  # every line equal: sectors I and II are the largest (most lines)
    hazard = reg.create_hazard(world.users["editor_a"], world.city_a, hazard_type="Extreme hot temperature")
    hazard = reg.submit(world.users["approver_a"], hazard, revision=hazard.revision)
    hazard = reg.validate(world.users["reviewer"], hazard, revision=hazard.revision)
    reg.publish(world.users["admin"], hazard, revision=hazard.revision)  # four eyes
    prof = gateway.profile(world.city_a.pk)
    assert prof["hazards"] == ["Extreme hot temperature"] and len(prof["sectors"]) == 2
    got = {s.solution.title: s.reasons for s in gateway.suggestions(world.city_a.pk)}
    assert got["서울특별시 폭염 쉼터"] == [("hazard", "Extreme hot temperature")]
    assert "Secret heating draft" not in got
    assert gateway.suggestions(world.city_b.pk) == []  # no published profile, no suggestions
    page = Client().get(reverse("web:jurisdiction", args=["sao-paulo"])).content.decode()  # public panel
    assert "서울특별시 폭염 쉼터" in page and "Secret heating draft" not in page
