"""Each reader on a small file in its real layout, and on malformed ones (file, row and field named)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from localaction.core.datasets import read_dataset
from localaction.core.datasets.headers import match, normalise
from localaction.core.errors import InputError
from tests.core.datasets import layouts as L


def _details(exc: pytest.ExceptionInfo[InputError]) -> list[str]:
    return [str(d) for d in exc.value.details]


def test_headers_normalise_invisible_characters() -> None:
    assert normalise("\u200bLand area (in square km)") == "land area (in square km)"
    assert normalise("Common Reporting Framework inventory format (GPC)\xa0") == (
        "common reporting framework inventory format (gpc)"
    )
    assert normalise("  Scopes   Included ") == "scopes included"
    with pytest.raises(InputError) as exc:
        match("f.csv", 1, ["Population", "population "], {"population": ()}, ())
    assert "two columns mean 'population'" in _details(exc)[0]
    with pytest.raises(InputError) as exc:
        match("f.csv", 1, ["City"], {"population": ("inhabitants",)}, ("population",))
    assert _details(exc) == [
        "f.csv, row 1, population: no column for 'population' (expected a header such as 'inhabitants')"
    ]


def test_cdp_2019_layout(tmp_path: Path) -> None:
    data = read_dataset(L.cdp_2019(tmp_path), "cdp")
    by = {(f.place.id, f.measure): f for f in data.figures}
    # Row 2: the TOTAL scope cells are blank, the two parts are given: scope 1 = 0 + 1,531,934.8.
    s1 = by[("50001", "scope1")]
    assert (s1.country, s1.year, s1.value, s1.row) == ("BR", 2017, 1531934.8, 2)
    assert "sum of the two parts" in s1.note
    assert by[("50001", "basic")].value == 1656171.8
    assert by[("50001", "population")].year == 2018 and by[("50001", "population")].value == 590466
    # Row 3 reported no inventory (accounting year "-"): its population is still there.
    assert ("50002", "basic") not in by and by[("50002", "population")].value == 74000
    # Row 4: accounting year "- 2017-12-31" (no start) and a population year "217" (not used, with a warning).
    assert by[("50003", "basic_plus")].year == 2017 and "no start" in by[("50003", "basic_plus")].note
    assert ("50003", "population") not in by
    assert any("row 4" in w and "217" in w for w in data.warnings)
    assert (
        "Reason for change" in data.unused_columns and "\u200bLand area (in square km)" in data.unused_columns
    )
    assert data.meta["version"] == "reporting year 2019"


def test_cdp_2016_layout_us_dates(tmp_path: Path) -> None:
    row = [
        "1499",
        "City of Example",
        "USA",
        "Example",
        "",
        "2016",
        "12/31/2013 12:00:00 AM",
        "0",
        "GPC",
        "",
        "CO2",
        "625391.59",
        "400000",
        "225391.59",
        "",
        "",
        "2015",
        "123456",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "(-10.249091, -48.324286)",
        "",
    ]
    data = read_dataset(L.write_csv(tmp_path / "cdp2016.csv", L.CDP_2016_HEADER, [row]), "cdp")
    total = next(f for f in data.figures if f.measure == "total")
    assert (total.country, total.year, total.value) == ("US", 2013, 625391.59)


def test_cdp_malformed_cells_name_file_row_field(tmp_path: Path) -> None:
    rows = [list(r) for r in L.CDP_2019_ROWS]
    rows[0][24] = "1,656,171.8 t"  # BASIC with a unit glued on
    rows[2][4] = "Atlantis"
    with pytest.raises(InputError) as exc:
        read_dataset(L.cdp_2019(tmp_path, rows, "bad.csv"), "cdp")
    assert exc.value.code == "invalid_dataset"
    got = _details(exc)
    assert (
        "bad.csv, row 2, Total BASIC Emissions (GPC): '1,656,171.8 t' carries a unit (t): write the number alone and the unit in its own column; write a plain number or leave the cell empty"
        in got
    ), got
    assert "bad.csv, row 4, Country: unknown country 'Atlantis'" in got


def test_cdp_missing_column(tmp_path: Path) -> None:
    header = [h for h in L.CDP_2019_HEADER if h != "Account Number"]
    rows = [r[:1] + r[2:] for r in L.CDP_2019_ROWS]
    with pytest.raises(InputError) as exc:
        read_dataset(L.write_csv(tmp_path / "noacc.csv", header, rows), "cdp")
    assert exc.value.code == "invalid_header" and "noacc.csv, row 1, account" in _details(exc)[0]


@pytest.mark.shared_data
def test_cdp_real_files(shared_data: Path) -> None:
    """Every local CDP file reads; Vancouver's 2019 answer (inventory 2018) is what the file says."""
    for year in (2016, 2017, 2018, 2019):
        data = read_dataset(shared_data / "inventories" / f"cdp_cities_citywide_emissions_{year}.csv", "cdp")
        assert data.figures and data.meta["version"] == f"reporting year {year}"
    path = shared_data / "inventories" / "cdp_cities_citywide_emissions_2019.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        raw = next(r for r in csv.DictReader(fh) if r["Account Number"] == "20113")
    by = {f.measure: f for f in data.figures if f.place.id == "20113"}
    assert by["basic"].value == float(raw["Total BASIC Emissions (GPC)"]) == 2551251.0
    assert by["scope1"].value == float(raw["Total Scope 1 Emissions (metric tonnes CO2e)"])
    assert by["basic"].year == 2018 and by["basic"].country == "CA"


