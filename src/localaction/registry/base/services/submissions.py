"""Use-cases shared by every submission kind: create a draft, update its fields, list what a user may see.

Each kind (``registry.base.kinds``) says which fields these use-cases may set and what else makes a value
invalid; the kinds share the inventories' life: drafts edited by the jurisdiction, the MRV workflow
(``services.workflow``), corrections as new versions.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import transaction

from localaction.core.catalog import gpc_refs
from localaction.core.errors import Detail
from localaction.registry.base import access, audit, kinds
from localaction.registry.base.access import Actor
from localaction.registry.base.errors import ValidationFailed
from localaction.registry.base.models import Submission
from localaction.registry.base.services.common import (
    Ref,
    apply,
    claim,
    get_visible,
    pk_of,
    require_edit,
    save,
    stamp_created,
    validated,
)
from localaction.registry.base.services.jurisdictions import get_jurisdiction

S = TypeVar("S", bound=Submission)

_SECTORS = frozenset({"I", "II", "III", "IV", "V", "VI"})
_LIST_FIELDS = (
    "gases",
    "gpc_sectors",
    "interim_targets",
    "co_benefits",
    "sdgs",
    "hazards_addressed",
    "vulnerable_groups",
    "affected_sectors",
)


def gpc_sector_problems(obj: Any) -> list[Detail]:
    """``gpc_sectors`` must name GPC sectors (I … VI), sub-sectors or reference numbers."""
    refs = gpc_refs()
    subsectors = {m.subsector_code for m in refs.values()}
    return [
        Detail(("gpc_sectors",), f"{s!r} is not a GPC sector (I … VI), sub-sector or reference number")
        for s in obj.gpc_sectors
        if s not in _SECTORS and s not in refs and s not in subsectors
    ]


def _problems(obj: Submission) -> list[Detail]:
    lists = [
        Detail((name,), "must be a list")
        for name in _LIST_FIELDS
        if hasattr(obj, name) and not isinstance(getattr(obj, name), list)
    ]
    try:
        own = kinds.of(obj).problems(obj)
    except (TypeError, AttributeError):  # malformed lists: reported above
        own = []
    return own + lists


def _check(obj: Submission) -> None:
    validated(obj, exclude=["jurisdiction", "supersedes"])
    problems = _problems(obj)
    if problems:
        raise ValidationFailed(f"invalid {obj._meta.verbose_name}", details=problems)


@transaction.atomic
def create_submission(user: Actor, model: type[S], jurisdiction: Ref | str, **fields: Any) -> S:
    """A new draft of ``model`` (Target, Commitment, Action or HazardAssessment) for a jurisdiction."""
    jur = get_jurisdiction(jurisdiction)
    access.require_create_in(user, jur, f"a {model._meta.verbose_name}")
    data_source = fields.pop("data_source", "entered")
    obj = model(jurisdiction=jur, data_source=data_source)
    apply(obj, fields, kinds.of(model).fields)
    stamp_created(obj, user)
    _check(obj)
    obj.save()
    audit.record(user, "create", obj, None, audit.snapshot(obj))
    return obj


@transaction.atomic
def update_submission(user: Actor, obj: S, *, revision: int, **changes: Any) -> S:
    current = get_visible(user, type(obj), pk_of(obj))
    require_edit(user, current)
    before = audit.snapshot(current)
    claim(current, revision)
    apply(current, changes, kinds.of(current).fields)
    _check(current)
    save(current, user)
    b, a = audit.changed(before, audit.snapshot(current))
    audit.record(user, "update", current, b, a)
    return current


def visible(user: Actor, model: type[S], jurisdiction: Ref | str | None = None) -> Any:
    qs = access.visible_to(user, model.objects.select_related("jurisdiction"))
    if jurisdiction is not None:
        qs = qs.filter(jurisdiction_id=get_jurisdiction(jurisdiction).pk)
    return qs
