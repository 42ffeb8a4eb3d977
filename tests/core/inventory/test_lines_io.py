from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest
from openpyxl import Workbook

from localaction.core.errors import InputError
from localaction.core.inventory.lines_io import (
    InventoryInput,
    read_lines,
    read_lines_file,
    read_reported_totals,
)
from localaction.core.inventory.model import Level, NotationKey

HEADER = ["City", "Country", "Year", "Level", "Population", "gpc_ref", "value_tco2e", "notation_key"]
GOOD = [
    ["Testville", "Nowhere", "2019", "BASIC", "1000", "I.1.1", "1,234.5", ""],
    ["Testville", "Nowhere", "2019", "BASIC", "1000", "I.1.2", "", "NO "],
    ["Testville", "Nowhere", "2019", "BASIC", "1000", "I.1.3", "", ""],  # neither: left out
    ["Testville", "Nowhere", "2019", "BASIC", "1000", "I.2.1", "10", "C"],  # both: kept
    ["Testville", "Nowhere", "July 2018 - June 2019", "BASIC+", "1000", "i.4.1", "", "IE (I.1.1)"],
]


def _csv(path: Path, rows: list[list[str]], header: list[str] = HEADER, encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as fh:
        csv.writer(fh).writerows([header, *rows])
    return path


def _xlsx(path: Path, rows: list[list[str]], numbers: bool = True) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "GPC lines"
    ws.append(HEADER)
    for row in rows:
        cells: list[object] = list(row)
        if numbers:  # as a spreadsheet holds them: numbers as numbers
            cells = [float(c) if c.replace(".", "").isdigit() else c for c in row]
        ws.append(cells)
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def c40(shared_data: Path) -> list[InventoryInput]:
    return read_lines_file(shared_data / "inventories" / "c40_gpc_inventories_long.csv")


def test_real_c40_file(c40: list[InventoryInput]) -> None:
    assert len(c40) == 136
    lines = [line for inv in c40 for line in inv.inventory.lines]
    assert len(lines) == 7344  # every row has a value or a key
    keys = Counter(k for line in lines for k in line.notation_keys)
    assert keys == {NotationKey.NO: 2603, NotationKey.NE: 1468, NotationKey.IE: 559, NotationKey.C: 14}
    assert [line.included_in for line in lines if line.included_in] == ["I.1.1"]
    houston = {inv.year_label: inv for inv in c40 if inv.city == "Houston"}
    assert set(houston) == {"2014", "2019", "2020"}
    assert len(houston["2020"].inventory.lines) == 54
    assert houston["2020"].inventory.period.year == 2020
    chennai = next(inv for inv in c40 if inv.year_label == "April 2018 - April 2019")
    assert chennai.inventory.period.year == 2018 and chennai.inventory.period.end.isoformat() == "2019-03-31"
    assert all("\t" not in inv.boundary and inv.boundary == inv.boundary.strip() for inv in c40)
    assert Counter(inv.level for inv in c40)[Level.BASIC_PLUS] == 15


def test_real_reported_totals(shared_data: Path, c40: list[InventoryInput]) -> None:
    totals = read_reported_totals(shared_data / "inventories" / "c40_gpc_inventories_reported_totals.csv")
    assert set(totals) == {(inv.city, inv.year_label) for inv in c40}
    houston = totals[("Houston", "2020")]
    assert houston.basic == pytest.approx(39.84e6, rel=1e-3)
    assert houston.territorial is not None and houston.basic_plus_other_scope3 is not None


def test_small_file(tmp_path: Path) -> None:
    invs = read_lines_file(_csv(tmp_path / "lines.csv", GOOD))
    assert [(i.city, i.year_label, i.first_row) for i in invs] == [
        ("Testville", "2019", 2),
        ("Testville", "July 2018 - June 2019", 6),
    ]
    first = invs[0].inventory
    assert first.population == 1000 and first.jurisdiction == "Testville"
    by_ref = {line.gpc_ref: line for line in first.lines}
    assert set(by_ref) == {"I.1.1", "I.1.2", "I.2.1"}
    assert by_ref["I.1.1"].value_tco2e == 1234.5
    assert by_ref["I.1.2"].notation_keys == (NotationKey.NO,) and by_ref["I.1.2"].raw_notation == "NO"
    assert by_ref["I.2.1"].value_tco2e == 10 and by_ref["I.2.1"].notation_keys == (NotationKey.C,)
    second = invs[1].inventory
    assert second.level is Level.BASIC_PLUS and second.lines[0].gpc_ref == "I.4.1"
    assert second.lines[0].included_in == "I.1.1"


def test_bad_rows_give_one_error_and_nothing(tmp_path: Path) -> None:
    rows = [list(r) for r in GOOD]
    rows[1][6] = "12,5"  # row 3: decimal comma
    rows[2][7] = "XX"  # row 4: unknown key
    rows[3][5] = "I.9.9"  # row 5: unknown ref
    with pytest.raises(InputError) as exc:
        read_lines_file(_csv(tmp_path / "bad.csv", rows))
    err = exc.value
    assert err.code == "invalid_file" and "bad.csv" in err.message
    assert [d.loc for d in err.details] == [
        ("bad.csv", "row 3", "value_tco2e"),
        ("bad.csv", "row 4", "notation_key"),
        ("bad.csv", "row 5", "gpc_ref"),
    ]
    assert "NO (not occurring" in err.details[1].msg


def test_xlsx_reads_like_csv(tmp_path: Path) -> None:
    from_csv = read_lines_file(_csv(tmp_path / "lines.csv", GOOD))
    assert read_lines_file(_xlsx(tmp_path / "lines.xlsx", GOOD)) == from_csv
    assert read_lines_file(_xlsx(tmp_path / "text.xlsx", GOOD, numbers=False)) == from_csv
    rows = [list(r) for r in GOOD]
    rows[2][7] = "XX"
    with pytest.raises(InputError) as exc:
        read_lines_file(_xlsx(tmp_path / "bad.xlsx", rows))
    assert [d.loc for d in exc.value.details] == [("bad.xlsx", "row 4", "notation_key")]


def test_duplicates_and_conflicts(tmp_path: Path) -> None:
    rows = [*GOOD, ["Testville", "Nowhere", "2019", "BASIC", "2000", "I.1.1 ", "5", ""]]
    with pytest.raises(InputError) as exc:
        read_lines_file(_csv(tmp_path / "dup.csv", rows))
    # A repeated line blocks the read; a differing population (context) is only a warning.
    assert [d.loc for d in exc.value.details] == [("dup.csv", "row 7", "gpc_ref")]
    assert "row 2" in exc.value.details[0].msg
    rows[-1][5] = "I.3.1"
    read = read_lines(_csv(tmp_path / "ok.csv", rows))
    assert [d.loc for d in read.report.warnings] == [("ok.csv", "row 7", "population")]
    assert "the first is kept" in read.report.warnings[0].msg
    assert read.inventories[0].population == 1000
    assert read.report.not_used == {"population differs from the inventory's first row": 1}
    assert read.report.balanced


def test_missing_columns(tmp_path: Path) -> None:
    with pytest.raises(InputError) as exc:
        read_lines_file(_csv(tmp_path / "cols.csv", [["a", "b"]], header=["City", "Year"]))
    assert {d.loc[2] for d in exc.value.details} == {"gpc_ref", "value_tco2e", "notation_key"}


def test_header_spelling_bom_and_semicolons(tmp_path: Path) -> None:
    path = tmp_path / "semi.csv"
    path.write_text(
        "\ufeffCITY; year ;GPC Ref;Value_tCO2e;Notation Key\nTestville;2019;I.1.1;1 234.5;\n", "utf-8"
    )
    (inv,) = read_lines_file(path)
    assert inv.inventory.lines[0].value_tco2e == 1234.5


def test_not_utf8(tmp_path: Path) -> None:
    path = _csv(
        tmp_path / "latin.csv", [["Bogotá", "", "2019", "", "", "I.1.1", "1", ""]], encoding="latin-1"
    )
    with pytest.raises(InputError) as exc:
        read_lines_file(path)
    assert exc.value.code == "invalid_encoding" and "UTF-8" in exc.value.message


def test_unknown_extension(tmp_path: Path) -> None:
    path = tmp_path / "lines.txt"
    path.write_text("x", "utf-8")
    with pytest.raises(InputError, match=r"\.csv"):
        read_lines_file(path)
