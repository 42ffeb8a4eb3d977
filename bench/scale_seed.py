"""Benchmark: a registry at world scale in PostgreSQL — load it with COPY, then time the public reads.

    .venv/bin/python bench/scale_seed.py [--scale 0.01] [--pg postgresql://postgres@127.0.0.1:5432/postgres]
        [--keep] [--no-export]

Creates the database ``localaction_scale`` (dropped first, and at the end unless ``--keep``), migrates it, and
loads a seeded registry of ``scale`` x 13,000 jurisdictions x 30 years (1995-2024) of published inventories,
each with its 54 GPC lines (a few as notation keys): at ``--scale 1`` about 13,000 jurisdictions, 390,000
inventories and 21 M GPC lines. Rows go in with ``COPY`` (psycopg), every column from the Django field's
default unless the seed sets it. Then it times, with Django's test client on the migrated app: the public
directory (``/jurisdictions/``), a directory search (``?q=``), a jurisdiction page, and the open-data export
(``registry.insights.opendata.build``, in a child process whose peak RSS is measured). Prints one JSON object.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parents[1]
DB = "localaction_scale"
COUNTRIES = ["DE", "FR", "GB", "US", "BR", "IN", "ZA", "JP", "KR", "MX", "CA", "AU", "IT", "ES", "PL"]
YEARS = range(1995, 2025)


def _text(v: Any) -> str:
    """One value in COPY's text format."""
    if v is None:
        return "\\N"
    if isinstance(v, bool):
        return "t" if v else "f"
    if isinstance(v, dict | list):
        v = json.dumps(v)
    if isinstance(v, dt.datetime | dt.date):
        v = v.isoformat()
    s = str(v)
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _copy(cursor: Any, model: Any, rows: Any, set_cols: tuple[str, ...]) -> int:
    """COPY ``rows`` (tuples of the ``set_cols`` values) into the model's table; every other column gets the
    field's default (auto times: now)."""
    now = dt.datetime.now(dt.UTC)
    fields = [f for f in model._meta.concrete_fields if f.column != "id"]
    cols = [f.column for f in fields]
    index = {c: i for i, c in enumerate(set_cols)}
    base = []
    for f in fields:
        if f.column in index:
            base.append(None)
        elif getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            base.append(now)
        else:
            base.append(f.get_default())
    n = 0
    with cursor.copy(f"COPY {model._meta.db_table} ({', '.join(cols)}) FROM STDIN") as copy:
        buf = io.StringIO()
        for row in rows:
            vals = [row[index[c]] if c in index else b for c, b in zip(cols, base, strict=True)]
            vals = [uuid.uuid4() if isinstance(v, uuid.UUID) else v for v in vals]  # series: one per row
            buf.write("\t".join(_text(v) for v in vals) + "\n")
            n += 1
            if n % 50_000 == 0:
                copy.write(buf.getvalue())
                buf = io.StringIO()
        copy.write(buf.getvalue())
    return n


