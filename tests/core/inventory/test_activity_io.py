from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from localaction.core.errors import InputError
from localaction.core.inventory.activity_io import read_activity, read_activity_file, write_activity_template
from localaction.core.inventory.activity_template import (
    COLUMNS,
    HEADER_FIELDS,
    SHIPPED,
    TEMPLATE_COLUMNS,
    TEMPLATES_DIR,
)
from localaction.core.inventory.model import Level, Method, NotationKey, Quality
from localaction.core.inventory.tables import read_table

DOC = Path(__file__).resolve().parents[3] / "docs" / "activity-template.md"
HEADER = "# jurisdiction: Testville\n# period: 2021/22\n"
COLS = (
    "record_id,gpc_ref,method,activity,quantity,unit,custom_factor_value,custom_factor_justification,"
    "param:x\n"
)


def _file(tmp_path: Path, body: str, name: str = "act.csv", header: str = HEADER) -> Path:
    path = tmp_path / name
    path.write_text(header + COLS + body, encoding="utf-8")
    return path


def test_shipped_templates_are_current(tmp_path: Path) -> None:
    for name, example in SHIPPED.items():
        shipped = TEMPLATES_DIR / name
        assert shipped.is_file(), (
            f"regenerate with python -m localaction.core.inventory.activity_template ({name})"
        )
        fresh = write_activity_template(tmp_path / name, example=example)
        if name.endswith(".csv"):
            assert shipped.read_text("utf-8") == fresh.read_text("utf-8")
        else:
            assert read_table(shipped).rows == read_table(fresh).rows


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_blank_template_reads_back_asking_for_the_header(suffix: str) -> None:
    path = TEMPLATES_DIR / f"activity_template.{suffix}"
    assert read_table(path).header == list(TEMPLATE_COLUMNS)
    with pytest.raises(InputError) as exc:
        read_activity_file(path)
    assert [d.loc[1:] for d in exc.value.details] == [("header", "jurisdiction"), ("header", "period")]


def test_example_reads_to_records() -> None:
    inv = read_activity_file(TEMPLATES_DIR / "activity_example.csv")
    assert inv == read_activity_file(TEMPLATES_DIR / "activity_example.xlsx")
    assert (inv.jurisdiction, inv.period.year, inv.level, inv.region, inv.population) == (
        "Exampleville", 2022, Level.BASIC_PLUS, "DE", 120000)  # fmt: skip
    by_id = {r.record_id: r for r in inv.records}
    assert {r.method for r in inv.records} == set(Method) - {
        Method.LANDFILL_FOD,
        Method.INCINERATION,
        Method.FUGITIVE_GAS,
    }
    assert {r.gpc_ref for r in inv.records} >= {"I.1.1", "I.2.1", "I.1.2", "I.2.2", "II.1.1", "III.1.1",
                                                "III.2.1", "III.4.1", "IV.1"}  # fmt: skip
    assert by_id["buses"].params == {
        "fuel": "diesel",
        "fuel_intensity": 38.0,
        "fuel_intensity_unit": "l/100km",
    }
    assert by_id["cement"].params["CO2_t"] == 12000.0
    heat = by_id["res-heat"].custom_factor
    assert heat is not None and heat.value == 0.21 and heat.unit == "t/MWh" and len(heat.justification) > 3
    assert by_id["res-gas"].quality_activity is Quality.HIGH


def test_xlsx_has_help_and_lists() -> None:
    wb = load_workbook(TEMPLATES_DIR / "activity_template.xlsx")
    ws = wb["activity"]
    assert ws["A1"].font.b and ws["A1"].comment is not None
    options = [dv.formula1 for dv in ws.data_validations.dataValidation]
    assert any("fuel_combustion" in (o or "") for o in options) and any(
        "medium" in (o or "") for o in options
    )
    assert [r[0].value for r in wb["inventory"].iter_rows(min_row=2)] == list(HEADER_FIELDS)


