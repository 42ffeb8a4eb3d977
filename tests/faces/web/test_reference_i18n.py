"""Reference content speaks the reader's language: the face's gettext tables cover every English string the
core can show (so ``make messages`` extracts them all), the pages pass them through gettext, countries are
named from CLDR, and frameworks as data carry their own translations."""

from __future__ import annotations

import pytest
import yaml
from django.urls import reverse
from django.utils import translation

from localaction.core import frameworks
from localaction.core.catalog.gpc import gpc_refs
from localaction.core.inventory.checks.base import CHECK_CODES
from localaction.core.inventory.notation import NOTATION_MEANINGS
from localaction.core.tap import rules as tap_rules
from localaction.faces.web import reference_i18n
from tests.faces.web.conftest import Site


def test_every_gpc_sector_subsector_and_definition_is_listed() -> None:
    core = {t for r in gpc_refs().values() for t in (r.sector, r.subsector, r.description)}
    assert core - set(reference_i18n.GPC_TERMS) == set()


def test_notation_meanings_and_check_titles_match_the_core() -> None:
    assert {k.value: v for k, v in NOTATION_MEANINGS.items()} == reference_i18n.NOTATION_MEANINGS
    assert {code: text for code, (_sev, text, _keys) in CHECK_CODES.items()} == reference_i18n.CHECK_TITLES


def test_the_tap_lists_are_covered() -> None:
    cfg = tap_rules.config()
    assert list(reference_i18n.TAP_STAGES) == list(cfg.stages)
    assert list(reference_i18n.TAP_INSTRUMENTS) == list(cfg.instruments)
    assert list(reference_i18n.TAP_AGENDAS) == list(cfg.agendas)
    assert dict(cfg.sectors) == reference_i18n.TAP_SECTORS


def test_the_cdp_hazard_list_is_covered() -> None:
    fw = frameworks.get_framework("hazard_register")
    hazard = next(col for col in fw.indicator("hazards").columns if col.id == "hazard")
    listed = {t for c in hazard.choices for t in (c.group, c.label)}
    assert listed and listed - set(reference_i18n.HAZARD_TERMS) == set()


def test_the_milestone_rules_are_covered() -> None:
    from importlib import resources

    labels: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "label" and isinstance(value, str):
                    labels.add(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    folder = resources.files("localaction.core.targets").joinpath("data")
    for f in folder.iterdir():
        if f.name.endswith(".yaml"):
            walk(yaml.safe_load(f.read_text("utf-8")))
    assert labels and labels - set(reference_i18n.MILESTONE_TERMS) == set()


def test_term_leaves_unknown_text_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reference_i18n, "gettext", lambda s: f"«{s}»")
    assert reference_i18n.term("Residential Buildings") == "«Residential Buildings»"
    assert reference_i18n.term("Our own bus depot") == "Our own bus depot"
    assert reference_i18n.term(None) is None


def test_country_names_come_from_cldr() -> None:
    assert reference_i18n.country_name("BR", "es") == "Brasil"
    assert reference_i18n.country_name("BR", "fr") == "Brésil"
    assert reference_i18n.country_name("KR", "ko") == "대한민국"
    assert reference_i18n.country_name("BR", "zh-hans") == "巴西"
    assert reference_i18n.country_name("BR", "en") == "Brazil"
    assert reference_i18n.country_name("Atlantis", "es") == "Atlantis"
    with translation.override("de"):
        assert reference_i18n.country_name("BR") == "Brasilien"


def test_a_framework_file_carries_its_translations() -> None:
    fw = frameworks.get_framework("hazard_register")
    es = fw.localized("es")
    assert es.name == "Registro de amenazas y vulnerabilidad climáticas"
    assert [s.title for s in es.sections] == ["Evaluación de riesgos y vulnerabilidad", "Amenazas"]
    assert [s.id for s in es.sections] == [s.id for s in fw.sections]  # ids never change
    assert fw.localized("zh-hans").name == "气候灾害与脆弱性登记册"
    assert fw.localized("en") == fw
    assert fw.localized("pt-BR").name == "Registro de ameaças e vulnerabilidade climáticas"
    assessment_done = es.indicator("assessment_done")
    assert assessment_done.label == fw.indicator("assessment_done").label_i18n["es"]
    # a text the file does not translate (a section's help) stays English
    assert es.sections[1].help == fw.sections[1].help != ""


