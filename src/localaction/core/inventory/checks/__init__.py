"""MRV checks: each has a stable code, a severity, the record, GPC line and inventory year it concerns, and a
message that says what to look at.

Thresholds are data (``thresholds.yaml``, listed in docs/inventory.md). The year-on-year checks compare an
inventory with the jurisdiction's previous ones: pass them to ``compute(inv, previous=[...])`` or
``run_checks(result, previous=...)``, or check a whole series with ``compare_years(results)``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from localaction.core.inventory.checks.base import (
    CHECK_CODES,
    CheckContext,
    Rule,
    load_thresholds,
    thresholds,
)
from localaction.core.inventory.model import CheckResult, InventoryResult, Severity


def _rules() -> list[Rule]:
    from localaction.core.inventory.checks import basic, factors, years

    return [*basic.RULES, *factors.RULES, *years.RULES]


def run_checks(
    res: InventoryResult, previous: Sequence[InventoryResult] = (), library: object | None = None
) -> list[CheckResult]:
    """Every check on one computed inventory, errors first; ``previous`` = earlier inventories of the same
    jurisdiction (any order: the latest earlier year of the same boundary type is compared with)."""
    ctx = CheckContext.make(res, previous, library)
    found = [c for rule in _rules() for c in rule(ctx)]
    year = res.inventory.period.year
    found = [c if c.year is not None else c.model_copy(update={"year": year}) for c in found]
    return sorted(found, key=lambda c: c.severity != Severity.ERROR)


def compare_years(results: Iterable[InventoryResult], library: object | None = None) -> list[InventoryResult]:
    """Re-run every check of a series (one jurisdiction, several years and/or boundary types), each
    inventory against the earlier ones; returns the results in year order with their ``checks`` replaced."""
    ordered = sorted(results, key=lambda r: (r.inventory.period.year, r.inventory.period.start))
    out = []
    for i, res in enumerate(ordered):
        checked = res.model_copy(update={"checks": run_checks(res, ordered[:i], library)})
        out.append(checked)
    return out


__all__ = ["CHECK_CODES", "compare_years", "load_thresholds", "run_checks", "thresholds"]
