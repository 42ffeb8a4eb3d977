"""The registry's domain errors: defined in ``core.errors`` (with the one status table) and named here for
the registry's modules."""

from __future__ import annotations

from localaction.core.errors import (
    ChecksFailed,
    Conflict,
    InvalidTransition,
    NotFound,
    PermissionDenied,
    ValidationFailed,
)

__all__ = [
    "ChecksFailed",
    "Conflict",
    "InvalidTransition",
    "NotFound",
    "PermissionDenied",
    "ValidationFailed",
]
