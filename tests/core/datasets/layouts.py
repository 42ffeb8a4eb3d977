"""Small files in each real published layout (a few rows made by us; headers exact, invisible characters
included), written into a test's tmp dir. Shared by the core, registry and web tests."""

from __future__ import annotations

import csv
import io
from pathlib import Path

CDP_2019_HEADER = [
    "Year Reported to CDP",
    "Account Number",
    "Organization",
    "City",
    "Country",
    "CDP Region",
    "Reporting Authority",
    "Access",
    "City-wide Emissions Inventory",
    "Accounting Year",
    "Inventory Boundary",
    "Primary Protocol",
    "Primary Protocol Comment",
    "Common Reporting Framework inventory format (GPC)\xa0",
    "Gases Included",
    "Direct emissions/ Scope 1 (metric tonnes CO2e) for Total generation of grid supplied energy\xa0",
    "Direct emissions/ Scope 1 (metric tonnes CO2e) for Total emissions (excluding generation of grid-supplied energy)\xa0",
    "Indirect emissions from use of grid supplied energy/Scope 2 (metric tonnes CO2e) for Total generation of grid supplied energy",
    "Indirect emissions from use of grid supplied energy/Scope 2 (metric tonnes CO2e) for Total emissions (excluding generation of grid-supplied energy)",
    "Emissions occurring outside city boundary/ Scope 3 (metric tonnes CO2e) for Total generation of grid supplied energy\xa0",
    "Emissions occurring outside city boundary/ Scope 3 (metric tonnes CO2e) for Total emissions (excluding generation of grid-supplied energy)\xa0",
    "Total Scope 1 Emissions (metric tonnes CO2e)",
    "Total Scope 2 Emissions (metric tonnes CO2e)",
    "Total Scope 3 emissions (metric tonnes CO2e)",
    "Total BASIC Emissions (GPC)",
    "Total BASIC+ Emissions (GPC)",
    "Chnage in emissions",
    "Reason for change",
    "\u200bLand area (in square km)",
    "Population",
    "Population Year",
    "City Location",
    "Last update",
]
_AUTH = "CDP Cities, ICLEI - Local Governments for Sustainability"
CDP_2019_ROWS = [
    [
        "2019",
        "50001",
        "Prefeitura de Exemplo",
        "Exemplo",
        "Brazil",
        "Latin America",
        _AUTH,
        "public",
        "Yes",
        "2017-01-01 - 2017-12-31",
        "Same – covers entire city and nothing else",
        "Global Protocol for Community Greenhouse Gas Emissions Inventories (GPC)",
        "",
        "Yes",
        "CH4, CO2, N20",
        "0",
        "1531934.8",
        "0",
        "124237",
        "0",
        "26537",
        "",
        "",
        "",
        "1656171.8",
        "1682708.8",
        "Decreased",
        "Change in weather conditions",
        "",
        "590466",
        "2018",
        "POINT (-48.8407 -26.301)",
        "2020-05-01T03:57:57.217",
    ],
    [
        "2019",
        "50002",
        "City of Sample",
        "Sample",
        "United States of America",
        "North America",
        _AUTH,
        "public",
        "In progress",
        "-",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "74000",
        "2019",
        "POINT (23.569 46.0823)",
        "2020-05-01T03:57:57.217",
    ],
    [
        "2019",
        "50003",
        "Comune di Prova",
        "Prova",
        "Italy",
        "Europe",
        _AUTH,
        "public",
        "Yes",
        "- 2017-12-31",
        "",
        "",
        "",
        "No",
        "CO2",
        "",
        "",
        "",
        "",
        "",
        "",
        "12422.55",
        "7838.23",
        "21526.21",
        "20314.83",
        "41786.99",
        "Increased",
        "Other",
        "",
        "89874",
        "217",
        "",
        "2020-05-01T03:57:57.217",
    ],
]

CDP_2016_HEADER = [
    "Account Number",
    "City Name",
    "Country",
    "City Short Name",
    "C40",
    "Reporting Year",
    "Measurement Year",
    "Boundary",
    "Primary Methodology",
    "Methodology Details",
    "Gases included",
    "Total City-wide Emissions (metric tonnes CO2e)",
    "Total Scope 1 Emissions (metric tonnes CO2e)",
    "Total Scope 2 Emissions (metric tonnes CO2e)",
    "Increase/Decrease from last year",
    "Reason for increase/decrease in emissions",
    "Current Population Year",
    "Current Population",
    "City GDP",
    "GDP Currency",
    "Year of GDP",
    "GDP Source",
    "Average annual temperature (in Celsius)\u200b",
    "\u200bLand area (in square km)",
    "Average altitude (m)",
    "City Location",
    "Country Location",
]


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(header)
    w.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def cdp_2019(tmp: Path, rows: list[list[str]] | None = None, name: str = "cdp_2019.csv") -> Path:
    return write_csv(tmp / name, CDP_2019_HEADER, rows if rows is not None else CDP_2019_ROWS)


