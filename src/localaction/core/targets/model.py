"""Inputs of the targets core: plain pydantic models that a registry row or a JSON document can fill.

Field names follow the registry's columns (``registry/models/targets.py``, ``actions.py``) where they exist,
so a row maps across field by field. Nothing here computes; see ``progress``, ``pathway``, ``milestones``
and ``efficiency``.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from localaction.core.inventory.model import Severity, Totals

#: GPC gases in CO2e totals (HFCs and PFCs as families).
ALL_GASES: tuple[str, ...] = ("CO2", "CH4", "N2O", "HFCs", "PFCs", "SF6", "NF3")


class TargetKind(StrEnum):
    BASE_YEAR = "base_year"  # x % below base-year emissions by the target year
    FIXED_LEVEL = "fixed_level"  # reach an absolute level
    NET_ZERO = (
        "net_zero"  # a fixed level of zero net emissions (unless target_emissions_tco2e says otherwise)
    )
    BASELINE_SCENARIO = "baseline_scenario"  # x % below projected business-as-usual in the target year
    INTENSITY_PER_CAPITA = "intensity_per_capita"  # x % below base-year tCO2e per person
    INTENSITY_PER_GDP = "intensity_per_gdp"  # x % below base-year tCO2e per unit of GDP
    RENEWABLE_SHARE = "renewable_share"  # reach a share (%) of renewable energy
    ENERGY_EFFICIENCY = "energy_efficiency"  # cut energy use (or energy intensity) by x %

    @property
    def is_ghg(self) -> bool:
        return self not in (TargetKind.RENEWABLE_SHARE, TargetKind.ENERGY_EFFICIENCY)

    @property
    def is_intensity(self) -> bool:
        return self in (TargetKind.INTENSITY_PER_CAPITA, TargetKind.INTENSITY_PER_GDP)

    @property
    def lower_is_better(self) -> bool:
        """The direction comes from the kind, never from the numbers: emissions (every GHG kind, including
        a baseline-scenario or fixed level set above the base year) and energy use are lower-is-better;
        only a share (renewable energy) is higher-is-better."""
        return self != TargetKind.RENEWABLE_SHARE

    @property
    def is_reduction(self) -> bool:
        """Kinds defined as a cut below the base (the value to reach may not lie above it)."""
        return self in (TargetKind.BASE_YEAR, TargetKind.ENERGY_EFFICIENCY) or self.is_intensity


class CoverageLevel(StrEnum):
    BASIC = "BASIC"
    BASIC_PLUS = "BASIC+"
    TERRITORIAL = "territorial"


class Coverage(BaseModel):
    """What a target (or an inventory) covers. Empty ``gpc_sectors`` means every sector of the level;
    empty ``gases`` means all seven GPC gases (validation warns about both, as they are assumptions)."""

    model_config = ConfigDict(frozen=True)

    gpc_sectors: tuple[str, ...] = ()  # sector codes I … VI
    gases: tuple[str, ...] = ()
    level: CoverageLevel = CoverageLevel.BASIC
    boundary: str = ""


class InterimTarget(BaseModel):
    """A milestone on the way: a reduction (%) from the same base, or an absolute value in the target's unit
    (tCO2e; tCO2e per capita / per GDP unit for intensity kinds; % for renewable share)."""

    year: int
    reduction_pct: float | None = None
    value: float | None = None


class Target(BaseModel):
    """One target (GHG Protocol Mitigation Goal Standard kinds, plus net zero and two energy kinds).

    Recorded fields (``offsets_counted``, ``aligned_ndc``, ``aligned_1_5c``) are the city's statements:
    we carry them, never infer them.
    """

    target_id: str = ""
    jurisdiction: str = ""
    kind: TargetKind
    title: str = ""
    description: str = ""
    base_year: int | None = None
    base_emissions_tco2e: float | None = None
    base_intensity: float | None = None  # tCO2e per person, or per ``intensity_unit`` of GDP
    intensity_unit: str = ""  # e.g. "tCO2e/capita", "tCO2e/million USD"
    target_year: int
    reduction_pct: float | None = None  # % below base (or below BAU for baseline_scenario)
    target_emissions_tco2e: float | None = None  # fixed level; for net zero, the residual allowed (default 0)
    # Renewable share and energy efficiency: values in ``unit`` (% for the share; e.g. MWh for energy).
    base_value: float | None = None
    target_value: float | None = None
    unit: str = ""
    coverage: Coverage = Field(default_factory=Coverage)
    interim_targets: list[InterimTarget] = Field(default_factory=list)
    year_introduced: int | None = None
    projected_population: float | None = None  # in the target year
    projected_gdp: float | None = None  # in the target year, same unit as the inventories' gdp
    bau_emissions_tco2e: float | None = None  # BAU emissions in the target year
    offsets_counted: bool | None = None
    aligned_ndc: bool | None = None
    aligned_1_5c: bool | None = None


class VerificationStatus(StrEnum):
    SELF_REPORTED = "self_reported"
    VALIDATED = "validated"
    VERIFIED = "third_party_verified"


class InventoryPoint(BaseModel):
    """One inventory as the targets core sees it: totals, not lines.

    ``totals_tco2e`` holds only the levels the inventory really covers (a BASIC inventory has no BASIC+
    total; a territorial total only when every scope-1 line was compiled). ``by_sector_tco2e`` is at the
    inventory's ``level``; sectors with no value may be absent (they count as zero).
    """

    year: int
    level: CoverageLevel = CoverageLevel.BASIC
    totals_tco2e: dict[CoverageLevel, float]
    by_sector_tco2e: dict[str, float] = Field(default_factory=dict)
    gases: tuple[str, ...] = ALL_GASES
    boundary: str = ""
    population: float | None = None
    gdp: float | None = None
    offsets_tco2e: float = 0.0  # credits retired for the year; subtracted only where a target counts offsets
    verification: VerificationStatus = VerificationStatus.SELF_REPORTED

    @classmethod
    def from_totals(
        cls,
        year: int,
        totals: Totals,
        level: CoverageLevel = CoverageLevel.BASIC,
        *,
        territorial_complete: bool = False,
        **fields: object,
    ) -> InventoryPoint:
        """From the inventory engine's ``Totals``: keeps only the levels the inventory covers."""
        levels: dict[CoverageLevel, float] = {CoverageLevel.BASIC: totals.basic}
        if level == CoverageLevel.BASIC_PLUS:
            levels[CoverageLevel.BASIC_PLUS] = totals.basic_plus
        if territorial_complete:
            levels[CoverageLevel.TERRITORIAL] = totals.territorial
        return cls.model_validate(
            {
                "year": year,
                "level": level,
                "totals_tco2e": levels,
                "by_sector_tco2e": dict(totals.by_sector),
                **fields,
            }
        )