def seed(scale: float, seed_: int) -> dict[str, Any]:
    from django.db import connection

    from localaction.core.catalog.gpc import gpc_refs
    from localaction.registry.base.models.jurisdictions import Jurisdiction
    from localaction.registry.inventories.models import GpcLine, Inventory

    rng = random.Random(seed_)
    n_jur = max(1, round(13_000 * scale))
    refs = list(gpc_refs().items())
    figures: dict[str, Any] = {"jurisdictions": n_jur}
    with connection.cursor() as c:
        raw = c.connection.cursor()
        t0 = time.perf_counter()
        _copy(
            raw,
            Jurisdiction,
            (
                (f"city-{i}", f"City {i}", f"City {i}", "city", COUNTRIES[i % len(COUNTRIES)])
                for i in range(n_jur)
            ),
            ("slug", "name", "name_ascii", "kind", "country"),
        )
        raw.execute("SELECT min(id) FROM registry_jurisdiction")
        j0 = raw.fetchone()[0]
        now = dt.datetime.now(dt.UTC)
        inv_rows = (
            (j0 + j, y, "published", now, COUNTRIES[j % len(COUNTRIES)], rng.lognormvariate(13, 1.2))
            for j in range(n_jur)
            for y in YEARS
        )
        figures["inventories"] = _copy(
            raw,
            Inventory,
            inv_rows,
            ("jurisdiction_id", "year", "state", "published_at", "region", "basic_tco2e"),
        )
        raw.execute("SELECT min(id), max(id) FROM registry_inventory")
        i0, i1 = raw.fetchone()

        def lines() -> Any:
            for inv in range(i0, i1 + 1):
                for ref, meta in refs:
                    keys = ["NO"] if rng.random() < 0.1 else []
                    value = None if keys else round(rng.lognormvariate(9, 2), 3)
                    yield (inv, ref, meta.sector_code, meta.scope, True, value, value, keys)

        figures["gpc_lines"] = _copy(
            raw,
            GpcLine,
            lines(),
            ("inventory_id", "gpc_ref", "sector_code", "scope", "is_entered", "entered_value_tco2e", "value_tco2e",
             "notation_keys"),
        )  # fmt: skip
        figures["load_s"] = round(time.perf_counter() - t0, 2)
        t0 = time.perf_counter()
        raw.execute("ANALYZE")
        figures["analyze_s"] = round(time.perf_counter() - t0, 2)
        raw.execute(f"SELECT pg_database_size('{DB}')")
        figures["database_mb"] = round(raw.fetchone()[0] / 2**20)
    return figures


def timed(client: Any, url: str, repeat: int = 3) -> dict[str, Any]:
    times = []
    status = 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        r = client.get(url)
        times.append(time.perf_counter() - t0)
        status = r.status_code
    return {"url": url, "status": status, "first_s": round(times[0], 3), "best_s": round(min(times), 3)}


def export_child() -> None:
    from localaction.site.bootstrap import setup

    setup()
    from localaction.registry.insights import opendata

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        manifest = opendata.build(Path(tmp), "2026-12-02T00:00:00Z")
        print(json.dumps({"export_s": round(time.perf_counter() - t0, 2), "rows": manifest["rows"]}))


def run_child(scale: float, seed_: int, export: bool) -> None:
    from localaction.site.bootstrap import setup

    setup()
    from django.core.management import call_command
    from django.test import Client

    t0 = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    figures: dict[str, Any] = {"scale": scale, "migrate_s": round(time.perf_counter() - t0, 2)}
    figures.update(seed(scale, seed_))
    client = Client()
    figures["directory"] = timed(client, "/jurisdictions/")
    figures["search"] = timed(client, "/jurisdictions/?q=City+12")
    figures["jurisdiction_page"] = timed(client, "/jurisdictions/city-1/")
    if export:
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        done = subprocess.run(
            [sys.executable, __file__, "--export-child"], capture_output=True, text=True, env=os.environ
        )
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        out = done.stdout.strip().splitlines()
        figures["export"] = (
            json.loads(out[-1]) if done.returncode == 0 and out else {"error": done.stderr[-500:]}
        )
        figures["export"]["peak_rss_mb"] = round(max(peak, before) / 1024)
    print(json.dumps(figures))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=float, default=0.01, help="fraction of 13,000 jurisdictions x 30 years")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432/postgres")
    ap.add_argument("--keep", action="store_true", help="keep the database afterwards")
    ap.add_argument("--no-export", action="store_true", help="skip the open-data export")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--export-child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.export_child:
        export_child()
        return
    if args.child:
        run_child(args.scale, args.seed, not args.no_export)
        return
    import psycopg

    with psycopg.connect(args.pg, autocommit=True) as c:
        c.execute(f"DROP DATABASE IF EXISTS {DB}")
        c.execute(f"CREATE DATABASE {DB}")
    env = dict(os.environ, LOCALACTION_DATABASE_URL=args.pg.rsplit("/", 1)[0] + f"/{DB}")
    try:
        cmd = [sys.executable, __file__, "--child", "--scale", str(args.scale), "--seed", str(args.seed)]
        subprocess.run([*cmd, *(["--no-export"] if args.no_export else [])], env=env, check=True, cwd=HERE)
    finally:
        if not args.keep:
            with psycopg.connect(args.pg, autocommit=True) as c:
                c.execute(f"DROP DATABASE IF EXISTS {DB}")


if __name__ == "__main__":
    main()
