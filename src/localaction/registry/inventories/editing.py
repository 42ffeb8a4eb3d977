"""Use-cases behind the inventory editor: a record's result before it is saved (live calculation), importing
an activity-data file into a draft (contents and header in one transaction), and what a jurisdiction has due.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from localaction.core.inventory import compute_records
from localaction.core.inventory import model as im
from localaction.registry.base.access import Actor
from localaction.registry.base.services.common import Ref, require_edit
from localaction.registry.inventories import recompute as engine
from localaction.registry.inventories.models import Inventory
from localaction.registry.inventories.services import (
    get_inventory,
    parse_record,
    replace_contents,
    update_inventory,
)

# Header keys of an activity file that become inventory fields on import (the year stays the draft's).
IMPORTED_HEADER = ("gwp_set", "level", "region", "population", "boundary", "reporting_year")


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
def import_activity(
    user: Actor, inventory: Ref, parsed: im.Inventory, *, revision: int, source: str = ""
) -> Inventory:
    """Replace a draft's records and entered lines with a file's (all or nothing), and take the file's
    header (GWP set, level, region, population, boundary, reporting year) where it gives one. ``source``:
    the file's name, for the history."""
    inv = replace_contents(
        user, inventory, revision=revision, records=parsed.records, lines=parsed.lines, source=source
    )
    changes: dict[str, Any] = {}
    for name in IMPORTED_HEADER:
        value: Any = getattr(parsed, name, None)
        value = getattr(value, "value", value)  # enums (level) as their text
        if value not in (None, "") and value != getattr(inv, name):
            changes[name] = value
    if changes:
        inv = update_inventory(user, inv, revision=inv.revision, **changes)
    return inv
