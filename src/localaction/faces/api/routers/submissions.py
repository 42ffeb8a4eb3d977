"""The routes every reported thing shares (inventories, targets, commitments, actions, hazards): list, read,
create and edit drafts, workflow transitions, corrections, soft delete, review comments.

Views stay thin: parse, call one registry use-case (or an ``access`` queryset), render. Visibility and roles
are the registry's: an invisible draft is 404, a visible one you may not touch is 403.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from localaction.core.errors import NotFound
from localaction.faces.api.auth import READ_AUTH, WRITE_AUTH, actor
from localaction.faces.api.params import Id, Revision
from localaction.faces.api.render import Paging, as_rows, csv_response, paginate
from localaction.faces.api.schemas.common import (
    MAX_INT,
    CommentIn,
    CommentOut,
    CorrectionIn,
    ErrorOut,
    Page,
    TransitionIn,
)
from localaction.registry import services
from localaction.registry.base.models import Submission
from localaction.registry.base.services.common import get_visible

READ_ERRORS: dict[int, Any] = {404: ErrorOut, 422: ErrorOut}
WRITE_ERRORS: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
# Reads that need a signed-in caller.
MEMBER_READ_ERRORS: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


class ListFilters(Paging):
    jurisdiction: str = Field("", max_length=100, pattern=r"^[A-Za-z0-9_-]*$", description="slug or id")
    state: str = Field("", max_length=20, description="e.g. published, draft (drafts: members only)")
    current: bool = Field(False, description="only versions no correction has replaced")
    format: Literal["json", "csv"] = Field("json", description="csv: the same page as CSV")


@dataclass
class Kind:
    """One aggregate exposed over the API."""

    path: str  # "targets"
    one: str  # "target": operationIds read list_targets, get_target, update_target …
    model: type[Submission]
    out: type[Schema]
    create_in: type[Schema]
    update_in: type[Schema]
    create: Callable[..., Submission]
    update: Callable[..., Submission]
    decorate: Callable[[Any, list[Any]], None] = lambda user, objs: None  # e.g. target progress
    detail_out: type[Schema] | None = None
    load_detail: Callable[[Any], None] = lambda obj: None  # e.g. the inventory's GPC table


def _visible(request: HttpRequest, kind: Kind, filters: ListFilters) -> Any:
    jur = filters.jurisdiction or None
    if jur is not None and jur.isdigit() and int(jur) > MAX_INT:
        raise NotFound(f"jurisdiction {jur!r} not found")
    qs = services.visible(actor(request), kind.model, jur).select_related("jurisdiction")
    if filters.state:
        qs = qs.filter(state=filters.state)
    if filters.current:
        qs = qs.filter(superseded_at__isnull=True)
    return qs.order_by("jurisdiction__name_ascii", "-id")


def _get(request: HttpRequest, kind: Kind, obj_id: int) -> Any:
    obj = get_visible(actor(request), kind.model, obj_id)
    kind.decorate(actor(request), [obj])
    kind.load_detail(obj)
    return obj


def add_routes(router: Router, kind: Kind, list_filters: type[ListFilters] = ListFilters) -> None:
    """The shared routes of ``kind`` on ``router`` (mounted at ``/<kind.path>``)."""
    name, one = kind.path, kind.one
    detail = kind.detail_out or kind.out

    page_out: Any = Page[kind.out]  # type: ignore[name-defined]

    @router.get(
        "/",
        response={200: page_out, **READ_ERRORS},
        auth=READ_AUTH,
        operation_id=f"list_{name}",
        summary=f"List {name} (published; drafts for members)",
        description="Paged (`limit`, `offset`; `next`/`previous` and a Link header). `format=csv` answers "
        "the same page as CSV.",
    )
    def list_(request: HttpRequest, filters: Query[list_filters]) -> Any:  # type: ignore[valid-type]
        filters_: Any = filters
        qs = _visible(request, kind, filters_)
        qs = qs.filter(**filters_.extra()) if hasattr(filters_, "extra") else qs
        page = paginate(request, qs, filters_.limit, filters_.offset)
        kind.decorate(actor(request), page["items"])
        if filters_.format == "csv":
            rows = as_rows(kind.out, page["items"], {"request": request})
            return csv_response(f"{name}.csv", list(kind.out.model_fields), rows)
        return page

    @router.get(
        "/{id}",
        response={200: detail, **READ_ERRORS},
        auth=READ_AUTH,
        operation_id=f"get_{one}",
        summary=f"One version of a {kind.model._meta.verbose_name}",
    )
    def get_(request: HttpRequest, id: Id) -> Any:
        return _get(request, kind, id)

    @router.post(
        "/",
        response={201: kind.out, **WRITE_ERRORS},
        auth=WRITE_AUTH,
        operation_id=f"create_{one}",
        summary="Start a new draft (editors and approvers)",
    )
    def create_(request: HttpRequest, payload: kind.create_in) -> Any:  # type: ignore[name-defined]
        data = payload.model_dump(exclude_unset=True)
        jur = data.pop("jurisdiction")
        obj = kind.create(actor(request), jur, **data)
        kind.decorate(actor(request), [obj])
        return Status(201, obj)

    @router.patch(
        "/{id}",
        response={200: kind.out, **WRITE_ERRORS},
        auth=WRITE_AUTH,
        operation_id=f"update_{one}",
        summary="Edit a draft: only the fields you send change; quote the revision you read",
        description="A field left out keeps its value; `null` clears a field that may be empty. "
        "A stale `revision` gets 409 and changes nothing.",
    )
    def update_(request: HttpRequest, id: Id, payload: kind.update_in) -> Any:  # type: ignore[name-defined]
        data = payload.model_dump(exclude_unset=True)
        revision = data.pop("revision")
        obj = get_visible(actor(request), kind.model, id)
        obj = kind.update(actor(request), obj, revision=revision, **data)
        kind.decorate(actor(request), [obj])
        return obj

    @router.delete(
        "/{id}",
        response={204: None, **WRITE_ERRORS},
        auth=WRITE_AUTH,
        operation_id=f"delete_{one}",
        summary="Soft-delete a draft or withdrawn version",
    )
    def delete_(request: HttpRequest, id: Id, revision: Revision) -> Any:
        obj = get_visible(actor(request), kind.model, id)
        services.delete_submission(actor(request), obj, revision=revision)
        return Status(204, None)

    @router.post(
        "/{id}/transitions",
        response={200: kind.out, **WRITE_ERRORS},
        auth=WRITE_AUTH,
        operation_id=f"transition_{one}",
        summary="Move through the MRV workflow (submit, request_changes, validate, verify, publish, "
        "withdraw, reopen)",
    )
    def transition_(request: HttpRequest, id: Id, payload: TransitionIn) -> Any:
        obj = get_visible(actor(request), kind.model, id)
        obj = services.transition(
            actor(request),
            obj,
            payload.action,
            revision=payload.revision,
            comment=payload.comment,
            override_reason=payload.override_reason,
            comments_override=payload.comments_override,
            declared=payload.declare,
        )
        kind.decorate(actor(request), [obj])
        return obj

    @router.post(
        "/{id}/corrections",
        response={201: kind.out, **WRITE_ERRORS},
        auth=WRITE_AUTH,
        operation_id=f"correct_{one}",
        summary="Open a correction (a new draft version) of a published one",
    )
    def correct_(request: HttpRequest, id: Id, payload: CorrectionIn) -> Any:
        obj = get_visible(actor(request), kind.model, id)
        new = services.open_correction(actor(request), obj, comment=payload.comment)
        kind.decorate(actor(request), [new])
        return Status(201, new)

    @router.get(
        "/{id}/comments",
        response={200: list[CommentOut], **MEMBER_READ_ERRORS},
        auth=WRITE_AUTH,
        operation_id=f"list_{one}_comments",
        summary="Review comments (members and the secretariat)",
    )
    def comments_(request: HttpRequest, id: Id) -> Any:
        obj = get_visible(actor(request), kind.model, id)
        return list(services.comments_on(actor(request), obj))

    @router.post(
        "/{id}/comments",
        response={201: CommentOut, **WRITE_ERRORS},
        auth=WRITE_AUTH,
        operation_id=f"add_{one}_comment",
        summary="Add a review comment",
    )
    def comment_(request: HttpRequest, id: Id, payload: CommentIn) -> Any:
        obj = get_visible(actor(request), kind.model, id)
        return Status(201, services.add_comment(actor(request), obj, payload.body, gpc_ref=payload.gpc_ref))
