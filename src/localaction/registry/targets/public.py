"""Read-side: a published target's progress against the published inventories (the targets core decides)."""

from __future__ import annotations

from dataclasses import dataclass

from localaction.registry.inventories.models import Inventory
from localaction.registry.inventories.public import emissions_of
from localaction.registry.targets.models import Target, TargetKind
from localaction.registry.targets.services import series_progress


@dataclass
class Progress:
    base_year: int
    base_tco2e: float
    target_year: int
    target_tco2e: float
    latest_year: int | None
    latest_tco2e: float | None
    achieved_pct: float | None  # share of the planned reduction achieved so far
    expected_tco2e: float | None  # the straight line from base to target, at the latest year
    on_track: bool | None
    unit: str = "tCO2e"


def _target_level(target: Target, base: float) -> float | None:
    if target.target_emissions_tco2e is not None:
        return target.target_emissions_tco2e
    if target.kind == TargetKind.NET_ZERO:
        return 0.0
    if target.kind == TargetKind.BASELINE_SCENARIO:
        if target.bau_emissions_tco2e is None or target.reduction_pct is None:
            return None
        return target.bau_emissions_tco2e * (1 - target.reduction_pct / 100)
    if target.reduction_pct is None:
        return None
    return base * (1 - target.reduction_pct / 100)


def _per_capita(inv: Inventory) -> float | None:
    value = emissions_of(inv)
    return value / inv.population if value is not None and inv.population else None


def target_progress(target: Target, series: list[Inventory]) -> Progress | None:
    """Progress of a target against the given inventories, computed by the targets core (coverage-aware:
    None when the inventories do not measure what the target covers; see services.targets)."""
    tp = series_progress(target, series)
    m = tp.target
    if m.result != "comparable":
        return None
    return Progress(
        base_year=m.base_year,
        base_tco2e=m.base_value,
        target_year=m.milestone_year,
        target_tco2e=m.target_value,
        latest_year=m.latest_year if m.latest_year > m.base_year else None,
        latest_tco2e=m.latest_value if m.latest_year > m.base_year else None,
        achieved_pct=m.progress_pct if m.latest_year > m.base_year else None,
        expected_tco2e=m.expected_value,
        on_track=m.on_track if m.latest_year > m.base_year else None,
        unit=tp.unit,
    )
