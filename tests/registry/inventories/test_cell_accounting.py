"""The rule, on every real file in ../shared/data/inventories: numbers in = numbers stored + numbers reported
as not used. The numbers in a file are counted here independently (the csv module and a plain pattern), and
what the report calls stored is checked against what the database (or the reader's result) holds."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from django.db.models import Q

from localaction.core.errors import InputError
from localaction.core.inventory.lines_io import read_lines, read_reported_totals
from localaction.core.io import ImportReport
from localaction.registry.base.models import JurisdictionIdentifier, JurisdictionStat
from localaction.registry.inventories.imports.cdp import import_cdp
from localaction.registry.inventories.models import Inventory

# One number, maybe with a currency sign, a percent sign or thousands separators; nothing else.
NUMBER = re.compile(r"^[-+]?[$€£]?\s*\d[\d,.\s]*(?:[eE][-+]?\d+)?\s*%?$")
INVISIBLE = str.maketrans("", "", "\u200b\ufeff")


def numbers_in(path: Path) -> int:
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    return sum(1 for row in rows[1:] for c in row if NUMBER.match(c.translate(INVISIBLE).strip()))


def files(shared_data: Path, pattern: str) -> list[Path]:
    found = sorted((shared_data / "inventories").glob(pattern))
    assert found, pattern
    return found


def test_every_real_file_is_covered(shared_data: Path) -> None:
    covered = {
        "c40_gpc_inventories_long.csv",
        "c40_gpc_inventories_reported_totals.csv",
        "sf_communitywide_ghg_inventory_1990_2019.csv",
        *(f"cdp_cities_citywide_emissions_{y}.csv" for y in (2016, 2017, 2018, 2019)),
    }
    assert {p.name for p in (shared_data / "inventories").iterdir()} == covered


REPORTED = ("scope1", "scope2", "scope3", "basic", "basic_plus", "total")
PARTS = tuple(f"scope{s}_{k}" for s in (1, 2, 3) for k in ("grid", "excl_grid"))


@pytest.mark.shared_data
@pytest.mark.django_db
@pytest.mark.parametrize("year", [2016, 2017, 2018, 2019])
def test_cdp_file_every_number_accounted_for(shared_data: Path, year: int) -> None:
    path = shared_data / "inventories" / f"cdp_cities_citywide_emissions_{year}.csv"
    report = import_cdp([path])
    assert report.figures_found == numbers_in(path)
    assert report.balanced, report.as_dict()["figures"]
    assert report.figures_stored + report.figures_not_used == report.figures_found
    # What the report calls stored is in the database, field by field.
    invs = list(Inventory.objects.all())
    for name in (*REPORTED, *PARTS):
        column = f"reported_{name}_tco2e"
        derived = (
            sum(1 for i in invs if f"scope {name[-1]} total derived" in i.reported_notes)
            if name
            in (
                "scope1",
                "scope2",
                "scope3",
            )
            else 0
        )
        held = sum(1 for i in invs if getattr(i, column) is not None)
        assert held - derived == report.stored_by_field.get(f"reported_{name}", 0), name
    accounts = report.stored_by_field["identifier cdp_account"]  # one per row kept (repeats superseded)
    assert JurisdictionIdentifier.objects.count() <= accounts <= report.rows
    stats = JurisdictionStat.objects.all()
    assert sum(1 for s in stats if s.population) <= report.stored_by_field.get("stat.population", 0)
    assert not report.unrecognised, [u.title for u in report.unrecognised]


@pytest.mark.shared_data
@pytest.mark.django_db
def test_cdp_2019_keeps_the_crf_reporters(shared_data: Path) -> None:
    """2019: 201 rows give their scopes in parts only (CRF reporters); each is stored, not dropped."""
    path = shared_data / "inventories" / "cdp_cities_citywide_emissions_2019.csv"
    import_cdp([path])
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))[1:]
    parts_rows = [r for r in rows if any(c.strip() for c in r[15:21]) and re.search(r"\d{4}", r[9])]
    any_part = Q()
    for name in PARTS:
        any_part |= Q(**{f"reported_{name}_tco2e__isnull": False})
    assert Inventory.objects.filter(any_part).count() == len(parts_rows)
    derived = Inventory.objects.filter(reported_notes__contains="derived")
    assert derived.count() > 150
    one = derived.exclude(reported_scope1_excl_grid_tco2e=None).first()
    assert one is not None and one.reported_scope1_tco2e == pytest.approx(
        (one.reported_scope1_grid_tco2e or 0) + one.reported_scope1_excl_grid_tco2e
    )
    # BASIC+ < BASIC and zeros that stand for "not reported" are flagged, with stable codes.
    codes = {c["code"] for inv in Inventory.objects.all() for c in inv.checks}
    assert {"totals.basic_plus_below_basic", "values.zero_not_reported"} <= codes


def test_c40_long_file_every_number_accounted_for(shared_data: Path) -> None:
    path = shared_data / "inventories" / "c40_gpc_inventories_long.csv"
    read = read_lines(path)
    report = read.report
    assert report.figures_found == numbers_in(path)
    assert report.balanced
    lines = [ln for inv in read.inventories for ln in inv.inventory.lines]
    assert report.stored_by_field["value_tco2e"] == sum(1 for ln in lines if ln.value_tco2e is not None)
    assert report.not_used == {
        "the cell as the publisher wrote it: value_tco2e and notation_key carry it": report.stored_by_field[
            "value_tco2e"
        ]
    }
    assert report.warnings == [] and report.unrecognised == []


def test_c40_totals_file_every_number_accounted_for(shared_data: Path) -> None:
    path = shared_data / "inventories" / "c40_gpc_inventories_reported_totals.csv"
    report = ImportReport()
    totals = read_reported_totals(path, report=report)
    assert report.figures_found == numbers_in(path)
    assert report.balanced and report.figures_not_used == 0
    assert report.stored_by_field["basic"] == sum(1 for t in totals.values() if t.basic is not None)


def test_san_francisco_file_is_refused_with_its_reason(shared_data: Path) -> None:
    """SF's file gives sector names, not GPC reference numbers: no import reads it, and the refusal says why
    (nothing is stored, so nothing needs accounting)."""
    path = shared_data / "inventories" / "sf_communitywide_ghg_inventory_1990_2019.csv"
    with pytest.raises(InputError) as exc:
        read_lines(path)
    assert {d.loc[2] for d in exc.value.details} >= {"city", "gpc_ref"}
