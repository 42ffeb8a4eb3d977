"""What the checks share: their codes and descriptions, the thresholds (YAML), and the context they run in."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from localaction.core.inventory.model import CheckResult, InventoryResult, Severity

# code -> (severity, what it checks, the thresholds it reads as "section.key")
CHECK_CODES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "completeness.missing_line": ("error", "each line of the chosen level (BASIC or BASIC+) has a value or a "
                                  "notation key (community inventories)", ()),
    "notation.unexplained": ("warning", "every notation key has an explanation", ()),
    "notation.ie_without_location": ("warning", "IE says where the emissions are included, e.g. IE (II.1.1)", ()),
    "notation.value_with_key": ("warning", "a line with a value carries no key other than C", ()),
    "totals.mismatch": ("error", "reported totals equal the sum of the lines",
                        ("totals.rel_tolerance", "totals.abs_tolerance_t")),
    "totals.basic_plus_below_basic": ("error", "BASIC+ is at least BASIC (a warning when AFOLU removals explain "
                                      "it)", ("totals.abs_tolerance_t",)),
    "values.negative_outside_afolu": ("error", "negative values only as AFOLU (V.x) removals", ()),
    "per_capita.implausible": ("warning", "BASIC per person inside a plausible band (community inventories)",
                               ("per_capita.min_t", "per_capita.max_t")),
    "population.missing": ("warning", "the population is given (community inventories)", ()),
    "period.too_old": ("warning", "the inventory year is at most N years before the reporting year",
                       ("period.max_age_years",)),
    "year_on_year.jump": ("warning", "the BASIC total changed by more than the share since the previous "
                          "inventory: explain it", ("year_on_year.total_max_change",)),
    "year_on_year.activity_change": ("warning", "a source's activity quantity moved by more than the share since "
                                     "the previous inventory", ("year_on_year.source_max_change",
                                                                "year_on_year.min_share")),
    "year_on_year.emission_change": ("warning", "a source's emissions moved by more than the share since the "
                                     "previous inventory", ("year_on_year.source_max_change",
                                                            "year_on_year.min_share")),
    "year_on_year.factor_change": ("warning", "a source's implied factor (emissions per unit of activity) moved "
                                   "by more than the share (fuels: a tighter share)",
                                   ("year_on_year.factor_max_change", "year_on_year.fuel_factor_max_change",
                                    "year_on_year.min_share")),
    "year_on_year.repeated_value": ("warning", "a source's activity quantity or emissions equal the previous "
                                    "inventory's exactly (copied forward?)", ("year_on_year.repeat_rel_tolerance",
                                                                              "year_on_year.repeat_min_share")),
    "year_on_year.factor_repeated": ("warning", "a grid record's own factor is exactly the previous inventory's "
                                     "(last year's factor reused?)", ("year_on_year.repeat_rel_tolerance",
                                                                       "year_on_year.repeat_min_share")),
    "year_on_year.emissions_without_activity": ("warning", "emissions with no activity data where the previous "
                                                "inventory had activity data for the source", ()),
    "year_on_year.source_missing": ("warning", "a source of the previous inventory has no record, value or "
                                    "notation key now", ("year_on_year.min_share",)),
    "year_on_year.method_changed": ("warning", "the same record (by id) uses another method or kind of unit than "
                                    "in the previous inventory: restate the earlier year or explain", ()),
    "year_on_year.line_change": ("warning", "a GPC line entered directly moved by more than the share",
                                 ("year_on_year.line_max_change", "year_on_year.min_share")),
    "year_on_year.line_total_change": ("warning", "a GPC line's total (its records, or its value) moved by "
                                       "more than the share since the previous inventory",
                                       ("year_on_year.line_total_max_change",
                                        "year_on_year.line_total_min_share")),
    "year_on_year.line_repeated": ("warning", "a GPC line entered directly equals the previous inventory's "
                                   "exactly (copied forward?)", ("year_on_year.repeat_rel_tolerance",
                                                                 "year_on_year.repeat_min_share")),
    "factor.implied_out_of_band": ("warning", "the factor a record used is within the ratio band of the "
                                   "library's value for the same activity (every method; custom and pinned "
                                   "factors and factor parameters), or inside the plausible band where the "
                                   "library has no value", ("implied_factor.ratio_min", "implied_factor.ratio_max",
                                                            "implied_factor.fuel_ratio_min",
                                                            "implied_factor.fuel_ratio_max", "bands.*")),
    "factor.inconsistent": ("warning", "the same activity (grid zone and year, fuel) has one factor throughout "
                            "the inventory", ("consistency.grid_rel_tolerance", "consistency.fuel_co2_rel_tolerance",
                                              "consistency.fuel_co2e_rel_tolerance")),
    "factor.td_year_mismatch": ("warning", "a grid record's T&D factor is from another year than its grid "
                                "factor", ()),
}  # fmt: skip


@cache
def load_thresholds() -> dict[str, Any]:
    text = resources.files("localaction.core.inventory.checks").joinpath("thresholds.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def thresholds(key: str) -> Any:
    """``thresholds("year_on_year.min_share")`` -> 0.005."""
    node: Any = load_thresholds()
    for part in key.split("."):
        node = node[part]
    return node


@dataclass
class CheckContext:
    res: InventoryResult
    previous: InventoryResult | None  # the latest earlier inventory of the same boundary type
    library: Any  # the factor library the inventory was computed with (None: the shipped one)

    @property
    def year(self) -> int:
        return self.res.inventory.period.year

    @classmethod
    def make(cls, res: InventoryResult, previous: Sequence[InventoryResult], library: Any) -> CheckContext:
        inv = res.inventory
        earlier = [
            p
            for p in previous
            if p.inventory.period.year < inv.period.year and p.inventory.boundary_type == inv.boundary_type
        ]
        latest = max(earlier, key=lambda p: (p.inventory.period.year, p.inventory.period.start), default=None)
        # Nothing entered yet (an empty draft): nothing to compare with last year (no "BASIC changed -100 %").
        return cls(res, latest if has_data(res) else None, library)

    def check(
        self,
        code: str,
        message: str,
        gpc_ref: str | None = None,
        record_id: str | None = None,
        severity: Severity | None = None,
    ) -> CheckResult:
        sev = severity or Severity(CHECK_CODES[code][0])
        return CheckResult(
            code=code, severity=sev, message=message, gpc_ref=gpc_ref, record_id=record_id, year=self.year
        )


Rule = Callable[[CheckContext], Iterator[CheckResult]]


def has_data(res: InventoryResult) -> bool:
    """Something entered to compare with another year: an activity record or a line with a value (notation
    keys alone do not make a total)."""
    return bool(res.inventory.records) or any(ln.value_tco2e is not None for ln in res.inventory.lines)


def fmt_t(t: float) -> str:
    return f"{t:,.0f} tCO2e" if abs(t) >= 10 else f"{t:,.3g} tCO2e"
