"""Readers of files written by others (CRF table, GPC workbook, CDP open data) and the shipped examples:
what each would store, and every figure accounted for."""

from __future__ import annotations

import csv
from importlib import resources
from pathlib import Path

import pytest
from openpyxl import Workbook

from localaction.core.errors import InputError
from localaction.core.inventory import compute
from localaction.core.inventory.activity_io import read_activity
from localaction.core.inventory.lines_io import read_lines
from localaction.core.inventory.model import NotationKey
from localaction.core.inventory.readers.cdp import read_cdp, settle_as_read
from localaction.core.inventory.readers.crf import read_crf, resolve
from localaction.core.inventory.readers.gpc_workbook import read_gpc_workbook
from localaction.core.inventory.readers.preview import detect_kind, preview

EXAMPLES = Path(str(resources.files("localaction.core.io").joinpath("examples")))


def test_every_example_reads_and_balances() -> None:
    kinds = {
        "activity_decimal_comma.csv": "activity",
        "cdp_2021_city_wide_emissions.csv": None,
        "crf_detail.csv": "crf",
        "crf_table.csv": "crf",
        "gpc_lines_long.csv": "lines",
        "gpc_lines_wide_decimal_comma.csv": "lines",
    }
    assert {p.name for p in EXAMPLES.iterdir() if p.suffix in {".csv", ".xlsx"}} == set(kinds)
    for name, kind in kinds.items():
        if kind is None:
            continue
        assert detect_kind(EXAMPLES / name) == kind, name
    wide = read_lines(EXAMPLES / "gpc_lines_wide_decimal_comma.csv")
    assert wide.layout == "wide" and wide.report.balanced
    for inv in wide.inventories:  # the file's own totals agree with the lines (BASIC+ < BASIC: a removal)
        res = compute(inv.inventory)
        assert "totals.mismatch" not in {c.code for c in res.checks}
        assert inv.reported is not None and inv.reported.basic == pytest.approx(res.totals.basic)


def test_crf_detail_sheet(tmp_path: Path) -> None:
    c = read_crf(EXAMPLES / "crf_detail.csv")
    by_ref = {ln.gpc_ref: ln for ln in c.lines}
    assert (c.layout, c.year) == ("detail", 2023)
    assert by_ref["I.1.2"].value_tco2e == 87500  # no GPC ref: placed by sub-sector and scope
    assert by_ref["I.2.1"].value_tco2e == pytest.approx(3726.95 + 745.39)  # commercial + institutional
    assert by_ref["I.3.1"].notation_keys == (NotationKey.NE,) and by_ref["V.2"].value_tco2e == -52.4
    r = c.report
    assert r.balanced and r.unrecognised == []
    assert r.stored_by_field["value_tco2e"] == 5
    assert any("per-gas amount" in reason for reason in r.not_used)
    assert any("biogenic" in reason for reason in r.not_used)


def test_crf_table_and_its_spellings() -> None:
    c = read_crf(EXAMPLES / "crf_table.csv")
    by_ref = {ln.gpc_ref: ln for ln in c.lines}
    assert c.layout == "table"
    assert by_ref["I.2.1"].value_tco2e == 90250  # "Commercial buildings & facilities" + "Institutional …"
    assert (
        by_ref["I.2.3"].notation_keys == (NotationKey.NE,)
        and by_ref["I.2.3"].explanation == "T&D losses not estimated"
    )
    assert by_ref["II.1.1"].explanation == ""  # the row's explanation belongs to its notation keys
    assert by_ref["I.4.4"].value_tco2e == 15000  # generation of grid-supplied energy
    assert by_ref["III.1.2"].value_tco2e == 45000
    assert resolve("Transportation", "Rail", 2) == "II.2.2" and resolve("IPPU", "Produce Use", 1) == "IV.2"
    assert resolve("Stationary Energy", "Fugitive emissions", 1) is None  # coal or oil and gas: ask


def test_crf_refuses_what_it_cannot_place(tmp_path: Path) -> None:
    path = tmp_path / "crf.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(
            [
                [
                    "Inventory year",
                    "GPC ref. no.",
                    "CRF - Sector",
                    "CRF - Sub-sector",
                    "Scope",
                    "Notation key",
                    "GHGs (metric tonnes CO2e) - Total CO2e",
                ],
                ["2023", "", "Stationary Energy", "Fugitive emissions", "1", "", "12"],
                ["2023", "I.1.1", "Stationary Energy", "Residential", "1", "XX", ""],
                ["2023", "I.1.2", "", "", "2", "", "12 t"],
            ]
        )
    with pytest.raises(InputError) as exc:
        read_crf(path)
    assert [d.loc[1:] for d in exc.value.details] == [
        ("row 2", "gpc_ref"),
        ("row 3", "notation_key"),
        ("row 4", "total"),
    ]


