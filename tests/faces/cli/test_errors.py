"""The CLI's one error exit: user text printed as written (never Rich markup), exit status 2, no traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "localaction", *args], capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("unit", ["[/x]", "[red]kg"])
def test_a_markup_looking_cell_is_printed_as_written(tmp_path: Path, unit: str) -> None:
    path = tmp_path / "city.csv"
    path.write_text(
        "# jurisdiction: Exampleville\n# period: 2022\n"
        f"record_id,gpc_ref,method,activity,quantity,unit\nr1,I.1.1,fuel_combustion,natural_gas,10,{unit}\n",
        encoding="utf-8",
    )
    out = run("inventory", "compute", str(path))
    assert out.returncode == 2, out.stderr
    assert f"unknown unit '{unit}'" in out.stderr and "city.csv, row" in out.stderr
    assert "Traceback" not in out.stderr and "MarkupError" not in out.stderr


def test_a_bad_framework_file_is_an_error_message_and_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\n", encoding="utf-8")
    out = run("frameworks", "check", str(bad))
    assert out.returncode == 2 and out.stderr.startswith("error: ") and "Traceback" not in out.stderr


def test_template_refuses_an_unknown_extension_and_keeps_an_existing_file(tmp_path: Path) -> None:
    out = run("inventory", "template", str(tmp_path / "my-city.txt"))
    assert out.returncode == 2 and "my-city.xlsx" in out.stderr and "Traceback" not in out.stderr
    kept = tmp_path / "mine.csv"
    kept.write_text("my own work", encoding="utf-8")
    out = run("inventory", "template", str(kept))
    assert (
        out.returncode == 2 and "--force" in out.stderr and kept.read_text(encoding="utf-8") == "my own work"
    )
    assert run("inventory", "template", str(kept), "--force").returncode == 0
    assert kept.read_text(encoding="utf-8-sig").startswith("# LocalAction activity data")
