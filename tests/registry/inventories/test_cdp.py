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