def test_docs_describe_every_column() -> None:
    text = DOC.read_text("utf-8")
    for name in (*TEMPLATE_COLUMNS, *HEADER_FIELDS):
        assert f"`{name}`" in text, name


def test_params_and_defaults(tmp_path: Path) -> None:
    inv = read_activity_file(
        _file(tmp_path, ',I.1.2,grid_energy,DE,"1,000",kWh,,,abc\nb,I.1.1,Fuel Combustion,diesel,5,l,,,0.5\n')
    )
    assert inv.period.year == 2022  # July-June fiscal year named by its end
    first, second = inv.records
    assert (first.record_id, first.quantity, first.params) == ("row4", 1000.0, {"x": "abc"})
    assert (second.method, second.params) == (Method.FUEL_COMBUSTION, {"x": 0.5})


def test_every_problem_named_by_row_and_column(tmp_path: Path) -> None:
    body = (
        "a,I.1.1,fuel_combustion,diesel,5,litre,,,0.5\n"  # row 4: fine
        "b,I.9.9,boiling,diesel,five,bananas,,,\n"  # row 5: ref, method, quantity, unit
        # row 6: custom factor without unit or justification, a decimal comma in a column of decimal points,
        # duplicate id
        'a,I.1.1,fuel_combustion,diesel,5,litre,0.2,,"1,5"\n'
    )
    with pytest.raises(InputError) as exc:
        read_activity_file(_file(tmp_path, body))
    locs = [d.loc for d in exc.value.details]
    assert locs == [
        ("act.csv", "row 5", "gpc_ref"),
        ("act.csv", "row 5", "method"),
        ("act.csv", "row 5", "quantity"),
        ("act.csv", "row 5", "unit"),
        ("act.csv", "row 6", "custom_factor_unit"),
        ("act.csv", "row 6", "custom_factor_justification"),
        ("act.csv", "row 6", "param:x"),
        ("act.csv", "row 6", "record_id"),
    ]
    assert "fuel_combustion" in exc.value.details[1].msg


def test_header_problems(tmp_path: Path) -> None:
    path = _file(
        tmp_path,
        "a,I.1.1,fuel_combustion,diesel,5,litre,,,\n",
        header="# juristiction: X\n# period: 2019 - 2025\n",
    )
    with pytest.raises(InputError) as exc:
        read_activity_file(path)
    assert [d.loc for d in exc.value.details] == [
        ("act.csv", "row 1", "juristiction"),
        ("act.csv", "row 2", "period"),
        ("act.csv", "header", "jurisdiction"),
        ("act.csv", "header", "period"),
    ]


