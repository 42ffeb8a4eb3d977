"""Reference data, loaded and validated once: GPC reference numbers, GWP sets, units, emission factors.

Pure Python: no Django, no database. Every table lives under ``catalog/data/`` with a source on each row.
"""

from localaction.core.catalog.gpc import GpcRef, gpc_ref, gpc_refs, normalise_gpc_ref
from localaction.core.catalog.gwp import GASES, GWP_SETS, gwp, gwp_table

__all__ = [
    "GASES",
    "GWP_SETS",
    "GpcRef",
    "gpc_ref",
    "gpc_refs",
    "gwp",
    "gwp_table",
    "normalise_gpc_ref",
]
