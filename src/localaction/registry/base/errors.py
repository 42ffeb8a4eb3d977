"""The registry's domain errors (stable codes; the API maps them to HTTP statuses in one place)."""

from __future__ import annotations

from localaction.core.errors import Detail, InputError, LocalActionError, NotFound

__all__ = [
    "ChecksFailed",
    "Conflict",
    "InvalidTransition",
    "NotFound",
    "PermissionDenied",
    "ValidationFailed",
]


class PermissionDenied(LocalActionError):
    """The user may not do this (HTTP 403). Invisible objects raise NotFound instead, so as not to leak them."""

    default_code = "forbidden"


class Conflict(LocalActionError):
    """The write quoted a stale revision (HTTP 409); nothing was changed."""

    default_code = "stale_version"

    def __init__(
        self,
        message: str,
        code: str | None = None,
        details: list[Detail] | None = None,
        current_revision: int | None = None,
    ):
        super().__init__(message, code, details)
        self.current_revision = current_revision

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.message, self.code, self.details, self.current_revision))


class InvalidTransition(LocalActionError):
    """The action is not possible from the current state (HTTP 409)."""

    default_code = "invalid_transition"


class ChecksFailed(LocalActionError):
    """Error-level MRV checks block the submission (HTTP 422); ``details`` lists each check."""

    default_code = "checks_failed"


class ValidationFailed(InputError):
    """Field values the registry refuses (HTTP 422); ``details`` names every field."""

    default_code = "invalid_input"
