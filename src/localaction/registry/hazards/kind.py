"""Hazard assessments as a submission kind: the fields the shared use-cases may set."""

from __future__ import annotations

from localaction.registry.base import kinds
from localaction.registry.hazards.models import HazardAssessment

HAZARD_FIELDS = (
    "hazard_type",
    "hazard_subtype",
    "probability",
    "magnitude",
    "timeframe",
    "vulnerable_groups",
    "affected_sectors",
    "description",
)


def register() -> None:
    kinds.register(kinds.Kind("hazard", HazardAssessment, fields=HAZARD_FIELDS, generic_pages=True))
