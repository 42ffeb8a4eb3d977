"""Report content, the UN-portal export and the Parquet round trip."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from localaction.core.insights import (
    EXPORT_COLUMNS,
    ActionFact,
    HazardFact,
    IndicatorFact,
    InventoryFact,
    JurisdictionFacts,
    TargetFact,
    export_rows,
    jurisdiction_report,
    read_parquet,
    tables_from_facts,
    thematic_report,
    to_csv,
    to_json,
    write_parquet,
    yearly_report,
)

DOCS = Path(__file__).resolve().parents[3] / "docs" / "insights.md"

JS = [
    JurisdictionFacts(
        id="P",
        name="Province",
        kind="province_state",
        country="BR",
        region="Latin America",
        population={2020: 10e6},
    ),
    JurisdictionFacts(
        id="C",
        name="São Paulo",
        country="BR",
        region="Latin America",
        climate_zone="Cfa",
        parent_id="P",
        population={2020: 2e6},
    ),
    JurisdictionFacts(
        id="X",
        name="Rosario",
        country="AR",
        region="Latin America",
        climate_zone="Cfa",
        population={2020: 1.5e6},
    ),
]
INVS = [
    InventoryFact(jurisdiction_id="P", year=2020, basic_tco2e=1000.0),
    InventoryFact(
        jurisdiction_id="C", year=2016, basic_tco2e=330.0, by_sector_tco2e={"I": 200.0, "II": 130.0}
    ),
    InventoryFact(
        jurisdiction_id="C", year=2020, basic_tco2e=300.0, by_sector_tco2e={"I": 180.0, "II": 120.0}
    ),
    InventoryFact(
        jurisdiction_id="X", year=2020, basic_tco2e=200.0, by_sector_tco2e={"I": 100.0, "II": 100.0}
    ),
]
TARGETS = [
    TargetFact(
        jurisdiction_id="C",
        target_id="t1",
        kind="base_year",
        base_year=2016,
        base_emissions_tco2e=330.0,
        target_year=2030,
        reduction_pct=50.0,
    )
]
ACTIONS = [
    ActionFact(
        jurisdiction_id="C",
        title="Bus lanes",
        gpc_sectors=("II",),
        status="implemented",
        reduction_tco2e_per_yr=5.0,
    )
]
HAZARDS = [
    HazardFact(jurisdiction_id=j, hazard_type="Extreme hot temperature", hazard_subtype="Heat wave")
    for j in ("C", "X")
]
INDICATORS = [
    IndicatorFact(
        jurisdiction_id=j,
        framework="sics_2021",
        indicator=i,
        year=2020,
        value=v,
        theme="biodiversity",
        unit="points",
    )
    for j, i, v in (
        ("C", "1", 3.0),
        ("C", "2", 2.0),
        ("C", "3", 4.0),
        ("X", "1", 1.0),
        ("C", "score", 70.0),
        ("X", "score", 50.0),
    )
]
TABLES = tables_from_facts(JS, INVS, TARGETS, ACTIONS, HAZARDS, INDICATORS)


def test_export_rows_csv_json() -> None:
    rows = export_rows(TABLES, 2020)
    assert [r["country"] for r in rows] == ["AR", "BR"]
    br = rows[1]
    # C is inside P: BR counts P's 1000 t once, and P's population only.
    assert br["emissions_covered_tco2e"] == 1000.0 and br["population_covered"] == 10e6
    assert br["jurisdictions_with_inventory"] == 2 and br["jurisdictions_with_ghg_target"] == 1
    assert br["actions_implemented"] == 1 and br["estimated_reduction_tco2e_per_yr"] == 5.0
    parsed = list(csv.DictReader(io.StringIO(to_csv(rows).encode().decode("utf-8-sig"))))  # with its BOM
    assert list(parsed[0]) == list(EXPORT_COLUMNS)
    doc = json.loads(to_json(rows, 2020))
    assert doc["layout"] == "localaction-un-portal" and doc["totals"]["emissions_covered_tco2e"] == 1200.0
    assert set(doc["columns"]) == set(EXPORT_COLUMNS)


def test_every_export_column_is_documented_with_its_unit() -> None:
    text = DOCS.read_text("utf-8")
    for name, (unit, _) in EXPORT_COLUMNS.items():
        assert f"`{name}`" in text, name
        assert unit in text, unit


def test_yearly_report_sections_carry_their_data() -> None:
    r = yearly_report(TABLES, 2020)
    ids = [s.id for s in r.sections]
    assert ids[:3] == ["coverage", "commitments", "inventories"] and "rules" in ids
    inv = next(s for s in r.sections if s.id == "inventories")
    assert "1,200 tCO2e" in inv.text[0] and "300 tCO2e" in inv.text[1]
    for s in r.sections:
        for c in s.charts:
            assert c.figure["data"] is not None and isinstance(c.data, list)
    json.dumps(r.model_dump())  # plain data all the way down


def test_thematic_report() -> None:
    r = thematic_report(TABLES, "biodiversity", 2020)
    (section,) = r.sections
    rows = {row[0]: row for row in section.tables[0].rows}
    assert rows["score"][2] == 2 and rows["score"][3] == 60.0  # two cities, median 60
    assert rows["score"][-1].startswith("São Paulo")  # the leader first


def test_jurisdiction_report() -> None:
    c = JS[1]
    r = jurisdiction_report(c, JS, INVS, 2020, TARGETS, ACTIONS, HAZARDS, INDICATORS)
    ids = [s.id for s in r.sections]
    assert ids == ["inventory", "targets", "actions", "frameworks", "peers"]
    targets = r.sections[1].tables[0].rows[0]
    # base 330 -> goal 165; 2020: 300 -> (330-300)/(330-165) = 18.2 %
    assert round(targets[4], 1) == 18.2
    peers = r.sections[-1]
    assert peers.tables[0].rows  # at least one peer group
    similar = peers.tables[1].rows
    assert similar and similar[0][0] == "Rosario" and similar[0][2][0]["factor"]
    assert r.sections[3].charts and r.sections[3].charts[0].kind == "radar"


def test_parquet_round_trip(tmp_path: Path) -> None:
    write_parquet(TABLES, tmp_path)
    back = read_parquet(tmp_path)
    assert back.inventories.equals(TABLES.inventories)
    assert export_rows(back, 2020) == export_rows(TABLES, 2020)
