"""Benchmark: reading a large activity-data file (the parse half of an import; no database).

    .venv/bin/python bench/import_bench.py [--rows 200000] [--format csv|xlsx] [--decimal comma]
        [--compute]

Writes a file of N activity records in the activity template's layout (cycling through the example's record
kinds: fuel combustion, grid energy, transport, waste, direct entry, with params and sources; numbers with a
decimal point, or with a decimal comma and point groups such as ``1.234,5`` with ``--decimal comma``) into a
temporary directory, then times ``core.inventory.activity_io.read_activity`` (parse, validate, account for
every figure) with a progress callback, and optionally ``compute`` on the result. Prints rows, seconds,
rows/s and the report's figure accounting. The target (issue 14): 200,000 rows well under 60 s.
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
    parser.add_argument("--decimal", choices=["point", "comma"], default="point")
    parser.add_argument("--compute", action="store_true", help="Also run the engine on the records.")
    args = parser.parse_args()

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


if __name__ == "__main__":
    main()