class IndicatorPoint(BaseModel):
    """A yearly value of a non-GHG series (renewable share in %, energy use in the target's unit)."""

    year: int
    value: float


class ActionType(StrEnum):
    MITIGATION = "mitigation"
    ADAPTATION = "adaptation"
    BOTH = "both"


class ActionStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    IMPLEMENTED = "implemented"
    MONITORING = "monitoring"


class Action(BaseModel):
    """A mitigation and/or adaptation action. ``target_ids`` empty: it counts for every target whose
    sectors it touches; otherwise only for the targets named."""

    action_id: str
    title: str
    description: str = ""
    agenda: str = ""
    gpc_sectors: tuple[str, ...] = ()  # sector codes I … VI (or finer refs such as "II.1")
    action_type: ActionType = ActionType.MITIGATION
    status: ActionStatus = ActionStatus.PLANNED
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    cost: float | None = None
    currency: str = ""
    funding_source: str = ""
    reduction_tco2e_per_yr: float | None = None
    energy_saved_mwh_per_yr: float | None = None
    renewable_generated_mwh_per_yr: float | None = None
    co_benefits: tuple[str, ...] = ()
    sdgs: tuple[int, ...] = ()
    hazards_addressed: tuple[str, ...] = ()
    target_ids: tuple[str, ...] = ()


class Reading(BaseModel):
    """Consumption over a period (both ends inclusive). ``unit`` empty: the commitment's unit."""

    start: dt.date
    end: dt.date
    value: float = Field(ge=0)
    unit: str = ""

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


