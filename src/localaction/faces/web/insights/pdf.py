"""HTML → PDF with Debian's chromium through Playwright (already a dependency of the browser tests): the
print stylesheet of the same HTML, charts drawn by plotly.js as SVG (vector in the PDF), each followed by
its numbers as a table. Nothing extra to install."""

from __future__ import annotations

import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from django.conf import settings

from localaction.core.errors import LocalActionError

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
        "--disable-background-networking"]  # fmt: skip
# Draw every chart once, statically, at the printed width; resolves when all are drawn.
_DRAW = """() => Promise.all(Array.from(document.querySelectorAll('[data-figure]')).map((el) => {
  const fig = JSON.parse(document.getElementById(el.getAttribute('data-figure')).textContent);
  fig.layout = Object.assign(fig.layout || {}, {width: 680, height: 360, autosize: false});
  return Plotly.newPlot(el, fig.data, fig.layout, {staticPlot: true, displayModeBar: false});
}))"""


class PdfUnavailable(LocalActionError):
    default_code = "pdf_unavailable"


def chromium_path() -> str:
    found = settings.LOCALACTION_CHROMIUM or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(found).is_file():
        raise PdfUnavailable(
            "PDF output needs chromium (Debian package `chromium`); set LOCALACTION_CHROMIUM"
        )
    return found


def html_to_pdf(html: str, plotly_js: Path) -> bytes:
    # Playwright's sync API refuses a thread whose asyncio loop is running (an ASGI worker, a caller that
    # holds another browser open): a short-lived thread of its own has none.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="pdf") as pool:
        return pool.submit(_render, html, plotly_js).result()


def _render(html: str, plotly_js: Path) -> bytes:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), headless=True, args=ARGS)
        try:
            page = browser.new_page()
            page.set_content(html, wait_until="load")
            page.add_script_tag(path=str(plotly_js))
            page.evaluate(_DRAW)
            page.emulate_media(media="print")
            return page.pdf(format="A4", print_background=True, margin={"top": "15mm", "bottom": "15mm",
                            "left": "12mm", "right": "12mm"}, display_header_footer=True,
                            header_template="<span></span>",
                            footer_template='<div style="font-size:8px;width:100%;text-align:center">'
                            '<span class="pageNumber"></span> / <span class="totalPages"></span></div>')  # fmt: skip
        finally:
            browser.close()
