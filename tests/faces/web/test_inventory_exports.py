"""An inventory's exports, end to end through the pages: the records file and the CRF table read back
through the importers to the same numbers; the PDF report; drafts stay private (see test_access)."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from localaction.faces.web.inventories.report import report_html
from localaction.registry import services
from localaction.registry.inventories.imports.inventory_file import import_file
from localaction.registry.inventories.models import Inventory
from tests.faces.web.conftest import Site

pytestmark = pytest.mark.django_db
EXAMPLE = (
    Path(__file__).resolve().parents[3] / "src/localaction/core/inventory/templates/activity_example.csv"
)


def _lines(inv: Inventory) -> dict[str, float | None]:
    return {ln.gpc_ref: ln.value_tco2e for ln in inv.gpc_lines.all() if ln.value_tco2e is not None}


def _keys(inv: Inventory) -> dict[str, list[str]]:
    return {ln.gpc_ref: list(ln.notation_keys) for ln in inv.gpc_lines.all() if ln.notation_keys}


def _totals(inv: Inventory) -> tuple[float | None, ...]:
    return (inv.basic_tco2e, inv.basic_plus_tco2e, inv.territorial_tco2e, inv.biogenic_co2_t)


@pytest.fixture
def example(site: Site) -> Inventory:
    """The draft of city A with the shipped example's records and notation keys."""
    editor = site.user("editor_a")
    return import_file(editor, site.draft, EXAMPLE, kind=None, revision=site.draft.revision).inventory


def _get(site: Site, inv: Inventory, kind: str, fmt: str, tmp_path: Path) -> Path:
    response = site.client("editor_a").get(reverse("web:inventory_export", args=[inv.pk, kind, fmt]))
    assert response.status_code == 200
    assert f"-{kind}.{fmt}" in response["Content-Disposition"]
    path = tmp_path / f"{kind}.{fmt}"
    path.write_bytes(response.content)
    return path


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_records_export_imports_back_to_the_same_numbers(
    site: Site, example: Inventory, tmp_path: Path, fmt: str
) -> None:
    path = _get(site, example, "records", fmt, tmp_path)
    # into another city's draft of the same year (the factors depend on the year)
    editor = site.user("editor_b")
    target = services.create_inventory(editor, site.world.city_b, year=example.year)
    result = import_file(editor, target, path, kind=None, revision=target.revision)
    back = result.inventory
    assert result.records == example.activity_records.filter(deleted_at__isnull=True).count() == 11
    assert _totals(back) == pytest.approx(_totals(example))
    assert _lines(back) == pytest.approx(_lines(example))
    assert _keys(back) == _keys(example)
    assert (back.gwp_set, back.level, back.population) == (example.gwp_set, example.level, example.population)
    # what the engine made of each record is read back as "not used" (recomputed), never dropped in silence
    assert {"co2e_t", "factor_source"} <= {c.title for c in result.report.unrecognised}


def test_records_export_keeps_values_entered_on_lines(site: Site, tmp_path: Path) -> None:
    """The published inventory has lines entered as tCO2e only: they travel as direct entries of CO2e."""
    pub = site.published
    response = site.client("anonymous").get(reverse("web:inventory_export", args=[pub.pk, "records", "csv"]))
    path = tmp_path / "records.csv"
    path.write_bytes(response.content)
    editor = site.user("editor_b")
    target = services.create_inventory(editor, site.world.city_b, year=pub.year)
    back = import_file(editor, target, path, kind=None, revision=target.revision).inventory
    assert _lines(back) == pytest.approx(_lines(pub))
    assert _totals(back)[:3] == pytest.approx(_totals(pub)[:3])


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_crf_export_imports_back_to_the_same_lines(
    site: Site, example: Inventory, tmp_path: Path, fmt: str
) -> None:
    before_lines, before_keys, before_totals = _lines(example), _keys(example), _totals(example)[:3]
    path = _get(site, example, "crf", fmt, tmp_path)
    editor = site.user("editor_a")
    back = import_file(editor, example, path, kind=None, revision=example.revision).inventory  # detected
    assert back.activity_records.filter(deleted_at__isnull=True).count() == 0  # lines only now
    assert _lines(back) == pytest.approx(before_lines)
    assert _keys(back) == before_keys
    assert _totals(back)[:3] == pytest.approx(before_totals)


