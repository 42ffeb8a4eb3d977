"""Benchmark: serving, side by side in one run, on the demo database, with wrk on loopback.

    .venv/bin/python bench/serve_bench.py [--servers serve,uvicorn] [--seconds 10] [--connections 50]
        [--threads 2] [--workers 2] [--cold 10] [--warmup 2] [--cache file|dummy]

For each server kind (``--servers``, comma-separated):

- ``serve``: ``localaction serve --workers W`` as a newcomer runs it (the chosen production server);
- ``uvicorn``: uvicorn on the ASGI app (what ``localaction serve`` ran before), ``gunicorn-sync``,
  ``gunicorn-gthread`` (4 threads per worker) on the WSGI app, ``granian-wsgi``, ``granian-asgi``;
- any of them with ``+nocache`` (``uvicorn+nocache``: as before the public cache existed);

it starts (a) a bare "hello" app (bench/hello.py: the same JSON as ping, no Django) under the same server and
workers, then (b) the Django app, and drives with ``wrk -tT -cC -dSs --latency``: the hello app, ``/api/v1/ping``,
a published ``/api/v1/inventories/{id}``, a jurisdiction page ``/jurisdictions/<slug>/`` and the home page,
each after ``--warmup`` seconds of the same load that are not counted (every worker's first requests).
It prints requests/s, p50/p95, non-2xx answers and the ratios (ping / hello; API read and pages / ping), then
times a cold jurisdiction page alone (``--cold`` requests one after another, each a URL the cache has never
seen: ``?cold=<n>``).

The demo database (``localaction demo``) and the cache (``--cache file``: a file cache, the default of
``localaction serve``; ``dummy``: no public cache, as before it existed) live in a temporary directory.
wrk comes from Debian (``apt-get install wrk``; the Makefile's ``bench`` target installs it when root).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
LUA = """
done = function(summary, latency, requests)
  io.write(string.format("LA p50=%d p95=%d\\n", latency:percentile(50), latency:percentile(95)))
