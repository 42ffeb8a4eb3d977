"""Errors shared by every layer, and the ONE table of what each means to a face (HTTP status, CLI exit).

Every domain error carries a stable ``code``, a human ``message`` that says what to do, and the
places (file, row, field) it concerns. Faces (CLI, API, web) map them to output in one place each.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Detail:
    """One problem: where it is (``loc``, e.g. ``("file.csv", "row 12", "unit")``) and what is wrong."""

    loc: tuple[str | int, ...]
    msg: str

    def as_dict(self) -> dict[str, object]:
        return {"loc": list(self.loc), "msg": self.msg}

    def __str__(self) -> str:
        where = ", ".join(str(p) for p in self.loc)
        return f"{where}: {self.msg}" if where else self.msg


class LocalActionError(Exception):
    """Base error: ``code`` is stable, ``message`` is for people, ``details`` lists every problem."""

    default_code = "error"

    def __init__(self, message: str, code: str | None = None, details: list[Detail] | None = None):
        super().__init__(message)
        self.message = message
        self.code = code or self.default_code
        self.details = list(details or [])

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.message, self.code, self.details))

    def __str__(self) -> str:
        if not self.details:
            return self.message
        lines = [self.message] + [f"  {d}" for d in self.details[:50]]
        if len(self.details) > 50:
            lines.append(f"  … and {len(self.details) - 50} more")
        return "\n".join(lines)

    def as_dict(self) -> dict[str, object]:
        return {
            "error": {
                "code": self.code,
                "message": self.message,
                "details": [d.as_dict() for d in self.details],
            }
        }


class InputError(LocalActionError):
    """Bad input (a file, a row, a field, a value): the fix is the user's."""

    default_code = "invalid_input"


class NotFound(LocalActionError):
    default_code = "not_found"


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


# Most specific first: the first matching class decides. The API answers with this status, the web shows
# the page for it, the CLI exits with 2 for every domain error (bad input or a refused action).
HTTP_STATUS: tuple[tuple[type[LocalActionError], int], ...] = (
    (NotFound, 404),
    (PermissionDenied, 403),
    (Conflict, 409),
    (InvalidTransition, 409),
    (ChecksFailed, 422),
    (InputError, 422),
    (LocalActionError, 422),
)


def http_status(exc: LocalActionError) -> int:
    """The HTTP status of a domain error (``HTTP_STATUS``)."""
    return next(status for cls, status in HTTP_STATUS if isinstance(exc, cls))
