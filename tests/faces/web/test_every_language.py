"""Every main page of the demo in each of the seven languages, compared with its English rendering: a visible
text node (or a label a screen reader speaks: aria-label, title, alt, placeholder) identical to the English one
is an untranslated string, unless it is user content (inside an element whose ``lang`` is not the page's),
data (a jurisdiction's or a person's name), a number, a unit, a code or a GPC reference number, or a string the
language's catalogue translates to itself.

``LANGUAGES_COMPLETE`` lists the languages whose catalogues are finished: those fail on any untranslated
string. The others are skipped with the list of their untranslated strings (``pytest -rs`` shows it), so the
translators see what is left; add a language here once its catalogue is done."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import translation

LANGUAGES = ["es", "fr", "pt-br", "de", "zh-hans", "ko", "ja"]
LANGUAGES_COMPLETE: list[str] = list(LANGUAGES)

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SPOKEN_ATTRIBUTES = ("aria-label", "title", "alt", "placeholder")
SKIPPED = {"script", "style", "template", "code", "kbd", "samp"}

# Text that is the same in every language: numbers, dates, units, codes, GPC reference numbers, punctuation.
NEUTRAL = [
    re.compile(r"^[\d\s.,:;%/+\-–—−()\[\]·×…'’\"«»*#=<>|→←↑↓✓✗›‹]*$"),
    re.compile(r"^(?:I|II|III|IV|V|VI)(?:\.\d{1,2}){0,2}\b.*$"),  # a GPC reference number (and what follows)
    re.compile(r"^[\d\s.,%]*(?:t\s?CO2e?|tCO2e|t|kt|Mt|GJ|MJ|TJ|kWh|MWh|GWh|km²|km|m³|l|kg|%)(?:/\w+)?$"),
    re.compile(
        r"^(?:[A-Z0-9][A-Z0-9+._/-]{0,11})(?:[\s,;/+]+[A-Z0-9][A-Z0-9+._/-]{0,11})*$"
    ),  # NO, IE, BASIC+, CO2
    re.compile(r"^(?:CO2|CH4|N2O|HFCs|PFCs|SF6|NF3)(?:\s*\(t\))?$"),
    re.compile(
        r"^\(?[a-z][a-z0-9]*(?:[._-][a-z0-9.]+)+\)?$"
    ),  # an identifier: on_track, iso37120-2018-style, a check code
    re.compile(r"^\(?v\d+\)?$"),  # a version number
    re.compile(r"^[A-Za-z0-9_.-]+\.(?:csv|parquet|json|txt|xlsx|pdf)$"),  # a file name
    re.compile(r"^\S+@\S+$"),
    re.compile(r"^https?://\S+$"),
]
NEUTRAL_WORDS = {"LocalAction", "GPC", "IPCC", "CDP", "GCoM", "ICLEI", "TAP", "tCO2e", "CO2e", "BASIC", "BASIC+",
                 "IPPU", "AFOLU", "CSV", "XLSX", "JSON", "PDF", "API", "OK", "×",
                 "ha", "µg/m³", "m³", "m²", "PM2.5"}  # fmt: skip


@dataclass
class Page:
    name: str
    url: str
    role: str | None = None  # a demo account to sign in as


@dataclass
class TextNodes(HTMLParser):
    page_lang: str = "en"
    nodes: list[str] = field(default_factory=list)
    _stack: list[tuple[str, bool]] = field(default_factory=list)  # tag, whether its subtree is skipped

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    @property
    def _skipping(self) -> bool:
        return bool(self._stack) and self._stack[-1][1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "html":
            self.page_lang = (a.get("lang") or "en").lower()
            return
        foreign = "lang" in a and (a["lang"] or "").lower() != self.page_lang
        skip = self._skipping or tag in SKIPPED or foreign or "hidden" in a
        if not skip:
            for name in SPOKEN_ATTRIBUTES:
                self._add(a.get(name))
            if tag == "input" and a.get("type") in ("submit", "button"):
                self._add(a.get("value"))
        if tag not in VOID:
            self._stack.append((tag, skip))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self._stack) - 1, -1, -1):
            if self._stack[i][0] == tag:
                del self._stack[i:]
                return

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._add(data)

    def _add(self, text: str | None) -> None:
        text = " ".join((text or "").split())
        if text:
            self.nodes.append(text)


def text_nodes(html: str) -> list[str]:
    parser = TextNodes()
    parser.feed(html)
    return parser.nodes


def neutral(text: str, data: set[str]) -> bool:
    if text in NEUTRAL_WORDS or text in data or any(p.match(text) for p in NEUTRAL):
        return True
    # data with punctuation around it ("· Seohae-si", "(BR-SP)"), or a list of data
    parts = [p for p in re.split(r"[\s,;:·()/–—|]+", text) if p]
    return bool(parts) and all(
        p in data or p in NEUTRAL_WORDS or any(n.match(p) for n in NEUTRAL) for p in parts
    )


_PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w*\}")


@functools.cache
def _translations(language: str) -> tuple[frozenset[str], tuple[re.Pattern[str], ...]]:
    """What the language's catalogue renders: its translations as they are, and those with placeholders as
    patterns (``scope %(scope)s`` → ``scope .+``)."""
    catalog = translation.trans_real.translation(language)._catalog  # type: ignore[attr-defined]
    values = [v for _k, v in catalog.items() if isinstance(v, str) and v]
    patterns = []
    for v in values:
        parts = _PLACEHOLDER.split(v)
        if len(parts) > 1 and sum(len(p.strip()) for p in parts) >= 3:
            patterns.append(re.compile(r"\W*" + ".+?".join(re.escape(p) for p in parts) + r"\W*$"))
    return frozenset(values), tuple(patterns)


def translated_to_itself(text: str, language: str, data: frozenset[str] | set[str] = frozenset()) -> bool:
    """The language's catalogue renders this very text (``Total``, ``Type``, ``(scope 1)`` in French): the
    translator kept the English words on purpose."""
    values, patterns = _translations(language)
    if text in values or any(p.match(text) for p in patterns):
        return True
    # a translated word beside data or punctuation ("Solution · HeatNet", "Source:" in French)
    parts = [p for p in re.split(r"\s*[,;:·()/–—|]\s*", text) if p.strip()]
    return len(parts) > 0 and all(p in values or p in data for p in parts)


@pytest.fixture(scope="module")
def demo_pages(django_db_setup: None, django_db_blocker: object) -> Iterator[dict[str, object]]:
    """The demo's home city, loaded once for the module and rolled back after it; each page in English."""
    from localaction import demo
    from localaction.core import frameworks
    from localaction.registry.actions.models import Action
    from localaction.registry.base.models import Jurisdiction, User
    from localaction.registry.gateway.models import Solution
    from localaction.registry.inventories.models import Inventory
    from localaction.registry.network.models import Network
    from localaction.registry.targets.models import Target

    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            demo.load_demo(only=(demo.HOME,))
            home = Jurisdiction.objects.get(slug=demo.HOME)
            inventory = (
                Inventory.objects.filter(jurisdiction=home, state="published").order_by("-year").first()
            )
            assert inventory is not None
            pages = [
                Page("home", reverse("web:home")),
                Page("directory", reverse("web:directory")),
                Page("jurisdiction", reverse("web:jurisdiction", args=[home.slug])),
                Page("inventory", reverse("web:inventory", args=[inventory.pk])),
                Page("sign-in", reverse("web:login")),
                Page("workspace", reverse("web:workspace"), role="demo-editor"),
                *_more_pages(home, inventory.year),
            ]
            data: set[str] = {u.username for u in User.objects.all()}
            for j in Jurisdiction.objects.all():
                data |= {j.name, j.name_ascii, j.region, j.subdivision, j.slug, j.country}
                data |= set(j.name.split()) | set(j.name_ascii.split())
            data |= {a.title for a in Action.objects.all()}
            data |= {t.title for t in Target.objects.all()}  # a target's own title names its page
            # A page's <title> is its subject's own name and the site's (a network, a target)
            data |= {f"{t} · LocalAction" for t in data | {n.name for n in Network.objects.all()}}
            data |= {name for _code, name in settings.LANGUAGES}  # the selector names each language in itself
            data |= {s.partner for s in Solution.objects.all() if s.partner}  # a partner's own name
            data |= _same_in_some_language(frameworks.shipped_frameworks())
            for fw in frameworks.shipped_frameworks():  # section and indicator ids (a chart table's axis)
                data |= {fw.id} | {s.id for s in fw.sections} | {i.id for _s, i in fw.indicators()}
            data.discard("")
            english = {p.name: render(p, "en") for p in pages}
            yield {"pages": pages, "english": english, "data": data, "home": home}
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _same_in_some_language(shipped: Any) -> set[str]:
    """Framework texts whose translation, in the file, is the English itself (French "minutes",
    "organisations"): translated, though the words do not change."""
    same: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key.endswith("_i18n") and isinstance(value, dict):
                    english = node.get(key.removesuffix("_i18n"))
                    if isinstance(english, str) and english in value.values():
                        same.add(english)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for fw in shipped:
        walk(fw.model_dump())
    return same


