"""Inputs of the insights core: plain facts that a registry query or a Parquet export can fill.

Field names follow the registry's columns (``registry/models/*.py``) where they exist, so a published row maps
across field by field. Nothing here computes. The columnar twins of these models (Arrow tables, the
layout of the Parquet export) are in ``tables.py``.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from localaction.core.inventory.model import Level


class VerificationStatus(StrEnum):
    """As on every published number; ordered from weakest to strongest (see ``VERIFICATION_RANK``)."""

    SELF_REPORTED = "self_reported"
    VALIDATED = "validated"  # desk check by the secretariat
    VERIFIED = "verified"  # third-party verification


VERIFICATION_RANK: dict[VerificationStatus, int] = {
    VerificationStatus.SELF_REPORTED: 0,
    VerificationStatus.VALIDATED: 1,
    VerificationStatus.VERIFIED: 2,
}


class _Fact(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class JurisdictionFacts(_Fact):
    """One local or regional government. ``parent_id`` means geographic containment (a city inside its
    province): the aggregates rely on it to avoid counting the same people and emissions twice."""

    id: str
    name: str
    kind: str = "city"  # registry JurisdictionKind: city, municipality, county, province_state, …
    country: str = ""  # ISO 3166-1 alpha-2
    region: str = ""  # world region as the secretariat's offices use it, e.g. "Europe"
    climate_zone: str = ""  # Köppen-Geiger code, e.g. "Cfb"
    income_group: str = ""  # World Bank group, e.g. "high", "upper_middle"; "" = unknown
    population: dict[int, float] = Field(default_factory=dict)  # year -> people
    gdp_musd: dict[int, float] = Field(default_factory=dict)  # year -> GDP, million USD (constant prices)
    parent_id: str | None = None
    agendas: tuple[str, ...] = ()  # urban agendas pursued (network and action agendas)

    def population_in(self, year: int, max_gap: int = 2) -> float | None:
        """Population in ``year``, else the nearest earlier year within ``max_gap`` years (censuses are
        sparse; a later figure is never used for an earlier year)."""
        return _nearest_earlier(self.population, year, max_gap)

    def gdp_in(self, year: int, max_gap: int = 2) -> float | None:
        return _nearest_earlier(self.gdp_musd, year, max_gap)


def _nearest_earlier(values: dict[int, float], year: int, max_gap: int) -> float | None:
    for y in range(year, year - max_gap - 1, -1):
        if y in values:
            return values[y]
    return None


class InventoryFact(_Fact):
    """One published inventory's totals (the latest version of its series)."""

    jurisdiction_id: str
    year: int
    level: Level = Level.BASIC
    boundary: str = ""  # boundary kind code, e.g. "administrative", "metropolitan"; "" = unknown
    gwp_set: str = "AR5"
    basic_tco2e: float | None = None
    basic_plus_tco2e: float | None = None
    territorial_tco2e: float | None = None
    by_sector_tco2e: dict[str, float] = Field(default_factory=dict)  # sector code I … VI, at the level
    population: float | None = None  # the population the inventory used; else the jurisdiction's
    verification: VerificationStatus = VerificationStatus.SELF_REPORTED


class TargetFact(_Fact):
    """A target or commitment. ``kind`` is a registry TargetKind (base_year, fixed_level, baseline_scenario,
    intensity, net_zero) or CommitmentKind (renewable_energy, energy_efficiency, adaptation, water, waste,
    efficiency_gain_10, other)."""

    jurisdiction_id: str
    target_id: str = ""
    kind: str
    base_year: int | None = None
    base_emissions_tco2e: float | None = None
    target_year: int | None = None
    reduction_pct: float | None = None
    target_emissions_tco2e: float | None = None
    year_introduced: int | None = None
    aligned_1_5c: bool | None = None
    verification: VerificationStatus = VerificationStatus.SELF_REPORTED


class ActionFact(_Fact):
    jurisdiction_id: str
    action_id: str = ""
    title: str = ""
    agenda: str = ""
    gpc_sectors: tuple[str, ...] = ()  # sector codes I … VI; an action may serve several
    action_type: str = "mitigation"  # mitigation / adaptation / both
    status: str = "planned"  # planned / in_progress / implemented / monitoring
    start_year: int | None = None
    cost: float | None = None
    currency: str = ""  # ISO 4217; costs are never summed across currencies
    funding_source: str = ""
    reduction_tco2e_per_yr: float | None = None
    co_benefits: tuple[str, ...] = ()


class HazardFact(_Fact):
    jurisdiction_id: str
    year: int | None = None  # year of the assessment
    hazard_type: str  # CDP level 1, e.g. "Extreme hot temperature"
    hazard_subtype: str = ""  # CDP level 2, e.g. "Heat wave"
    probability: str = ""  # low … high
    magnitude: str = ""


class IndicatorFact(_Fact):
    """A framework indicator value or score (Singapore Index, resilience scorecard, ISO 37120 …)."""

    jurisdiction_id: str
    framework: str  # framework id, e.g. "singapore_index_2021"
    indicator: str  # indicator id inside the framework, or "score" for the framework's total
    year: int
    value: float
    unit: str = ""
    higher_is_better: bool = True
    theme: str = ""  # e.g. "biodiversity", "resilience", "mobility"
    verification: VerificationStatus = VerificationStatus.SELF_REPORTED


class Total(StrEnum):
    BASIC = "basic"
    BASIC_PLUS = "basic_plus"
    TERRITORIAL = "territorial"


class Per(StrEnum):
    TOTAL = "total"
    CAPITA = "capita"
    GDP = "gdp"


_UNITS = {Per.TOTAL: "tCO2e", Per.CAPITA: "tCO2e/person", Per.GDP: "tCO2e/million USD"}


class Measure(_Fact):
    """An emissions measure: a total (or one GPC sector of the inventory's level), absolute or per capita /
    per million USD of GDP. Lower is better. Ids read ``basic``, ``basic_plus.per_capita``,
    ``sector_II.per_gdp``."""

    total: Total = Total.BASIC
    sector: str | None = None  # GPC sector code I … VI: that sector's emissions at the inventory's level
    per: Per = Per.TOTAL

    @property
    def id(self) -> str:
        head = f"sector_{self.sector}" if self.sector else self.total.value
        return head if self.per == Per.TOTAL else f"{head}.per_{self.per.value}"

    @property
    def unit(self) -> str:
        return _UNITS[self.per]

    @property
    def label(self) -> str:
        head = f"sector {self.sector} emissions" if self.sector else f"{_TOTAL_LABELS[self.total]} emissions"
        return (
            head if self.per == Per.TOTAL else f"{head} per {'person' if self.per == Per.CAPITA else 'GDP'}"
        )

    @classmethod
    def parse(cls, text: str) -> Measure:
        head, _, per = text.partition(".per_")
        sector = head.removeprefix("sector_") if head.startswith("sector_") else None
        return cls(
            total=Total.BASIC if sector else Total(head), sector=sector, per=Per(per) if per else Per.TOTAL
        )


_TOTAL_LABELS = {Total.BASIC: "BASIC", Total.BASIC_PLUS: "BASIC+", Total.TERRITORIAL: "territorial"}
