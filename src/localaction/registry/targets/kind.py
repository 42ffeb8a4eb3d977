"""Targets and commitments as submission kinds: the fields the shared use-cases may set, and their rules."""

from __future__ import annotations

from localaction.core.catalog import GASES
from localaction.core.errors import Detail
from localaction.registry.base import kinds
from localaction.registry.base.services.submissions import gpc_sector_problems
from localaction.registry.targets.models import Commitment, Target, TargetKind
from localaction.registry.targets.services import target_errors

TARGET_FIELDS = (
    "kind",
    "title",
    "description",
    "base_year",
    "base_emissions_tco2e",
    "base_intensity",
    "intensity_unit",
    "target_year",
    "reduction_pct",
    "target_emissions_tco2e",
    "gases",
    "level",
    "gpc_sectors",
    "boundary",
    "interim_targets",
    "year_introduced",
    "projected_population",
    "projected_gdp",
    "base_value",
    "target_value",
    "unit",
    "bau_emissions_tco2e",
    "offsets_counted",
    "aligned_ndc",
    "aligned_1_5c",
)
COMMITMENT_FIELDS = (
    "kind",
    "title",
    "description",
    "unit",
    "baseline_year",
    "baseline_value",
    "target_value",
    "start_date",
    "deadline",
    "year_introduced",
)

# What each target kind needs (GHG Protocol Mitigation Goal Standard).
TARGET_REQUIRES: dict[str, tuple[str, ...]] = {
    TargetKind.BASE_YEAR: ("base_year", "base_emissions_tco2e", "reduction_pct"),
    TargetKind.FIXED_LEVEL: ("target_emissions_tco2e",),
    TargetKind.BASELINE_SCENARIO: ("bau_emissions_tco2e", "reduction_pct"),
    TargetKind.INTENSITY: ("base_year", "base_intensity", "intensity_unit", "reduction_pct"),
    TargetKind.NET_ZERO: (),
    TargetKind.INTENSITY_PER_CAPITA: ("base_year", "reduction_pct"),
    TargetKind.INTENSITY_PER_GDP: ("base_year", "reduction_pct"),
    TargetKind.RENEWABLE_SHARE: ("base_year", "target_value"),
    TargetKind.ENERGY_EFFICIENCY: ("base_year", "unit"),
}
_GAS_NAMES = frozenset({*GASES, "HFCs", "PFCs", "CO2e"})


def target_problems(obj: Target) -> list[Detail]:
    out = [
        Detail((f,), f"required for a {obj.kind} target")
        for f in TARGET_REQUIRES.get(obj.kind, ())
        if getattr(obj, f) in (None, "")
    ]
    if obj.base_year and obj.target_year and obj.target_year <= obj.base_year:
        out.append(Detail(("target_year",), "must be after the base year"))
    out += [Detail(("gases",), f"unknown gas {g!r}") for g in obj.gases if g not in _GAS_NAMES]
    for i, it in enumerate(obj.interim_targets):
        if not isinstance(it, dict) or not isinstance(it.get("year"), int):
            out.append(
                Detail(("interim_targets", i), 'give {"year": …, "reduction_pct" or "emissions_tco2e": …}')
            )
    out += target_errors(obj, already={d.loc[0] for d in out})  # the targets core's rules
    return out + gpc_sector_problems(obj)


def register() -> None:
    kinds.register(
        kinds.Kind("target", Target, fields=TARGET_FIELDS, problems=target_problems, generic_pages=True)
    )
    kinds.register(kinds.Kind("commitment", Commitment, fields=COMMITMENT_FIELDS, generic_pages=True))
