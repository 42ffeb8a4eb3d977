"""Benchmark: reading a large activity-data file (the parse half of an import; no database).

    .venv/bin/python bench/import_bench.py [--rows 200000] [--format csv|xlsx] [--decimal comma]
        [--compute] [--store sqlite,postgresql] [--pg postgresql://postgres@127.0.0.1:5432/postgres]

Writes a file of N activity records in the activity template's layout (cycling through the example's record
kinds: fuel combustion, grid energy, transport, waste, direct entry, with params and sources; numbers with a
decimal point, or with a decimal comma and point groups such as ``1.234,5`` with ``--decimal comma``) into a
temporary directory, then times ``core.inventory.activity_io.read_activity`` (parse, validate, account for
every figure) with a progress callback, and optionally ``compute`` on the result. Prints rows, seconds,
rows/s and the report's figure accounting. The target (issue 14): 200,000 rows well under 60 s.

``--store`` imports the same file into a draft inventory through the one use-case the web, the API and the
CLI use (``imports.inventory_file.import_file``: read, compute, stage, swap), on a fresh database per
backend (a SQLite file; PostgreSQL database ``localaction_bench_import``, created and dropped), twice (the
second import replaces the first's records), and prints the whole import's time, the staging time and how
long the inventory's row lock was held (the swap), with the ratio of lock time to the whole import.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import tempfile
import time
from pathlib import Path

HEADER = [
    "record_id",
    "gpc_ref",
    "method",
    "activity",
    "quantity",
    "unit",
    "quality_activity",
    "quality_factor",
    "source",
    "notes",
    "param:sector_of_use",
    "param:fuel",
    "param:fuel_intensity",
    "param:fuel_intensity_unit",
]
KINDS = [
    ("I.1.1", "fuel_combustion", "natural_gas", "therms", "residential", "", "", ""),
    ("I.2.1", "fuel_combustion", "diesel", "litre", "commercial_institutional", "", "", ""),
    ("I.1.2", "grid_energy", "DE", "kWh", "", "", "", ""),
    ("II.1.1", "transport_fuel", "motor_gasoline", "litre", "", "", "", ""),
    ("II.1.1", "transport_distance", "bus", "vehicle_km", "", "diesel", "38.5", "l/100km"),
    ("III.2.1", "biological_treatment", "composting", "tonne", "", "", "", ""),
]


def number(value: float, decimal: str) -> str:
    text = f"{value:,.2f}"  # 1,234,567.89
    if decimal == "comma":
        return text.replace(",", "_").replace(".", ",").replace("_", ".")  # 1.234.567,89
    return text.replace(",", "")


def write(path: Path, rows: int, decimal: str, rng: random.Random) -> None:
    body = [HEADER]
    for i in range(rows):
        ref, method, activity, unit, sector, fuel, intensity, intensity_unit = KINDS[i % len(KINDS)]
        if decimal == "comma" and intensity:
            intensity = intensity.replace(".", ",")
        body.append(
            [
                f"r{i}",
                ref,
                method,
                activity,
                number(rng.uniform(10, 5_000_000), decimal),
                unit,
                rng.choice(["high", "medium", "low"]),
                "medium",
                f"meter reading batch {i // 1000}",
                "",
                sector,
                fuel,
                intensity,
                intensity_unit,
            ]
        )
    lines = ["# jurisdiction: Benchtown", "# period: 2022", "# region: DE"]
    if path.suffix == ".csv":
        with path.open("w", encoding="utf-8", newline="") as f:
            f.write("\n".join(lines) + "\n")
            csv.writer(f).writerows(body)
        return
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("activity")
    for ln in lines:
        ws.append([ln])
    for r in body:
        ws.append(r)
    wb.save(path)


def store_child(path: Path, rows: int) -> None:
    from localaction.site.bootstrap import setup

    setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    from localaction.registry import services
    from localaction.registry.base.access import SYSTEM
    from localaction.registry.inventories.imports.inventory_file import import_file

    jur = services.create_jurisdiction(SYSTEM, name="Benchtown", slug="benchtown", kind="city", country="DE")
    editor = services.create_user(SYSTEM, "bench-editor", password=None, check_password=False)
    services.grant_role(SYSTEM, editor, jur, "editor")
    inv = services.create_inventory(editor, jur, year=2022, population=500_000, region="DE")
    for attempt in ("into an empty draft", "replacing the first import"):
        staged = [0]
        t0 = time.perf_counter()
        done = import_file(
            editor,
            inv,
            path,
            kind="activity",
            revision=inv.revision,
            progress=lambda n, staged=staged: staged.__setitem__(0, staged[0] + n),
        )
        total = time.perf_counter() - t0
        inv = done.inventory
        print(
            f"  import {attempt}: {total:.1f} s for {done.records:,} records (replaced {done.replaced_records:,}); "
            f"row lock held {done.lock_seconds:.2f} s (ratio lock/import {done.lock_seconds / total:.3f}); "
            f"staged {staged[0]:,} rows; BASIC {inv.basic_tco2e:,.0f} tCO2e"
        )


def store(path: Path, rows: int, backends: str, pg: str) -> None:
    import os
    import subprocess

    for backend in backends.split(","):
        with tempfile.TemporaryDirectory() as tmp:
            env = dict(os.environ)
            if backend == "sqlite":
                env["LOCALACTION_DATABASE_URL"] = f"sqlite:///{Path(tmp) / 'bench.db'}"
            else:
                import psycopg

                with psycopg.connect(pg, autocommit=True) as c:
                    c.execute("DROP DATABASE IF EXISTS localaction_bench_import")
                    c.execute("CREATE DATABASE localaction_bench_import")
                env["LOCALACTION_DATABASE_URL"] = pg.rsplit("/", 1)[0] + "/localaction_bench_import"
            print(backend)
            cmd = [sys.executable, __file__, "--store-child", str(path), "--rows", str(rows)]
            subprocess.run(cmd, env=env, check=True, cwd=Path(__file__).resolve().parents[1])
            if backend != "sqlite":
                with psycopg.connect(pg, autocommit=True) as c:
                    c.execute("DROP DATABASE IF EXISTS localaction_bench_import")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
    parser.add_argument("--decimal", choices=["point", "comma"], default="point")
    parser.add_argument("--compute", action="store_true", help="Also run the engine on the records.")
    parser.add_argument(
        "--store", default="", help="Also import into a draft on these backends (sqlite,postgresql)."
    )
    parser.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--store-child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.store_child:
        store_child(args.store_child, args.rows)
        return

    from localaction.core.inventory import compute
    from localaction.core.inventory.activity_io import read_activity

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"activity.{args.format}"
        t0 = time.perf_counter()
        write(path, args.rows, args.decimal, random.Random(14))
        written = time.perf_counter() - t0
        done = [0]

        def progress(n: int) -> None:
            done[0] += n

        t0 = time.perf_counter()
        read = read_activity(path, progress=progress)
        seconds = time.perf_counter() - t0
        r = read.report
        print(
            f"file: {args.rows:,} rows, {args.format}, decimal {args.decimal} ({path.stat().st_size / 1e6:.1f} MB, written in {written:.1f} s)"
        )
        print(
            f"read_activity: {seconds:.2f} s, {args.rows / seconds:,.0f} rows/s; progress reported {done[0]:,} rows"
        )
        print(
            f"figures: found {r.figures_found:,}, stored {r.figures_stored:,}, not used {r.figures_not_used:,} "
            f"(balanced: {r.balanced}); number format {r.decimal or 'declared'}"
        )
        assert len(read.inventory.records) == args.rows and r.balanced
        if args.compute:
            t0 = time.perf_counter()
            result = compute(read.inventory)
            print(f"compute: {time.perf_counter() - t0:.2f} s, BASIC {result.totals.basic:,.0f} tCO2e")
        target = 60.0
        print(f"ratio to the 60 s target: {seconds / target:.3f}")
        sys.stdout.flush()
        if args.store:
            store(path, args.rows, args.store, args.pg)


if __name__ == "__main__":
    main()
