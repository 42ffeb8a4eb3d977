"""The activity template as bytes for a download: the same files the CLI writes, read back by the reader,
the XLSX's explanations in the reader's language, the column names unchanged."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from localaction.core.errors import InputError
from localaction.core.inventory.activity_io import read_activity_file
from localaction.core.inventory.activity_template import TEMPLATE_COLUMNS, activity_template_bytes


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_example_download_reads_back_as_an_inventory(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"example.{fmt}"
    path.write_bytes(activity_template_bytes(fmt, example=True))
    inv = read_activity_file(path)
    assert inv.jurisdiction == "Exampleville" and inv.records


def test_the_blank_csv_has_the_columns_and_no_rows() -> None:
    text = activity_template_bytes("csv").decode("utf-8-sig")
    data = [ln for ln in text.splitlines() if not ln.startswith("#")]
    assert data == [",".join(TEMPLATE_COLUMNS)]


def test_the_xlsx_explanations_are_translated_and_the_columns_are_not() -> None:
    wb = load_workbook(io.BytesIO(activity_template_bytes("xlsx", translate=lambda s: "«" + s + "»")))
    activity, helps = wb["activity"], wb["help"]
    assert [c.value for c in activity[1]] == list(TEMPLATE_COLUMNS)
    assert activity["A1"].comment.text.startswith("«")
    assert [c.value for c in helps[1]] == ["«column»", "«meaning»"]
    assert all(str(row[1].value).startswith("«") for row in helps.iter_rows(min_row=2))


def test_an_unknown_format_is_refused() -> None:
    with pytest.raises(InputError, match="csv or xlsx"):
        activity_template_bytes("pdf")
