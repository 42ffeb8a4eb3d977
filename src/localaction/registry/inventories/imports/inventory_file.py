"""One file into one draft inventory: activity data (the activity template) or GPC lines."""

from __future__ import annotations

from pathlib import Path

from localaction.core.errors import Detail
from localaction.core.inventory.activity_io import read_activity_file
from localaction.core.inventory.lines_io import read_lines_file
from localaction.registry.base.access import Actor
from localaction.registry.base.errors import ValidationFailed
from localaction.registry.inventories import services
from localaction.registry.inventories.editing import import_activity
from localaction.registry.inventories.models import Inventory


def import_into(
    user: Actor, inventory: Inventory, path: Path, *, kind: str, revision: int
) -> tuple[Inventory, int, int]:
    """Replace the draft's contents with the file's (all or nothing). Returns the version, records, lines."""
    if kind == "activity":
        parsed = read_activity_file(path)
        inv = import_activity(user, inventory, parsed, revision=revision)
        return inv, len(parsed.records), len(parsed.lines)
    found = read_lines_file(path)
    if len(found) != 1:
        raise ValidationFailed(
            f"{path.name} holds {len(found)} inventories; upload the lines of one city and year",
            details=[Detail((path.name, "City"), f"{f.city} {f.year_label}") for f in found[:20]],
        )
    one = found[0].inventory
    if one.period.year != inventory.year:
        raise ValidationFailed(
            f"{path.name} is for {one.period.year}; this inventory is {inventory.year}",
            details=[Detail((path.name, "Year"), f"expected {inventory.year}")],
        )
    inv = services.replace_contents(user, inventory, revision=revision, lines=one.lines)
    return inv, 0, len(one.lines)
