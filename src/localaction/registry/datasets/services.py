"""The datasets feature's use-cases, for the faces: load and list datasets, prefill a draft from them
(suggestions, accept, reject, accept a sector), and cross-check a version (run, read, explain, public)."""

from localaction.registry.datasets.crosschecks import (
    SOURCE_CAVEATS,
    check_now,
    crosscheck_of,
    explain,
    latest_run,
    public_comparisons,
)
from localaction.registry.datasets.loading import datasets, load_dataset
from localaction.registry.datasets.suggestions import (
    Prefill,
    SectorResult,
    accept,
    accept_sector,
    prefill_of,
    refresh,
    reject,
)

__all__ = [
    "SOURCE_CAVEATS",
    "Prefill",
    "SectorResult",
    "accept",
    "accept_sector",
    "check_now",
    "crosscheck_of",
    "datasets",
    "explain",
    "latest_run",
    "load_dataset",
    "prefill_of",
    "public_comparisons",
    "refresh",
    "reject",
]
