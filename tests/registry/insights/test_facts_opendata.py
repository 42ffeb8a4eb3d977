"""The registry → facts adapter (published current versions only, totals-only fallbacks, boundary kinds,
a fixed number of queries) and the open-data dictionary and schema (every column defined once)."""

from __future__ import annotations

import json

import jsonschema
import pyarrow.parquet as pq
import pytest

from localaction.core.insights.tables import SCHEMAS
from localaction.registry.base.models import State
from localaction.registry.insights import dictionary, opendata
from localaction.registry.insights.facts import boundary_kind, load_facts
from localaction.registry.inventories.models import Inventory
from tests.registry.insights.conftest import Site


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Administrative boundary of a local government", "administrative"),
        ("A metropolitan area", "metropolitan"),
        ("Same – covers entire city and nothing else", "administrative"),
        ("Larger – covers the whole city and adjoining areas", "metropolitan"),
        ("Partial – covers part of the city and adjoining areas", "partial"),
        ("Other: Energy plan for Hjoerring Municipality", ""),
    ],
)
def test_boundary_kinds(text: str, kind: str) -> None:
    assert boundary_kind(text) == kind


def _totals_only(site: Site, year: int, **fields: object) -> Inventory:
    return Inventory.objects.create(
        jurisdiction=site.world.city_b, year=year, state=State.PUBLISHED, data_source="CDP open data 2017",
        boundary="A metropolitan area", **fields,
    )  # fmt: skip


def test_published_current_only_and_totals_fallbacks(
    site: Site, django_assert_max_num_queries: object
) -> None:
    _totals_only(site, 2014, reported_total_tco2e=500.0, reported_total_scope="Total Scope 1 and Scope 2")
    _totals_only(site, 2015, reported_total_tco2e=600.0, reported_scope1_tco2e=400.0,
                 reported_total_scope="Total Scope 1, Scope 2 and Waste Scope 3 (Total BASIC emissions)")  # fmt: skip
    _totals_only(site, 2016, reported_basic_tco2e=700.0, reported_total_tco2e=900.0, reporting_year=2018)
    _totals_only(site, 2016, reported_basic_tco2e=650.0, reporting_year=2017)  # older report of the same year
    with django_assert_max_num_queries(8):  # type: ignore[operator]
        facts = load_facts()
    by = {(f.jurisdiction_id, f.year): f for f in facts.inventories}
    assert ("sao-paulo", 2021) in by and ("sao-paulo", 2022) not in by  # the draft is not published
    assert by[("seoul", 2014)].basic_tco2e is None  # a scope 1+2 headline is not BASIC
    assert by[("seoul", 2015)].basic_tco2e == 600.0 and by[("seoul", 2015)].territorial_tco2e == 400.0
    assert by[("seoul", 2016)].basic_tco2e == 700.0  # the most recent report of the year wins
    assert by[("seoul", 2016)].boundary == "metropolitan"
    assert facts.sources[("seoul", 2016)] == "CDP open data 2017"


def test_every_column_is_defined_once() -> None:
    rows = dictionary.dictionary()
    for table, schema in SCHEMAS.items():
        for name in schema.names:
            assert any(r["table"] == table and r["column"] == name and r["meaning"] for r in rows)
    assert all(r["unit"] is not None for r in rows)
    jsonschema.Draft202012Validator.check_schema(dictionary.json_schema())


def test_build_matches_schema_and_dictionary(site: Site) -> None:
    folder, manifest = opendata.ensure_built()
    schema = dictionary.json_schema()
    for table in dictionary.all_schemas():
        rows = pq.read_table(folder / f"{table}.parquet").to_pylist()
        assert len(rows) == manifest["rows"][table]
        for row in rows:
            jsonschema.validate(row, schema["$defs"][table])
    assert (folder / "LICENCE.txt").read_text().startswith("Published LocalAction")
    assert json.loads((folder / "un_portal.json").read_text())["layout"] == "localaction-un-portal"
    assert "CDP" not in manifest["citation"]  # no CDP data in this registry