def test_primap_v2_layout(tmp_path: Path) -> None:
    path = L.primap(
        tmp_path,
        [
            L.primap_row("BRA", "KYOTOGHG (AR4GWP100)", "M.0.EL", "1310000.5", "1325000.1"),
            L.primap_row("BRA", "CH4", "4", "2000.5"),
            L.primap_row("DEU", "N2O", "2.B", "1.9", scenario="HISTTP"),
            L.primap_row("EARTH", "CO2", "1.A", "35000000"),
        ],
    )
    data = read_dataset(path, "primap")
    got = {(f.country, f.year, f.category, f.gas, f.gwp_set): f.value for f in data.figures}
    assert got == {
        ("BR", 2021, "M.0.EL", "KYOTOGHG", "AR4"): 1310000.5 * 1000,  # gigagram → tonnes
        ("BR", 2022, "M.0.EL", "KYOTOGHG", "AR4"): 1325000.1 * 1000,
        ("BR", 2021, "4", "CH4", ""): 2000.5 * 1000,
    }
    assert any("scenario HISTTP" in w for w in data.warnings) and any("EARTH" in w for w in data.warnings)
    assert data.meta["version"] == "2.6 (HISTCR)"
    assert "source" in data.unused_columns


def test_primap_old_layout_codes(tmp_path: Path) -> None:
    header = ["scenario", "country", "category", "entity", "unit", "2015", "2016"]
    rows = [["HISTORY", "BRA", "IPC1B2", "KYOTOGHGAR4", "GgCO2eq", "10", "11"]]
    with pytest.raises(InputError) as exc:  # "GgCO2eq" is not a unit pint reads: named, with the row
        read_dataset(
            L.write_csv(tmp_path / "PRIMAP-hist_v2.0_11-Dec-2018.csv", header, rows),
            "primap",
            scenario="HISTORY",
            first_year=2015,
        )
    assert _details(exc)[0].startswith("PRIMAP-hist_v2.0_11-Dec-2018.csv, row 2, unit: unknown unit")
    rows = [
        ["HISTORY", "BRA", "IPC1B2", "KYOTOGHGAR4", "CO2 * Gg / yr", "10", "11"],
        ["HISTORY", "BRA", "IPCMAGELV", "CH4", "CH4 * Gg / yr", "1", ""],
    ]
    data = read_dataset(
        L.write_csv(tmp_path / "p.csv", header, rows), "primap", scenario="HISTORY", first_year=2016
    )
    assert {(f.category, f.gas, f.gwp_set, f.year, f.value) for f in data.figures} == {
        ("1.B.2", "KYOTOGHG", "AR4", 2016, 11000.0),
    }


def test_primap_bad_number(tmp_path: Path) -> None:
    path = L.primap(tmp_path, [L.primap_row("BRA", "CO2", "2.A", "12,5")], name="p.csv")
    with pytest.raises(InputError) as exc:
        read_dataset(path, "primap")
    assert _details(exc)[0].startswith("p.csv, row 2, 2021: '12,5'")


