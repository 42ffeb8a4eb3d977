"""The `localaction inventory` and `factors` commands, run as a user runs them (a real process)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

EXAMPLE = (
    Path(__file__).resolve().parents[3] / "src/localaction/core/inventory/templates/activity_example.csv"
)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "localaction", *args], capture_output=True, text=True, timeout=120
    )


def test_compute_the_example_city_as_json() -> None:
    out = run("inventory", "compute", str(EXAMPLE), "--format", "json")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert doc["city"] == "Exampleville"
    assert doc["basic"] > 0 and doc["basic_plus"] >= doc["basic"]
    lines = {ln["gpc_ref"]: ln for ln in doc["lines"]}
    assert lines["I.1.3"]["value_tco2e"] > 0  # T&D losses of the residential grid record
    assert lines["I.3.1"]["notation_keys"] == ["NO"]
    recs = {r["record_id"]: r for r in doc["records"]}
    assert all(f["source"] for r in doc["records"] for f in r["factors"])
    assert sum(r["co2e_t"] for r in doc["records"] if r["gpc_ref"] == "I.1.1") == pytest.approx(
        lines["I.1.1"]["value_tco2e"]
    )
    assert recs["res-elec"]["factors"][0]["unit"] == "kg/kWh"
    assert not [c for c in doc["checks"] if c["severity"] == "error"]


def test_check_exit_status_follows_error_level_checks(tmp_path: Path) -> None:
    assert run("inventory", "check", str(EXAMPLE)).returncode == 0
    broken = tmp_path / "broken.csv"
    # the same city without its notation-key rows: BASIC+ lines are missing -> completeness errors
    broken.write_text(
        "".join(
            ln for ln in EXAMPLE.read_text("utf-8").splitlines(keepends=True) if not ln.startswith("key-")
        ),
        encoding="utf-8",
    )
    out = run("inventory", "check", str(broken), "--format", "json")
    assert out.returncode == 1
    assert {c["code"] for c in json.loads(out.stdout)} >= {"completeness.missing_line"}


def test_bad_file_gives_one_clear_error_and_no_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "lines.csv"
    bad.write_text(
        "City,Year,gpc_ref,value_tco2e,notation_key\nA,2020,I.1.1,12,\nA,2020,I.9.1,x,\n", encoding="utf-8"
    )
    out = run("inventory", "totals", str(bad))
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    assert "lines.csv" in out.stderr and "row 3" in out.stderr
    assert "gpc_ref" in out.stderr and "value_tco2e" in out.stderr


def test_template_writes_xlsx_that_reads_back(tmp_path: Path) -> None:
    target = tmp_path / "city.xlsx"
    assert run("inventory", "template", str(target), "--example").returncode == 0
    wb = openpyxl.load_workbook(target)
    assert wb.sheetnames
    out = run("inventory", "compute", str(target), "--format", "json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["basic"] == pytest.approx(
        json.loads(run("inventory", "compute", str(EXAMPLE), "--format", "json").stdout)["basic"]
    )


def test_totals_csv_output(tmp_path: Path) -> None:
    f = tmp_path / "lines.csv"
    f.write_text(
        "City,Year,gpc_ref,value_tco2e,notation_key\nSão Paulo,2019/20,I.1.1,100,\n"
        "São Paulo,2019/20,I.4.4,50,\nSão Paulo,2019/20,VI.1,,NE\n",
        encoding="utf-8",
    )
    out = run("inventory", "totals", str(f), "--format", "csv")
    assert out.returncode == 0, out.stderr
    header, row = out.stdout.splitlines()[:2]
    assert header.startswith("city,year,inventory_year,period_start,period_end")
    assert row.startswith("São Paulo,2019/20,")
    values = dict(zip(header.split(","), row.split(","), strict=False))
    assert (float(values["basic"]), float(values["territorial"])) == (100.0, 150.0)


def test_factors_list_and_show_as_json() -> None:
    out = run(
        "factors", "list", "--category", "stationary_combustion", "--activity", "diesel", "--format", "json"
    )
    rows = json.loads(out.stdout)
    assert any(r["gas"] == "CO2" and r["value"] == 74100 for r in rows)
    one = json.loads(run("factors", "show", rows[0]["factor_id"], "--format", "json").stdout)[0]
    assert one["source"]
    missing = run("factors", "show", "no.such.factor")
    assert missing.returncode == 2 and "unknown factor" in missing.stderr