end
"""
DJANGO_WSGI = "localaction.site.wsgi:application"
DJANGO_ASGI = "localaction.site.asgi:application"


@dataclass
class Result:
    what: str
    rps: float
    p50_ms: float
    p95_ms: float
    errors: int


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def command(kind: str, app: str, port: int, workers: int) -> list[str]:
    """The server command line for ``app`` ("hello" or "django")."""
    host = ["127.0.0.1"]
    if kind == "serve":
        if app == "django":
            return [str(BIN / "localaction"), "serve", "--port", str(port), "--workers", str(workers)]
        kind = "gunicorn-gthread"  # the server `localaction serve` runs, with the same options
        from localaction.faces.cli.serving import gunicorn_command

        return gunicorn_command("hello:wsgi", host[0], port, workers)
    wsgi = "hello:wsgi" if app == "hello" else DJANGO_WSGI
    asgi = "hello:asgi" if app == "hello" else DJANGO_ASGI
    if kind == "uvicorn":
        return [str(BIN / "uvicorn"), asgi, "--host", host[0], "--port", str(port), "--workers", str(workers),
                "--log-level", "warning"]  # fmt: skip
    if kind in ("gunicorn-sync", "gunicorn-gthread"):
        extra = ["-k", "sync"] if kind == "gunicorn-sync" else ["-k", "gthread", "--threads", "4"]
        return [str(BIN / "gunicorn"), wsgi, "-b", f"{host[0]}:{port}", "-w", str(workers), *extra,
                "--log-level", "warning"]  # fmt: skip
    if kind in ("granian-wsgi", "granian-asgi"):
        interface = kind.split("-")[1]
        return [str(BIN / "granian"), wsgi if interface == "wsgi" else asgi, "--interface", interface,
                "--host", host[0], "--port", str(port), "--workers", str(workers), "--log-level", "warning"]  # fmt: skip
    raise SystemExit(f"unknown server kind {kind!r}")


def wait_up(url: str, proc: subprocess.Popen[bytes], timeout: float = 90.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise SystemExit(f"the server stopped (exit {proc.returncode}) before answering {url}")
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"no answer from {url} in {timeout:.0f} s")


def start(
    kind: str, app: str, workers: int, env: dict[str, str], cwd: Path
) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    kind, _, option = kind.partition("+")
    if option == "nocache":  # as before the public cache existed
        env = {**env, "LOCALACTION_CACHE_URL": "dummy://"}
    proc = subprocess.Popen(command(kind, app, port, workers), env=env, cwd=cwd)
    base = f"http://127.0.0.1:{port}"
    wait_up(base + ("/" if app == "hello" else "/api/v1/ping"), proc)
    return proc, base


def stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def wrk(url: str, what: str, args: argparse.Namespace, script: Path) -> Result:
    out = subprocess.run(
        ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.seconds}s", "--latency", "-s", str(script), url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    m = re.search(r"LA p50=(\d+) p95=(\d+)", out)
    assert m is not None, out
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errs = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = (int(bad.group(1)) if bad else 0) + (sum(int(g) for g in errs.groups()) if errs else 0)
    return Result(what, rps, int(m.group(1)) / 1000, int(m.group(2)) / 1000, errors)


def get_json(url: str) -> dict[str, object]:
    with urllib.request.urlopen(url, timeout=60) as r:
        return json.loads(r.read())  # type: ignore[no-any-return]


def cold_pages(base: str, slug: str, n: int) -> list[float]:
    times = []
    for i in range(n):
        t = time.perf_counter()
        with urllib.request.urlopen(
            f"{base}/jurisdictions/{slug}/?cold={time.time_ns()}-{i}", timeout=60
        ) as r:
            r.read()
        times.append((time.perf_counter() - t) * 1000)
    return times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--servers", default="serve,uvicorn")
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--connections", type=int, default=50)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--cold", type=int, default=10, help="cold jurisdiction pages timed alone")
    ap.add_argument("--warmup", type=int, default=2, help="seconds of wrk before each measured run (0: none)")
    ap.add_argument("--cache", choices=("file", "dummy"), default="file")
    args = ap.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk not found: apt-get install wrk (or `make bench` as root)")
    tmp = Path(tempfile.mkdtemp(prefix="la-serve-bench-"))
    env = {
        **os.environ,
        "LOCALACTION_DATABASE_URL": f"sqlite:///{tmp / 'bench.db'}",
        "LOCALACTION_CACHE_URL": "dummy://" if args.cache == "dummy" else f"file://{tmp / 'cache'}",
        "LOCALACTION_DEBUG": "0",
        "PYTHONPATH": os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")]),
    }
    script = tmp / "percentiles.lua"
    script.write_text(LUA)
    print(f"demo database in {tmp} …", flush=True)
    subprocess.run([str(BIN / "localaction"), "demo"], env=env, cwd=tmp, check=True, capture_output=True)
    load = os.getloadavg()
    print(f"load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores")
    print(f"wrk -t{args.threads} -c{args.connections} -d{args.seconds}s --latency; {args.workers} workers; "
          f"cache {args.cache}")  # fmt: skip
    table: list[tuple[str, list[Result], list[float]]] = []
    try:
        for kind in args.servers.split(","):
            results: list[Result] = []
            proc, base = start(kind, "hello", args.workers, env, tmp)
            try:
                results.append(wrk(base + "/", "bare hello", args, script))
            finally:
                stop(proc)
            proc, base = start(kind, "django", args.workers, env, tmp)
            try:
                inv = get_json(base + "/api/v1/inventories/?state=published&limit=1")["items"][0]  # type: ignore[index]
                slug = (
                    inv["jurisdiction"]["slug"]
                    if isinstance(inv["jurisdiction"], dict)
                    else inv["jurisdiction"]
                )
                cold = cold_pages(base, slug, 1)  # warm the process (imports, first queries)
                for url, what in (
                    (base + "/api/v1/ping", "app ping"),
                    (f"{base}/api/v1/inventories/{inv['id']}", "API inventory read"),
                    (f"{base}/jurisdictions/{slug}/", "jurisdiction page"),
                    (base + "/", "home page"),
                ):
                    if args.warmup:  # every worker's first requests (imports, templates, the first render)
                        wrk(url, what, argparse.Namespace(**{**vars(args), "seconds": args.warmup}), script)
                    results.append(wrk(url, what, args, script))
                cold = cold_pages(base, slug, args.cold)
            finally:
                stop(proc)
            table.append((kind, results, cold))
            report(kind, results, cold)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    load = os.getloadavg()
    print(f"\nload average after: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


def report(kind: str, results: list[Result], cold: list[float]) -> None:
    hello, ping = results[0].rps, results[1].rps
    print(f"\n== {kind}")
    print(f"{'what':<22}{'req/s':>10}{'p50 ms':>10}{'p95 ms':>10}{'errors':>8}  ratio")
    for r in results:
        if r.what == "bare hello":
            ratio = ""
        elif r.what == "app ping":
            ratio = f"{r.rps / hello:.0%} of hello"
        else:
            ratio = f"{r.rps / ping:.0%} of ping"
        print(f"{r.what:<22}{r.rps:>10.0f}{r.p50_ms:>10.1f}{r.p95_ms:>10.1f}{r.errors:>8}  {ratio}")
    print(
        f"cold jurisdiction page alone ({len(cold)}): median {statistics.median(cold):.0f} ms, "
        f"min {min(cold):.0f}, max {max(cold):.0f}"
    )


if __name__ == "__main__":
    main()