def test_crf_summary2_hierarchy(tmp_path: Path) -> None:
    rows = [
        ["Total (net emissions)(1)", "350000", "20000", "9000", "900", "20", "NO", "100", "1", "380021"],
        ["1. Energy", "300000", "2000", "1000", "", "", "", "", "", "303000"],
        ["A. Fuel combustion (sectoral approach)", "290000", "1000", "900", "", "", "", "", "", "291900"],
        ["1.  Energy industries", "100000", "100", "300", "", "", "", "", "", "100400"],
        ["3. Transport", "80000", "200", "400", "", "", "", "", "", "80600"],
        ["4. Other sectors", "60000", "600", "100", "", "", "", "", "", "60700"],
        ["B. Fugitive emissions from fuels", "10000", "1000", "100", "", "", "", "", "", "11100"],
        ["1. Solid fuels", "NO", "NO", "NO", "", "", "", "", "", "NO"],
        ["5. Waste", "100", "12000", "800", "", "", "", "", "", "12900"],
        ["A. Solid waste disposal", "NA", "10000", "NA", "", "", "", "", "", "10000"],
        ["Memo items:(5)"],
        ["International bunkers", "5000", "1", "1", "", "", "", "", "", "5002"],
    ]
    data = read_dataset(L.crf(tmp_path, rows), "crf")
    total = {(f.category, f.gas): f.value for f in data.figures if f.gas == "TOTAL"}
    assert total == {
        ("0", "TOTAL"): 380021000.0,
        ("1", "TOTAL"): 303000000.0,
        ("1.A", "TOTAL"): 291900000.0,
        ("1.A.1", "TOTAL"): 100400000.0,
        ("1.A.3", "TOTAL"): 80600000.0,
        ("1.A.4", "TOTAL"): 60700000.0,
        ("1.B", "TOTAL"): 11100000.0,
        ("5", "TOTAL"): 12900000.0,
        ("5.A", "TOTAL"): 10000000.0,
    }
    ch4 = next(f for f in data.figures if f.category == "5.A" and f.gas == "CH4")
    assert (ch4.country, ch4.year, ch4.gwp_set, ch4.row) == ("BR", 2021, "AR4", 15)  # CO2e under AR4
    # "A. Fuel combustion (sectoral approach)" is a letter row of sector 1 → 1.A; the memo items are not read.
    assert ("1.A", "CO2") in {(f.category, f.gas) for f in data.figures}
    assert not any(f.value == 5002000 for f in data.figures)
    assert data.meta["version"] == "submission 2023"


def test_crf_needs_party_and_year(tmp_path: Path) -> None:
    with pytest.raises(InputError) as exc:
        read_dataset(L.crf(tmp_path, [["1. Energy", "1"]], name="summary2.csv", title=[["SUMMARY 2"]]), "crf")
    assert {d.split(":")[0] for d in _details(exc)} == {"summary2.csv, party", "summary2.csv, inventory year"}
    data = read_dataset(
        L.crf(tmp_path, [["1. Energy", "1"]], name="summary2.csv", title=[["SUMMARY 2"]]),
        "crf",
        country="AUT",
        year=2020,
        gwp_set="AR5",
    )
    assert {(f.country, f.year, f.gwp_set) for f in data.figures} == {("AT", 2020, "AR5")}


def test_crf_bad_cell(tmp_path: Path) -> None:
    with pytest.raises(InputError) as exc:
        read_dataset(L.crf(tmp_path, [["1. Energy", "ZZ", "1"]], name="BRA_2023_2021_x.csv"), "crf")
    assert _details(exc) == [
        "BRA_2023_2021_x.csv, row 6, CO2(1): 'ZZ' is neither a number nor notation keys (C, IE, NA, NE, NO)"
    ]


def test_climate_trace_v4_months_summed(tmp_path: Path) -> None:
    rows = [
        L.ct_row("1001", "Sao Paulo", "road-transportation", "2022-01-01 00:00:00", "co2e_100yr", "1000.5"),
        L.ct_row("1001", "Sao Paulo", "road-transportation", "2022-02-01 00:00:00", "co2e_100yr", "999.5"),
        L.ct_row("1001", "Sao Paulo", "road-transportation", "2022-03-01 00:00:00", "co2e_100yr", ""),  # n/a
        L.ct_row("1001", "Sao Paulo", "road-transportation", "2022-01-01 00:00:00", "nox", "3"),
        L.ct_row("1001", "Sao Paulo", "road-transportation", "2023-01-01 00:00:00", "co2", "7"),
    ]
    data = read_dataset(L.climate_trace(tmp_path, rows), "climate_trace")
    got = {(f.year, f.gas, f.gwp_set): f.value for f in data.figures}
    assert got == {(2022, "CO2e", "AR6"): 2000.0, (2023, "CO2", ""): 7.0}
    f = data.figures[0]
    assert (f.place.scheme, f.place.id, f.place.lat, f.place.lon) == ("climate_trace", "1001", -23.55, -46.63)
    assert f.category == "road-transportation" and data.meta["version"] == "v4.8.0"
    assert any("gas nox" in w for w in data.warnings)


