"""The activity-data template: its columns, their help texts, the example city, and the writers.

One definition per fact: the reader (activity_io), the XLSX comments and docs/activity-template.md (checked
by a test) all take the columns from here. Regenerate the shipped files with
``python -m localaction.core.inventory.activity_template``.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import BinaryIO

from localaction.core.errors import InputError
from localaction.core.inventory.methods.params import PARAMS
from localaction.core.inventory.model import Method, Quality
from localaction.core.io.writers import append_row, csv_text

Translate = Callable[[str], str]

PARAM_PREFIX = "param:"
TEMPLATES_DIR = Path(__file__).with_name("templates")

COLUMN_HELP: dict[str, str] = {
    "record_id": "A short id, unique in the file (e.g. res-gas). Blank: row<N>.",
    "gpc_ref": "GPC reference number the emissions belong to, e.g. I.1.1 (residential, scope 1).",
    "method": "Calculation method: " + ", ".join(m.value for m in Method) + ".",
    "activity": "What the quantity is of, per method: fuel (natural_gas, diesel, motor_gasoline), grid zone "
    "(DE, US-CA), vehicle type (bus), waste type (msw), treatment (composting), gas for direct_entry.",
    "quantity": "Amount of activity in the unit column, with a dot for decimals (1234.5 or 1,234.5).",
    "unit": "Unit of the quantity: kWh, MWh, GJ, therm, m3, litre, gallon, tonne, kg, vehicle_km …",
    "factor_id": "Optional: pin one factor of the library by its id; blank takes the library's best match.",
    "custom_factor_value": "Optional: your own emission factor (then its unit, gas and justification too).",
    "custom_factor_unit": "Unit of the custom factor, e.g. kg/kWh, t/MWh, kg/TJ, kg/vehicle_km.",
    "custom_factor_gas": "Gas of the custom factor: CO2, CH4, N2O … or CO2e (the default).",
    "custom_factor_justification": "Required with a custom factor: its source and why it fits better.",
    "quality_activity": "Data quality of the activity data: high, medium or low.",
    "quality_factor": "Data quality of the emission factor: high, medium or low.",
    "source": "Where the activity data come from (utility, survey, model, report).",
    "notes": "Anything a reviewer should know.",
    "notation_key": "For a GPC line with no activity data: NO, IE, NE or C (leave method, quantity and unit "
    "blank), e.g. `IE (I.1.1)`.",
    "explanation": "Why the notation key applies: what does not occur, where it is included, why not estimated.",
}
COLUMNS: tuple[str, ...] = tuple(COLUMN_HELP)

HEADER_FIELDS: dict[str, str] = {
    "jurisdiction": "Name of the city or region (required).",
    "period": "Inventory period (required): 2022, 2021/22, FY2022, July 2021 - June 2022, "
    "2022-01-01 to 2022-12-31.",
    "gwp_set": "IPCC report whose 100-year GWPs apply: AR5 (default), AR6, AR4 or SAR.",
    "level": "Reporting level: BASIC (default) or BASIC+.",
    "region": "Default grid zone / country for grid factors when a row gives none, e.g. DE.",
    "population": "Population in the inventory year.",
    "boundary": "Inventory boundary, e.g. administrative boundary of the city.",
    "reporting_year": "Year the inventory is reported in (optional).",
    "guidelines": "IPCC guideline edition for the waste defaults: ipcc2006 (IPCC 2006 Guidelines, the default) "
    "or ipcc2019 (the 2019 Refinement). One edition for the whole inventory.",
    "boundary_type": "community (the community-wide GPC inventory, the default) or government_operations "
    "(the local government's own buildings, fleet, streetlights, staff commute).",
}

# The parameter columns the template carries (every parameter a method reads is in methods.params.PARAMS and
# docs/activity-template.md; any other param:<name> column is read the same way).
TEMPLATE_PARAMS = (
    "sector_of_use", "calorific_basis", "fuel", "equipment", "fuel_intensity", "fuel_intensity_unit",
    "heat_content", "heat_content_unit", "include_td_losses", "td_loss_share", "recovered_ch4_t", "site_type",
    "share_food", "share_paper", "share_garden", "technology", "leakage_rate", "ch4_fraction", "CO2_t", "CH4_t",
    "N2O_t",
)  # fmt: skip
PARAM_HELP: dict[str, str] = {
    name: PARAMS.get(name) or PARAMS["share_<type>" if name.startswith("share_") else "<GAS>_t"]
    for name in TEMPLATE_PARAMS
}
TEMPLATE_COLUMNS: tuple[str, ...] = COLUMNS + tuple(PARAM_PREFIX + name for name in PARAM_HELP)

Cell = str | int | float

EXAMPLE_HEADER: dict[str, Cell] = {
    "jurisdiction": "Exampleville",
    "period": "2022",
    "gwp_set": "AR5",
    "level": "BASIC+",
    "region": "DE",
    "population": 120000,
    "boundary": "Administrative boundary of the city",
    "reporting_year": 2023,
    "guidelines": "ipcc2006",
    "boundary_type": "community",
}

_H, _M, _L = Quality.HIGH.value, Quality.MEDIUM.value, Quality.LOW.value
EXAMPLE_RECORDS: tuple[dict[str, Cell], ...] = (
    {
        "record_id": "res-gas",
        "gpc_ref": "I.1.1",
        "method": "fuel_combustion",
        "activity": "natural_gas",
        "quantity": 1650000,
        "unit": "therms",
        "quality_activity": _H,
        "quality_factor": _M,
        "source": "Gas utility: 2022 sales to households",
    },
    {
        "record_id": "com-diesel",
        "gpc_ref": "I.2.1",
        "method": "fuel_combustion",
        "activity": "diesel",
        "quantity": 850000,
        "unit": "litre",
        "quality_activity": _M,
        "quality_factor": _M,
        "source": "Survey of fuel distributors 2022",
        "notes": "Back-up generators, boilers",
    },
    {
        "record_id": "res-elec",
        "gpc_ref": "I.1.2",
        "method": "grid_energy",
        "activity": "DE",
        "quantity": 180000000,
        "unit": "kWh",
        "quality_activity": _H,
        "quality_factor": _M,
        "source": "Distribution grid operator: 2022 residential consumption",
    },
    {
        "record_id": "com-elec",
        "gpc_ref": "I.2.2",
        "method": "grid_energy",
        "activity": "DE",
        "quantity": 210000000,
        "unit": "kWh",
        "quality_activity": _H,
        "quality_factor": _M,
        "source": "Distribution grid operator: 2022 commercial consumption",
    },
    {
        "record_id": "res-heat",
        "gpc_ref": "I.1.2",
        "method": "grid_energy",
        "activity": "district_heat",
        "quantity": 95000,
        "unit": "MWh",
        "custom_factor_value": 0.21,
        "custom_factor_unit": "t/MWh",
        "custom_factor_gas": "CO2e",
        "custom_factor_justification": "Operator's audited 2022 factor for its gas CHP",
        "quality_activity": _H,
        "quality_factor": _H,
        "source": "District heating operator, annual report 2022",
    },
    {
        "record_id": "cars",
        "gpc_ref": "II.1.1",
        "method": "transport_fuel",
        "activity": "motor_gasoline",
        "quantity": 32000000,
        "unit": "litre",
        "quality_activity": _M,
        "quality_factor": _M,
        "source": "Fuel sales at filling stations in the city 2022",
    },
    {
        "record_id": "buses",
        "gpc_ref": "II.1.1",
        "method": "transport_distance",
        "activity": "bus",
        "quantity": 4200000,
        "unit": "vehicle_km",
        "param:fuel": "diesel",
        "param:fuel_intensity": 38,
        "param:fuel_intensity_unit": "l/100km",
        "quality_activity": _H,
        "quality_factor": _M,
        "source": "Public transport operator: bus-km 2022",
    },
    {
        "record_id": "landfill",
        "gpc_ref": "III.1.1",
        "method": "landfill_methane_commitment",
        "activity": "msw",
        "quantity": 38000,
        "unit": "tonne",
        "param:recovered_ch4_t": 150,
        "param:site_type": "managed_well_semi_aerobic",
        "param:share_food": 0.4,
        "param:share_paper": 0.15,
        "param:share_garden": 0.1,
        "quality_activity": _M,
        "quality_factor": _L,
        "source": "Landfill weighbridge records 2022",
    },
    {
        "record_id": "compost",
        "gpc_ref": "III.2.1",
        "method": "biological_treatment",
        "activity": "composting",
        "quantity": 6000,
        "unit": "tonne",
        "quality_activity": _H,
        "quality_factor": _L,
        "source": "Composting plant 2022",
    },
    {
        "record_id": "wastewater",
        "gpc_ref": "III.4.1",
        "method": "wastewater",
        "activity": "centralised_aerobic",
        "quantity": 2190000,
        "unit": "kg",
        "quality_activity": _M,
        "quality_factor": _L,
        "source": "Treatment plant: BOD load 2022",
        "notes": "Quantity is kg of BOD",
    },
    {
        "record_id": "cement",
        "gpc_ref": "IV.1",
        "method": "direct_entry",
        "param:CO2_t": 12000,
        "param:CH4_t": 0.4,
        "param:N2O_t": 0.1,
        "quality_activity": _H,
        "quality_factor": _H,
        "source": "Cement plant's verified emissions report 2022",
        "notes": "Process emissions; the amounts are in the param columns",
    },
)

# Lines of the example city without activity data: each with its notation key and the reason.
_NOTATION: dict[str, tuple[str, str]] = {
    "I.3.1": ("NO", "No manufacturing or construction sites burn fuel in the city"),
    "I.3.2": ("IE (I.2.2)", "Small workshops are billed as commercial customers"),
    "I.3.3": ("NO", "No manufacturing consumption (see I.3.2)"),
    "I.4.1": ("NO", "No power plant in the city"),
    "I.4.2": ("NO", "No power plant in the city"),
    "I.4.3": ("NO", "No power plant in the city"),
    "I.5.1": ("NE", "Farm fuel use not surveyed; estimated below 0.5 % of the total"),
    "I.5.2": ("IE (I.2.2)", "Farms are billed as commercial customers"),
    "I.5.3": ("IE (I.2.3)", "With the commercial T&D losses"),
    "I.6.1": ("NO", "All fuel use is attributed to a sector"),
    "I.6.2": ("NO", "All electricity use is attributed to a sector"),
    "I.6.3": ("NO", "All electricity use is attributed to a sector"),
    "I.7.1": ("NO", "No coal mining or storage"),
    "I.8.1": ("NE", "Gas distribution leaks not yet measured by the operator"),
    "II.1.2": ("NE", "EV charging not metered separately; included in residential and commercial use"),
    "II.1.3": ("NE", "No origin-destination survey yet"),
    "II.2.1": ("NO", "No diesel trains"),
    "II.2.2": ("IE (I.2.2)", "The tram depot is a commercial customer"),
    "II.2.3": ("NE", "No origin-destination survey yet"),
    "II.3.1": ("NO", "No waterborne transport"),
    "II.3.2": ("NO", "No waterborne transport"),
    "II.3.3": ("NO", "No waterborne transport"),
    "II.4.1": ("NO", "No airport"),
    "II.4.2": ("NO", "No airport"),
    "II.4.3": ("NE", "Residents' flights not yet estimated"),
    "II.5.1": ("NE", "Construction machinery not surveyed"),
    "II.5.2": ("NO", "No electric off-road machinery"),
    "II.5.3": ("NO", "No off-road use outside the city"),
    "III.1.2": ("NO", "All waste is landfilled inside the city"),
    "III.2.2": ("NO", "All organic waste is composted inside the city"),
    "III.3.1": ("NO", "No incinerator"),
    "III.3.2": ("NO", "No waste sent to incineration"),
    "III.4.2": ("NO", "All wastewater is treated in the city"),
    "IV.2": ("NE", "Product use (refrigerants, solvents) not yet estimated"),
    "V.1": ("NO", "No livestock"),
    "V.2": ("NE", "Urban forest carbon not yet estimated"),
    "V.3": ("NO", "No agriculture"),
}
EXAMPLE_NOTATION_ROWS: tuple[dict[str, Cell], ...] = tuple(
    {"record_id": f"key-{ref}", "gpc_ref": ref, "notation_key": key, "explanation": why}
    for ref, (key, why) in _NOTATION.items()
)


def _help(column: str, translate: Translate = str) -> str:
    if column.startswith(PARAM_PREFIX):
        name = column[len(PARAM_PREFIX) :]
        return translate(PARAM_HELP.get(name, f"Method parameter {name!r}."))
    return translate(COLUMN_HELP[column])


def _write_csv(path: Path | BinaryIO, header: dict[str, Cell], rows: Sequence[dict[str, Cell]]) -> None:
    preamble = ["# LocalAction activity data (GPC); columns are explained in docs/activity-template.md"]
    preamble += [f"# {key}: {header.get(key, '')}".rstrip() for key in HEADER_FIELDS]
    text = csv_text(
        TEMPLATE_COLUMNS, [[row.get(c, "") for c in TEMPLATE_COLUMNS] for row in rows], preamble=preamble
    )
    if isinstance(path, Path):
        path.write_text(text, encoding="utf-8", newline="")
    else:
        path.write(text.encode("utf-8"))


def _write_xlsx(
    path: Path | BinaryIO,
    header: dict[str, Cell],
    rows: Sequence[dict[str, Cell]],
    translate: Translate = str,
) -> None:
    """The workbook; ``translate`` puts what a person reads (the header comments, the help and inventory
    sheets' explanations and headings) in their language. Column names and keys stay as the reader wants them."""
    import datetime as dt

    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    wb.properties.creator = "LocalAction"
    wb.properties.created = dt.datetime(
        2024, 1, 1
    )  # fixed, so regenerated files differ only when content does
    ws = wb.active
    assert ws is not None
    ws.title = "activity"
    ws.append(list(TEMPLATE_COLUMNS))
    bold, fill = Font(bold=True, color="FFFFFF"), PatternFill("solid", fgColor="2F5D50")
    for index, column in enumerate(TEMPLATE_COLUMNS, start=1):
        cell = ws.cell(row=1, column=index)
        cell.font, cell.fill = bold, fill
        cell.comment = Comment(_help(column, translate), "LocalAction")
        ws.column_dimensions[get_column_letter(index)].width = max(12, min(30, len(column) + 4))
    ws.freeze_panes = "A2"
    for row in rows:
        append_row(ws, [row.get(c, None) for c in TEMPLATE_COLUMNS])
    lists = {
        "method": ",".join(m.value for m in Method),
        "quality_activity": ",".join(q.value for q in Quality),
        "quality_factor": ",".join(q.value for q in Quality),
    }
    for column, options in lists.items():
        letter = get_column_letter(TEMPLATE_COLUMNS.index(column) + 1)
        rule = DataValidation(type="list", formula1=f'"{options}"', allow_blank=True, showErrorMessage=True)
        rule.error, rule.errorTitle = f"Choose one of: {options}", column
        rule.add(f"{letter}2:{letter}5000")
        ws.add_data_validation(rule)

    info = wb.create_sheet("inventory")
    info.append(["key", "value", translate("help")])
    for key, text in HEADER_FIELDS.items():
        info.append([key, header.get(key), translate(text)])
    for cell in info[1]:
        cell.font, cell.fill = bold, fill
    info.column_dimensions["A"].width, info.column_dimensions["B"].width = 16, 40
    info.column_dimensions["C"].width = 90

    helps = wb.create_sheet("help")
    helps.append([translate("column"), translate("meaning")])
    for column in TEMPLATE_COLUMNS:
        helps.append([column, _help(column, translate)])
    helps.append(
        [
            "param:<name>",
            translate("Any other method parameter: numbers are read as numbers, the rest as text."),
        ]
    )
    for cell in helps[1]:
        cell.font, cell.fill = bold, fill
    helps.column_dimensions["A"].width, helps.column_dimensions["B"].width = 30, 110
    wb.save(path)


def write_activity_template(path: str | Path, example: bool = False) -> Path:
    """Write the blank template (or, with ``example``, the filled example) as CSV or XLSX, by extension."""
    path = Path(path)
    header = EXAMPLE_HEADER if example else {}
    rows = EXAMPLE_RECORDS + EXAMPLE_NOTATION_ROWS if example else ()
    suffix = path.suffix.lower()
    if suffix == ".csv":
        _write_csv(path, header, rows)
    elif suffix == ".xlsx":
        _write_xlsx(path, header, rows)
    else:
        raise InputError(
            f"{path.name}: a template is written as .csv or .xlsx, not {suffix or 'a file without extension'}: "
            f"give a name such as {path.with_suffix('.xlsx').name}",
            code="unknown_format",
        )
    return path


TEMPLATE_FORMATS = ("csv", "xlsx")


def activity_template_bytes(fmt: str, example: bool = False, translate: Translate = str) -> bytes:
    """The blank template (or the filled example) as a CSV or XLSX document, for a download; ``translate``
    turns the XLSX's explanations into the reader's language (the CSV keeps the column names the reader needs)."""
    header = EXAMPLE_HEADER if example else {}
    rows = EXAMPLE_RECORDS + EXAMPLE_NOTATION_ROWS if example else ()
    buf = io.BytesIO()
    if fmt == "csv":
        _write_csv(buf, header, rows)
    elif fmt == "xlsx":
        _write_xlsx(buf, header, rows, translate)
    else:
        raise InputError(f"a template is written as csv or xlsx, not {fmt!r}", code="unknown_format")
    return buf.getvalue()


SHIPPED = {
    "activity_template.csv": False,
    "activity_template.xlsx": False,
    "activity_example.csv": True,
    "activity_example.xlsx": True,
}


def write_shipped_templates(directory: Path = TEMPLATES_DIR) -> list[Path]:
    """(Re)write the four files shipped under ``inventory/templates/``."""
    directory.mkdir(parents=True, exist_ok=True)
    return [write_activity_template(directory / name, example) for name, example in SHIPPED.items()]


if __name__ == "__main__":
    for written in write_shipped_templates():
        print(written)
