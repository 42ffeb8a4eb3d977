"""The inventory engine's input and output types (plain pydantic models: no Django, no database).

One definition per fact: the registry's ORM columns, the API schemas and the file templates are derived
from these or tested against them.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from localaction.core.catalog.units import split_gas
from localaction.core.catalog.waste import normalise_edition


class Level(StrEnum):
    BASIC = "BASIC"
    BASIC_PLUS = "BASIC+"


class NotationKey(StrEnum):
    NO = "NO"  # not occurring
    IE = "IE"  # included elsewhere (say where)
    NE = "NE"  # not estimated (justify)
    C = "C"  # confidential


class Quality(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Method(StrEnum):
    FUEL_COMBUSTION = "fuel_combustion"  # fuel mass / volume / energy x IPCC factors per TJ
    GRID_ENERGY = "grid_energy"  # kWh x grid factor (scope 2); T&D losses to the .3 line (scope 3)
    TRANSPORT_FUEL = "transport_fuel"  # fuel sold, mobile-combustion factors
    TRANSPORT_DISTANCE = "transport_distance"  # vehicle-km x fuel intensity x fuel factor, or x factor per km
    LANDFILL_MC = "landfill_methane_commitment"
    LANDFILL_FOD = "landfill_first_order_decay"
    BIOLOGICAL = "biological_treatment"
    INCINERATION = "incineration"
    WASTEWATER = "wastewater"
    DIRECT = "direct_entry"  # measured or externally calculated gas amounts
    FUGITIVE_GAS = "fugitive_gas_distribution"  # I.8.1: gas throughput x leakage rate x methane content


class BoundaryType(StrEnum):
    """What the inventory covers: the community (GPC) or the local government's own operations."""

    COMMUNITY = "community"
    GOVERNMENT_OPERATIONS = "government_operations"


_BOUNDARY_ALIASES = {
    "": "community", "community": "community", "community_wide": "community", "communitywide": "community",
    "city": "community", "citywide": "community", "city_wide": "community", "gpc": "community",
    "government_operations": "government_operations", "government": "government_operations",
    "operations": "government_operations", "municipal_operations": "government_operations",
    "local_government_operations": "government_operations", "lgo": "government_operations",
    "corporate": "government_operations",
}  # fmt: skip


class Period(BaseModel):
    """A reporting period as read from real data: start, end, the inventory year, and what was written."""

    model_config = ConfigDict(frozen=True)

    start: dt.date
    end: dt.date
    year: int
    label: str = ""


class CustomFactor(BaseModel):
    """A city's own factor: value, unit, gas, and a justification (required)."""

    gas: str = "CO2e"
    value: float
    unit: str  # e.g. "kg/kWh", "kg/TJ", "kg/vehicle_km", "tCO2e/MWh" (a gas in the unit sets the gas)
    justification: str = Field(min_length=3)
    source: str = ""

    @model_validator(mode="after")
    def _gas_from_unit(self) -> CustomFactor:
        unit, gas = split_gas(self.unit)
        if gas is None or self.gas not in ("CO2e", "", gas):
            return self  # a conflict (unit names another gas) is reported by the engine, naming the record
        self.unit, self.gas = unit, gas
        return self


class ActivityRecord(BaseModel):
    """One line of activity data."""

    record_id: str
    gpc_ref: str
    method: Method
    activity: str = ""  # fuel id, grid zone, waste type … (method-specific)
    quantity: float
    unit: str
    factor_id: str | None = None  # pin a library factor; otherwise the library's best match
    custom_factor: CustomFactor | None = None
    params: dict[str, Any] = Field(default_factory=dict)  # method-specific parameters (documented per method)
    quality_activity: Quality | None = None
    quality_factor: Quality | None = None
    source: str = ""
    notes: str = ""


