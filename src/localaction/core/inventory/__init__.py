"""The GPC inventory engine: pure Python, usable as a library.

from localaction.core.inventory import compute, compare_years, Inventory, ActivityRecord, GpcLineInput
"""

from localaction.core.inventory.checks import compare_years
from localaction.core.inventory.compute import co2e_of, compute, compute_records
from localaction.core.inventory.model import (
    ActivityRecord,
    BoundaryType,
    CheckResult,
    CustomFactor,
    GpcLineInput,
    Inventory,
    InventoryResult,
    Level,
    LineResult,
    Method,
    NotationKey,
    Period,
    Quality,
    RecordResult,
    ReportedTotals,
    Severity,
    Totals,
)
from localaction.core.inventory.totals import totals_from_values

__all__ = [
    "ActivityRecord",
    "BoundaryType",
    "CheckResult",
    "CustomFactor",
    "GpcLineInput",
    "Inventory",
    "InventoryResult",
    "Level",
    "LineResult",
    "Method",
    "NotationKey",
    "Period",
    "Quality",
    "RecordResult",
    "ReportedTotals",
    "Severity",
    "Totals",
    "co2e_of",
    "compare_years",
    "compute",
    "compute_records",
    "totals_from_values",
]
