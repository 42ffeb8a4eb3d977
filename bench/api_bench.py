"""Benchmark: the public read API of a jurisdiction's inventory against a trivial endpoint of the same app.

    .venv/bin/python bench/api_bench.py [--jurisdictions 1000] [--years 5] [--seconds 20] [--clients 50]
        [--backends sqlite,postgresql] [--pg postgresql://postgres@127.0.0.1:5432/postgres] [--workers 2]

For each backend: a fresh database (SQLite file in a temporary directory; PostgreSQL database
``localaction_bench``, created and dropped), loaded with published inventories of N jurisdictions x Y years
(every BASIC+ line filled, totals stored), then ``localaction serve`` (uvicorn, loopback only) and an asyncio
httpx client with C concurrent connections for S seconds on each endpoint:

- ceiling: ``GET /api/v1/ping`` (same app, same middleware, no database);
- ``GET /api/v1/inventories/{id}`` (an inventory with its GPC table and totals; random ids);
- ``GET /api/v1/inventories/?jurisdiction=<slug>`` (a jurisdiction's inventories; random slugs).

Prints requests/s, p50 and p95 latency and the ratio of each endpoint's throughput to the ceiling's.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

HERE = Path(__file__).resolve().parents[1]


def seed(jurisdictions: int, years: int) -> None:
    """Runs inside a child process with LOCALACTION_DATABASE_URL set: migrate, then bulk-load."""
    from localaction.site.bootstrap import setup

    setup()
    from django.core.management import call_command
    from django.utils import timezone

    call_command("migrate", interactive=False, verbosity=0)
    from localaction.core.catalog import gpc_refs
    from localaction.registry.base.models import Jurisdiction, JurisdictionStat
    from localaction.registry.inventories import recompute as engine
    from localaction.registry.inventories.models import GpcLine, Inventory

    refs = [r for r, m in gpc_refs().items() if m.in_basic_plus or m.in_basic_plus_other_scope3]
    jurs = Jurisdiction.objects.bulk_create(
        [
            Jurisdiction(
                slug=f"city-{i}",
                name=f"City {i}",
                name_ascii=f"City {i}",
                kind="city",
                country="BR" if i % 2 else "KR",
            )
            for i in range(jurisdictions)
        ],
        batch_size=1000,
    )
    jurs = list(Jurisdiction.objects.order_by("id"))
    JurisdictionStat.objects.bulk_create(
        [JurisdictionStat(jurisdiction=j, year=2020, population=100_000 + j.pk) for j in jurs],
        batch_size=1000,
    )
    # One template inventory through the engine; its computed columns are copied (same lines everywhere).
    template = Inventory.objects.create(jurisdiction=jurs[0], year=2000, state="draft")
    GpcLine.objects.bulk_create(
        [GpcLine(inventory=template, gpc_ref=r, is_entered=True, entered_value_tco2e=1000.0) for r in refs]
    )
    engine.recompute(template)
    template.save()
    computed = {
        f: getattr(template, f)
        for f in (
            "basic_tco2e",
            "basic_plus_tco2e",
            "territorial_tco2e",
            "basic_plus_other_scope3_tco2e",
            "by_scope_tco2e",
            "by_sector_tco2e",
            "checks",
            "check_errors",
            "check_warnings",
        )
    }
    lines = [
        {
            f.attname: getattr(ln, f.attname)
            for f in GpcLine._meta.concrete_fields
            if f.name not in ("id", "inventory")
        }
        for ln in template.gpc_lines.all()
    ]
    now = timezone.now()
    for j in jurs:
        invs = Inventory.objects.bulk_create(
            [
                Inventory(
                    jurisdiction=j,
                    year=2016 + y,
                    state="published",
                    published_at=now,
                    population=1e5,
                    computed_at=now,
                    **computed,
                )
                for y in range(years)
            ]
        )
        if invs[0].pk is None:
            invs = list(Inventory.objects.filter(jurisdiction=j, year__gte=2016))
        GpcLine.objects.bulk_create(
            [GpcLine(inventory=inv, **ln) for inv in invs for ln in lines], batch_size=2000
        )
    print(
        f"seeded {len(jurs)} jurisdictions, {Inventory.objects.filter(state='published').count()} inventories, "
        f"{GpcLine.objects.count()} GPC lines",
        file=sys.stderr,
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def load(base: str, paths: list[str], seconds: float, clients: int) -> dict[str, float]:
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:

        async def worker() -> None:
            nonlocal errors
            while time.perf_counter() < deadline:
                path = random.choice(paths)
                t0 = time.perf_counter()
                try:
                    r = await client.get(path)
                except httpx.HTTPError:  # a dropped connection counts as an error, the run goes on
                    errors += 1
                    continue
                latencies.append(time.perf_counter() - t0)
                errors += r.status_code != 200

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(clients)))
        elapsed = time.perf_counter() - started
    latencies.sort()
    n = len(latencies)
    return {
        "rps": n / elapsed,
        "p50_ms": latencies[n // 2] * 1000,
        "p95_ms": latencies[int(n * 0.95)] * 1000,
        "requests": n,
        "errors": errors,
    }


def run_backend(name: str, url: str, args: argparse.Namespace) -> list[dict[str, Any]]:
    env = {**os.environ, "LOCALACTION_DATABASE_URL": url, "LOCALACTION_DEBUG": "0"}
    t0 = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            __file__,
            "--seed-only",
            "--jurisdictions",
            str(args.jurisdictions),
            "--years",
            str(args.years),
        ],
        env=env,
        check=True,
    )
    print(f"[{name}] seeded in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "localaction", "serve", "--port", str(port), "--workers", str(args.workers)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if httpx.get(base + "/api/v1/ping", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        ids = httpx.get(base + f"/api/v1/inventories/?limit=500&offset={random.randint(0, 100)}").json()
        inv_paths = [f"/api/v1/inventories/{i['id']}" for i in ids["items"]]
        slug_paths = [
            f"/api/v1/inventories/?jurisdiction=city-{random.randrange(args.jurisdictions)}"
            for _ in range(500)
        ]
        out = []
        for label, paths in (
            ("ceiling: GET /ping", ["/api/v1/ping"]),
            ("GET /inventories/{id}", inv_paths),
            ("GET /inventories/?jurisdiction=", slug_paths),
        ):
            asyncio.run(load(base, paths, 2, args.clients))  # warm-up
            out.append(
                {
                    "backend": name,
                    "endpoint": label,
                    **asyncio.run(load(base, paths, args.seconds, args.clients)),
                }
            )
        return out
    finally:
        server.terminate()
        server.wait(timeout=10)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    p.add_argument("--jurisdictions", type=int, default=1000)
    p.add_argument("--years", type=int, default=5)
    p.add_argument("--seconds", type=float, default=20)
    p.add_argument("--clients", type=int, default=50)
    p.add_argument("--backends", default="sqlite,postgresql")
    p.add_argument("--workers", type=int, default=2, help="uvicorn worker processes (one per core here)")
    p.add_argument(
        "--pg",
        default="postgresql://postgres@127.0.0.1:5432/postgres",
        help="an admin connection; the benchmark creates and drops localaction_bench",
    )
    p.add_argument("--seed-only", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.seed_only:
        seed(args.jurisdictions, args.years)
        return
    random.seed(1)
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for backend in args.backends.split(","):
            if backend == "sqlite":
                rows += run_backend("SQLite", f"sqlite:///{Path(tmp) / 'bench.db'}", args)
            elif backend == "postgresql":
                import psycopg

                with psycopg.connect(args.pg, autocommit=True) as admin:
                    admin.execute("DROP DATABASE IF EXISTS localaction_bench")
                    admin.execute("CREATE DATABASE localaction_bench")
                try:
                    rows += run_backend("PostgreSQL", args.pg.rsplit("/", 1)[0] + "/localaction_bench", args)
                finally:
                    with psycopg.connect(args.pg, autocommit=True) as admin:
                        admin.execute("DROP DATABASE IF EXISTS localaction_bench WITH (FORCE)")
    print(
        f"{args.jurisdictions} jurisdictions x {args.years} years, {args.clients} clients, {args.seconds:g} s each"
    )
    print(
        f"{'backend':<11} {'endpoint':<34} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'x ceiling':>9} errors"
    )
    for r in rows:
        ceiling = next(
            c["rps"] for c in rows if c["backend"] == r["backend"] and c["endpoint"].startswith("ceil")
        )
        print(
            f"{r['backend']:<11} {r['endpoint']:<34} {r['rps']:8.0f} {r['p50_ms']:8.1f} {r['p95_ms']:8.1f} "
            f"{r['rps'] / ceiling:9.2f} {r['errors']}"
        )


if __name__ == "__main__":
    main()
