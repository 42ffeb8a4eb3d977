"""Targets (with progress), commitments, actions and hazard assessments: outputs and inputs derived from
the models and the fields the services let a client set (``registry.base.kinds.fields_of``)."""

from __future__ import annotations

from typing import Any

from ninja import Schema
from pydantic import Field

from localaction.faces.api.schemas.common import SLUG, RevisionIn, SubmissionOut
from localaction.faces.api.schemas.derive import input_schema, model_schema
from localaction.registry.actions.models import Action
from localaction.registry.base.kinds import fields_of
from localaction.registry.base.models import Submission
from localaction.registry.hazards.models import HazardAssessment
from localaction.registry.targets.models import Commitment, Target


class ProgressOut(Schema):
    base_year: int
    base_tco2e: float
    target_year: int
    target_tco2e: float
    latest_year: int | None
    latest_tco2e: float | None
    achieved_pct: float | None
    expected_tco2e: float | None
    on_track: bool | None
    unit: str


class JurisdictionIn(Schema):
    jurisdiction: str = Field(
        min_length=1, max_length=100, pattern=SLUG, description="slug or id of the jurisdiction"
    )


class _Kind:
    def __init__(self, model: type[Submission], name: str) -> None:
        fields = fields_of(model)
        self.model = model
        self.out = model_schema(model, f"{name}Out", fields, base_class=SubmissionOut)
        self.create_in = input_schema(
            model, f"{name}CreateIn", fields, mode="create", base_class=JurisdictionIn
        )
        self.update_in = input_schema(model, f"{name}UpdateIn", fields, mode="update", base_class=RevisionIn)
        self.update_in.__doc__ = "Only the fields you send change; null clears a field that may be empty."


TARGET = _Kind(Target, "Target")
COMMITMENT = _Kind(Commitment, "Commitment")
ACTION = _Kind(Action, "Action")
HAZARD = _Kind(HazardAssessment, "Hazard")


class TargetOut(TARGET.out):  # type: ignore[name-defined,misc]
    progress: ProgressOut | None = None

    @staticmethod
    def resolve_progress(obj: Any) -> Any:
        return getattr(obj, "progress", None)
