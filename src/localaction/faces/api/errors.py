"""The ONE place mapping errors to HTTP statuses and the error shape
``{"error": {"code", "message", "details": [{"loc", "msg"}]}}``.

Domain errors (``LocalActionError`` subclasses) map by class; ninja's request validation becomes 422 with
the field named; authentication 401; anything unexpected 500 (logged, the same shape, no internals).
"""

from __future__ import annotations

import logging
from typing import Any

import pydantic
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db import DataError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from localaction.core.errors import InputError, LocalActionError, NotFound
from localaction.registry.base.errors import ChecksFailed, Conflict, InvalidTransition, PermissionDenied
from localaction.registry.base.models import HardDeleteRefused

log = logging.getLogger("localaction.faces.api")

# Most specific first: the first matching class decides the status.
STATUS: tuple[tuple[type[LocalActionError], int], ...] = (
    (NotFound, 404),
    (PermissionDenied, 403),
    (Conflict, 409),
    (InvalidTransition, 409),
    (HardDeleteRefused, 409),
    (ChecksFailed, 422),
    (InputError, 422),
    (LocalActionError, 422),
)
_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    422: "invalid_input",
    429: "throttled",
}


def error_body(code: str, message: str, details: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "details": details or []}}


def error_response(
    status: int, code: str, message: str, details: list[dict[str, Any]] | None = None
) -> JsonResponse:
    return JsonResponse(error_body(code, message, details), status=status)


def status_of(exc: LocalActionError) -> int:
    return next(status for cls, status in STATUS if isinstance(exc, cls))


def _loc(loc: Any) -> list[Any]:
    # ninja prefixes the parameter source ("body", "query", "path") and the parameter name: keep the source,
    # drop ninja's wrapper name so the client sees e.g. ["body", "year"].
    parts = list(loc) if isinstance(loc, list | tuple) else [loc]
    return [p if isinstance(p, int | str) else str(p) for p in parts]


def validation_details(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"loc": _loc(e.get("loc", ())), "msg": str(e.get("msg", "invalid"))} for e in errors]


def install(api: NinjaAPI) -> None:
    """Register the handlers on the API object."""

    @api.exception_handler(LocalActionError)
    def _domain(request: HttpRequest, exc: LocalActionError) -> HttpResponse:
        status = status_of(exc)
        body = exc.as_dict()
        response = JsonResponse(body, status=status)
        if isinstance(exc, Conflict) and exc.current_revision is not None:
            response["ETag"] = f'"{exc.current_revision}"'
        return response

    @api.exception_handler(NinjaValidationError)
    def _invalid(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        details = validation_details(exc.errors)
        fields = ", ".join(".".join(str(p) for p in d["loc"][1:] or d["loc"]) for d in details)
        return error_response(422, "invalid_input", f"invalid input: {fields or 'request'}", details)

    @api.exception_handler(pydantic.ValidationError)
    def _pydantic(request: HttpRequest, exc: pydantic.ValidationError) -> HttpResponse:
        details = validation_details(list(exc.errors()))  # type: ignore[arg-type]
        return error_response(422, "invalid_input", "invalid input", details)

    @api.exception_handler(AuthenticationError)
    def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        message = (
            str(exc) if str(exc) != "Unauthorized" else "sign in or send 'Authorization: Bearer <token>'"
        )
        response = error_response(401, "unauthorized", message)
        response["WWW-Authenticate"] = 'Bearer realm="localaction"'
        return response

    @api.exception_handler(HttpError)
    def _http(request: HttpRequest, exc: HttpError) -> HttpResponse:
        code = _HTTP_CODES.get(exc.status_code, "error")
        return error_response(exc.status_code, code, str(exc))

    @api.exception_handler(Http404)
    def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return error_response(404, "not_found", str(exc) or "not found")

    @api.exception_handler(DjangoPermissionDenied)
    def _denied(request: HttpRequest, exc: DjangoPermissionDenied) -> HttpResponse:
        return error_response(403, "forbidden", str(exc) or "forbidden")

    @api.exception_handler(DataError)
    def _data(request: HttpRequest, exc: DataError) -> HttpResponse:
        # The database refused a value the validation let through (a safety net: never a 500 for input).
        return error_response(422, "invalid_input", "a value is out of range or of the wrong type")

    @api.exception_handler(OverflowError)
    def _overflow(request: HttpRequest, exc: OverflowError) -> HttpResponse:
        return error_response(422, "invalid_input", "a number is too large")

    @api.exception_handler(Exception)
    def _unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
        log.exception("unexpected error on %s %s", request.method, request.path)
        return error_response(500, "internal_error", "something went wrong on our side; it has been logged")


def not_found_view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """Unknown paths under /api/v1/ answer in the error shape too."""
    return error_response(404, "not_found", f"no API endpoint at {request.path}; see /api/v1/docs")
