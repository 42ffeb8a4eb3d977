"""A jurisdiction's inventory report as PDF in Chinese (zh-hans) and Korean: chromium draws the CJK text with
the Noto CJK faces the stylesheet names (installed by ``make browser``), and pdftotext reads it back."""

from __future__ import annotations

import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from localaction.faces.web.insights.pdf import PdfUnavailable, chromium_path
from tests.faces.web.conftest import Site


def _tools() -> None:
    try:
        chromium_path()
    except PdfUnavailable as exc:
        pytest.skip(f"chromium not found ({exc}): run `make browser`")
    for tool in ("pdftotext", "pdffonts", "fc-list"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} not found: run `make browser` (poppler-utils, fontconfig)")
    fonts = subprocess.run(["fc-list"], capture_output=True, text=True, check=True).stdout
    if "Noto Sans CJK" not in fonts:
        pytest.skip("the Noto CJK fonts are not installed: run `make browser` as root (fonts-noto-cjk)")


def _pdf(site: Site, language: str, tmp_path: Path) -> tuple[str, str]:
    url = reverse("web:inventory_export", args=[site.published.pk, "report", "pdf"]) + f"?lang={language}"
    response = site.client("anonymous").get(url)
    assert response.status_code == 200 and response.content[:5] == b"%PDF-"
    path = tmp_path / f"report-{language}.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    return text, fonts


def _embedded_beyond_latin(pdffonts: str) -> bool:
    """Chromium embeds the CFF-based Noto CJK faces as Type 3 fonts; the Latin text is DejaVu's."""
    rows = pdffonts.splitlines()[2:]
    return any("DejaVu" not in row for row in rows)


@pytest.mark.parametrize(
    ("lang", "family"),
    [("zh-Hans", "Noto Sans CJK SC"), ("ko", "Noto Sans CJK KR"), ("ja", "Noto Sans CJK JP")],
)
def test_the_stylesheet_draws_each_cjk_language_with_its_own_noto_face(lang: str, family: str) -> None:
    """The font chromium actually uses for a heading (DevTools' platform fonts), with the site's stylesheet:
    the same characters take each language's glyph forms."""
    _tools()
    from django.contrib.staticfiles import finders
    from playwright.sync_api import sync_playwright

    from localaction.faces.web.insights.pdf import ARGS

    css = Path(str(finders.find("web/site.css"))).read_text(encoding="utf-8")
    html = (
        f'<!doctype html><html lang="{lang}"><style>{css}</style><h1 id="t">绿川市 녹천시 緑川市</h1></html>'
    )

    def platform_fonts() -> list[dict[str, Any]]:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), headless=True, args=ARGS)
            try:
                page = browser.new_page()
                page.set_content(html)
                cdp = page.context.new_cdp_session(page)
                cdp.send("DOM.enable")
                cdp.send("CSS.enable")
                root = cdp.send("DOM.getDocument")["root"]["nodeId"]
                node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "#t"})["nodeId"]
                return list(cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"])
            finally:
                browser.close()

    # In a thread of its own, as html_to_pdf does: the worker may hold the browser tests' session open.
    with ThreadPoolExecutor(max_workers=1) as pool:
        fonts = pool.submit(platform_fonts).result()
    assert [f["familyName"] for f in fonts] == [family]


def test_a_chinese_pdf_report_carries_chinese_text(site: Site, tmp_path: Path) -> None:
    _tools()
    jur = site.published.jurisdiction
    jur.name = "绿川市"  # a jurisdiction named in its own script (Chinese)
    jur.save(update_fields=["name"])
    text, fonts = _pdf(site, "zh-hans", tmp_path)
    assert "绿川市" in text
    assert _embedded_beyond_latin(fonts), fonts
    with translation.override("zh-hans"):
        heading = translation.gettext("Sub-sector")
    if heading != "Sub-sector":  # once the Chinese catalogue has it, the PDF's headings are Chinese too
        assert heading in text


def test_a_korean_pdf_report_carries_korean_text(site: Site, tmp_path: Path) -> None:
    _tools()
    jur = site.published.jurisdiction
    jur.name = "녹천시"
    jur.save(update_fields=["name"])
    text, fonts = _pdf(site, "ko", tmp_path)
    assert "녹천시" in text
    assert _embedded_beyond_latin(fonts), fonts
