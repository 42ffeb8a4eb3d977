"""Exports read back: the records file through the activity reader, the CRF table through the CRF reader,
to the same totals and the same value on every GPC line."""

from __future__ import annotations

from pathlib import Path

import pytest

from localaction.core.inventory import compute
from localaction.core.inventory import exports as ex
from localaction.core.inventory.activity_io import read_activity, read_activity_file
from localaction.core.inventory.model import InventoryResult
from localaction.core.inventory.readers.crf import read_crf
from localaction.core.inventory.readers.preview import detect_kind
from localaction.core.io.writers import Sheet, csv_text, xlsx_bytes

EXAMPLE = Path(__file__).parents[3] / "src/localaction/core/inventory/templates/activity_example.csv"


@pytest.fixture(scope="module")
def result() -> InventoryResult:
    return compute(read_activity_file(EXAMPLE), checks=False)


def _values(res: InventoryResult) -> dict[str, float | None]:
    return {ln.gpc_ref: ln.value_tco2e for ln in res.lines}


def test_records_csv_reads_back_to_the_same_numbers(result: InventoryResult, tmp_path: Path) -> None:
    path = tmp_path / "records.csv"
    text = csv_text(ex.record_columns(result), ex.record_rows(result), preamble=ex.header_lines(result))
    path.write_text(text, encoding="utf-8", newline="")
    assert detect_kind(path) == "activity"
    back = read_activity(path)
    again = compute(back.inventory, checks=False)
    assert again.totals.basic == pytest.approx(result.totals.basic)
    assert again.totals.basic_plus == pytest.approx(result.totals.basic_plus)
    assert again.totals.territorial == pytest.approx(result.totals.territorial)
    assert again.totals.biogenic_co2_t == pytest.approx(result.totals.biogenic_co2_t)
    assert _values(again) == pytest.approx(_values(result))
    assert [ln.notation_keys for ln in again.lines] == [ln.notation_keys for ln in result.lines]
    assert back.inventory.gwp_set == result.inventory.gwp_set
    assert back.inventory.population == result.inventory.population
    # the result columns are listed as not used, never dropped in silence
    unused = {c.title for c in back.report.unrecognised}
    assert {"co2e_t", "factor_source", "ch4_t"} <= unused


def test_records_xlsx_reads_back(result: InventoryResult, tmp_path: Path) -> None:
    head = [[k, v] for k, v in ex.header(result).items() if v not in (None, "")]
    body = xlsx_bytes(
        [
            Sheet("activity", ex.record_columns(result), ex.record_rows(result)),
            Sheet("inventory", ["key", "value"], head),
        ]
    )
    path = tmp_path / "records.xlsx"
    path.write_bytes(body)
    again = compute(read_activity_file(path), checks=False)
    assert _values(again) == pytest.approx(_values(result))


def test_record_rows_carry_factor_and_gases(result: InventoryResult) -> None:
    rows = [r for r in ex.record_rows(result) if r.get("method")]
    assert rows
    for row in rows:
        res = next(r for r in result.records if r.record_id == row["record_id"])
        assert row["co2e_t"] == pytest.approx(res.co2e_t)
        assert row["co2_t"] == res.gases_t.get("CO2")
    with_factor = [r for r in rows if r["factor_used_id"]]
    assert with_factor and all(r["factor_source"] and r["factor_value"] for r in with_factor)
    assert any(r.get("notation_key") for r in ex.record_rows(result))


def test_line_rows_per_gas_add_up(result: InventoryResult) -> None:
    from localaction.core.catalog.gwp import gwp

    gwp_set = result.inventory.gwp_set
    for row in ex.line_rows(result):
        if row["value_tco2e"] is None or row["entered_tco2e"] is not None:
            continue
        co2e = (row["co2_t"] or 0) + (row["n2o_t"] or 0) * gwp("N2O", gwp_set)
        co2e += (row["other_gases_tco2e"] or 0) + (row["co2e_not_split_t"] or 0)
        ch4 = row["ch4_t"] or 0
        # CH4's GWP depends on its origin: between the non-fossil and the fossil value
        low, high = sorted((gwp("CH4", gwp_set, "non-fossil"), gwp("CH4", gwp_set, "fossil")))
        assert co2e + ch4 * low - 1e-6 <= row["value_tco2e"] <= co2e + ch4 * high + 1e-6
    # every line computed with library factors names their citations; the activity data's source is there too
    with_factors = {res.gpc_ref for res in result.records if res.factors}
    rows = [r for r in ex.line_rows(result) if r["gpc_ref"] in with_factors]
    assert rows and all(r["factor_source"] and r["source"] for r in rows)
    grid = next(r for r in ex.line_rows(result) if r["gpc_ref"] == "I.1.2")
    assert (
        grid["co2e_not_split_t"] == pytest.approx(grid["value_tco2e"]) and grid["other_gases_tco2e"] is None
    )


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_crf_reads_back_to_the_same_lines(result: InventoryResult, tmp_path: Path, suffix: str) -> None:
    rows = ex.crf_rows(result)
    path = tmp_path / f"crf.{suffix}"
    if suffix == "csv":
        path.write_text(csv_text(ex.CRF_COLUMNS, rows), encoding="utf-8", newline="")
    else:
        path.write_bytes(xlsx_bytes([Sheet("CRF", ex.CRF_COLUMNS, rows)]))
    assert detect_kind(path) == "crf"  # an upload without a declared kind reads it as CRF
    back = read_crf(path)
    lines = {ln.gpc_ref: ln for ln in back.lines}
    expected = {ln.gpc_ref: ln for ln in result.lines if ln.value_tco2e is not None or ln.notation_keys}
    assert set(lines) == set(expected)
    for ref, ln in expected.items():
        assert lines[ref].value_tco2e == pytest.approx(ln.value_tco2e), ref
        assert lines[ref].notation_keys == ln.notation_keys, ref