def _more_pages(home: Any, latest_year: int) -> list[Page]:
    """One page of each other kind the demo shows: public pages, the insights reports, the officer's draft,
    the reviewer's queue."""
    from localaction.registry import services
    from localaction.registry.base.models import User
    from localaction.registry.frameworks.models import FrameworkReport
    from localaction.registry.network.models import Network
    from localaction.registry.targets.models import Target

    pages = [
        Page("insights", reverse("insights:index")),
        Page("factors", reverse("web:factors")),
        Page("networks", reverse("network:networks")),
        Page("solutions", reverse("gateway:search")),
        Page("frameworks", reverse("frameworks:index")),
        Page("datasets", reverse("datasets_web:datasets")),
        Page("compare", reverse("web:compare") + f"?j={home.slug}"),
        Page("tap", reverse("tap:portal"), role="demo-funder"),
        Page("review", reverse("web:review"), role="demo-reviewer"),
        Page("settings", reverse("web:jurisdiction_settings", args=[home.slug]), role="demo-editor"),
        Page("new-inventory", reverse("web:inventory_new", args=[home.slug]), role="demo-editor"),
    ]
    pages += [
        Page("top", reverse("insights:top")),
        Page("performance", reverse("insights:performance", args=[home.slug])),
        Page("opendata", reverse("insights:opendata")),
    ]
    network = Network.objects.order_by("pk").first()
    if network is not None:
        pages.append(Page("network", reverse("network:network", args=[network.slug])))
    target = Target.objects.filter(jurisdiction=home, state="published").order_by("pk").first()
    if target is not None:
        pages.append(Page("target", reverse("targets:target", args=[target.pk])))
    for report in FrameworkReport.objects.filter(jurisdiction=home, state="published").order_by("pk"):
        pages.append(Page(f"report-{report.framework_id}", reverse("frameworks:report", args=[report.pk])))
    editor = User.objects.get(username="demo-editor")
    draft = services.create_inventory(editor, home, year=latest_year + 1, population=1_000_000)
    pages += [
        Page("editor", reverse("web:editor", args=[draft.pk]), role="demo-editor"),
        Page("record", reverse("web:record_new", args=[draft.pk]), role="demo-editor"),
        Page("upload", reverse("web:upload", args=[draft.pk]), role="demo-editor"),
    ]
    return pages


