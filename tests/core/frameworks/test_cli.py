"""`localaction frameworks list` and `check` (the sub-app; the lead registers it as `frameworks`)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from localaction.core.frameworks.shipped import framework_files
from localaction.faces.cli.frameworks import app
from tests.core.frameworks.conftest import TINY

runner = CliRunner()


def test_list_as_json() -> None:
    out = runner.invoke(app, ["list", "--format", "json"])
    assert out.exit_code == 0, out.output
    rows = {r["id"]: r for r in json.loads(out.output)}
    si = rows["singapore_index"]
    assert (si["edition"], si["indicators"], si["max_score"], si["verified"]) == ("2014", 25, 92, False)
    assert len(rows) == len(framework_files())


def test_list_as_table_and_bad_format() -> None:
    out = runner.invoke(app, ["list"])
    assert out.exit_code == 0 and "singapore_index" in out.output
    assert runner.invoke(app, ["list", "--format", "csv"]).exit_code != 0


def test_check_every_shipped_file() -> None:
    for path in framework_files():
        out = runner.invoke(app, ["check", str(path)])
        assert out.exit_code == 0, out.output
        assert out.output.startswith("ok: ")


def test_check_a_bad_file_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(TINY.replace("{score: 2, min: 7, below: 14}", "{score: 2, min: 8, below: 14}"), "utf-8")
    out = runner.invoke(app, ["check", str(path)])
    line = next(i for i, ln in enumerate(path.read_text().splitlines(), 1) if "min: 8" in ln)
    assert out.exit_code == 2
    assert f"bad.yaml, line {line}, sections[0].indicators[0].bands[2]: gap" in out.output


def test_check_a_missing_file(tmp_path: Path) -> None:
    out = runner.invoke(app, ["check", str(tmp_path / "nowhere.yaml")])
    assert out.exit_code == 2 and "cannot read" in out.output
