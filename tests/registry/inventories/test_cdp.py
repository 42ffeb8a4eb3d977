"""CDP import: messy values, column drift, duplicates, all-or-nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from localaction.core.errors import InputError
from localaction.registry.base.models import AuditEntry, Jurisdiction, JurisdictionStat
from localaction.registry.inventories.imports.cdp import import_cdp
from localaction.registry.inventories.models import Inventory

HEADER_2019 = (
    "Year Reported to CDP,Account Number,Organization,City,Country,CDP Region,Accounting Year,"
    "Total Scope 1 Emissions (metric tonnes CO2e),Total BASIC Emissions (GPC),Total BASIC+ Emissions (GPC),"
    "\u200bLand area (in square km),Population,Population Year,City Location,Last update\n"
)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.django_db
def test_messy_values_read_right(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "cdp_2020.csv",
        HEADER_2019
        + (
            '2020,123,City of Ålesund,Ålesund,Norway,Europe,2018-01-01 - 2018-12-31,"1,234,567.5",'
            'Question not applicable,"2,000",98.5,"66,000",2019,POINT (6.15 62.47),2020-05-01\n'
            "2020,456,Ville de Paris,Paris,France,Europe,-,,,,,,0,,2020-05-01\n"
            "2020,123,City of Ålesund,Ålesund,Norway,Europe,2018-01-01 - 2018-12-31,1,,,,,2019,,2019-01-01\n"
        ),
    )
    summary = import_cdp([path])
    jur = Jurisdiction.objects.get(identifiers__value="123")
    assert (jur.name, jur.name_ascii, jur.country, jur.slug) == (
        "City of Ålesund",
        "Alesund",
        "NO",
        "alesund",
    )
    assert jur.latitude == pytest.approx(62.47) and jur.longitude == pytest.approx(6.15)
    inv = Inventory.objects.get(jurisdiction=jur)
    assert inv.reported_scope1_tco2e == 1_234_567.5  # the later-updated duplicate row lost
    assert inv.reported_basic_tco2e is None and inv.reported_basic_plus_tco2e == 2000
    assert (inv.year, inv.reporting_year, inv.state, inv.verification_status) == (
        2018,
        2020,
        "published",
        "self_reported",
    )
    stat = JurisdictionStat.objects.get(jurisdiction=jur)
    assert (stat.year, stat.population, stat.area_km2) == (2019, 66_000, 98.5)
    assert Inventory.objects.count() == 1  # Paris reported no inventory
    assert Jurisdiction.objects.count() == 2
    assert any("appears again" in w.msg for w in summary.warnings)
    assert AuditEntry.objects.filter(action="import").count() == 3
    again = import_cdp([path])  # idempotent
    assert again.counts["inventories already imported"] == 1 and Inventory.objects.count() == 1


@pytest.mark.django_db
def test_bad_row_in_the_middle_writes_nothing(tmp_path: Path) -> None:
    rows = [f"2020,{i},Org {i},Town {i},Brazil,Latin America,2018,{i * 1000},,,,,,,\n" for i in range(1, 6)]
    rows[2] = "2020,3,Org 3,Town 3,Brazil,Latin America,2018,about 12 kt,,,,,,,\n"
    rows[3] = "2020,4,Org 4,Town 4,Atlantis,Latin America,2018,10,,,,,,,\n"
    path = write(tmp_path, "bad.csv", HEADER_2019 + "".join(rows))
    with pytest.raises(InputError) as caught:
        import_cdp([path])
    locs = [d.loc for d in caught.value.details]
    assert ("bad.csv", "row 4", "scope1") in locs and ("bad.csv", "row 5", "country") in locs
    assert Jurisdiction.objects.count() == 0 and Inventory.objects.count() == 0
    assert AuditEntry.objects.count() == 0


@pytest.mark.django_db
def test_2016_layout_and_header_drift(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "cdp_2016.csv",
        (
            "ACCOUNT NUMBER,City Name,Country,City Short Name,reporting  year,Measurement Year,"
            "Total City-wide Emissions (tCO2e),Current Population,Current Population Year\n"
            '54650,Prefeitura de Palmas,Brazil,Palmas,2016,12/31/2013 12:00:00 AM,"625,391.59",272726,2015\n'
        ),
    )
    import_cdp([path])
    inv = Inventory.objects.get()
    assert (inv.year, inv.reported_total_tco2e, inv.reported_total_scope) == (
        2013,
        625391.59,
        "as reported to CDP",
    )
    assert inv.jurisdiction.slug == "palmas"


# --- any year: spellings, layouts and checks --------------------------------------------------------------

HEADER_2020 = [
    "Year Reported to CDP",
    "Account Number",
    "Organization",
    "City",
    "Country",
    "CDP Region",
    "Access",
    "City-wide emissions inventory",
    "Accounting year",
    "Administrative city boundary",
    "Inventory boundary (compared to Administrative city boundary)",
    "Primary Protocol",
    "Primary Protocol Comment",
    "Common Reporting Framework inventory format (GPC)\xa0",
    "Gases Included",
    "Direct emissions (metric tonnes CO2e) for Total generation of grid-supplied energy\xa0",
    "Direct emissions (metric tonnes CO2e) for Total emissions (excluding generation of grid-supplied energy)\xa0",
    "Indirect emissions from use of grid supplied energy (metric tonnes CO2e) for Total generation of grid supplied energy",
    "Indirect emissions from use of grid supplied energy (metric tonnes CO2e) for Total Emissions (excluding generation of grid-supplied energy)",
    "Emissions occurring outside city boundary (metric tonnes CO2e) for Total Generation of grid supplied energy",
    "Emissions occurring outside city boundary (metric tonnes CO2e) for Total Emissions (excluding generation of grid-supplied energy)",
    "TOTAL Scope 1 Emissions (metric tonnes CO2e)",
    "TOTAL Scope 2 emissions (metric tonnes CO2e)",
    "TOTAL Scope 3 Emissions",
    "TOTAL BASIC Emissions (GPC)",
    "TOTAL BASIC+ Emissions (GPC)",
    "Change in emissions",
    "Primary reason for the change in emissions",
    "\u200bLand area (in square km)",
    "Population",
    "Population Year",
    "City Location",
    "Last update",
    "Scope 1 emissions from biogenic sources (tCO2e)",  # a future column nobody has mapped
]


def _row(account: str, parts: list[str], totals: list[str], basic: str, basic_plus: str) -> list[str]:
    return [
        "2020",
        account,
        f"City {account}",
        f"Town {account}",
        "United States of America",
        "North America",
        "public",
        "Yes",
        "2018-01-01 - 2018-12-31",
        "City / Municipality",
        "Same – covers entire city and nothing else",
        "Global Protocol for Community Greenhouse Gas Emissions Inventories (GPC)",
        "",
        "Yes",
        "CH4, CO2, N20",
        *parts,
        *totals,
        basic,
        basic_plus,
        "Decreased",
        "Change in energy mix",
        "401.3",
        "715522",
        "2018",
        "POINT (-104.99 39.74)",
        "2021-07-16T02:03:37.903",
        "1234",
    ]


def _write_rows(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    import csv

    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([header, *rows])
    return path


@pytest.mark.django_db
def test_2020_layout_stores_parts_derives_totals_and_checks(tmp_path: Path) -> None:
    path = _write_rows(
        tmp_path / "cdp_2020.csv",
        HEADER_2020,
        [
            # Denver-like: TOTAL cells blank, the six parts given.
            _row("101", ["", "4667359", "", "3804801", "", "855427"], ["", "", ""], "", ""),
            # TOTALs given and disagreeing with their parts; BASIC+ below BASIC.
            _row("102", ["1000", "5000", "", "2000", "", ""], ["9000", "2000", ""], "8000", "7000"),
            # BASIC+ 0 while BASIC is not: "not reported".
            _row("103", ["", "", "", "", "", ""], ["5000", "1000", "200"], "6200", "0"),
        ],
    )
    report = import_cdp([path])
    one = Inventory.objects.get(external_id="cdp:101:2020")
    assert (one.reported_scope1_tco2e, one.reported_scope2_tco2e, one.reported_scope3_tco2e) == (
        4667359,
        3804801,
        855427,
    )
    assert one.reported_scope1_excl_grid_tco2e == 4667359 and one.reported_scope1_grid_tco2e is None
    assert "scope 1 total derived as the sum of its parts" in one.reported_notes
    assert (one.reported_protocol, one.reported_gases) == (
        "Global Protocol for Community Greenhouse Gas Emissions Inventories (GPC)",
        "CH4, CO2, N20",
    )
    assert (one.reported_change, one.reported_change_reason) == ("Decreased", "Change in energy mix")
    assert one.boundary.startswith("Same") and (one.population, one.population_year) == (715522, 2018)
    two = Inventory.objects.get(external_id="cdp:102:2020")
    assert {c["code"] for c in two.checks} == {"totals.scope_parts_disagree", "totals.basic_plus_below_basic"}
    assert two.check_warnings == 2 and two.reported_scope1_grid_tco2e == 1000
    three = Inventory.objects.get(external_id="cdp:103:2020")
    assert [c["code"] for c in three.checks] == ["values.zero_not_reported"]
    assert three.reported_basic_plus_tco2e == 0  # kept as reported; the check says what it likely means
    # The future column is listed with its values, never dropped in silence; every figure is accounted for.
    (unknown,) = report.unrecognised
    assert (unknown.title, unknown.values, unknown.figures) == (HEADER_2020[-1], 3, 3)
    assert report.balanced and report.not_used["column not recognised"] == 3
    assert report.counts["inventories with scope totals derived from their parts"] == 1


@pytest.mark.django_db
def test_2021_layout_positions_shift_and_future_renames_match_by_meaning(tmp_path: Path) -> None:
    header = [h for h in HEADER_2020 if not h.startswith("Common Reporting Framework")]
    header = [
        "Organisation Number"
        if h == "Account Number"
        else "Scope 1 total (tCO2e)"
        if h.startswith("TOTAL Scope 1")
        else "Direct emissions – excluding generation of grid-supplied energy (tCO2e)"
        if h.startswith("Direct emissions (metric tonnes CO2e) for Total emissions")
        else h
        for h in header
    ]
    rows = [_row("201", ["", "4000", "", "300", "", "20"], ["", "", ""], "", "")]
    rows[0].pop(13)  # the 2021 file has no CRF column: everything after it moves one place left
    report = import_cdp([_write_rows(tmp_path / "cdp_2021.csv", header, rows)])
    inv = Inventory.objects.get(external_id="cdp:201:2020")
    assert (inv.reported_scope1_excl_grid_tco2e, inv.reported_scope1_tco2e, inv.reported_scope2_tco2e) == (
        4000,
        4000,
        300,
    )
    assert {d.loc[2] for d in report.notes if "matched by meaning" in d.msg} == {
        "Scope 1 total (tCO2e)",
        "Direct emissions – excluding generation of grid-supplied energy (tCO2e)",
    }  # "Organisation Number" is a known spelling: no note
    assert report.columns["account"] == "Organisation Number"
    assert report.balanced


@pytest.mark.django_db
def test_long_full_cities_dataset_is_refused_clearly(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "full.csv",
        "Questionnaire,Year Reported to CDP,Account Number,Organization,Country,Parent Section,Question Number,"
        "Column Name,Row Number,Response Answer\nCities 2022,2022,1,City,Brazil,Emissions,4.6a,Scope 1,1,12\n",
    )
    with pytest.raises(InputError, match="Full Cities Dataset"):
        import_cdp([path])
    assert Inventory.objects.count() == 0


def test_cdp_check_codes_and_columns_are_documented() -> None:
    from localaction.core.inventory.readers.cdp import CHECK_CODES, column_specs

    text = (Path(__file__).resolve().parents[3] / "docs" / "data.md").read_text("utf-8")
    for code in CHECK_CODES:
        assert f"`{code}`" in text, code
    assert {s.name for s in column_specs()} >= {"account", "scope1_grid", "scope3_excl_grid", "change_reason"}
