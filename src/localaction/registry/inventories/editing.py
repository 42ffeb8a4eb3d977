"""Use-cases behind the inventory editor: a record's result before it is saved (live calculation), importing
an activity-data file into a draft (contents and header in one transaction), and what a jurisdiction has due.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from localaction.core import clock
from localaction.core.inventory import compute_records
from localaction.core.inventory import model as im
from localaction.registry.base import access
from localaction.registry.base.access import Actor
from localaction.registry.base.models import Jurisdiction, ReviewComment, State
from localaction.registry.base.services.common import Ref
from localaction.registry.hazards.models import HazardAssessment
from localaction.registry.inventories import recompute as engine
from localaction.registry.inventories.models import Inventory
from localaction.registry.inventories.services import (
    get_inventory,
    parse_record,
    replace_contents,
    require_edit,
    update_inventory,
)
from localaction.registry.targets.models import Target

# Header keys of an activity file that become inventory fields on import (the year stays the draft's).
IMPORTED_HEADER = ("gwp_set", "level", "region", "population", "boundary", "reporting_year")
# An inventory is due again this many years after its year (GCoM: renewed every 3 years).
INVENTORY_MAX_AGE_YEARS = 3


def preview_record(
    user: Actor, inventory: Ref, record: im.ActivityRecord | Mapping[str, Any]
) -> im.RecordResult:
    """The engine's result for one record in the context of a draft (its GWP set, region and year), without
    storing anything. Raises the engine's InputError when the record cannot be computed."""
    inv = get_inventory(user, inventory)
    require_edit(user, inv)
    rec = parse_record(record)
    context = engine.to_engine(inv).model_copy(update={"records": [rec], "lines": []})
    results = compute_records(context)
    own = [r for r in results if r.record_id == rec.record_id]
    main = own[0] if own else results[0]
    if len(results) > 1:  # e.g. grid energy's T&D losses on the scope-3 line
        extra = [r for r in results if r is not main]
        main = main.model_copy(
            update={
                "steps": [*main.steps, *(s for r in extra for s in r.steps)],
                "factors": [*main.factors, *(f for r in extra for f in r.factors)],
            }
        )
    return main


@transaction.atomic
def import_activity(user: Actor, inventory: Ref, parsed: im.Inventory, *, revision: int) -> Inventory:
    """Replace a draft's records and entered lines with a file's (all or nothing), and take the file's
    header (GWP set, level, region, population, boundary, reporting year) where it gives one."""
    inv = replace_contents(user, inventory, revision=revision, records=parsed.records, lines=parsed.lines)
    changes: dict[str, Any] = {}
    for name in IMPORTED_HEADER:
        value: Any = getattr(parsed, name, None)
        value = getattr(value, "value", value)  # enums (level) as their text
        if value not in (None, "") and value != getattr(inv, name):
            changes[name] = value
    if changes:
        inv = update_inventory(user, inv, revision=inv.revision, **changes)
    return inv


@dataclass
class Due:
    code: str  # stable: "inventory_missing", "inventory_old", "target_missing", "hazards_missing", …
    message: str
    obj: Any = None


def due_items(user: Actor, jurisdiction: Jurisdiction, *, today: dt.date | None = None) -> list[Due]:
    """What a jurisdiction should do next (for its members): an inventory older than three years, no target,
    no hazard assessment, drafts blocked by checks, versions sent back for changes."""
    year = (today or clock.today()).year
    visible_inv = access.visible_to(user, Inventory.objects.filter(jurisdiction=jurisdiction))
    out: list[Due] = []
    published = visible_inv.filter(state=State.PUBLISHED).order_by("-year").first()
    if published is None:
        out.append(Due("inventory_missing", "No published inventory yet: compile one and submit it."))
    elif year - published.year > INVENTORY_MAX_AGE_YEARS:
        out.append(
            Due(
                "inventory_old",
                f"The latest published inventory is for {published.year}: inventories are due every "
                f"{INVENTORY_MAX_AGE_YEARS} years.",
                published,
            )
        )
    if not access.visible_to(user, Target.objects.filter(jurisdiction=jurisdiction)).exists():
        out.append(Due("target_missing", "No emissions target yet: add one."))
    if not access.visible_to(user, HazardAssessment.objects.filter(jurisdiction=jurisdiction)).exists():
        out.append(Due("hazards_missing", "No climate hazards assessed yet: add the main ones."))
    for inv in visible_inv.filter(state=State.CHANGES_REQUESTED):
        out.append(Due("changes_requested", f"The reviewer asked for changes to {inv}.", inv))
    for inv in visible_inv.filter(state=State.DRAFT, check_errors__gt=0):
        out.append(Due("checks_failing", f"{inv} has {inv.check_errors} failing check(s).", inv))
    return out


def open_comments(user: Actor, jurisdiction: Jurisdiction) -> list[ReviewComment]:
    """Review comments on the jurisdiction's versions still being worked on (not published or withdrawn)."""
    rows = list(
        access.comments_visible_to(user, ReviewComment.objects.filter(jurisdiction=jurisdiction))
        .select_related("author", "content_type")
        .order_by("-created_at")[:50]
    )
    out = []
    for c in rows:
        obj = c.submission
        if obj is not None and getattr(obj, "state", None) in (
            State.DRAFT,
            State.SUBMITTED,
            State.CHANGES_REQUESTED,
        ):
            out.append(c)
    return out