def render(page: Page, language: str) -> str:
    from localaction.registry.base.models import User

    client = Client()
    if page.role:
        client.force_login(User.objects.get(username=page.role))
    response = client.get(page.url + ("&" if "?" in page.url else "?") + f"lang={language}")
    assert response.status_code == 200, (page.name, language, response.status_code)
    return response.content.decode()


def untranslated(demo_pages: dict[str, object], language: str) -> dict[str, list[str]]:
    pages: list[Page] = demo_pages["pages"]  # type: ignore[assignment]
    english: dict[str, str] = demo_pages["english"]  # type: ignore[assignment]
    data: set[str] = demo_pages["data"]  # type: ignore[assignment]
    found: dict[str, list[str]] = {}
    for page in pages:
        en_nodes = set(text_nodes(english[page.name]))
        html = render(page, language)
        assert f'lang="{language.split("-")[0]}' in html.split(">", 2)[1].lower(), page.name
        same: list[str] = []
        for node in text_nodes(html):
            english_again = node in en_nodes and node not in same and not neutral(node, data)
            if english_again and not translated_to_itself(node, language, data):
                same.append(node)
        if same:
            found[page.name] = same
    return found


def report(found: dict[str, list[str]]) -> str:
    count = sum(len(v) for v in found.values())
    lines = [f"{count} untranslated strings:"]
    for page, strings in found.items():
        lines.append(f"  {page}: " + " | ".join(strings))
    return "\n".join(lines)


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_main_page_speaks_the_language(demo_pages: dict[str, object], language: str) -> None:
    found = untranslated(demo_pages, language)
    if language not in LANGUAGES_COMPLETE:
        if found:
            pytest.skip(f"{language} is still being translated (not in LANGUAGES_COMPLETE); {report(found)}")
        return
    assert not found, f"{language}: {report(found)}"


def test_the_comparison_catches_an_english_string() -> None:
    """The comparison itself: an English node in a Spanish page is caught, user content and data are not."""
    en = (
        '<html lang="en"><body><h1>Directory</h1><p lang="" dir="auto">Bus depot</p><p>BASIC+ 1,234 tCO2e</p>'
    )
    es = (
        '<html lang="es"><body><h1>Directory</h1><p lang="" dir="auto">Bus depot</p><p>BASIC+ 1.234 tCO2e</p>'
    )
    same = [n for n in text_nodes(es) if n in set(text_nodes(en)) and not neutral(n, {"Ana"})]
    assert same == ["Directory"]
    assert text_nodes('<html lang="es"><button aria-label="Close">×</button><script>var x="y"</script>') == [
        "Close",
        "×",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["es", "zh-hans", "ko"])
def test_user_content_makes_no_false_language_claim(demo_pages: dict[str, object], language: str) -> None:
    """Action titles on the jurisdiction page sit in blocks that say their language is unknown (``lang=""``)
    rather than inheriting the page's."""
    from localaction.registry.actions.models import Action

    home = demo_pages["home"]
    page = Page("jurisdiction", reverse("web:jurisdiction", args=[home.slug]))  # type: ignore[attr-defined]
    html = render(page, language)
    titles = [a.title for a in Action.objects.filter(jurisdiction=home)]
    assert titles
    for title in titles:
        if title in html:
            assert f'<span lang="" dir="auto">{title}</span>' in html, title
