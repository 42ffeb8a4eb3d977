"""Open data: bulk files of everything published, rebuilt when the published data changed.

Layout (``opendata_dir()``): one folder per build, named by the data's fingerprint hash, and ``current.json``
naming the folder in use (replaced atomically, so a reader never sees a half-written build and two
concurrent builds of the same data write the same folder). ``ensure_built()`` is called by the download
pages (lazy refresh: a publication changes the fingerprint) and by ``localaction opendata build``.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import fields
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from django.conf import settings

from localaction.core import clock
from localaction.core.insights import export_rows, to_csv, to_json
from localaction.registry.insights import dictionary as dd
from localaction.registry.insights.facts import fingerprint, load_facts

FORMAT = "localaction-opendata"
VERSION = 1
KEEP_BUILDS = 2


def opendata_dir() -> Path:
    explicit = getattr(settings, "LOCALACTION_OPENDATA_DIR", "")
    if explicit:
        return Path(explicit)
    return Path(getattr(settings, "MEDIA_ROOT", "") or "media") / "opendata"


def _csv_value(v: Any) -> Any:
    if isinstance(v, list):
        return json.dumps(v, ensure_ascii=False)
    return "" if v is None else v


def _write_table(folder: Path, name: str, table: pa.Table) -> list[str]:
    pq.write_table(table, folder / f"{name}.parquet")
    with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(table.column_names)
        for row in table.to_pylist():
            w.writerow([_csv_value(row[c]) for c in table.column_names])
    return [f"{name}.csv", f"{name}.parquet"]


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
    years = [i.year for i in facts.inventories]
    un_year = max(years) if years else clock.today().year
    un = export_rows(tables, un_year)
    (folder / "un_portal.csv").write_text(to_csv(un), encoding="utf-8")
    (folder / "un_portal.json").write_text(to_json(un, un_year), encoding="utf-8")
    files += ["un_portal.csv", "un_portal.json"]
    rows["un_portal"] = len(un)
    entries = dd.dictionary()
    with (folder / "data_dictionary.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(entries[0]))
        w.writeheader()
        w.writerows(entries)
    (folder / "schema.json").write_text(
        json.dumps(dd.json_schema(), ensure_ascii=False, indent=1), encoding="utf-8"
    )
    cdp = any(s.startswith("CDP") for s in facts.sources.values())
    citation = dd.CITATION.format(built=stamp) + ("\n" + dd.CDP_CITATION if cdp else "")
    (folder / "LICENCE.txt").write_text(dd.LICENCE + "\n", encoding="utf-8")
    (folder / "CITATION.txt").write_text(citation + "\n", encoding="utf-8")
    files += ["data_dictionary.csv", "schema.json", "LICENCE.txt", "CITATION.txt"]
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "built_at": stamp,
        "un_portal_year": un_year,
        "licence": dd.LICENCE,
        "citation": citation,
        "rows": rows,
        "files": [{"name": n, "bytes": (folder / n).stat().st_size} for n in files],
    }
    (folder / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return manifest


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
    stamp = clock.now().isoformat(timespec="seconds")
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