class GpcLineInput(BaseModel):
    """A line entered directly: a value in tCO2e, or notation keys with their explanation."""

    gpc_ref: str
    value_tco2e: float | None = None
    notation_keys: tuple[NotationKey, ...] = ()
    included_in: str | None = None  # for IE: where it is included, e.g. "II.1.1"
    explanation: str = ""
    quality_activity: Quality | None = None
    quality_factor: Quality | None = None
    source: str = ""
    raw_notation: str = ""  # as written in the file, for traceability


class ReportedTotals(BaseModel):
    basic: float | None = None
    basic_plus: float | None = None
    basic_plus_other_scope3: float | None = None
    territorial: float | None = None


class Inventory(BaseModel):
    jurisdiction: str
    period: Period
    boundary: str = ""
    gwp_set: str = "AR5"
    level: Level = Level.BASIC
    region: str = ""  # grid zone / country for default factors
    population: float | None = None
    records: list[ActivityRecord] = Field(default_factory=list)
    lines: list[GpcLineInput] = Field(default_factory=list)
    reported: ReportedTotals | None = None
    previous_totals: dict[int, float] = Field(default_factory=dict)  # year -> BASIC, for year-on-year checks
    reporting_year: int | None = None
    # IPCC guideline edition for the waste defaults: ipcc2006 (IPCC 2006 Guidelines) or ipcc2019 (2019 Refinement)
    guidelines: str = "ipcc2006"
    boundary_type: BoundaryType = BoundaryType.COMMUNITY

    @field_validator("guidelines", mode="before")
    @classmethod
    def _edition(cls, value: object) -> str:
        return normalise_edition(str(value or ""))

    @field_validator("boundary_type", mode="before")
    @classmethod
    def _boundary(cls, value: object) -> str:
        key = str(value.value if isinstance(value, BoundaryType) else value or "").strip().lower()
        key = key.replace(" ", "_").replace("-", "_")
        if key not in _BOUNDARY_ALIASES:
            raise ValueError(
                f"unknown boundary type {value!r}; use community (the community-wide GPC inventory) or "
                "government_operations (the local government's own buildings, fleet, streetlights, staff commute)"
            )
        return _BOUNDARY_ALIASES[key]


class FactorUse(BaseModel):
    """A factor as used for one record: enough to trace the number back to its source."""

    factor_id: str
    gas: str
    value: float
    unit: str
    source: str
    data_quality: str = ""


GasName = str


class RecordResult(BaseModel):
    record_id: str
    gpc_ref: str
    method: Method
    gases_t: dict[GasName, float]  # tonnes of each gas (fossil CO2 under "CO2")
    co2e_t: float
    biogenic_co2_t: float = 0.0  # reported apart, outside totals
    factors: list[FactorUse] = Field(default_factory=list)
    steps: list[str] = Field(default_factory=list)  # human-readable calculation trail
    methane_origin: Literal["fossil", "non-fossil"] = "fossil"


class LineResult(BaseModel):
    gpc_ref: str
    sector_code: str
    scope: int
    value_tco2e: float | None  # None when only notation keys
    notation_keys: tuple[NotationKey, ...] = ()
    included_in: str | None = None
    explanation: str = ""
    biogenic_co2_t: float = 0.0
    quality_activity: Quality | None = None
    quality_factor: Quality | None = None
    record_ids: tuple[str, ...] = ()
    source: str = ""


class Totals(BaseModel):
    basic: float
    basic_plus: float
    basic_plus_other_scope3: float
    territorial: float
    by_scope: dict[int, float]
    by_sector: dict[str, float]
    biogenic_co2_t: float = 0.0


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class CheckResult(BaseModel):
    code: str
    severity: Severity
    message: str
    gpc_ref: str | None = None
    record_id: str | None = None
    year: int | None = None  # the inventory year the check concerns


class InventoryResult(BaseModel):
    inventory: Inventory
    records: list[RecordResult]
    lines: list[LineResult]  # every GPC ref, in GPC order
    totals: Totals
    checks: list[CheckResult] = Field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        return any(c.severity == Severity.ERROR for c in self.checks)
