"""Walk the public pages the way an anonymous reader does: from the home page, following links on the site
(bounded), reading the text a person sees. Finds internal ids shown as text (``snake_case`` words outside
code, form controls and URLs) and per-person figures whose shown value is not the rounded stored one."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

# What a reader never sees as text: code, scripts, form option values, the chart's JSON.
SKIPPED = frozenset(
    {"script", "style", "code", "pre", "kbd", "samp", "svg", "textarea", "select", "template"}
)
VOID = frozenset({"br", "img", "input", "meta", "link", "hr", "wbr", "source", "col", "area", "base"})
ID = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
# Ids that are the names readers use: data files, API fields documented as such, units.
ALLOWED = frozenset({"t_co2e"})
# Links not followed: files, the API, sign-in, the admin, downloads, and the workspace (not public).
NOT_FOLLOWED = re.compile(
    r"\.(csv|xlsx|pdf|json|txt|zip|png|svg|html)(\?|$)|^/api/|^/accounts/|^/admin/|^/workspace/|^/review/"
    r"|download|export|/data\.|print|^/i18n/|lang="
)
PER_CAPITA = re.compile(r'data-per-capita="([-\d.]+)"[^>]*>([-\d.,]+)\s*(?:\u00a0|\s)t')


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.parts: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.links += [v for k, v in attrs if k == "href" and v]
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if not SKIPPED.intersection(self.stack):
            self.parts.append(data)


@dataclass(frozen=True)
class Hit:
    url: str
    token: str
    context: str


@dataclass
class Walk:
    pages: list[str] = field(default_factory=list)
    hits: list[Hit] = field(default_factory=list)
    rounding: list[str] = field(default_factory=list)


def visible_text(html: str) -> tuple[str, list[str]]:
    page = _Page()
    page.feed(html)
    return " ".join(page.parts), page.links


def internal_ids(text: str) -> list[tuple[str, str]]:
    """The ``snake_case`` words in a text a person reads (URLs and e-mail addresses left out)."""
    out = []
    for m in ID.finditer(text):
        word = m.group(0)
        before = text[max(0, m.start() - 1) : m.start()]
        after = text[m.end() : m.end() + 1]
        if word in ALLOWED or (before in "/.@-" and before) or (after in "/@-" and after):
            continue
        if after == "." and text[m.end() + 1 : m.end() + 2].isalpha():  # a file name: inventory_lines.csv
            continue
        out.append((word, text[max(0, m.start() - 60) : m.end() + 40].strip()))
    return out


def walk(client: Any, start: str = "/", limit: int = 300) -> Walk:
    """Every public page reachable from ``start`` (at most ``limit``), breadth first."""
    seen: set[str] = set()
    queue = [start]
    result = Walk()
    while queue and len(result.pages) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        result.pages.append(url)
        text, links = visible_text(html)
        result.hits += [Hit(url, word, ctx) for word, ctx in internal_ids(text)]
        for stored, shown in PER_CAPITA.findall(html):
            if f"{float(stored):.2f}" != shown.replace(",", ""):
                result.rounding.append(f"{url}: stored {stored} shown {shown}")
        for href in links:
            href = href.split("#")[0]
            local = href.startswith("/") and not href.startswith("//")
            if local and href not in seen and not NOT_FOLLOWED.search(href):
                queue.append(href)
    return result