PRIMAP_HEADER = [
    "source",
    "scenario (PRIMAP-hist)",
    "provenance",
    "area (ISO3)",
    "entity",
    "unit",
    "category (IPCC2006_PRIMAP)",
    "1989",
    "1990",
    "2021",
    "2022",
]


def primap(
    tmp: Path, rows: list[list[str]], name: str = "Guetschow_et_al_2024a-PRIMAP-hist_v2.6_final.csv"
) -> Path:
    return write_csv(tmp / name, PRIMAP_HEADER, rows)


def primap_row(
    area: str, entity: str, category: str, v2021: str, v2022: str = "", scenario: str = "HISTCR"
) -> list[str]:
    gas = entity.split(" ")[0] if entity in ("CO2", "CH4", "N2O", "SF6", "NF3") else "CO2"
    return [
        "PRIMAP-hist_v2.6_final_nr",
        scenario,
        "derived",
        area,
        entity,
        f"{gas} * gigagram / a",
        category,
        "",
        "",
        v2021,
        v2022,
    ]


CRF_TITLE = [
    ["SUMMARY 2 SUMMARY REPORT FOR CO2 EQUIVALENT EMISSIONS"],
    ["Inventory 2021"],
    ["Submission 2023 v1"],
]
CRF_HEADER = [
    "GREENHOUSE GAS SOURCE AND SINK CATEGORIES",
    "CO2(1)",
    "CH4",
    "N2O",
    "HFCs",
    "PFCs",
    "Unspecified mix of HFCs and PFCs",
    "SF6",
    "NF3",
    "Total",
]
CRF_UNITS = ["", "CO2 equivalent (kt)"]


def crf(
    tmp: Path,
    rows: list[list[str]],
    name: str = "BRA_2023_2021_15042023_120000.csv",
    title: list[list[str]] | None = None,
) -> Path:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerows(title if title is not None else CRF_TITLE)
    w.writerow(CRF_HEADER)
    w.writerow(CRF_UNITS)
    w.writerows(rows)
    path = tmp / name
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


CT_V4_HEADER = [
    "source_id",
    "source_name",
    "source_type",
    "iso3_country",
    "sector",
    "subsector",
    "start_time",
    "end_time",
    "lat",
    "lon",
    "geometry_ref",
    "gas",
    "emissions_quantity",
    "temporal_granularity",
    "activity",
    "activity_units",
    "emissions_factor",
    "capacity",
    "capacity_units",
    "capacity_factor",
    "capacity_factor_units",
    "other1",
    "other1_def",
    "other2",
    "other2_def",
    "created_date",
    "modified_date",
]


def ct_row(
    source: str,
    name: str,
    subsector: str,
    start: str,
    gas: str,
    qty: str,
    *,
    country: str = "BRA",
    sector: str = "transportation",
    lat: str = "-23.55",
    lon: str = "-46.63",
    ref: str = "",
) -> list[str]:
    end = start[:8] + "28 00:00:00"
    return [
        source,
        name,
        "",
        country,
        sector,
        subsector,
        start,
        end,
        lat,
        lon,
        ref,
        gas,
        qty,
        "month",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "2024-11-01",
        "2024-11-01",
    ]


def climate_trace(
    tmp: Path, rows: list[list[str]], name: str = "road-transportation_emissions_sources_v4_8_0.csv"
) -> Path:
    return write_csv(tmp / name, CT_V4_HEADER, rows)


WPP_HEADER = [
    "SortOrder",
    "LocID",
    "Notes",
    "ISO3_code",
    "ISO2_code",
    "SDMX_code",
    "LocTypeID",
    "LocTypeName",
    "ParentID",
    "Location",
    "VarID",
    "Variant",
    "Time",
    "PopMale",
    "PopFemale",
    "PopTotal",
    "PopDensity",
]


def wpp(tmp: Path, rows: list[list[str]], name: str = "WPP2024_TotalPopulationBySex.csv") -> Path:
    return write_csv(tmp / name, WPP_HEADER, rows)


def wpp_row(
    iso3: str, iso2: str, location: str, year: str, pop_thousands: str, variant: str = "Medium"
) -> list[str]:
    return [
        "1",
        "76",
        "",
        iso3,
        iso2,
        "",
        "4",
        "Country/Area",
        "931",
        location,
        "2",
        variant,
        year,
        "",
        "",
        pop_thousands,
        "",
    ]
