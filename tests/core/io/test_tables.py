"""Tables: the sheet found by its columns (or named), title rows skipped, the error naming the sheets."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from localaction.core.errors import InputError
from localaction.core.io import read_table
from localaction.core.io.tables import cell_text


def _fits(cells: object) -> int:
    return 1 if {"City", "Year", "I.1.1"} <= set(cells) else 0  # type: ignore[arg-type]


def _book(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    wb = Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for r in rows:
            ws.append(r)
    wb.save(path)
    return path


def test_the_sheet_that_fits_is_read_not_the_first(tmp_path: Path) -> None:
    path = _book(
        tmp_path / "c40.xlsx",
        {
            "Cover": [["C40 GHG Dashboard GPC database"], ["version 2023-05-30"]],
            "Data": [["Inventory data, tCO2e"], [], ["City", "Year", "I.1.1"], ["Accra", 2015, 215458.5]],
            "GPC taxonomy": [["GPC ref", "Scope"], ["I.1.1", 1]],
        },
    )
    table = read_table(path, fits=_fits)
    assert (table.sheet, table.header_row, table.header) == ("Data", 3, ["City", "Year", "I.1.1"])
    assert table.rows == [(4, ["Accra", "2015", "215458.5"])]
    assert table.sheets == ["Cover", "Data", "GPC taxonomy"]
    named = read_table(path, sheet="gpc taxonomy")  # by name, any case
    assert named.sheet == "GPC taxonomy"


def test_no_sheet_fits_names_the_sheets(tmp_path: Path) -> None:
    path = _book(tmp_path / "x.xlsx", {"Cover": [["title"]], "Notes": [["a", "b"]]})
    with pytest.raises(InputError) as exc:
        read_table(path, fits=_fits, needs="GPC lines")
    assert exc.value.code == "no_matching_sheet"
    assert "'Cover', 'Notes'" in exc.value.message and "--sheet" in exc.value.message
    with pytest.raises(InputError) as exc:
        read_table(path, sheet="Inventory")
    assert exc.value.code == "no_such_sheet" and "'Cover', 'Notes'" in exc.value.message


def test_typed_numbers_are_never_ambiguous() -> None:
    assert cell_text(1.234) == "1.2340" and cell_text(-12.5) == "-12.5" and cell_text(2019.0) == "2019"
