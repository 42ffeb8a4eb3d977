"""Like-for-like rules: may two inventories (or a set of them) be compared on a measure?

Every comparison returns a verdict (ok / warn / refuse) with the reasons. The verdict per difference is
data (``ComparabilityRules``), so the secretariat can tighten a rule without touching code:

- GPC level: the BASIC total is complete at both levels (a BASIC+ inventory reports every BASIC line), so a
  level difference only *warns* on BASIC measures; BASIC+, territorial and sector measures depend on the
  level's lines (IPPU, AFOLU, transboundary), so a level difference *refuses*.
- Boundary: different boundary kinds (administrative vs metropolitan …) measure different places: *refuse*;
  an unknown boundary *warns*.
- GWP set: AR4/AR5/AR6 move CH4- and N2O-heavy totals by a few per cent: *warn*.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from localaction.core.insights.model import InventoryFact, Measure, Total


class Verdict(StrEnum):
    OK = "ok"
    WARN = "warn"
    REFUSE = "refuse"


_ORDER = {Verdict.OK: 0, Verdict.WARN: 1, Verdict.REFUSE: 2}


class Reason(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str  # level_differs, boundary_differs, boundary_unknown, gwp_differs
    verdict: Verdict
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "verdict": self.verdict.value, "message": self.message}


class Comparability(BaseModel):
    model_config = ConfigDict(frozen=True)

    verdict: Verdict
    reasons: tuple[Reason, ...] = ()

    @property
    def allowed(self) -> bool:
        return self.verdict != Verdict.REFUSE

    def as_dict(self) -> dict[str, object]:
        return {"verdict": self.verdict.value, "reasons": [r.as_dict() for r in self.reasons]}


class ComparabilityRules(BaseModel):
    """The verdict for each kind of difference (see the module docstring for why)."""

    model_config = ConfigDict(frozen=True)

    level_on_basic: Verdict = Verdict.WARN
    level_on_other: Verdict = Verdict.REFUSE
    boundary_differs: Verdict = Verdict.REFUSE
    boundary_unknown: Verdict = Verdict.WARN
    gwp_differs: Verdict = Verdict.WARN


DEFAULT_RULES = ComparabilityRules()


def normalise_boundary(text: str) -> str:
    return " ".join(text.split()).casefold()


def scope_key(fact: InventoryFact) -> tuple[str, str]:
    """(level, boundary): inventories of comparable scope share this key (the rankings group by it)."""
    return (fact.level.value, normalise_boundary(fact.boundary))


def _verdict(reasons: Iterable[Reason]) -> Verdict:
    return max((r.verdict for r in reasons), key=_ORDER.__getitem__, default=Verdict.OK)


def _uses_basic_only(measure: Measure) -> bool:
    return measure.sector is None and measure.total == Total.BASIC


def compare_all(
    facts: Iterable[InventoryFact], measure: Measure | None = None, rules: ComparabilityRules = DEFAULT_RULES
) -> Comparability:
    """The verdict for comparing every inventory in ``facts`` with every other on ``measure``."""
    measure = measure or Measure()
    facts = list(facts)
    reasons: list[Reason] = []
    levels = sorted({f.level.value for f in facts})
    if len(levels) > 1:
        basic_only = _uses_basic_only(measure)
        reasons.append(
            Reason(
                code="level_differs",
                verdict=rules.level_on_basic if basic_only else rules.level_on_other,
                message=(
                    f"GPC levels differ ({' vs '.join(levels)}): "
                    + (
                        "BASIC totals are complete at both levels, but the inventories differ in what else "
                        "they cover."
                        if basic_only
                        else f"{measure.label} depends on lines (IPPU, AFOLU, transboundary) that only "
                        "BASIC+ inventories report."
                    )
                ),
            )
        )
    bounds = {normalise_boundary(f.boundary) for f in facts}
    known = sorted(b for b in bounds if b)
    if len(known) > 1:
        reasons.append(
            Reason(
                code="boundary_differs",
                verdict=rules.boundary_differs,
                message=f"Boundaries differ ({' vs '.join(known)}): they measure different areas.",
            )
        )
    if "" in bounds and len(facts) > 1:
        reasons.append(
            Reason(
                code="boundary_unknown",
                verdict=rules.boundary_unknown,
                message="At least one inventory does not state its boundary; the areas may differ.",
            )
        )
    gwps = sorted({f.gwp_set.upper() for f in facts})
    if len(gwps) > 1:
        reasons.append(
            Reason(
                code="gwp_differs",
                verdict=rules.gwp_differs,
                message=(
                    f"GWP sets differ ({' vs '.join(gwps)}): CH4 and N2O weigh differently, which moves "
                    "totals by a few per cent where they matter."
                ),
            )
        )
    return Comparability(verdict=_verdict(reasons), reasons=tuple(reasons))


def compare(
    a: InventoryFact,
    b: InventoryFact,
    measure: Measure | None = None,
    rules: ComparabilityRules = DEFAULT_RULES,
) -> Comparability:
    """The verdict for comparing two inventories (of one jurisdiction over time, or of two) on ``measure``."""
    return compare_all((a, b), measure, rules)
