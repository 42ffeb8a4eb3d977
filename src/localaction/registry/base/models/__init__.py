"""The registry's shared models: jurisdictions, people, the submission base, audit and review comments.

The submission kinds live with their feature (``registry.inventories``, ``registry.targets``,
``registry.actions``, ``registry.hazards``); their tables keep the ``registry`` app label.
"""

from localaction.registry.base.models.audit import AuditEntry, FourEyesOverride
from localaction.registry.base.models.comments import ReviewComment
from localaction.registry.base.models.jurisdictions import (
    Jurisdiction,
    JurisdictionIdentifier,
    JurisdictionKind,
    JurisdictionStat,
)
from localaction.registry.base.models.people import (
    ApiToken,
    JurisdictionRole,
    Membership,
    SecretariatRole,
    SecretariatRoleName,
    TokenScope,
    User,
)
from localaction.registry.base.models.submissions import (
    HardDeleteRefused,
    State,
    Submission,
    VerificationStatus,
)

__all__ = [
    "ApiToken",
    "AuditEntry",
    "FourEyesOverride",
    "HardDeleteRefused",
    "Jurisdiction",
    "JurisdictionIdentifier",
    "JurisdictionKind",
    "JurisdictionRole",
    "JurisdictionStat",
    "Membership",
    "ReviewComment",
    "SecretariatRole",
    "SecretariatRoleName",
    "State",
    "Submission",
    "TokenScope",
    "User",
    "VerificationStatus",
]