def _workbook(path: Path) -> Path:
    wb = Workbook()
    s = wb.active
    assert s is not None
    s.title = "Summary"
    for row in (
        ["field", "value"],
        ["jurisdiction", "Testville"],
        ["year", 2022],
        ["level", "BASIC"],
        ["population", 1000],
        ["basic_tco2e", 99.0],
    ):
        s.append(row)
    ws = wb.create_sheet("I Stationary energy")
    ws.append(["record_id", "gpc_ref", "method", "activity", "quantity", "unit", "params", "co2e_t"])
    ws.append(
        [
            "gas",
            "I.1.1",
            "fuel_combustion",
            "natural_gas",
            1.5,
            "TJ",
            '{"sector_of_use": "residential"}',
            84.1,
        ]
    )
    lines = wb.create_sheet("Lines")
    lines.append(["gpc_ref", "value_tco2e", "notation_key", "included_in", "explanation"])
    lines.append(["I.3.1", None, "NO", None, "No industry"])
    wb.create_sheet("Notes")
    wb.save(path)
    return path


def test_gpc_workbook_xlsx_and_csv(tmp_path: Path) -> None:
    w = read_gpc_workbook(_workbook(tmp_path / "wb.xlsx"))
    assert w.fields == {
        "jurisdiction": "Testville",
        "year": 2022,
        "level": w.fields["level"],
        "population": 1000,
    }
    (rec,) = w.records
    assert (rec.record_id, rec.quantity, rec.params) == ("gas", 1.5, {"sector_of_use": "residential"})
    assert w.lines[0].notation_keys == (NotationKey.NO,)
    assert w.report.balanced
    assert w.report.not_used == {"computed: the engine computes it again from the entered columns": 2}
    assert [d.loc for d in w.report.warnings] == [("wb.xlsx", "Notes")]
    assert detect_kind(tmp_path / "wb.xlsx") == "gpc-workbook"
    p = preview(tmp_path / "wb.xlsx")
    assert (p.kind, p.year, len(p.inventory.records), len(p.inventory.lines)) == ("gpc-workbook", 2022, 1, 1)
    path = tmp_path / "lines.csv"
    path.write_text(
        'gpc_ref,value_tco2e,notation_key,explanation\nI.1.1,"1.234,5",,\nI.4.1,,NO,none\n', "utf-8"
    )
    lines = read_gpc_workbook(path).lines
    assert [(ln.gpc_ref, ln.value_tco2e) for ln in lines] == [("I.1.1", 1234.5), ("I.4.1", None)]


def test_cdp_2021_layout_derives_totals_and_says_so() -> None:
    f = read_cdp(EXAMPLES / "cdp_2021_city_wide_emissions.csv")
    settle_as_read(f.rows)
    first, second = f.rows
    assert first.derived == ["scope1", "scope2", "scope3"] and first.figures["scope1"] == 4667359
    assert "derived" in first.derivation_note() and any("derived" in n.msg for n in f.report.notes)
    assert first.text["boundary"].startswith("Same") and first.text["gases"] == "CO2; CH4; N2O"
    assert first.text["change"] == "Decreased" and first.population_year == 2019
    assert [c.code for c in second.checks] == ["values.zero_not_reported"]  # BASIC+ 0, BASIC 1.66 Mt
    assert f.report.balanced and f.report.unrecognised == [] and not f.problems


def test_activity_with_units_and_decimal_commas() -> None:
    a = read_activity(EXAMPLES / "activity_decimal_comma.csv")
    assert [(r.quantity, r.unit) for r in a.inventory.records] == [
        (180000000.5, "kWh"),
        (95500000.25, "kWh"),  # "95.500.000,25 kWh": the unit written with the number
        (1250000, "litre"),  # "1.250.000": the file writes decimal commas, so points group thousands
    ]
    assert a.report.decimal == "detected: decimal comma" and a.report.balanced


def test_crf_xlsx_from_the_ecrf_sheet(tmp_path: Path) -> None:
    with (EXAMPLES / "crf_detail.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    wb = Workbook()
    cover = wb.active
    assert cover is not None
    cover.title = "eCRF_1"
    cover.append(["City information"])
    ws = wb.create_sheet("eCRF_3")
    for r in rows:
        ws.append([float(c) if c.replace(".", "", 1).lstrip("-").isdigit() else c for c in r])
    wb.save(tmp_path / "crf.xlsx")
    from_xlsx = read_crf(tmp_path / "crf.xlsx")
    assert from_xlsx.report.sheet == "eCRF_3"
    assert [(ln.gpc_ref, ln.value_tco2e) for ln in from_xlsx.lines] == [
        (ln.gpc_ref, ln.value_tco2e) for ln in read_crf(EXAMPLES / "crf_detail.csv").lines
    ]
    assert detect_kind(tmp_path / "crf.xlsx") == "crf"


def test_cli_preview_prints_the_report_as_json() -> None:
    import json

    from typer.testing import CliRunner

    from localaction.faces.cli import app

    out = CliRunner().invoke(app, ["import", "preview", str(EXAMPLES / "crf_table.csv"), "--format", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert data["kind"] == "crf" and data["lines"] == 12
    figures = data["report"]["figures"]
    assert figures["balanced"] and figures["found"] == figures["stored"] + figures["not_used"]
