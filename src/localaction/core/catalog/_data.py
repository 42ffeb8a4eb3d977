"""Reading the package's own data files."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from importlib import resources


def read_csv(name: str) -> Iterator[dict[str, str]]:
    """Rows of ``catalog/data/<name>`` as dicts (comment lines starting with ``#`` skipped)."""
    text = resources.files("localaction.core.catalog").joinpath("data", name).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if not ln.startswith("#")]
    yield from csv.DictReader(lines)
