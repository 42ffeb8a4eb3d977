"""The correspondences kept as data (``data/*.csv``, a source and a confidence on every row): IPCC, CRF and
PRIMAP-hist categories → GPC lines with their downscaling driver; Climate TRACE sub-sectors → GPC lines;
cross-check thresholds per sector and source."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

from localaction.core.catalog import gpc_refs
from localaction.core.errors import InputError

DRIVERS = ("population", "gdp", "floor_area_residential", "floor_area_commercial")
DRIVER_LABELS = {
    "population": "population",
    "gdp": "GDP",
    "floor_area_residential": "residential floor area",
    "floor_area_commercial": "commercial floor area",
}
# Which terminologies a dataset kind's codes are looked up in, most specific first.
TERMINOLOGIES = {"crf": ("CRF", "IPCC2006"), "primap": ("IPCC2006_PRIMAP", "IPCC2006")}


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("localaction.core.datasets").joinpath(f"data/{name}").read_text("utf-8")
    return list(csv.DictReader(line for line in text.splitlines() if not line.startswith("#")))


def _refs(text: str, where: str) -> tuple[str, ...]:
    refs = tuple(r.strip() for r in text.split(";") if r.strip())
    unknown = [r for r in refs if r not in gpc_refs()]
    if unknown:
        raise InputError(f"{where}: unknown GPC refs {', '.join(unknown)}", code="invalid_mapping")
    return refs


@dataclass(frozen=True)
class CategoryMap:
    terminology: str
    code: str
    name: str
    refs: tuple[str, ...]
    prefill_ref: str
    driver: str  # one of DRIVERS, or "none"
    fallback: str
    compare: bool
    caveat: str
    source: str
    confidence: str

    @property
    def downscalable(self) -> bool:
        return self.driver in DRIVERS

    @property
    def sector(self) -> str:
        sectors = {gpc_refs()[r].sector_code for r in self.refs}
        return sectors.pop() if len(sectors) == 1 else ""


@cache
def category_maps() -> dict[tuple[str, str], CategoryMap]:
    out: dict[tuple[str, str], CategoryMap] = {}
    for r in _rows("ipcc_to_gpc.csv"):
        where = f"ipcc_to_gpc.csv {r['terminology']} {r['code']}"
        if r["driver"] not in (*DRIVERS, "none") or (r["fallback"] and r["fallback"] not in DRIVERS):
            raise InputError(f"{where}: unknown driver {r['driver']!r}", code="invalid_mapping")
        refs = _refs(r["refs"], where)
        if r["prefill_ref"] and r["prefill_ref"] not in refs:
            raise InputError(f"{where}: prefill_ref is not among refs", code="invalid_mapping")
        out[(r["terminology"], r["code"])] = CategoryMap(
            r["terminology"],
            r["code"],
            r["name"],
            refs,
            r["prefill_ref"],
            r["driver"],
            r["fallback"],
            r["compare"] == "yes",
            r["caveat"],
            r["source"],
            r["confidence"],
        )
    return out


def category_map(kind: str, code: str) -> CategoryMap | None:
    """How a national category of a dataset kind maps to GPC lines (None: no row; the category is unused)."""
    for terminology in TERMINOLOGIES.get(kind, ("IPCC2006",)):
        found = category_maps().get((terminology, code))
        if found is not None:
            return found
    return None


@dataclass(frozen=True)
class SubsectorMap:
    subsector: str
    ref: str
    compare: bool
    caveat: str
    source: str
    confidence: str


@cache
def subsector_maps() -> dict[str, SubsectorMap]:
    out = {}
    for r in _rows("climate_trace_to_gpc.csv"):
        (ref,) = _refs(r["ref"], f"climate_trace_to_gpc.csv {r['subsector']}")
        out[r["subsector"]] = SubsectorMap(
            r["subsector"], ref, r["compare"] == "yes", r["caveat"], r["source"], r["confidence"]
        )
    return out


@dataclass(frozen=True)
class Threshold:
    subject: str
    source: str
    pct: float
    rationale: str


@cache
def thresholds() -> list[Threshold]:
    return [
        Threshold(r["subject"], r["source"], float(r["threshold_pct"]), r["rationale"])
        for r in _rows("crosscheck_thresholds.csv")
    ]


def threshold(subject: str, source: str) -> Threshold:
    """The most specific threshold: (subject, source), (subject, *), (*, source), (*, *)."""
    table = {(t.subject, t.source): t for t in thresholds()}
    for key in ((subject, source), (subject, "*"), ("*", source), ("*", "*")):
        if key in table:
            return table[key]
    raise InputError("crosscheck_thresholds.csv has no '*,*' row", code="invalid_mapping")
