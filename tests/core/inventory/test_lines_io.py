from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest
from openpyxl import Workbook

from localaction.core.errors import InputError
from localaction.core.inventory import compute
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


# --- the messes of real files -------------------------------------------------------------------------------

WIDE_HEADER = [
    "City",
    "Country",
    "Year_calendar",
    "Level",
    "Population",
    "Area",
    "GDP",
    "I.1.1",
    "I.1.2",
    "I.2.1",
    "II.1.1",
    "V.2",
    "BASIC",
    "BASIC+",
    "Territorial",
]


def _wide_rows() -> list[list[object]]:
    return [
        [
            "Accra",
            "Ghana",
            2015,
            "BASIC",
            1999810.0,
            137.0,
            4200000000,
            215458.5,
            94035.4,
            "NO ",
            300000,
            -24643.0,
            609493.9,
            584850.9,
            490815.5,
        ],
        [
            "Bangkok",
            "Thailand",
            2016,
            "BASIC+",
            5686646,
            1569,
            "$763,955,224,976",
            "C",
            "IE (I.1.1)",
            12.5,
            "NE",
            "NO; IE",
            12.5,
            12.5,
            12.5,
        ],
    ]


def _wide_book(
    path: Path, sheets: tuple[str, ...] = ("Cover", "GHG Dashboard Data - Inventory", "GPC taxonomy")
) -> Path:
    wb = Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    for title in sheets:
        ws = wb.create_sheet(title)
        if title == "Cover":
            ws.append(["C40 GHG Dashboard GPC database v2023-05-30"])
            ws.append(["Terms of use: …"])
        elif title == "GPC taxonomy":
            ws.append(["GPC ref", "Type", "Description", "Scope", "BASIC", "BASIC+"])
            ws.append(["I.1.1", "Emissions", "Residential fuel", 1, "X", "X"])
        else:
            ws.append(WIDE_HEADER)
            for row in _wide_rows():
                ws.append(row)
    wb.save(path)
    return path


def test_wide_workbook_read_from_the_sheet_with_gpc_columns(tmp_path: Path) -> None:
    read = read_lines(_wide_book(tmp_path / "c40.xlsx"))
    assert (read.layout, read.report.sheet) == ("wide", "GHG Dashboard Data - Inventory")
    accra, bangkok = read.inventories
    by_ref = {ln.gpc_ref: ln for ln in accra.inventory.lines}
    assert by_ref["I.1.1"].value_tco2e == 215458.5 and by_ref["I.2.1"].notation_keys == (NotationKey.NO,)
    assert by_ref["V.2"].value_tco2e == -24643.0
    assert accra.inventory.period.year == 2015 and accra.population == 1999810 and accra.gdp == 4200000000
    assert accra.reported is not None and accra.reported.basic == 609493.9  # the publisher's totals
    keys = {ln.gpc_ref: ln.notation_keys for ln in bangkok.inventory.lines}
    assert keys["I.1.1"] == (NotationKey.C,) and keys["V.2"] == (NotationKey.NO, NotationKey.IE)
    assert bangkok.inventory.lines[1].included_in == "I.1.1"
    # A $ in GDP (a context column) is a warning on that cell; the value is kept as written.
    assert bangkok.gdp is None and bangkok.context["gdp"] == "$763,955,224,976"
    (warning,) = read.report.warnings
    assert warning.loc == ("c40.xlsx", "row 3", "gdp") and "'$' is a currency sign" in warning.msg
    assert read.report.balanced and read.report.unrecognised == []
    # Reported totals are compared with the computed ones (the same check as --reported).
    res = compute(accra.inventory)
    assert res.totals.basic == pytest.approx(609493.9) and "totals.mismatch" not in {
        c.code for c in res.checks
    }


def test_sheet_by_name_and_the_error_naming_the_sheets(tmp_path: Path) -> None:
    path = _wide_book(tmp_path / "c40.xlsx")
    assert read_lines(path, sheet="GHG Dashboard Data - Inventory").layout == "wide"
    with pytest.raises(InputError) as exc:
        read_lines(path, sheet="Cover")
    assert "city" in str(exc.value)
    only_cover = _wide_book(tmp_path / "cover.xlsx", sheets=("Cover", "GPC taxonomy"))
    with pytest.raises(InputError) as exc:
        read_lines(only_cover)
    assert exc.value.code == "no_matching_sheet" and "'Cover', 'GPC taxonomy'" in exc.value.message


def test_a_bad_value_cell_in_the_wide_layout_blocks(tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    rows = [[str(c) for c in r] for r in _wide_rows()]
    rows[0][7] = "about 12 kt"
    _csv(path, rows, header=WIDE_HEADER)
    with pytest.raises(InputError) as exc:
        read_lines(path)
    assert [d.loc for d in exc.value.details] == [("wide.csv", "row 2", "I.1.1")]
    assert "nor is it a notation key" in exc.value.details[0].msg


def test_percent_and_currency_in_context_columns_warn(tmp_path: Path) -> None:
    rows = [list(r) for r in GOOD]
    for r in rows:
        r[4] = "12 %" if r[2] == "2019" else "$1,000"
    read = read_lines(_csv(tmp_path / "ctx.csv", rows))
    assert [(d.loc[1], d.loc[2]) for d in read.report.warnings] == [
        ("row 2", "population"),
        ("row 6", "population"),
    ]
    assert "percent sign" in read.report.warnings[0].msg and "currency sign" in read.report.warnings[1].msg
    assert [i.population for i in read.inventories] == [None, None]
    assert read.inventories[0].context["population"] == "12 %"
    assert read.report.balanced


def test_decimal_commas_declared_detected_and_ambiguous(tmp_path: Path) -> None:
    def write(values: list[str]) -> Path:
        rows = [["Testville", "", "2019", "", "", f"I.{i + 1}.1", v, ""] for i, v in enumerate(values)]
        return _csv(tmp_path / "n.csv", rows)

    detected = read_lines(write(["850.000,5", "1.234", "12"]))
    assert [ln.value_tco2e for ln in detected.inventories[0].inventory.lines] == [850000.5, 1234, 12]
    assert detected.report.decimal == "detected: decimal comma"
    declared = read_lines(write(["1.234", "1,5"]), decimal="comma")
    assert [ln.value_tco2e for ln in declared.inventories[0].inventory.lines] == [1234, 1.5]
    with pytest.raises(InputError) as exc:
        read_lines(write(["1,234", "12"]))  # nothing in the file says which: never a guess
    assert [d.loc for d in exc.value.details] == [("n.csv", "row 2", "value_tco2e")]
    assert "--decimal" in exc.value.details[0].msg
    assert (
        read_lines(write(["1,234", "12"]), decimal="point").inventories[0].inventory.lines[0].value_tco2e
        == 1234
    )


def test_spaced_and_zero_width_headers_and_unknown_columns(tmp_path: Path) -> None:
    header = ["\u200bCity ", "Year\xa0", " GPC  Ref", "value (tCO2e)", "Notation\u200b Key", "Sector note"]
    path = _csv(tmp_path / "h.csv", [["Testville", "2019", "I.1.1", "5", "", "12"]], header=header)
    read = read_lines(path)
    assert read.inventories[0].inventory.lines[0].value_tco2e == 5
    (unknown,) = read.report.unrecognised
    assert (unknown.title, unknown.values, unknown.figures) == ("Sector note", 1, 1)
    assert read.report.not_used == {"column not recognised": 1} and read.report.balanced
