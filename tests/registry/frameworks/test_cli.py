"""`localaction report export|import` (registered on a fresh app here: the lead adds the register line)."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from localaction.faces.cli.reports import register
from localaction.registry.frameworks.models import FrameworkReport
from localaction.registry.inventories.models import Inventory
from tests.factories import World, published_inventory
from tests.registry.frameworks.helpers import published_report

app = typer.Typer()
register(app)
runner = CliRunner()


def test_export_then_import(world: World, tmp_path: Path) -> None:
    published_inventory(world, 2022)
    published_report(world, year=2022)
    r = runner.invoke(app, ["report", "export", "sao-paulo", "--year", "2022", "--format", "json"])
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["year"] == 2022 and doc["framework_reports"][0]["score_total"] > 0
    for fmt, name in (("gcom", "t.csv"), ("gcom-xlsx", "t.xlsx"), ("gpc-xlsx", "w.xlsx")):
        r = runner.invoke(
            app, ["report", "export", "sao-paulo", "-y", "2022", "-f", fmt, "-o", str(tmp_path / name)]
        )
        assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["report", "export", "sao-paulo", "-y", "2022", "-f", "gpc-xlsx"])
    assert r.exit_code == 2  # a workbook needs -o
    before = Inventory.objects.count()
    r = runner.invoke(app, ["report", "import", str(tmp_path / "t.csv"), "-j", "sao-paulo", "--dry-run"])
    assert r.exit_code == 0 and Inventory.objects.count() == before
    r = runner.invoke(app, ["report", "import", str(tmp_path / "t.csv"), "-j", "sao-paulo", "-u", "editor_a"])
    assert r.exit_code == 0, r.output
    assert Inventory.objects.count() == before + 1 and "draft inventory" in r.stdout
    (tmp_path / "doc.json").write_text(json.dumps(doc))
    r = runner.invoke(
        app, ["report", "import", str(tmp_path / "doc.json"), "-j", "sao-paulo", "-u", "editor_a"]
    )
    assert r.exit_code == 0 and FrameworkReport.objects.filter(state="draft").count() == 1


def test_import_names_bad_rows_and_exits_2(world: World, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("sector,subsector,direct_tco2e,indirect_tco2e,outside_tco2e\nStationary energy,Nope,1,,\n")
    r = runner.invoke(app, ["report", "import", str(bad), "-j", "sao-paulo", "-u", "editor_a"])
    assert r.exit_code == 2 and "row 2" in r.output and "nothing was imported" in r.output
