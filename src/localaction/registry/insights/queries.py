"""What the insights pages and the API show, computed once here from the published facts (cached per
fingerprint of the published data): a jurisdiction's performance over time, its peer positions, top
performers, and the three reports."""

from __future__ import annotations

import math
import threading
from typing import Any

from localaction.core.errors import Detail, InputError
from localaction.core.insights import (
    GroupBy,
    InventoryFact,
    Measure,
    PeerGroup,
    RankingRule,
    RegistryTables,
    Report,
    compare,
    inventory_series,
    jurisdiction_report,
    measure_value,
    peer_positions,
    scope_key,
    thematic_report,
    top_performers,
    yearly_report,
)
from localaction.registry.base import publiccache
from localaction.registry.base.errors import NotFound
from localaction.registry.insights.facts import RegistryFacts, fingerprint, load_facts

#: measures offered on the pages and the API (ids as ``Measure.parse`` reads them)
MEASURES = ("basic", "basic.per_capita", "basic_plus", "basic_plus.per_capita", "territorial",
            "sector_I", "sector_II", "sector_III")  # fmt: skip
DEFAULT_GROUPS = (
    PeerGroup(by=GroupBy.POPULATION_BAND),
    PeerGroup(by=GroupBy.REGION),
    PeerGroup(by=GroupBy.COUNTRY),
    PeerGroup(by=GroupBy.CLIMATE_ZONE),
)
THEMES = ("climate", "biodiversity", "resilience", "mobility")

_lock = threading.Lock()
_cache: dict[str, tuple[RegistryFacts, RegistryTables]] = {}


_fingerprints: dict[str, str] = {}


def _fingerprint() -> str:
    """``fingerprint()`` (eight aggregate queries), taken again only when the public cache's generation moved
    (any write the public can see replaces it; registry.base.publiccache)."""
    if not publiccache.enabled():
        return fingerprint()
    generation = publiccache.generation()
    found = _fingerprints.get(generation)
    if found is None:
        found = fingerprint()
        with _lock:
            _fingerprints.clear()
            _fingerprints[generation] = found
    return found


def data() -> tuple[RegistryFacts, RegistryTables]:
    """The published facts and their tables; rebuilt when the published data changed."""
    key = _fingerprint()
    with _lock:
        hit = _cache.get(key)
    if hit is None:
        facts = load_facts()
        hit = (facts, facts.tables())
        with _lock:
            _cache.clear()
            _cache[key] = hit
    return hit


def parse_measure(text: str) -> Measure:
    try:
        return Measure.parse(text)
    except ValueError as exc:
        raise InputError(
            f"Unknown measure {text!r}.",
            "invalid_input",
            [Detail(("measure",), f"one of {', '.join(MEASURES)}")],
        ) from exc


def _subject(facts: RegistryFacts, slug: str) -> Any:
    j = facts.jurisdiction(slug)
    if j is None:
        raise NotFound(f"no jurisdiction {slug!r}")
    return j


def performance(slug: str, measure: Measure) -> dict[str, Any]:
    """The series on ``measure``, its trend (with the years it rests on) and, for every year, whether it
    compares like for like with the latest inventory, and why not."""
    facts, _ = data()
    subject = _subject(facts, slug)
    own = sorted((f for f in facts.inventories if f.jurisdiction_id == slug), key=lambda f: f.year)
    series = inventory_series(subject, own, measure)
    latest = own[-1] if own else None
    checks = []
    for f in own[:-1]:
        assert latest is not None
        c = compare(f, latest, measure)
        checks.append({"year": f.year, "against": latest.year, **c.as_dict()})
    sources = {f.year: facts.sources.get((slug, f.year), "") for f in own}
    return {
        "jurisdiction": slug,
        "name": subject.name,
        "series": series,
        "comparisons": checks,
        "sources": sources,
    }


def _latest_values(
    facts: RegistryFacts, measure: Measure, year: int, like: InventoryFact
) -> dict[str, float]:
    by_id = {j.id: j for j in facts.jurisdictions}
    latest: dict[str, InventoryFact] = {}
    for f in facts.inventories:
        if f.year <= year and (f.jurisdiction_id not in latest or f.year > latest[f.jurisdiction_id].year):
            latest[f.jurisdiction_id] = f
    out = {}
    for jid, f in latest.items():
        if scope_key(f) == scope_key(like):
            v, _ = measure_value(f, measure, by_id.get(jid))
            if v is not None and math.isfinite(v):
                out[jid] = v
    return out


def peers(slug: str, measure: Measure, year: int | None = None) -> dict[str, Any]:
    """Positions in each peer group, against the latest inventories (up to ``year``) of the same level and
    boundary as the jurisdiction's own latest."""
    facts, _ = data()
    _subject(facts, slug)
    own = [f for f in facts.inventories if f.jurisdiction_id == slug and (year is None or f.year <= year)]
    if not own:
        return {
            "jurisdiction": slug,
            "year": year,
            "scope": None,
            "positions": [],
            "note": "no published inventory",
        }
    last = max(own, key=lambda f: f.year)
    as_of = year if year is not None else last.year
    values = _latest_values(facts, measure, as_of, last)
    pos = peer_positions(slug, facts.jurisdictions, values, DEFAULT_GROUPS, as_of, measure.unit)
    note = "" if slug in values else "no value on this measure for the latest inventory"
    return {
        "jurisdiction": slug,
        "year": as_of,
        "scope": {"level": last.level.value, "boundary": last.boundary},
        "rule": f"compared with each jurisdiction's latest inventory up to {as_of} of the same level "
        f"({last.level.value}) and boundary ({last.boundary or 'unknown'}) only",
        "positions": pos,
        "note": note,
    }


def rankings(measure: Measure, rule: RankingRule, as_of: int | None = None, top: int = 10) -> Any:
    _, tables = data()
    return top_performers(tables, measure, rule, as_of=as_of, top=top)


def names() -> dict[str, str]:
    return data()[0].names


def latest_year() -> int | None:
    facts, _ = data()
    return max((f.year for f in facts.inventories), default=None)


_reports: dict[tuple[str, str, int], tuple[RegistryTables, Report]] = {}


def _cached_report(kind: str, subject: str, year: int, tables: RegistryTables, make: Any) -> Report:
    # A page and its CSV downloads ask for the same report: reuse it while the data is the same.
    hit = _reports.get((kind, subject, year))
    if hit is not None and hit[0] is tables:
        return hit[1]
    report: Report = make()
    if len(_reports) > 64:
        _reports.clear()
    _reports[(kind, subject, year)] = (tables, report)
    return report


def registry_report(year: int) -> Report:
    tables = data()[1]
    return _cached_report("registry", "", year, tables, lambda: yearly_report(tables, year))


def theme_report(theme: str, year: int) -> Report:
    tables = data()[1]
    return _cached_report("theme", theme, year, tables, lambda: thematic_report(tables, theme, year))


def own_report(slug: str, year: int) -> Report:
    facts, _ = data()
    subject = _subject(facts, slug)
    return jurisdiction_report(
        subject, facts.jurisdictions, facts.inventories, year, facts.targets, facts.actions, facts.hazards,
        facts.indicators,
    )  # fmt: skip
