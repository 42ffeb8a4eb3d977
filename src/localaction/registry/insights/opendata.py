"""Open data: bulk files of everything published, rebuilt when the published data changed.

Layout (``opendata_dir()``): one folder per build, named by the data's fingerprint hash, and ``current.json``
naming the folder in use (replaced atomically, so a reader never sees a half-written build and two
concurrent builds of the same data write the same folder). ``ensure_built()`` is called by the download
pages (lazy refresh: a publication changes the fingerprint) and by ``localaction opendata build``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import fields
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from django.conf import settings

from localaction.core import clock
from localaction.core.catalog import gpc_refs
from localaction.core.insights import EXPORT_COLUMNS, export_rows, to_json
from localaction.core.inventory import exports as ex
from localaction.core.io import csv_bytes, csv_chunks
from localaction.registry.insights import dictionary as dd
from localaction.registry.insights.facts import fingerprint, load_facts
from localaction.registry.inventories.exports import result_of
from localaction.registry.inventories.models import ActivityRecord, GpcLine, Inventory

FORMAT = "localaction-opendata"
VERSION = 2  # 2: datapackage.json, sha256 per file, CSV with BOM and CRLF, Parquet column descriptions
KEEP_BUILDS = 2
# Build folders and files are readable by everyone: `localaction opendata build` may run as another user
# (cron, a deploy) than the server that sends the files.
DIR_MODE = 0o755
FILE_MODE = 0o644
_MEDIA = {
    "csv": "text/csv",
    "parquet": "application/vnd.apache.parquet",
    "json": "application/json",
    "txt": "text/plain",
}


def opendata_dir() -> Path:
    explicit = getattr(settings, "LOCALACTION_OPENDATA_DIR", "")
    if explicit:
        return Path(explicit)
    return Path(getattr(settings, "MEDIA_ROOT", "") or "media") / "opendata"


def _csv_value(v: Any) -> Any:
    """A cell: lists as JSON arrays (Table Schema ``array``), NaN as empty; the writer does the rest."""
    if isinstance(v, list):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, float) and not math.isfinite(v):
        return None
    return v


def _write_table(folder: Path, name: str, table: pa.Table) -> list[str]:
    described = dd.arrow_schema(name)
    pq.write_table(table.cast(described), folder / f"{name}.parquet")
    columns = table.column_names
    rows = ([_csv_value(row[c]) for c in columns] for row in table.to_pylist())
    (folder / f"{name}.csv").write_bytes(csv_bytes(columns, rows))
    return [f"{name}.csv", f"{name}.parquet"]


def _write_batches(
    folder: Path, name: str, schema: pa.Schema, batches: Iterator[list[dict[str, Any]]]
) -> int:
    """``_write_table`` for a table given in batches of rows: one Parquet row group and one CSV piece per
    batch, so the table is never held whole. Returns the number of rows."""
    described = dd.arrow_schema(name)
    n = 0
    columns: list[str] = list(schema.names)

    def tables() -> Iterator[pa.Table]:
        nonlocal n
        for batch in batches:
            n += len(batch)
            yield pa.Table.from_pylist(batch, schema=schema)

    with (
        pq.ParquetWriter(folder / f"{name}.parquet", described) as parquet,
        (folder / f"{name}.csv").open("wb") as out,
    ):

        def csv_rows() -> Iterator[list[list[Any]]]:
            for table in tables():
                parquet.write_table(table.cast(described))
                yield [[_csv_value(row[c]) for c in columns] for row in table.to_pylist()]

        for piece in csv_chunks(columns, csv_rows()):
            out.write(piece)
    return n


def line_rows(pks: dict[tuple[str, int], int]) -> list[dict[str, Any]]:
    """The GPC lines of the published inventories with their gases (all of ``line_batches``)."""
    return [row for batch in line_batches(pks) for row in batch]


LINE_BATCH = 2_000  # inventories per batch of lines (about 100,000 lines): the export's memory bound


def line_batches(pks: dict[tuple[str, int], int], size: int | None = None) -> Iterator[list[dict[str, Any]]]:
    """The GPC lines of the published inventories with their gases, ordered by jurisdiction, year and GPC
    line, in batches of ``size`` inventories: the engine's view where an inventory has activity records (the
    gases come from them), the stored lines (tCO2e only) where it has none."""
    size = size or LINE_BATCH
    refs = gpc_refs()
    order = {ref: i for i, ref in enumerate(refs)}
    keys = sorted(pks)
    for start in range(0, len(keys), size):
        by_pk = {pks[key]: key for key in keys[start : start + size]}
        with_records = set(
            ActivityRecord.objects.filter(inventory_id__in=by_pk, deleted_at__isnull=True)
            .values_list("inventory_id", flat=True)
            .distinct()
        )
        out: list[dict[str, Any]] = []
        for pk in sorted(with_records):
            jid, year = by_pk[pk]
            for r in ex.line_rows(result_of(Inventory.objects.get(pk=pk))):
                if r["value_tco2e"] is None and not r["notation_keys"]:
                    continue
                out.append(
                    {
                        "jurisdiction_id": jid,
                        "year": year,
                        **{k: r[k] for k in _LINE_KEYS},
                        "sector": r["gpc_ref"].split(".")[0],
                        "co2e_not_split_tco2e": r["co2e_not_split_t"],
                        "notation_keys": r["notation_keys"],
                    }
                )
        stored = GpcLine.objects.filter(inventory_id__in=set(by_pk) - with_records).order_by(
            "inventory_id", "id"
        )
        for ln in stored.iterator(chunk_size=10_000):
            if ln.value_tco2e is None and not ln.notation_keys:
                continue
            jid, year = by_pk[ln.inventory_id]
            meta = refs.get(ln.gpc_ref)
            out.append(
                {
                    "jurisdiction_id": jid,
                    "year": year,
                    "gpc_ref": ln.gpc_ref,
                    "sector": ln.sector_code or (meta.sector_code if meta else ""),
                    "scope": ln.scope if ln.scope is not None else (meta.scope if meta else None),
                    "value_tco2e": ln.value_tco2e,
                    "entered_tco2e": ln.value_tco2e,
                    "biogenic_co2_t": ln.biogenic_co2_t or None,
                    "notation_keys": "; ".join(ln.notation_keys),
                    "included_in": ln.included_in or "",
                    "explanation": ln.explanation,
                }
            )
        # (jurisdiction, year) keys are sorted across batches, so sorting each batch sorts the whole
        out.sort(key=lambda r: (r["jurisdiction_id"], r["year"], order.get(r["gpc_ref"], len(order))))
        yield out


_LINE_KEYS = ("gpc_ref", "scope", "value_tco2e", "co2_t", "ch4_t", "n2o_t", "other_gases_tco2e", "entered_tco2e",
              "biogenic_co2_t", "included_in", "explanation")  # fmt: skip


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def resource_name(filename: str) -> str:
    """A resource's name in datapackage.json: the table's name for its CSV (``inventory-sources``), the file
    name otherwise (``inventories-parquet``); lowercase letters, digits and hyphens (Data Package v1 and v2)."""
    stem, fmt = filename.rsplit(".", 1)
    name = stem if fmt == "csv" else f"{stem}-{fmt}"
    return name.replace("_", "-").lower()


def _resource(folder: Path, name: str, schema: dict[str, Any] | None, description: str) -> dict[str, Any]:
    """A Data Package resource: path, media type, size, checksum; tables with their Table Schema."""
    path = folder / name
    fmt = name.rsplit(".", 1)[1]
    res: dict[str, Any] = {
        "name": resource_name(name),
        "path": name,
        "title": name,
        "description": description,
        "format": fmt,
        "mediatype": _MEDIA[fmt],
        "bytes": path.stat().st_size,
        "hash": f"sha256:{sha256(path)}",
    }
    if fmt in ("csv", "txt", "json"):
        res["encoding"] = "utf-8"
    if schema is not None:
        res["type"] = "table"
        res["dialect"] = {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"', "header": True}
        res["schema"] = schema
    else:
        res["type"] = "file"
    return res


def datapackage(folder: Path, stamp: str, citation: str, tables: list[str]) -> dict[str, Any]:
    """A Frictionless Data Package describing every file of the build (``datapackage.json``)."""
    resources = []
    for table in tables:
        meaning = dd.TABLE_MEANING[table]
        resources.append(_resource(folder, f"{table}.csv", dd.table_schema(table), meaning))
        if (folder / f"{table}.parquet").exists():
            resources.append(_resource(folder, f"{table}.parquet", None, f"{meaning} (Parquet)"))
    dictionary = {"fields": [{"name": c, "type": "string"} for c in dd.dictionary()[0]], "missingValues": []}
    for name, schema, description in (
        ("un_portal.json", None, "the UN-portal aggregate with its columns' units and meanings"),
        ("data_dictionary.csv", dictionary, "every column of every table: type, unit, meaning, source"),
        ("schema.json", None, "JSON Schema (2020-12) of one row of each table"),
        ("LICENCE.txt", None, "the licence"),
        ("CITATION.txt", None, "how to cite"),
    ):
        resources.append(_resource(folder, name, schema, description))
    return {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": "localaction-opendata",
        "title": "LocalAction climate registry: open data (published versions)",
        "description": "Everything published in the registry: jurisdictions, GPC inventories and their "
        "sectors, targets and commitments, actions, hazard assessments, framework indicators.",
        "version": f"{VERSION}.0.0",
        "created": stamp,
        "licenses": [
            {"name": dd.LICENCE_ID, "path": dd.LICENCE_URL, "title": "Creative Commons Attribution 4.0"}
        ],
        "citation": citation,
        "sources": [{"title": "LocalAction registry (as reported by the governments)"}],
        "resources": resources,
    }


def build(folder: Path, stamp: str) -> dict[str, Any]:
    """Write every file into ``folder``; returns the manifest (also written as manifest.json)."""
    facts = load_facts()
    tables = facts.tables()
    files: list[str] = []
    rows: dict[str, int] = {}
    for f in fields(tables):
        table = getattr(tables, f.name)
        files += _write_table(folder, f.name, table)
        rows[f.name] = table.num_rows
    src = pa.Table.from_pylist(
        [{"jurisdiction_id": j, "year": y, "data_source": s} for (j, y), s in sorted(facts.sources.items())],
        schema=dd.EXTRA_TABLES["inventory_sources"],
    )
    files += _write_table(folder, "inventory_sources", src)
    rows["inventory_sources"] = src.num_rows
    schema = dd.EXTRA_TABLES["inventory_lines"]
    rows["inventory_lines"] = _write_batches(
        folder, "inventory_lines", schema, line_batches(facts.inventory_pks)
    )
    files += ["inventory_lines.csv", "inventory_lines.parquet"]
    years = [i.year for i in facts.inventories]
    un_year = max(years) if years else clock.today().year
    un = export_rows(tables, un_year)
    (folder / "un_portal.csv").write_bytes(csv_bytes(list(EXPORT_COLUMNS), un))
    (folder / "un_portal.json").write_text(to_json(un, un_year), encoding="utf-8")
    files += ["un_portal.csv", "un_portal.json"]
    rows["un_portal"] = len(un)
    entries = dd.dictionary()
    (folder / "data_dictionary.csv").write_bytes(csv_bytes(list(entries[0]), entries))
    (folder / "schema.json").write_text(
        json.dumps(dd.json_schema(), ensure_ascii=False, indent=1), encoding="utf-8"
    )
    cdp = any(s.startswith("CDP") for s in facts.sources.values())
    citation = dd.CITATION.format(built=stamp) + ("\n" + dd.CDP_CITATION if cdp else "")
    (folder / "LICENCE.txt").write_text(dd.LICENCE + "\n", encoding="utf-8")
    (folder / "CITATION.txt").write_text(citation + "\n", encoding="utf-8")
    files += ["data_dictionary.csv", "schema.json", "LICENCE.txt", "CITATION.txt"]
    package = datapackage(folder, stamp, citation, [*rows])
    (folder / "datapackage.json").write_text(
        json.dumps(package, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    files.append("datapackage.json")
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "built_at": stamp,
        "un_portal_year": un_year,
        "licence": dd.LICENCE,
        "citation": citation,
        "rows": rows,
        "files": [
            {"name": n, "bytes": (folder / n).stat().st_size, "sha256": sha256(folder / n)} for n in files
        ],
    }
    (folder / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    _readable(folder)
    return manifest


def _readable(folder: Path) -> None:
    folder.chmod(DIR_MODE)  # mkdtemp makes it 0700
    for p in folder.iterdir():
        p.chmod(FILE_MODE)


def current() -> tuple[Path, dict[str, Any]] | None:
    """The folder in use and its manifest, or None before the first build."""
    base = opendata_dir()
    try:
        pointer = json.loads((base / "current.json").read_text(encoding="utf-8"))
        folder = base / pointer["folder"]
        return folder, json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError):
        return None


def ensure_built(force: bool = False) -> tuple[Path, dict[str, Any]]:
    """The current build, rebuilt first when the published data changed since (or ``force``)."""
    base = opendata_dir()
    key = hashlib.sha256(fingerprint().encode()).hexdigest()[:16]
    cur = current()
    if cur is not None and cur[0].name == key and not force:
        return cur
    base.mkdir(parents=True, exist_ok=True)
    folder = base / key
    stamp = clock.now().astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    tmp = Path(tempfile.mkdtemp(prefix=".build-", dir=base))
    try:
        manifest = build(tmp, stamp)
        if folder.exists():
            shutil.rmtree(folder, ignore_errors=True)
        os.replace(tmp, folder)
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)
        if not (folder / "manifest.json").is_file():
            raise
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    pointer = base / f".current-{os.getpid()}.json"
    pointer.write_text(json.dumps({"folder": key}), encoding="utf-8")
    pointer.chmod(FILE_MODE)
    os.replace(pointer, base / "current.json")
    _prune(base, keep=key)
    return folder, manifest


def _prune(base: Path, keep: str) -> None:
    builds = sorted(
        (p for p in base.iterdir() if p.is_dir() and not p.name.startswith(".")),
        key=lambda p: p.stat().st_mtime,
    )
    for old in builds[:-KEEP_BUILDS]:
        if old.name != keep:
            shutil.rmtree(old, ignore_errors=True)
