"""One entry point: read a dataset file of a given kind (``KINDS``) into a ``DatasetFile``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from localaction.core.datasets.cdp import read_cdp
from localaction.core.datasets.climate_trace import read_climate_trace
from localaction.core.datasets.crf import read_crf
from localaction.core.datasets.model import KINDS, DatasetFile
from localaction.core.datasets.population import read_population
from localaction.core.datasets.primap import read_primap
from localaction.core.errors import Detail, InputError

# The options each kind takes (the CLI and the back-office offer these).
OPTIONS: dict[str, tuple[str, ...]] = {
    "cdp": (),
    "primap": ("scenario", "first_year", "countries"),
    "crf": ("country", "year", "gwp_set"),
    "climate_trace": (),
    "population": ("variant",),
}
LABELS = {
    "cdp": "CDP-ICLEI open data: a city's own earlier reports",
    "primap": "PRIMAP-hist: national inventories by IPCC category",
    "crf": "UNFCCC CRF/CRT summary table: one national inventory",
    "climate_trace": "Climate TRACE: asset, area and country estimates",
    "population": "Population and context (UN WPP, World Bank, national statistics)",
}


def read_dataset(path: str | Path, kind: str, **options: Any) -> DatasetFile:
    """Read ``path`` as ``kind``; unknown kinds and options are an InputError naming what is allowed."""
    p = Path(path)
    if kind not in KINDS:
        raise InputError(f"unknown dataset kind {kind!r}; use one of {', '.join(KINDS)}", code="unknown_kind")
    given = {k: v for k, v in options.items() if v not in (None, "")}
    wrong = sorted(set(given) - set(OPTIONS[kind]))
    if wrong:
        raise InputError(
            f"{kind} files take no option {', '.join(wrong)}",
            code="invalid_input",
            details=[Detail(("options",), f"{kind} takes {', '.join(OPTIONS[kind]) or 'no options'}")],
        )
    if kind == "cdp":
        return read_cdp(p)
    if kind == "primap":
        return read_primap(p, **given)
    if kind == "crf":
        return read_crf(p, **given)
    if kind == "climate_trace":
        return read_climate_trace(p)
    return read_population(p, **given)
