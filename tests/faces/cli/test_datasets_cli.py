"""`localaction datasets add|list` and `localaction inventory prefill` (Typer's CliRunner, test database)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from localaction.faces.cli import app
from localaction.registry import services as registry
from localaction.registry.datasets.models import Dataset, Suggestion
from tests.core.datasets import layouts as L
from tests.factories import World
from tests.registry.datasets.conftest import CRF_ROWS

runner = CliRunner()


def _add(tmp: Path) -> None:
    r = runner.invoke(
        app,
        [
            "datasets",
            "add",
            str(L.wpp(tmp, [L.wpp_row("BRA", "BR", "Brazil", "2022", "200000")])),
            "--kind",
            "population",
        ],
    )
    assert r.exit_code == 0, r.output
    crf = L.crf(tmp, CRF_ROWS, name="summary2.csv", title=[["SUMMARY 2"]])
    r = runner.invoke(
        app,
        [
            "datasets",
            "add",
            str(crf),
            "--kind",
            "crf",
            "--country",
            "BR",
            "--year",
            "2022",
            "--version",
            "submission 2024 v1",
        ],
    )
    assert r.exit_code == 0, r.output
    assert "figures from" in r.output and "sectors I, II, III" in r.output


def test_add_list_and_refusals(world: World, tmp_path: Path) -> None:
    _add(tmp_path)
    assert Dataset.objects.count() == 2
    r = runner.invoke(app, ["datasets", "list"])
    assert r.exit_code == 0 and "submission 2024 v1" in r.output and "CC BY 3.0 IGO" in r.output
    bad = L.crf(tmp_path, CRF_ROWS[:3], name="nocountry.csv", title=[["SUMMARY 2"]])
    r = runner.invoke(app, ["datasets", "add", str(bad), "--kind", "crf"])
    assert r.exit_code == 2 and "the party or the inventory year is unknown" in r.output
    assert Dataset.objects.count() == 2


def test_prefill_a_stored_draft_and_accept_a_sector(world: World, tmp_path: Path) -> None:
    _add(tmp_path)
    inv = registry.create_inventory(world.users["editor_a"], world.city_a, year=2022, population=4_620_000)
    r = runner.invoke(app, ["inventory", "prefill", str(inv.pk)])
    assert r.exit_code == 2 and "--as USERNAME" in r.output
    r = runner.invoke(app, ["inventory", "prefill", str(inv.pk), "--as", "editor_a", "--accept", "III"])
    assert r.exit_code == 0, r.output
    assert "population share 2.31 %" in r.output and "accepted" in r.output
    inv.refresh_from_db()
    assert inv.gpc_lines.get(gpc_ref="III.1.1").entered_value_tco2e == pytest.approx(693_000)
    assert Suggestion.objects.get(inventory=inv, gpc_ref="I.3.1").status == "open"


def test_prefill_a_file(world: World, tmp_path: Path) -> None:
    _add(tmp_path)
    lines = L.write_csv(
        tmp_path / "lines.csv",
        ["City", "Year", "gpc_ref", "value_tco2e", "notation_key", "Population"],
        [["Sao Paulo", "2022", "III.1.1", "500000", "", "4620000"]],
    )
    out = tmp_path / "prefilled.csv"
    r = runner.invoke(
        app,
        [
            "inventory",
            "prefill",
            str(lines),
            "--jurisdiction",
            "sao-paulo",
            "--accept",
            "all",
            "--output",
            str(out),
        ],
    )
    assert r.exit_code == 0, r.output
    assert "kept: in the file" in r.output
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = {row["gpc_ref"]: row for row in csv.DictReader(fh)}
    assert rows["III.1.1"]["value_tco2e"] == "500000.0"  # the file's own value stays
    assert float(rows["III.4.1"]["value_tco2e"]) == pytest.approx(231_000)
    assert rows["III.4.1"]["quality_activity"] == "low" and rows["I.3.1"]["source"].startswith("UNFCCC CRF")
