"""Use-cases for hazard assessments (the shared create/update/workflow use-cases do the work)."""

from __future__ import annotations

from typing import Any

from localaction.registry.base.access import Actor
from localaction.registry.base.services.common import Ref
from localaction.registry.base.services.submissions import create_submission
from localaction.registry.hazards.models import HazardAssessment


def create_hazard(user: Actor, jurisdiction: Ref | str, **fields: Any) -> HazardAssessment:
    return create_submission(user, HazardAssessment, jurisdiction, **fields)