def test_gpc_csv_download_imports_back_as_lines(site: Site, example: Inventory, tmp_path: Path) -> None:
    response = site.client("editor_a").get(reverse("web:inventory_download", args=[example.pk, "csv"]))
    path = tmp_path / "gpc.csv"
    path.write_bytes(response.content)
    before_lines, before_totals = _lines(example), _totals(example)[:3]
    editor = site.user("editor_a")
    back = import_file(editor, example, path, kind="lines", revision=example.revision).inventory
    assert _lines(back) == pytest.approx(before_lines)
    assert _totals(back)[:3] == pytest.approx(before_totals)


def test_the_gpc_download_names_the_source_of_computed_lines(site: Site, example: Inventory) -> None:
    response = site.client("editor_a").get(reverse("web:inventory_download", args=[example.pk, "csv"]))
    rows = {r["gpc_ref"]: r for r in csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))}
    assert rows["I.1.1"]["source"] == "Gas utility: 2022 sales to households"
    assert example.gpc_lines.get(gpc_ref="I.1.1").source == "Gas utility: 2022 sales to households"


def test_records_xlsx_has_the_gpc_table_and_gases_by_line(
    site: Site, example: Inventory, tmp_path: Path
) -> None:
    wb = load_workbook(_get(site, example, "records", "xlsx", tmp_path))
    assert wb.sheetnames == [
        "activity",
        "inventory",
        "GPC table",
        "gases by line",
        "column help",
        "notation keys",
    ]
    keys = {row[0]: row[1] for row in wb["notation keys"].iter_rows(min_row=2, values_only=True)}
    assert set(keys) == {"NO", "IE", "NE", "C"} and keys["NO"].startswith("not occurring")
    table = list(wb["GPC table"].iter_rows(values_only=True))
    head = table[0]
    assert "GPC reference number" in head and "Sources of the emission factors" in head
    by_ref = {row[0]: dict(zip(head, row, strict=True)) for row in table[1:]}
    i11 = by_ref["I.1.1"]
    assert i11["Emissions (tCO2e)"] == pytest.approx(example.gpc_lines.get(gpc_ref="I.1.1").value_tco2e)
    assert i11["CO2 (t)"] > 0 and i11["CH4 (t)"] > 0 and i11["N2O (t)"] > 0
    assert "IPCC 2006" in i11["Sources of the emission factors"]
    gases = list(wb["gases by line"].iter_rows(values_only=True))
    total = sum(r[1] for r in gases[1:])
    assert total == pytest.approx(sum(_lines(example).values()))


def test_report_html_carries_totals_lines_sources_and_checks(example: Inventory) -> None:
    html = report_html(example)
    assert f"{round(example.basic_tco2e):,}" in html
    assert "Gas utility: 2022 sales to households" in html and "IPCC 2006" in html
    assert "I.1.1" in html and "Checks" in html


def test_unknown_export_is_404(site: Site) -> None:
    c = site.client("anonymous")
    assert (
        c.get(reverse("web:inventory_export", args=[site.published.pk, "records", "pdf"])).status_code == 404
    )
    assert c.get(reverse("web:inventory_export", args=[site.published.pk, "nope", "csv"])).status_code == 404


@pytest.mark.skipif(not Path("/usr/bin/chromium").is_file(), reason="chromium not installed")
def test_pdf_report_of_a_published_inventory(site: Site, settings: Any, tmp_path: Path) -> None:
    settings.LOCALACTION_OPENDATA_DIR = str(tmp_path / "opendata")
    url = reverse("web:inventory_export", args=[site.published.pk, "report", "pdf"])
    response = site.client("anonymous").get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and len(response.content) > 5000
    cached = list((tmp_path / "reports").glob("*.pdf"))
    assert len(cached) == 1  # kept per version: the next request is served from the file
    assert site.client("editor_b").get(url).content == cached[0].read_bytes()


def test_an_older_computed_line_without_source_is_named_from_its_records(
    site: Site, example: Inventory
) -> None:
    from localaction.registry.inventories.models import GpcLine

    GpcLine.objects.filter(inventory=example, gpc_ref="I.1.2").update(source="")  # as stored before the fix
    response = site.client("editor_a").get(reverse("web:inventory_download", args=[example.pk, "csv"]))
    rows = {r["gpc_ref"]: r for r in csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))}
    assert rows["I.1.2"]["source"].startswith("Distribution grid operator: 2022 residential")
