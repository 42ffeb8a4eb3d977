"""The cross-check: what a city reports, beside every independent estimate for the same city and year.

Each estimate names the GPC lines it covers (a sector's comparable lines, one line, or a reported total);
the city's figure for the same lines is the sum of its line values (notation keys count as nothing
reported there; lines neither valued nor keyed are unknown, and a subject with no known line is not
compared). A gap beyond the threshold of the sector and source (``data/crosscheck_thresholds.csv``), in
either direction, is a finding with a stable code and a message that names every estimate of the subject and asks for the
explanation; every
comparison, inside the threshold or not, is returned for the reviewer and the public page.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from localaction.core.datasets.mapping import threshold

SECTOR_LABELS = {
    "I": "Stationary energy",
    "II": "Transport",
    "III": "Waste",
    "IV": "Industrial processes and product use",
    "V": "AFOLU",
    "VI": "Other scope 3",
}
TOTAL_LABELS = {
    "basic": "The BASIC total",
    "basic_plus": "The BASIC+ total",
    "scope1": "Scope 1",
    "scope2": "Scope 2",
    "scope3": "Scope 3",
    "total": "The total",
}
ASK = {
    "national": "explain the method difference",
    "climate_trace": "explain the method difference",
    "cdp": "explain the restatement or the change of method since your earlier report",
}
CODES = {"sector": "crosscheck.sector_gap", "line": "crosscheck.line_gap", "total": "crosscheck.total_gap"}


@dataclass(frozen=True)
class Estimate:
    """An independent estimate of one subject: ``sector:II``, ``line:II.1.1`` or ``total:basic``."""

    subject: str
    source: str  # national | climate_trace | cdp
    label: str  # "the downscaled national estimate (PRIMAP-hist 2.6)"
    value_t: float
    refs: tuple[str, ...] = ()  # the lines it covers (sector and line subjects)
    method: str = ""
    caveat: str = ""
    dataset: str = ""  # the dataset's id or name, for the trail

    @property
    def level(self) -> str:
        return self.subject.split(":", 1)[0]

    @property
    def key(self) -> str:
        return self.subject.split(":", 1)[1]


@dataclass(frozen=True)
class Comparison:
    estimate: Estimate
    reported_t: float
    gap_pct: float  # (reported − estimate) / estimate × 100
    threshold_pct: float
    beyond: bool

    @property
    def direction(self) -> str:
        return "below" if self.gap_pct < 0 else "above"


@dataclass(frozen=True)
class Finding:
    code: str
    subject: str
    message: str
    comparisons: tuple[Comparison, ...]


def subject_label(subject: str) -> str:
    level, key = subject.split(":", 1)
    if level == "sector":
        return SECTOR_LABELS.get(key, key)
    if level == "total":
        return TOTAL_LABELS.get(key, key)
    return f"Line {key}"


def gap_text(pct: float) -> str:
    a = abs(pct)
    return f"{a:.0f} %" if a >= 1 else f"{a:.1f} %"


def reported_for(refs: Iterable[str], lines: Mapping[str, float | None]) -> float | None:
    """The city's sum over ``refs``: None when none of them is known (no value, no notation key)."""
    known = [lines[r] for r in refs if r in lines]
    if not known:
        return None
    return sum(v or 0.0 for v in known)


def compare(
    estimates: Iterable[Estimate],
    lines: Mapping[str, float | None],
    totals: Mapping[str, float | None],
    sector_of: Mapping[str, str],
) -> tuple[list[Comparison], list[Finding]]:
    """Every comparison, and one finding per subject with a gap beyond its threshold.

    ``lines``: GPC ref → the city's value (0 for notation keys; absent when unknown); ``totals``: measure →
    the city's total; ``sector_of``: GPC ref → its sector code (for the thresholds of line subjects).
    """
    comparisons: list[Comparison] = []
    for est in estimates:
        if est.level == "total":
            reported = totals.get(est.key)
            sector = "total"
        else:
            reported = reported_for(est.refs, lines)
            sector = est.key if est.level == "sector" else sector_of.get(est.key, "*")
        if reported is None or est.value_t == 0:
            continue
        limit = threshold(sector, est.source).pct
        gap = (reported - est.value_t) / abs(est.value_t) * 100
        comparisons.append(Comparison(est, reported, gap, limit, abs(gap) > limit))
    findings = []
    by_subject: dict[str, list[Comparison]] = {}
    for c in comparisons:
        by_subject.setdefault(c.estimate.subject, []).append(c)
    for subject, group in by_subject.items():
        beyond = [c for c in group if c.beyond]
        if not beyond:
            continue
        # Every estimate of the subject is named (those beyond the threshold first): the city answers once.
        ordered = beyond + [c for c in group if not c.beyond]
        parts = " and ".join(f"{gap_text(c.gap_pct)} {c.direction} {c.estimate.label}" for c in ordered)
        asks = {ASK.get(c.estimate.source, "explain the difference") for c in beyond}
        ask = asks.pop() if len(asks) == 1 else "explain the difference"
        message = f"{subject_label(subject)} is {parts}: {ask}"
        findings.append(Finding(CODES[subject.split(":", 1)[0]], subject, message, tuple(group)))
    return comparisons, findings
