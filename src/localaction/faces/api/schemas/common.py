"""Shapes shared by every router: the error body, pages, and the submission's workflow columns."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Any, Generic, TypeVar

from ninja import Schema
from pydantic import BeforeValidator, Field

from localaction.faces.api.auth import actor
from localaction.registry.base import access

T = TypeVar("T")


class ErrorDetail(Schema):
    loc: list[str | int]
    msg: str


class ErrorBody(Schema):
    code: str = Field(description="stable machine-readable code, e.g. not_found, stale_version")
    message: str
    details: list[ErrorDetail]


class ErrorOut(Schema):
    error: ErrorBody


class Page(Schema, Generic[T]):
    count: int = Field(description="items matching the filters, all pages")
    limit: int
    offset: int
    next: str | None = Field(description="URL of the next page; null on the last")
    previous: str | None = Field(description="URL of the previous page; null on the first")
    items: list[T]


def _whole(value: Any) -> Any:
    # Populations are counts of people: stored as floats where a source gave decimals, shown as integers.
    return round(value) if isinstance(value, float) else value


Population = Annotated[int | None, BeforeValidator(_whole), Field(description="people (a whole number)")]


class SubmissionOut(Schema):
    """Workflow columns every reported thing has; ``revision`` is the value to quote when writing."""

    id: int
    jurisdiction: str = Field(description="the jurisdiction's slug")
    series: uuid.UUID
    version: int
    revision: int
    state: str
    verification_status: str
    data_source: str
    external_id: str
    supersedes_id: int | None = None
    superseded_at: dt.datetime | None = None
    submitted_at: dt.datetime | None = None
    validated_at: dt.datetime | None = None
    verified_at: dt.datetime | None = None
    published_at: dt.datetime | None = None
    created_at: dt.datetime
    updated_at: dt.datetime
    allowed_actions: list[str] = Field(description="what the caller may do now")

    @staticmethod
    def resolve_jurisdiction(obj: Any) -> str:
        return str(obj.jurisdiction.slug)

    @staticmethod
    def resolve_allowed_actions(obj: Any, context: dict[str, Any]) -> list[str]:
        return access.allowed_actions(actor(context["request"]), obj)


SLUG = r"^[A-Za-z0-9_-]+$"  # a jurisdiction's slug or id (ASCII: str.isdigit accepts other digits)
MAX_INT = 2**31 - 1  # ids and revisions beyond this are not ours (and overflow SQLite's INTEGER)


class RevisionIn(Schema):
    revision: int = Field(
        ge=0, le=MAX_INT, description="the revision you read; a stale one gets 409 and changes nothing"
    )


class TransitionIn(RevisionIn):
    action: str = Field(
        description="submit, request_changes, validate, verify, publish, withdraw or reopen",
        max_length=40,
    )
    comment: str = Field("", max_length=10_000)
    override_reason: str = Field(
        "",
        max_length=10_000,
        description="Secretariat admins only: why a four-eyes rule is overridden (audited, shown in public)",
    )
    comments_override: str = Field(
        "",
        max_length=10_000,
        description="validate, publish: why you go ahead over review comments the city has not answered "
        "(at least 15 characters; audited)",
    )
    declare: bool = Field(
        False,
        description="submit: true when the approver makes the submission's declaration (inventories: 'I "
        "declare that, to the best of my knowledge, this inventory is complete and correct …', as the web's "
        "submit form shows it); its text is stored in the audit entry. Required to submit an inventory.",
    )


class CorrectionIn(Schema):
    comment: str = Field("", max_length=10_000)


class CommentIn(Schema):
    body: str = Field(min_length=1, max_length=20_000)
    gpc_ref: str = Field("", max_length=20, description="comment on one GPC line (inventories)")


class CommentOut(Schema):
    id: int
    author: str
    gpc_ref: str
    body: str
    created_at: dt.datetime

    @staticmethod
    def resolve_author(obj: Any) -> str:
        return str(obj.author.username)


class Ping(Schema):
    ok: bool
