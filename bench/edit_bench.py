"""Benchmark: saving one activity record in a draft inventory of N records, against the engine alone.

    .venv/bin/python bench/edit_bench.py [--records 1000] [--edits 20] [--backends sqlite,postgresql]
        [--pg postgresql://postgres@127.0.0.1:5432/postgres]

For each backend, a fresh database (a SQLite file in a temporary folder; PostgreSQL database
``localaction_bench_edit``, created and dropped) with one jurisdiction and a draft inventory of N records on
many GPC lines; then E edits of one record's quantity through the use-case (``services.put_record``: the
row lock, the revision check, the recompute, the stored results, the audit entry). Prints the median and
p95 of one edit, and the ratio to the engine computing the same inventory in memory (the reference, measured
in the same run), plus how many record and line rows the last edit wrote.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]


def run_child(records: int, edits: int) -> None:
    from localaction.site.bootstrap import setup

    setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", interactive=False, verbosity=0)
    from localaction.core.inventory import compute
    from localaction.registry import services
    from localaction.registry.base.access import SYSTEM
    from localaction.registry.inventories import recompute

    jur = services.create_jurisdiction(
        SYSTEM, name="Benchville", slug="benchville", kind="city", country="DE"
    )
    editor = services.create_user(SYSTEM, "bench-editor", password=None, check_password=False)
    services.grant_role(SYSTEM, editor, jur, "editor")
    inv = services.create_inventory(editor, jur, year=2022, population=500_000, region="DE")
    refs = ["I.1.1", "I.2.1", "I.3.1", "I.4.1", "I.5.1", "I.6.1"]
    rows = [
        {"record_id": f"r{i}", "gpc_ref": refs[i % len(refs)], "method": "fuel_combustion",
         "activity": ("natural_gas", "diesel", "lpg")[i % 3], "quantity": 10 + i % 97, "unit": "GJ"}
        for i in range(records)
    ]  # fmt: skip
    inv = services.replace_contents(editor, inv, revision=inv.revision, records=rows)

    engine_times = []
    for _ in range(max(5, edits // 2)):
        t0 = time.perf_counter()
        compute(recompute.to_engine(inv))
        engine_times.append(time.perf_counter() - t0)

    edit_times = []
    for i in range(edits):
        rec = dict(rows[i % records], quantity=1000 + i)
        t0 = time.perf_counter()
        inv = services.put_record(editor, inv, rec, revision=inv.revision).inventory
        edit_times.append(time.perf_counter() - t0)
    connection.force_debug_cursor = True
    rec = dict(rows[0], quantity=5)
    connection.queries_log.clear()
    services.put_record(editor, inv, rec, revision=inv.revision)
    writes = [q for q in connection.queries_log if q["sql"].lstrip().upper().startswith("UPDATE")]
    updated_rows = sum(q["sql"].count("WHEN") or 1 for q in writes)
    connection.force_debug_cursor = False

    engine = statistics.median(engine_times)
    med = statistics.median(edit_times)
    p95 = sorted(edit_times)[max(0, int(len(edit_times) * 0.95) - 1)]
    print(
        f"  {records} records: one edit median {med * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms; "
        f"engine alone {engine * 1000:.1f} ms; ratio edit/engine {med / engine:.2f}; "
        f"last edit: {len(writes)} UPDATE statement(s), about {updated_rows} row(s) written"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, default=1000)
    ap.add_argument("--edits", type=int, default=20)
    ap.add_argument("--backends", default="sqlite,postgresql")
    ap.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432/postgres")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        run_child(args.records, args.edits)
        return
    for backend in args.backends.split(","):
        with tempfile.TemporaryDirectory() as tmp:
            env = dict(os.environ)
            if backend == "sqlite":
                env["LOCALACTION_DATABASE_URL"] = f"sqlite:///{Path(tmp) / 'bench.db'}"
            else:
                import psycopg

                with psycopg.connect(args.pg, autocommit=True) as c:
                    c.execute("DROP DATABASE IF EXISTS localaction_bench_edit")
                    c.execute("CREATE DATABASE localaction_bench_edit")
                env["LOCALACTION_DATABASE_URL"] = args.pg.rsplit("/", 1)[0] + "/localaction_bench_edit"
            print(backend)
            cmd = [
                sys.executable,
                __file__,
                "--child",
                "--records",
                str(args.records),
                "--edits",
                str(args.edits),
            ]
            subprocess.run(cmd, env=env, check=True, cwd=HERE)
            if backend != "sqlite":
                with psycopg.connect(args.pg, autocommit=True) as c:
                    c.execute("DROP DATABASE IF EXISTS localaction_bench_edit")


if __name__ == "__main__":
    main()