class EfficiencyCommitment(BaseModel):
    """A 10% Efficiency-Gain Programme commitment: one resource, a baseline reading, periodic readings."""

    commitment_id: str
    jurisdiction: str = ""
    resource: str  # what the city chose: "electricity in public buildings", "water", "fleet fuel" …
    unit: str  # e.g. "kWh", "m3", "litre", "reams"
    baseline: Reading
    start_date: dt.date
    reduction_pct: float = Field(default=10.0, gt=0, lt=100)  # the programme's 10 %
    duration_years: int = Field(default=3, gt=0)
    readings: list[Reading] = Field(default_factory=list)


class Issue(BaseModel):
    """A validation finding: stable code, severity, a message that says what to do, and the field."""

    code: str
    severity: Severity
    message: str
    field: str = ""


class _RulesModel(BaseModel):
    # A rules file is data someone types: an unknown key (a typo, or a key this version cannot apply) is an
    # error, never silently dropped.
    model_config = ConfigDict(extra="forbid")


class InventoryRequirements(_RulesModel):
    """What an inventory needs to count for a milestone."""

    min_sectors: int = Field(default=0, ge=0)  # distinct GPC sectors, whichever they are
    required_sectors: tuple[str, ...] = ()  # these GPC sectors specifically (I … VI), e.g. I, II, III
    min_gases: int = Field(default=0, ge=0)
    required_gases: tuple[str, ...] = ()  # these gases specifically (GPC gas names)
    activity_data: bool = False  # the activity data behind the inventory is disclosed
    max_age_years: int | None = Field(
        default=None, ge=0
    )  # inventory year at most this long before the report


class MilestoneRule(_RulesModel):
    """One item a framework expects after the commitment date."""

    id: str
    label: str
    due_within_years: int = Field(ge=0)
    renew_every_years: int | None = Field(default=None, gt=0)
    inventory: InventoryRequirements | None = None
    # What counts as evidence for the item: kinds of submission (``EVIDENCE_KINDS``); empty: the item's id.
    evidence: tuple[str, ...] = ()
    source: str = ""  # where the item, its timing and its requirements come from
    verified: bool = False  # True only when every value of the item is read in the initiative's own text

    @property
    def accepts(self) -> tuple[str, ...]:
        return self.evidence or (self.id,)


class BadgeRule(_RulesModel):
    id: str
    label: str
    requires: tuple[str, ...] = ()  # milestone item ids; empty: earned on commitment
    source: str = ""
    verified: bool = False


class RuleSetScope(_RulesModel):
    """Which commitments a rule set judges: the initiative committed to, and the commitment date."""

    initiatives: tuple[str, ...] = Field(min_length=1)
    committed_from: dt.date | None = None  # inclusive
    committed_before: dt.date | None = None  # exclusive
    reason: str  # why these dates: shown beside the report


class MilestoneRuleSet(_RulesModel):
    """A framework's milestone rules, loaded from ``targets/data/<name>.yaml``."""

    framework: str
    version: str
    source: str
    notes: str = ""
    applies: RuleSetScope | None = None  # None: only when asked for by name
    items: list[MilestoneRule]
    badges: list[BadgeRule] = Field(default_factory=list)


#: What a jurisdiction can submit towards milestones (the registry's vocabulary; a rule names the kinds
#: it accepts in ``MilestoneRule.evidence``).
EVIDENCE_KINDS: tuple[str, ...] = (
    "inventory",
    "hazard_assessment",
    "vulnerability_assessment",
    "target",
    "adaptation_goal",
    "mitigation_plan",
    "adaptation_plan",
)


class Evidence(BaseModel):
    """Something a jurisdiction submitted towards milestones (an inventory, a plan …)."""

    item: str  # what it is: one of ``EVIDENCE_KINDS`` (or a rule's id); rules say which kinds they accept
    submitted_on: dt.date
    inventory_year: int | None = None
    gpc_sectors: tuple[str, ...] = ()
    gases: tuple[str, ...] = ()
    activity_data: bool = False  # an inventory whose activity data is disclosed with it
    reference: str = ""  # e.g. the registry id of the submission
