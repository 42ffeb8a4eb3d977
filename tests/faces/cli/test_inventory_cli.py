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
    (doc,) = json.loads(out.stdout)
    assert doc["year"] == 2022 and doc["jurisdiction"] == "Exampleville"
    assert {c["code"] for c in doc["checks"]} >= {"completeness.missing_line"}
    missing = next(c for c in doc["checks"] if c["code"] == "completeness.missing_line")
    assert set(missing) >= {"code", "severity", "message", "gpc_ref", "record_id"} and missing["gpc_ref"]


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


def _year(text: str, year: int, gas_therms: int, elec_kwh: int) -> str:
    """The example city in another year: its header year and two records' quantities changed."""
    out = []
    for line in text.splitlines(keepends=True):
        if line.startswith("# period:"):
            line = f"# period: {year}\n"
        elif line.startswith("res-gas,"):
            line = line.replace(",1650000,", f",{gas_therms},")
        elif line.startswith("res-elec,"):
            line = line.replace(",180000000,", f",{elec_kwh},")
        out.append(line)
    return "".join(out)


def test_check_compares_the_files_of_one_jurisdiction_year_on_year(tmp_path: Path) -> None:
    text = EXAMPLE.read_text("utf-8")
    files = []
    # 2020 and 2021 normal (gas -2 %, electricity +1 %), 2022 gas falls 90 %: a unit slip (Dth read as therm?)
    for year, gas, kwh in (
        (2020, 1_700_000, 178_000_000),
        (2021, 1_666_000, 179_780_000),
        (2022, 166_600, 181_000_000),
    ):
        f = tmp_path / f"city_{year}.csv"
        f.write_text(_year(text, year, gas, kwh), encoding="utf-8")
        files.append(str(f))
    out = run("inventory", "check", *files, "--format", "json")
    assert out.returncode == 0, out.stderr  # warnings only
    docs = {d["year"]: d for d in json.loads(out.stdout)}
    assert sorted(docs) == [2020, 2021, 2022]
    yoy = {y: [c for c in d["checks"] if c["code"].startswith("year_on_year.")] for y, d in docs.items()}
    # every unchanged record repeats its quantity exactly from the year before: copied forward?
    assert {c["record_id"] for c in yoy[2021] if c["code"] == "year_on_year.repeated_value"} >= {
        "com-diesel",
        "cars",
    }
    assert not [c for c in yoy[2021] if c["record_id"] in {"res-gas", "res-elec"}]
    (gas,) = [c for c in yoy[2022] if c["record_id"] == "res-gas"]
    assert (gas["code"], gas["gpc_ref"], gas["year"]) == ("year_on_year.activity_change", "I.1.1", 2022)
    assert "-90%" in gas["message"] and "2021" in gas["message"]


def test_check_reads_a_year_column(tmp_path: Path) -> None:
    f = tmp_path / "series.csv"
    f.write_text(
        "# jurisdiction: Testville\n# period: 2020\n# region: DE\n"
        "record_id,gpc_ref,method,activity,quantity,unit,param:year\n"
        "elec,I.1.2,grid_energy,DE,100000000,kWh,2020\n"
        "elec,I.1.2,grid_energy,DE,10000000,kWh,2021\n",
        encoding="utf-8",
    )
    out = run("inventory", "check", str(f), "--format", "json")
    assert out.returncode == 1, out.stderr  # completeness errors: only one line is given
    docs = json.loads(out.stdout)
    assert [d["year"] for d in docs] == [2020, 2021]
    assert any(
        c["code"] == "year_on_year.activity_change" and c["record_id"] == "elec" for c in docs[1]["checks"]
    )


def test_bad_input_names_the_file_row_and_field_and_user_text_is_not_markup(tmp_path: Path) -> None:
    bad = tmp_path / "city_[bold]2021.csv"
    bad.write_text(
        "# jurisdiction: [red]Town[/red]\n# period: 2021\n"
        "record_id,gpc_ref,method,activity,quantity,unit\n"
        "r1,I.1.1,fuel_combustion,diesel,12,[kg]\n",
        encoding="utf-8",
    )
    out = run("inventory", "check", str(bad))
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    assert "city_[bold]2021.csv" in out.stderr and "row 4" in out.stderr and "unit" in out.stderr
    good = tmp_path / "ok.csv"
    good.write_text(
        "# jurisdiction: [red]Town[/red]\n# period: 2021\n"
        "record_id,gpc_ref,method,activity,quantity,unit\n"
        "[b]r1[/b],I.1.1,fuel_combustion,diesel,12,t\n",
        encoding="utf-8",
    )
    out = run("inventory", "check", str(good))
    assert out.returncode == 1 and "[red]Town[/red]" in out.stdout
    computed = run("inventory", "compute", str(good))
    assert computed.returncode == 0 and "[b]r1[/b]" in computed.stdout


def test_check_exit_status_two_when_a_record_cannot_be_computed(tmp_path: Path) -> None:
    f = tmp_path / "city.csv"
    f.write_text(
        "# jurisdiction: X\n# period: 2021\nrecord_id,gpc_ref,method,activity,quantity,unit\n"
        "r1,I.1.1,fuel_combustion,fuel oil,12,gallon\n",
        encoding="utf-8",
    )
    out = run("inventory", "check", str(f))
    assert out.returncode == 2 and "city.csv" in out.stderr and "fuel oil" in out.stderr