def test_climate_trace_v2_and_bad_date(tmp_path: Path) -> None:
    header = [
        "asset_id",
        "iso3_country",
        "original_inventory_sector",
        "start_time",
        "end_time",
        "gas",
        "emissions_quantity",
        "asset_name",
        "st_astext",
    ]
    rows = [
        [
            "77",
            "BRA",
            "road-transportation",
            "2021-01-01T00:00:00Z",
            "2021-12-31",
            "co2e_100yr",
            "5",
            "Sao Paulo",
            "POINT (-46.63 -23.55)",
        ]
    ]
    data = read_dataset(
        L.write_csv(tmp_path / "asset_road-transportation_emissions.csv", header, rows), "climate_trace"
    )
    (f,) = data.figures
    assert (f.year, f.place.id, f.place.name, f.place.lat, f.place.lon) == (
        2021,
        "77",
        "Sao Paulo",
        -23.55,
        -46.63,
    )
    rows[0][3] = "Jan 2021"
    with pytest.raises(InputError) as exc:
        read_dataset(L.write_csv(tmp_path / "ct.csv", header, rows), "climate_trace")
    assert _details(exc) == ["ct.csv, row 2, start_time: 'Jan 2021' is not a date (2022-01-01)"]


def test_population_layouts(tmp_path: Path) -> None:
    data = read_dataset(
        L.wpp(
            tmp_path,
            [
                L.wpp_row("BRA", "BR", "Brazil", "2022", "210306.415"),
                L.wpp_row("", "", "World", "2022", "7975105.156"),
                L.wpp_row("BRA", "BR", "Brazil", "2022", "1", variant="High"),
            ],
        ),
        "population",
    )
    (f,) = data.figures
    assert (f.country, f.year, f.measure, f.value) == ("BR", 2022, "population", pytest.approx(210306415.0))
    wb = tmp_path / "API_SP.POP.TOTL_DS2_en_csv_v2.csv"
    wb.write_text(
        '"Data Source","World Development Indicators",\n\n"Last Updated Date","2024-06-28",\n\n'
        '"Country Name","Country Code","Indicator Name","Indicator Code","2021","2022",\n'
        '"Brazil","BRA","Population, total","SP.POP.TOTL","214326223","215313498",\n'
        '"World","WLD","Population, total","SP.POP.TOTL","7921","7950",\n',
        encoding="utf-8",
    )
    data = read_dataset(wb, "population")
    assert {(f.country, f.year): f.value for f in data.figures} == {
        ("BR", 2021): 214326223,
        ("BR", 2022): 215313498,
    }
    long = L.write_csv(
        tmp_path / "ibge.csv",
        [
            "country",
            "unlocode",
            "place",
            "year",
            "population",
            "gdp",
            "currency",
            "commercial floor area (m2)",
        ],
        [
            ["BR", "", "", "2022", "203080756", "9915316000000", "BRL", "900000000"],
            ["BR", "BRSAO", "São Paulo", "2022", "11451999", "", "", "36000000"],
        ],
    )
    data = read_dataset(long, "population")
    got = {(f.place.scheme, f.place.id, f.measure): (f.value, f.unit) for f in data.figures}
    assert got[("", "", "gdp")] == (9915316000000.0, "BRL")
    assert got[("unlocode", "BRSAO", "population")] == (11451999.0, "people")
    assert got[("unlocode", "BRSAO", "floor_area_commercial")] == (36000000.0, "m2")


def test_population_bad_rows(tmp_path: Path) -> None:
    path = L.write_csv(
        tmp_path / "pop.csv",
        ["country", "year", "population", "gdp"],
        [
            ["Narnia", "2022", "5", ""],
            ["BR", "20x2", "5", ""],
            ["BR", "2022", "-5", ""],
            ["BR", "2022", "", "100"],
        ],
    )
    with pytest.raises(InputError) as exc:
        read_dataset(path, "population")
    assert _details(exc) == [
        "pop.csv, row 2, country: unknown country 'Narnia' (use ISO codes)",
        "pop.csv, row 3, year: '20x2' is not a number; write a plain number or leave the cell empty",
        "pop.csv, row 3, year: '20x2' is not a year",
        "pop.csv, row 4, population: -5.0 is negative",
        "pop.csv, row 5, currency: a GDP needs its currency (e.g. BRL)",
    ]


def test_unknown_kind_and_option(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unknown dataset kind 'edgar'"):
        read_dataset(tmp_path / "x.csv", "edgar")
    with pytest.raises(InputError, match="cdp files take no option scenario"):
        read_dataset(tmp_path / "x.csv", "cdp", scenario="HISTCR")
