"""Golden: the four real CDP files (2016-2019) import; counts and spot values against the raw CSV parsed
independently here."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from localaction.registry.base.models import Jurisdiction
from localaction.registry.inventories.imports.cdp import import_cdp
from localaction.registry.inventories.models import Inventory

YEARS = (2016, 2017, 2018, 2019)


def raw(shared_data: Path, year: int) -> list[dict[str, str]]:
    path = shared_data / "inventories" / f"cdp_cities_citywide_emissions_{year}.csv"
    with path.open(encoding="utf-8", newline="") as f:
        return [{k.replace("\u200b", "").strip().lower(): v for k, v in r.items()} for r in csv.DictReader(f)]


def num(text: str) -> float | None:
    t = text.strip()
    if t.lower() in ("", "not applicable", "question not applicable"):
        return None
    return float(t.replace(",", ""))


@pytest.mark.shared_data
@pytest.mark.django_db
def test_four_cdp_files(shared_data: Path) -> None:
    paths = [shared_data / "inventories" / f"cdp_cities_citywide_emissions_{y}.csv" for y in YEARS]
    summary = import_cdp(paths)
    rows = {y: raw(shared_data, y) for y in YEARS}
    accounts = {r["account number"] for y in YEARS for r in rows[y]}
    assert Jurisdiction.objects.count() == len(accounts) == summary.counts["jurisdictions created"]
    assert (
        Inventory.objects.filter(state="published", verification_status="self_reported").count()
        == summary.counts["inventories created"]
        == Inventory.objects.count()
    )
    assert Inventory.objects.count() > 700
    # Spot values: the first row with a BASIC figure in 2018 and 2019, and a 2016 total.
    for year in (2018, 2019):
        r = next(r for r in rows[year] if num(r["total basic emissions (gpc)"]))
        inv = Inventory.objects.get(external_id=f"cdp:{r['account number']}:{year}")
        assert inv.reported_basic_tco2e == num(r["total basic emissions (gpc)"])
        assert inv.reported_scope1_tco2e == num(r["total scope 1 emissions (metric tonnes co2e)"])
    r16 = rows[2016][0]
    inv = Inventory.objects.get(external_id=f"cdp:{r16['account number']}:2016")
    assert inv.reported_total_tco2e == num(r16["total city-wide emissions (metric tonnes co2e)"])
    assert inv.year == int(r16["measurement year"].split()[0].split("/")[2])
    # "Not Applicable" (2018) reads as empty, never as zero.
    na = next(r for r in rows[2018] if r["total basic emissions (gpc)"] == "Not Applicable")
    jur = Jurisdiction.objects.get(identifiers__value=na["account number"])
    assert not Inventory.objects.filter(jurisdiction=jur, reported_basic_tco2e=0).exists()
    # Matched across years by account: a city in all four files is one jurisdiction.
    both = set.intersection(*({r["account number"] for r in rows[y]} for y in YEARS))
    acct = sorted(both)[0]
    assert Jurisdiction.objects.filter(identifiers__value=acct).count() == 1
