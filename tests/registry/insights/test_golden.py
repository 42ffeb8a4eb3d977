"""Golden test on the real CDP open data: imported through the import service into a test registry, the
yearly report's aggregate figures are recomputed here independently from the raw CSVs (csv module, our own
reading of periods and numbers). Then the PDF renders (pdftotext / pdftoppm when poppler-utils is
installed), the HTML report's links all resolve, and the open data rebuilds after a publication."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from localaction.core.insights import yearly_aggregates
from localaction.faces.web.insights import reports
from localaction.registry import services
from localaction.registry.base import access
from localaction.registry.insights import opendata, queries
from localaction.registry.inventories.imports.cdp import import_cdp
from localaction.registry.inventories.imports.common import country_code

YEAR = 2015
EMPTY = {"", "-", "question not applicable", "not applicable", "do not know"}


def _num(text: str) -> float | None:
    t = text.strip()
    return None if t.lower() in EMPTY else float(t.replace(",", "").replace(" ", ""))


def _col(row: dict[str, str], *starts: str, exact: bool = False) -> str:
    for key, value in row.items():
        k = key.replace("\u200b", "").replace("\xa0", " ").strip().lower()
        if any(k == s if exact else k.startswith(s) for s in starts):
            return value or ""
    return ""


def _year(period: str) -> int | None:
    """Accounting year: a US date is the period's end; a range goes to the calendar year with more of it
    (a tie to the later year); an end alone is its year."""
    if m := re.search(r"(\d{1,2})/(\d{1,2})/(\d{4})", period):
        return int(m.group(3))
    dates = re.findall(r"(\d{4})-(\d{2})-(\d{2})", period)
    if len(dates) == 2:
        (y1, m1, _), (y2, m2, _) = dates
        if y1 == y2:
            return int(y1)
        return int(y1) if 12 - int(m1) + 1 > int(m2) else int(y2)
    return int(dates[0][0]) if dates else None


def expected(files: list[Path]) -> dict[str, float]:
    countries: set[str] = set()
    accounts: set[str] = set()
    pops: dict[tuple[str, int], float] = {}
    inv: dict[tuple[str, int], tuple[int, float | None]] = {}  # (account, year) -> (reporting year, BASIC)
    for path in files:
        for row in csv.DictReader(path.open(encoding="utf-8-sig")):
            acc = _col(row, "account").strip()
            ry = int(_col(row, "year reported", "reporting year"))
            accounts.add(acc)
            countries.add(country_code(_col(row, "country").strip()))
            pop = _num(_col(row, "current population", "population", exact=True))
            py = _col(row, "current population year", "population year").strip()
            year_of_pop = (
                int(float(py)) if py and 1900 <= float(py) <= 2100 else ry
            )  # implausible: reporting year
            if pop is not None and pop > 0:
                pops[(acc, year_of_pop)] = int(pop)  # people are whole (the registry stores integers)
            total = _num(_col(row, "total city-wide", "total emissions"))
            basic = _num(_col(row, "total basic emissions"))
            if basic is None and "basic" in _col(row, "scopes included").lower():
                basic = total
            figures = [total, basic, _num(_col(row, "total basic+")), _num(_col(row, "total scope 1")),
                       _num(_col(row, "total scope 2")), _num(_col(row, "total scope 3"))]  # fmt: skip
            # The scope parts (CRF reporters: "… for Total generation …", "… (excluding generation …)").
            figures += [_num(v or "") for k, v in row.items() if " for total " in k.lower()]
            year = _year(_col(row, "accounting year", "measurement year"))
            if year is None or all(f is None for f in figures):
                continue
            if (acc, year) not in inv or ry > inv[(acc, year)][0]:
                inv[(acc, year)] = (ry, basic)
    latest_pop: dict[str, tuple[int, float]] = {}
    for (acc, y), p in pops.items():
        if y <= YEAR and (acc not in latest_pop or y > latest_pop[acc][0]):
            latest_pop[acc] = (y, p)
    basics = [b for (acc, y), (_ry, b) in inv.items() if y == YEAR and b is not None]
    return {
        "jurisdictions": len(accounts),
        "countries": len(countries),
        "population_covered": sum(p for _y, p in latest_pop.values()),
        "inventories": len(basics),
        "emissions_tco2e": sum(basics),
    }


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


@pytest.mark.django_db
def test_cdp_yearly_report_pdf_links_and_opendata(shared_data: Path, tmp_path: Path) -> None:
    files = sorted((shared_data / "inventories").glob("cdp_cities_citywide_emissions_*.csv"))
    assert len(files) == 4
    import_cdp(files)
    want = expected(files)
    a = yearly_aggregates(queries.data()[1], YEAR)
    got = {k: getattr(a, k) for k in want}
    assert got["jurisdictions"] == want["jurisdictions"]
    assert got["countries"] == want["countries"]
    assert got["inventories"] == want["inventories"] and want["inventories"] > 50
    assert got["population_covered"] == pytest.approx(want["population_covered"], rel=1e-9)
    assert got["emissions_tco2e"] == pytest.approx(want["emissions_tco2e"], rel=1e-9)
    assert a.inventories_left_out == 0  # CDP cities carry no hierarchy

    report = reports.build("registry", "all", YEAR)
    text = " ".join(p for s in report.sections for p in s.text)
    assert f"{want['jurisdictions']:,}" in text

    # The HTML report: every link on the page resolves (200), CSV downloads included.
    client = Client()
    page = client.get(reverse("insights:registry_report", args=[YEAR]))
    assert page.status_code == 200
    parser = Links()
    parser.feed(page.content.decode())
    local = sorted({u.split("#")[0] for u in parser.links if u.startswith("/") and u.split("#")[0]})
    assert any(u.endswith(".csv") for u in local)
    static = [
        u for u in local if u.startswith(settings.STATIC_URL) or u.startswith("/" + settings.STATIC_URL)
    ]
    assert all(finders.find(u.split(settings.STATIC_URL, 1)[1]) for u in static), static
    pages = [u for u in local if u not in static and not u.endswith(".pdf")]  # the PDF is fetched below
    broken = [u for u in pages if client.get(u).status_code != 200]
    assert not broken, broken

    # The PDF: same content; text checked with pdftotext, page 1 as PNG with pdftoppm.
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(
        client.get(reverse("insights:report_file", args=["registry", "all", YEAR, "pdf"])).content
    )
    assert pdf.read_bytes()[:5] == b"%PDF-"
    if shutil.which("pdftotext"):
        out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        for s in report.sections:
            assert s.title in out
        assert f"{want['jurisdictions']:,}" in out and "The numbers behind this chart" in out
        subprocess.run(
            ["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")], check=True
        )
        assert (tmp_path / "p-01.png").stat().st_size > 5000

    # Open data: built, CDP citation included; a new publication changes the build.
    folder, manifest = opendata.ensure_built()
    assert "CDP and ICLEI" in manifest["citation"]
    rows = list(csv.DictReader((folder / "inventories.csv").open(encoding="utf-8")))
    assert len(rows) == manifest["rows"]["inventories"]
    assert opendata.ensure_built()[0] == folder  # unchanged data: no rebuild
    services.create_jurisdiction(access.SYSTEM, name="Newtown", kind="city", country="NZ")
    folder2, manifest2 = opendata.ensure_built()  # published data changed: rebuilt
    assert folder2 != folder and manifest2["rows"]["jurisdictions"] == manifest["rows"]["jurisdictions"] + 1
