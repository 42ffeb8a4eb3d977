"""The registry → facts adapter (published current versions only, totals-only fallbacks, boundary kinds,
a fixed number of queries) and the open-data dictionary and schema (every column defined once)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import shutil
import stat
from pathlib import Path
from typing import Any

import jsonschema
import pyarrow.parquet as pq
import pytest
from django.test import Client

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
    for table, schema in dictionary.all_schemas().items():
        for name in schema.names:
            assert any(r["table"] == table and r["column"] == name and r["meaning"] for r in rows)
    assert all(r["unit"] is not None and r["type"] for r in rows)
    jsonschema.Draft202012Validator.check_schema(dictionary.json_schema())
    by = {(r["table"], r["column"]): r for r in rows}
    # One name, the meaning of its own table (these three were described wrongly once).
    assert "net_zero" in by[("targets", "kind")]["meaning"]
    assert "municipality" not in by[("targets", "kind")]["meaning"]
    assert "municipality" in by[("jurisdictions", "kind")]["meaning"]
    assert "tropical_dry" in by[("jurisdictions", "climate_zone")]["meaning"]
    assert by[("jurisdictions", "climate_zone")]["unit"] == ""  # not a claim that values are Köppen codes
    assert by[("inventories", "population")]["meaning"] != by[("jurisdiction_years", "population")]["meaning"]


def _files(folder: Path, manifest: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f["name"]: f for f in manifest["files"]}


def test_build_matches_schema_and_dictionary(site: Site) -> None:
    folder, manifest = opendata.ensure_built()
    schema = dictionary.json_schema()
    for table in dictionary.all_schemas():
        parquet = pq.read_table(folder / f"{table}.parquet")
        rows = parquet.to_pylist()
        assert len(rows) == manifest["rows"][table]
        for row in rows:
            jsonschema.validate(row, schema["$defs"][table])
        for field in parquet.schema:  # every Parquet column carries its description and unit
            meta = field.metadata or {}
            assert meta.get(b"description") == dictionary.describe(table, field.name).meaning.encode()
            assert b"unit" in meta
        assert parquet.schema.metadata[b"licence"] == b"CC-BY-4.0"
    assert (folder / "LICENCE.txt").read_text().startswith("Published LocalAction")
    assert json.loads((folder / "un_portal.json").read_text())["layout"] == "localaction-un-portal"
    assert "CDP" not in manifest["citation"]  # no CDP data in this registry
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", manifest["built_at"])


def test_every_csv_has_bom_crlf_and_the_files_their_checksums(site: Site) -> None:
    folder, manifest = opendata.ensure_built()
    files = _files(folder, manifest)
    csvs = [n for n in files if n.endswith(".csv")]
    assert len(csvs) >= 11
    for name in csvs:
        raw = (folder / name).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), name
        assert raw.count(b"\r\n") >= 1 and raw.count(b"\n") == raw.count(b"\r\n"), name
    rows = list(csv.DictReader(io.StringIO((folder / "targets.csv").read_text("utf-8-sig"))))
    assert {r["aligned_1_5c"] for r in rows} <= {"true", "false", ""}
    for name, entry in files.items():
        assert entry["sha256"] == hashlib.sha256((folder / name).read_bytes()).hexdigest(), name
        assert entry["bytes"] == (folder / name).stat().st_size
    # Readable by the server's user whoever built it (mkdtemp makes folders 0700).
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o644 for p in folder.iterdir())


def test_a_data_portal_accepts_the_package(site: Site, tmp_path: Path) -> None:
    """Frictionless validates every resource: Table Schema types and keys, the references to the
    jurisdictions, the row counts, bytes and sha256 of each file."""
    import frictionless  # a dev dependency: a missing one fails here rather than skipping

    folder, _manifest = opendata.ensure_built()
    package = json.loads((folder / "datapackage.json").read_text())
    assert package["licenses"][0]["name"] == "CC-BY-4.0" and package["citation"]
    names = {r["path"] for r in package["resources"]}
    assert {f"{t}.csv" for t in dictionary.all_schemas()} | {"un_portal.csv"} <= names
    inv = next(r for r in package["resources"] if r["path"] == "inventories.csv")
    units = {f["name"]: f.get("unit") for f in inv["schema"]["fields"]}
    assert units["basic_tco2e"] == "tCO2e" and units["population"] == "people"
    report = frictionless.validate(folder / "datapackage.json")
    assert report.valid, report.flatten(["taskName", "type", "note"])
    # The check can fail: a changed file no longer matches its checksum, a bad value its type.
    broken = tmp_path / "broken"
    shutil.copytree(folder, broken)
    inventories = broken / "inventories.csv"
    inventories.write_bytes(inventories.read_bytes().replace(b",2021,", b",twenty-one,", 1))
    bad = frictionless.validate(broken / "datapackage.json")
    found = {(task.name, error.type) for task in bad.tasks for error in task.errors}
    assert not bad.valid
    assert {("inventories", "hash-count"), ("inventories", "type-error")} <= found, found


def test_download_views_licence_citation_manifest_cors_and_caching(site: Site) -> None:
    c = Client()
    folder, manifest = opendata.ensure_built()
    for name in ("LICENCE.txt", "CITATION.txt", "manifest.json", "datapackage.json", "inventories.csv"):
        response = c.get(f"/insights/opendata/{name}")
        assert response.status_code == 200, name
        assert (
            response["Access-Control-Allow-Origin"] == "*"
            and "ETag" in response
            and "Last-Modified" in response
        )
        body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
        assert body == (folder / name).read_bytes()
        again = c.get(f"/insights/opendata/{name}", HTTP_IF_NONE_MATCH=response["ETag"])
        assert again.status_code == 304
        assert (
            c.get(f"/insights/opendata/{name}", HTTP_IF_MODIFIED_SINCE=response["Last-Modified"]).status_code
            == 304
        )
        head = c.head(f"/insights/opendata/{name}")
        assert head.status_code == 200 and head["Content-Length"] == str((folder / name).stat().st_size)
    assert json.loads(b"".join(c.get("/insights/opendata/manifest.json").streaming_content)) == manifest  # type: ignore[attr-defined]
    assert c.get("/insights/opendata/secrets.txt").status_code == 404
    assert c.get("/insights/opendata/..%2Fsettings.py").status_code == 404
    assert c.options("/insights/opendata/inventories.csv").status_code == 204
    page = c.get("/insights/opendata/").content.decode()
    assert "LICENCE.txt" in page and "datapackage.json" in page


def test_inventory_lines_carry_every_published_line_with_its_gases(site: Site) -> None:
    from localaction.registry import services
    from tests.factories import complete_lines

    # a second published inventory of city A computed from an activity record: its gases are in the table
    editor, approver = site.user("editor_a"), site.user("approver_a")
    inv = services.create_inventory(editor, site.world.city_a, year=2018, population=1_000_000)
    lines = [ln for ln in complete_lines() if ln["gpc_ref"] != "I.1.1"]
    inv = services.replace_contents(
        editor, inv, revision=inv.revision, lines=lines,
        records=[{"record_id": "gas", "gpc_ref": "I.1.1", "method": "fuel_combustion", "activity": "natural_gas",
                  "quantity": 1000, "unit": "GJ"}],
    )  # fmt: skip
    inv = services.submit(approver, inv, revision=inv.revision)
    inv = services.validate(site.user("reviewer"), inv, revision=inv.revision)
    inv = services.publish(site.user("admin"), inv, revision=inv.revision)
    folder, manifest = opendata.ensure_built()
    rows = pq.read_table(folder / "inventory_lines.parquet").to_pylist()
    assert manifest["rows"]["inventory_lines"] == len(rows)
    for pub in (site.published, inv):
        mine = {
            r["gpc_ref"]: r for r in rows if r["year"] == pub.year and r["jurisdiction_id"] == "sao-paulo"
        }
        stored = {ln.gpc_ref: ln.value_tco2e for ln in pub.gpc_lines.all() if ln.value_tco2e is not None}
        assert {k: r["value_tco2e"] for k, r in mine.items()} == pytest.approx(stored)
    gas = next(r for r in rows if r["year"] == 2018 and r["gpc_ref"] == "I.1.1")
    assert gas["co2_t"] > 0 and gas["ch4_t"] > 0 and gas["n2o_t"] > 0 and gas["entered_tco2e"] is None
    entered = next(r for r in rows if r["year"] == 2018 and r["gpc_ref"] == "II.1.1")
    assert entered["entered_tco2e"] == entered["value_tco2e"] == 100_000 and entered["co2_t"] is None
    with (folder / "datapackage.json").open() as fh:
        package = json.load(fh)
    res = next(r for r in package["resources"] if r["name"] == "inventory-lines")
    assert [f["name"] for f in res["schema"]["fields"]][:3] == ["jurisdiction_id", "year", "gpc_ref"]
    assert res["schema"]["primaryKey"] == ["jurisdiction_id", "year", "gpc_ref"]


def test_inventory_lines_written_in_batches_are_the_whole_table(site: Site, monkeypatch: Any) -> None:
    """The lines are streamed (one Parquet row group and CSV piece per batch of inventories): batches of one
    inventory give the same rows, in the same order, as one batch of all."""
    from localaction.registry import services
    from tests.factories import complete_lines

    editor, approver = site.user("editor_a"), site.user("approver_a")
    inv = services.create_inventory(editor, site.world.city_a, year=2018, population=1_000_000)
    inv = services.replace_contents(editor, inv, revision=inv.revision, lines=complete_lines())
    inv = services.submit(approver, inv, revision=inv.revision)
    inv = services.validate(site.user("reviewer"), inv, revision=inv.revision)
    services.publish(site.user("admin"), inv, revision=inv.revision)
    whole_folder, _ = opendata.ensure_built(force=True)
    whole = pq.read_table(whole_folder / "inventory_lines.parquet")
    whole_csv = (whole_folder / "inventory_lines.csv").read_bytes()
    monkeypatch.setattr(opendata, "LINE_BATCH", 1)
    folder, manifest = opendata.ensure_built(force=True)
    parts = pq.ParquetFile(folder / "inventory_lines.parquet")
    assert parts.metadata.num_row_groups >= 2
    assert parts.read().to_pylist() == whole.to_pylist()
    assert (folder / "inventory_lines.csv").read_bytes() == whole_csv
    assert manifest["rows"]["inventory_lines"] == whole.num_rows