def test_a_framework_without_translations_loads_and_reads_in_english() -> None:
    text = yaml.safe_dump(
        {"id": "mini", "name": "Mini", "edition": "1", "theme": "t", "source": {"title": "s"},
         "sections": [{"id": "a", "title": "A", "indicators": [{"id": "x", "label": "X", "type": "number"}]}]}
    )  # fmt: skip
    fw = frameworks.parse_framework(text)
    assert fw.localized("es").name == "Mini" and fw.localized("es").sections[0].title == "A"


def test_the_spanish_jurisdiction_page_names_the_country_and_sectors_in_spanish(site: Site) -> None:
    page = site.client("anonymous").get(reverse("web:jurisdiction", args=["sao-paulo"]) + "?lang=es")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Brasil" in html and ">BR<" not in html
    korean = site.client("anonymous").get(reverse("web:jurisdiction", args=["seoul"]) + "?lang=ko")
    assert "대한민국" in korean.content.decode()


def test_the_spanish_inventory_page_passes_sub_sectors_through_the_catalogue(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = reference_i18n.gettext
    monkeypatch.setattr(reference_i18n, "gettext", lambda s: f"«{real(s)}»")
    page = site.client("anonymous").get(reverse("web:inventory", args=[site.published.pk]) + "?lang=es")
    html = page.content.decode()
    assert "«Residential Buildings»" in html or "«Edificios residenciales»" in html
    assert "Energía estacionaria" in html  # the sector, already in the Spanish catalogue


def test_the_directory_names_countries_in_the_readers_language(site: Site) -> None:
    html = site.client("anonymous").get(reverse("web:directory") + "?lang=fr").content.decode()
    assert "Brésil" in html and "Corée du Sud" in html


def test_a_check_shows_its_translated_description_and_marks_the_english_detail(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    from localaction.registry.inventories.models import Inventory

    check = {"code": "population.missing", "severity": "warning", "message": "population is not given (x)"}
    Inventory.all_objects.filter(pk=site.draft.pk).update(checks=[check], check_warnings=1)
    real = reference_i18n.gettext
    monkeypatch.setattr(reference_i18n, "gettext", lambda s: f"«{real(s)}»")
    url = reverse("web:editor", args=[site.draft.pk])
    html = site.client("editor_a").get(url + "?lang=es").content.decode()
    with translation.override("es"):
        title = translation.gettext("the population is given (community inventories)")
    assert title != "the population is given (community inventories)"  # the Spanish catalogue has it
    assert f"«{title}»" in html or f"«{title[:1].upper()}{title[1:]}»" in html
    assert '<span lang="en">population is not given (x)</span>' in html
    english = site.client("editor_a").get(url + "?lang=en").content.decode()
    assert "population is not given (x)" in english and '<span lang="en">population' not in english


def test_a_localized_radar_names_its_axes_in_the_language() -> None:
    fw = frameworks.get_framework("resilience_self_assessment")
    scores = frameworks.score(fw, frameworks.example_report("resilience_self_assessment"))
    english = frameworks.radar_data(fw, scores)
    spanish = frameworks.radar_data(fw.localized("es"), scores)
    assert [p.axis for p in spanish] == [p.axis for p in english]
    assert [p.plotted for p in spanish] == [p.plotted for p in english]
    assert spanish[0].label.startswith("Aspecto esencial 1") and english[0].label.startswith("Essential 1")
    assert (
        fw.localized("ja").chart is not None
        and fw.localized("ja").chart.title == "必須事項別のレジリエンス（0〜3）"
    )


def test_every_shipped_framework_names_itself_and_its_sections_in_the_seven_languages() -> None:
    seven = {"es", "fr", "pt-br", "de", "zh-hans", "ko", "ja"}
    for fw in frameworks.shipped_frameworks():
        assert set(fw.name_i18n) == seven, fw.id
        for s in fw.sections:
            assert set(s.title_i18n) == seven, (fw.id, s.id)
