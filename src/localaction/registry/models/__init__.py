"""The registry's models (one module per aggregate)."""

from localaction.registry.models.actions import Action, ActionStatus, ActionType
from localaction.registry.models.audit import AuditEntry
from localaction.registry.models.base import HardDeleteRefused, State, Submission, VerificationStatus
from localaction.registry.models.comments import ReviewComment
from localaction.registry.models.hazards import HazardAssessment, Rating, Timeframe
from localaction.registry.models.inventories import ActivityRecord, GpcLine, Inventory
from localaction.registry.models.jurisdictions import (
    Jurisdiction,
    JurisdictionIdentifier,
    JurisdictionKind,
    JurisdictionStat,
)
from localaction.registry.models.people import (
    ApiToken,
    JurisdictionRole,
    Membership,
    SecretariatRole,
    SecretariatRoleName,
    TokenScope,
    User,
)
from localaction.registry.models.targets import Commitment, CommitmentKind, Target, TargetKind

__all__ = [
    "Action",
    "ActionStatus",
    "ActionType",
    "ActivityRecord",
    "ApiToken",
    "AuditEntry",
    "Commitment",
    "CommitmentKind",
    "GpcLine",
    "HardDeleteRefused",
    "HazardAssessment",
    "Inventory",
    "Jurisdiction",
    "JurisdictionIdentifier",
    "JurisdictionKind",
    "JurisdictionRole",
    "JurisdictionStat",
    "Membership",
    "Rating",
    "ReviewComment",
    "SecretariatRole",
    "SecretariatRoleName",
    "State",
    "Submission",
    "Target",
    "TargetKind",
    "Timeframe",
    "TokenScope",
    "User",
    "VerificationStatus",
]