def test_unknown_and_missing_columns(tmp_path: Path) -> None:
    path = tmp_path / "cols.csv"
    path.write_text(HEADER + "record_id,gpc_ref,method,quantiy,unit\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_activity_file(path)
    # The misspelt column is not an error in itself (unknown columns are listed in the report); the missing
    # required one is, and its message points at the look-alike.
    assert [d.loc[2] for d in exc.value.details] == ["quantity"]
    assert "'quantiy'" in exc.value.details[0].msg


def test_columns_are_the_model_fields() -> None:
    from localaction.core.inventory.model import ActivityRecord

    fields = set(ActivityRecord.model_fields) - {"custom_factor", "params"}
    line_columns = {"notation_key", "explanation"}  # rows that give a GPC line's notation key instead
    assert fields == set(COLUMNS) - {c for c in COLUMNS if c.startswith("custom_factor_")} - line_columns


def test_notation_key_rows_become_gpc_lines(tmp_path: Path) -> None:
    path = tmp_path / "keys.csv"
    path.write_text(
        "# jurisdiction: Testville\n# period: 2022\n"
        "record_id,gpc_ref,method,quantity,unit,notation_key,explanation\n"
        "a,I.1.1,fuel_combustion,1,TJ,,\n"
        "b,I.3.2,,,,IE (I.2.2),Workshops billed as commercial\n"
        "c,I.4.1,,,,NO,\n",
        encoding="utf-8",
    )
    inv = read_activity_file(path)
    assert [r.record_id for r in inv.records] == ["a"]
    ie, no = inv.lines
    assert (ie.gpc_ref, ie.notation_keys, ie.included_in, ie.explanation) == (
        "I.3.2",
        (NotationKey.IE,),
        "I.2.2",
        "Workshops billed as commercial",
    )
    assert (no.gpc_ref, no.notation_keys) == ("I.4.1", (NotationKey.NO,))


def test_units_written_with_the_quantity(tmp_path: Path) -> None:
    path = tmp_path / "u.csv"
    path.write_text(
        HEADER + "record_id,gpc_ref,method,activity,quantity,unit\n"
        "a,I.1.2,grid_energy,DE,12 kWh,\n"  # read: the unit column is empty
        "b,I.1.2,grid_energy,DE,12 kWh,kWh\n"  # read: both say kWh
        "c,I.1.2,grid_energy,DE,12 MWh,kWh\n"  # refused: two units
        "d,I.1.2,grid_energy,DE,12 bananas,\n",  # refused: no such unit
        encoding="utf-8",
    )
    with pytest.raises(InputError) as exc:
        read_activity_file(path)
    assert [d.loc for d in exc.value.details] == [
        ("u.csv", "row 6", "quantity"),
        ("u.csv", "row 7", "quantity"),
    ]
    assert "'MWh'" in exc.value.details[0].msg and "not a unit we know" in exc.value.details[1].msg
    path.write_text(path.read_text("utf-8").rsplit("c,", 1)[0], encoding="utf-8")
    inv = read_activity_file(path)
    assert [(r.quantity, r.unit) for r in inv.records] == [(12, "kWh"), (12, "kWh")]


def test_decimal_commas_in_a_brazilian_file(tmp_path: Path) -> None:
    body = 'a,I.1.1,fuel_combustion,diesel,"850.000,5",litre,,,\nb,I.1.1,fuel_combustion,diesel,"1.234",litre,,,\n'
    read = read_activity(_file(tmp_path, body))
    assert [r.quantity for r in read.inventory.records] == [
        850000.5,
        1234,
    ]  # the column writes decimal commas
    assert read.report.decimal == "detected: decimal comma"
    declared = read_activity(
        _file(tmp_path, 'a,I.1.1,fuel_combustion,diesel,"1,234",litre,,,\n'), decimal="comma"
    )
    assert declared.inventory.records[0].quantity == 1.234
    with pytest.raises(InputError) as exc:  # nothing says which: an error naming the cell
        read_activity(_file(tmp_path, 'a,I.1.1,fuel_combustion,diesel,"1,234",litre,,,\n'))
    assert [d.loc for d in exc.value.details] == [("act.csv", "row 4", "quantity")]
    assert "could be 1234 (with a decimal point) or 1.234 (with a decimal comma)" in exc.value.details[0].msg


def test_unknown_columns_are_reported_not_refused_and_progress(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    rows = "".join(
        f"r{i},I.1.1,fuel_combustion,diesel,{i + 1},litre,meter {i},{i * 2}\n" for i in range(2500)
    )
    path.write_text(
        HEADER + "record_id,gpc_ref,method,activity,quantity,unit,meter,cost_eur\n" + rows, "utf-8"
    )
    seen: list[int] = []
    read = read_activity(path, progress=seen.append)
    assert sum(seen) == 2500 and len(read.inventory.records) == 2500
    assert [(u.title, u.values, u.figures) for u in read.report.unrecognised] == [
        ("meter", 2500, 0),
        ("cost_eur", 2500, 2500),
    ]
    r = read.report
    assert (r.rows, r.figures_found, r.figures_stored, r.not_used) == (
        2500,
        5000,
        2500,
        {"column not recognised": 2500},
    )
