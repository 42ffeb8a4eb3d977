"""Review comments: on a whole submission or on one GPC line; between a jurisdiction and the secretariat."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from localaction.core.catalog import normalise_gpc_ref
from localaction.registry.base import access, audit, kinds
from localaction.registry.base.access import Actor
from localaction.registry.base.errors import NotFound, PermissionDenied, ValidationFailed
from localaction.registry.base.models import Membership, ReviewComment, Submission
from localaction.registry.base.services.common import get_visible, pk_of


@transaction.atomic
def add_comment(user: Actor, obj: Submission, body: str, *, gpc_ref: str = "") -> ReviewComment:
    """Comment on ``obj`` (``gpc_ref`` empty) or on one of its lines (inventories only)."""
    current = get_visible(user, type(obj), pk_of(obj))
    if not access.can_comment(user, current):
        raise PermissionDenied(
            f"only {current.jurisdiction}'s members and the secretariat can comment on {current}"
        )
    if not body.strip():
        raise ValidationFailed("a comment needs some text")
    author = access.as_user(user)
    if author is None:
        raise PermissionDenied("sign in to comment")
    ref = ""
    if gpc_ref:
        if not kinds.of(current).line_comments:
            raise ValidationFailed(f"a {kinds.of(current).label} has no lines to comment on")
        ref = normalise_gpc_ref(gpc_ref)
    comment = ReviewComment.objects.create(
        content_type=ContentType.objects.get_for_model(current),
        object_id=current.pk,
        jurisdiction_id=current.jurisdiction_id,
        gpc_ref=ref,
        author=author,
        body=body.strip(),
    )
    audit.record(user, "comment", comment, None, audit.snapshot(comment))
    return comment


def comments_on(user: Actor, obj: Submission, *, gpc_ref: str | None = None) -> Any:
    """The comments ``user`` may read on ``obj`` (all, or one line's), oldest first."""
    current = get_visible(user, type(obj), pk_of(obj))
    qs = access.comments_visible_to(
        user,
        ReviewComment.objects.filter(
            content_type=ContentType.objects.get_for_model(current), object_id=current.pk
        ),
    )
    if gpc_ref is not None:
        qs = qs.filter(gpc_ref=normalise_gpc_ref(gpc_ref) if gpc_ref else "")
    return qs.select_related("author").order_by("created_at", "id")


@transaction.atomic
def delete_comment(user: Actor, comment: ReviewComment | int) -> None:
    """Soft-delete: the author, or a secretariat admin."""
    row = access.comments_visible_to(user).filter(pk=pk_of(comment)).first()
    if row is None:
        raise NotFound(f"comment {pk_of(comment)} not found")
    me = access.as_user(user)
    if not (me is not None and row.author_id == me.pk) and not access.is_admin(user):
        raise PermissionDenied("only its author or a secretariat admin can delete a comment")
    before = audit.snapshot(row)
    row.deleted_at = audit.now()
    row.deleted_by = me
    row.save(update_fields=["deleted_at", "deleted_by"])
    b, a = audit.changed(before, audit.snapshot(row))
    audit.record(user, "delete", row, b, a)


def unanswered_comments(obj: Submission) -> list[ReviewComment]:
    """The review comments nobody from the city has answered yet, oldest first.

    A thread is one submission's comments on one GPC line (or on the whole submission). A comment by the
    secretariat (its author has no role in the submission's jurisdiction) is answered once a member of the
    jurisdiction comments later in the same thread, or later on the whole submission (the city's general
    answer: the editor's comment box is on the whole submission). Validating and publishing over an open comment needs a
    written reason (``services.transition(..., comments_override=...)``), audited.
    """
    rows = list(
        ReviewComment.objects.filter(
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True),
            object_id=obj.pk,
            deleted_at__isnull=True,
        )
        .select_related("author")
        .order_by("created_at", "id")
    )
    if not rows:
        return []
    city = set(
        Membership.objects.filter(
            jurisdiction_id=obj.jurisdiction_id,
            deleted_at__isnull=True,
            user_id__in={c.author_id for c in rows},
        ).values_list("user_id", flat=True)
    )
    waiting: dict[str, list[ReviewComment]] = {}
    for c in rows:
        if c.author_id in city and not c.gpc_ref:
            waiting.clear()  # the city's answer on the whole submission answers everything before it
        elif c.author_id in city:
            waiting[c.gpc_ref] = []  # the city answered everything before in this thread
        else:
            waiting.setdefault(c.gpc_ref, []).append(c)
    return sorted((c for thread in waiting.values() for c in thread), key=lambda c: (c.created_at, c.pk))
