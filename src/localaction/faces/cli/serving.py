"""The production server of ``localaction serve``: gunicorn with threaded workers (gthread, 4 threads each)
on the WSGI app.

Chosen on measurement (bench/serve_bench.py, docs/benchmarks.md "Serving"): on this project's 2-core machine
it served ``/api/v1/ping`` about 4 times faster than uvicorn running Django's sync views in threads, and the
API reads and pages as fast as or faster than gunicorn's sync workers, with keep-alive and without one slow
client holding a whole worker; granian answered ping and the API faster still but let 50 clients pile on a
page (timeouts). In production put a proxy (nginx, Caddy: it also does TLS) in front and run about two
workers per core.
"""

from __future__ import annotations

from typing import Any

WSGI_APP = "localaction.site.wsgi:application"
WORKER_CLASS = "gthread"
THREADS = 4
TIMEOUT_SECONDS = 120  # a PDF report drives chromium: longer than gunicorn's default 30 s on a busy machine


def options(host: str, port: int, workers: int) -> dict[str, Any]:
    """gunicorn's settings (the same for ``localaction serve`` and the benchmark's bare app)."""
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    return {
        "bind": [bind],
        "workers": workers,
        "worker_class": WORKER_CLASS,
        "threads": THREADS,
        "timeout": TIMEOUT_SECONDS,
        "graceful_timeout": 20,
        "loglevel": "warning",
        "accesslog": None,
        "preload_app": True,  # Django is set up once, then the workers fork
    }


def gunicorn_command(app: str, host: str, port: int, workers: int) -> list[str]:
    """The same server as a command line (bench/serve_bench.py runs its bare "hello" app this way)."""
    import sys
    from pathlib import Path

    o = options(host, port, workers)
    return [
        str(Path(sys.executable).parent / "gunicorn"),
        app,
        "--bind", o["bind"][0],
        "--workers", str(workers),
        "--worker-class", o["worker_class"],
        "--threads", str(THREADS),
        "--timeout", str(o["timeout"]),
        "--log-level", o["loglevel"],
        "--preload",
    ]  # fmt: skip


def run(host: str, port: int, workers: int) -> None:
    """Serve the WSGI app until Ctrl-C (gunicorn's master in this process, its workers forked)."""
    from gunicorn.app.base import BaseApplication

    class _Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for key, value in options(host, port, workers).items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            from localaction.site.wsgi import application

            return application

    _Server().run()
