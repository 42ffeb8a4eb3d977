"""Replace a draft's contents with a file's without holding its row lock for the whole import.

*Stage*, outside any lock: the new records are validated, computed by the engine in the draft's context
(its GWP set, region, year, the previous year's published results) and written as hidden rows
(``staged_as`` = this import's token, ``deleted_at`` set, so no live query sees them and the live
``record_id`` constraint does not apply), in batches with progress.

*Swap*, one short transaction: take the row lock by compare-and-set of the revision the user quoted, retire
the live records, reveal the staged ones, write the entered lines, the header the file gives, the totals,
line results and checks, and the audit entry. An edit that lands between stage and swap moves the revision,
so the swap is refused (``Conflict``) and the staged rows are deleted: nothing of the import is stored.

A file of more than 2,000 records is computed once per distinct recipe (``core.inventory.recipes``).

A concurrent edit therefore waits for the swap only (about a second for 200,000 records), not for the
reading, computing and writing of the whole file; ``bench/import_bench.py --store`` measures both.
"""

from __future__ import annotations

import datetime as dt
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from localaction.core import clock
from localaction.core.inventory import compute
from localaction.core.inventory import model as im
from localaction.core.inventory.recipes import compute_records_by_recipe
from localaction.registry.base import access, audit
from localaction.registry.base.access import Actor
from localaction.registry.base.services.common import (
    Ref,
    apply,
    check_revision,
    claim,
    require_edit,
    save,
    validated,
)
from localaction.registry.inventories import recompute as engine
from localaction.registry.inventories.bulk_rows import insert_rows
from localaction.registry.inventories.models import ActivityRecord, GpcLine, Inventory
from localaction.registry.inventories.services import (
    INVENTORY_FIELDS,
    contents_snapshot,
    get_inventory,
    parse_line,
    parse_record,
    refuse_duplicates,
)

BATCH = 2000
# Above this many records, each distinct recipe is computed once (``core.inventory.recipes``): the same numbers,
# and records of a recipe point to the one whose trail shows the whole calculation.
SHARED_TRAIL_ABOVE = 2000
# Audit entries keep every record's before/after snapshot up to this size; above it, counts and the file
# (the replaced records stay in the table as soft-deleted rows, so nothing is lost).
AUDIT_SNAPSHOT_LIMIT = 1000
# Staged rows of an import that died between stage and swap are removed by the next import after this.
STALE_AFTER = dt.timedelta(hours=6)

Progress = Callable[[int], None]


@dataclass
class Replaced:
    """What a staged replacement did and how long it held the inventory's row lock."""

    inventory: Inventory
    records_before: int
    lines_before: int
    records: int
    lines: int
    stage_seconds: float
    lock_seconds: float


def current_contents(inv: Inventory) -> tuple[int, int]:
    """(live records, entered lines) of a version: what an import would replace."""
    return (
        inv.activity_records.filter(deleted_at__isnull=True).count(),
        inv.gpc_lines.filter(is_entered=True).count(),
    )


def replace_staged(
    user: Actor,
    inventory: Ref,
    *,
    revision: int,
    records: Sequence[im.ActivityRecord | Mapping[str, Any]] = (),
    lines: Sequence[im.GpcLineInput | Mapping[str, Any]] = (),
    header: Mapping[str, Any] | None = None,
    source: str = "",
    progress: Progress | None = None,
) -> Replaced:
    """Replace every record and entered line of a draft (and the header fields in ``header``): stage, swap.

    Raises Conflict when the draft changed since ``revision`` (before or during the staging), the engine's
    InputError when a record cannot be computed, ValidationFailed for invalid input; nothing is stored then.
    """
    t0 = time.perf_counter()
    inv = get_inventory(user, inventory)
    require_edit(user, inv)
    check_revision(inv, revision)
    new_records = [parse_record(r) for r in records]
    new_lines = [parse_line(ln) for ln in lines]
    refuse_duplicates([r.record_id for r in new_records], "record_id")
    refuse_duplicates([ln.gpc_ref for ln in new_lines], "gpc_ref")
    changes = dict(header or {})
    if changes:
        apply(inv, changes, INVENTORY_FIELDS)
        validated(inv)
    engine_input = engine.to_engine(inv, rows=[]).model_copy(
        update={"records": new_records, "lines": new_lines}
    )
    shared = compute_records_by_recipe(engine_input) if len(new_records) > SHARED_TRAIL_ABOVE else None
    result = compute(engine_input, previous=engine.previous_results(inv), record_results=shared)
    _remove_stale(inv)
    token = uuid.uuid4().hex
    _stage(inv, new_records, engine.record_results(result), token, progress)
    staged = time.perf_counter() - t0
    try:
        t1 = time.perf_counter()
        done = _swap(user, inv.pk, revision, token, new_lines, changes, result, len(new_records), source)
        locked = time.perf_counter() - t1
    except BaseException:
        _discard(ActivityRecord.all_objects.filter(inventory_id=inv.pk, staged_as=token))
        raise
    done.stage_seconds, done.lock_seconds = staged, locked
    return done


def _discard(staged: QuerySet[ActivityRecord]) -> None:
    # Rows are never hard-deleted, but staged rows were never live (never shown, never audited): removing
    # an abandoned stage deletes no one's data, so it bypasses the soft-delete guard on purpose.
    QuerySet.delete(staged.exclude(staged_as=""))


def _remove_stale(inv: Inventory) -> None:
    _discard(ActivityRecord.all_objects.filter(inventory_id=inv.pk, deleted_at__lt=clock.now() - STALE_AFTER))


def _stage(
    inv: Inventory,
    records: list[im.ActivityRecord],
    results: dict[str, dict[str, Any]],
    token: str,
    progress: Progress | None,
) -> None:
    hidden = clock.now()
    for start in range(0, len(records), BATCH):
        chunk = records[start : start + BATCH]
        with transaction.atomic():
            insert_rows(
                ActivityRecord,
                (
                    {
                        "inventory_id": inv.pk,
                        "position": start + i,
                        "staged_as": token,
                        "deleted_at": hidden,
                        **engine.record_fields(r),
                        **results.get(r.record_id, engine.NO_RESULT),
                    }
                    for i, r in enumerate(chunk)
                ),
            )
        if progress:
            progress(len(chunk))


@transaction.atomic
def _swap(
    user: Actor,
    pk: int,
    revision: int,
    token: str,
    lines: list[im.GpcLineInput],
    changes: dict[str, Any],
    result: im.InventoryResult,
    n_records: int,
    source: str,
) -> Replaced:
    inv = Inventory.objects.select_related("jurisdiction").get(pk=pk)
    claim(inv, revision)  # the row lock, and Conflict if anyone wrote since the stage began
    require_edit(user, inv)
    live = inv.activity_records.filter(deleted_at__isnull=True)
    before_lines = inv.gpc_lines.filter(is_entered=True).count()
    # A small draft's audit entry keeps every record before and after; a large one's, the counts (the
    # retired rows stay in the table). Counting 200,000 rows costs a noticeable part of the lock, so the
    # count before comes from the retiring UPDATE itself.
    small = not live[AUDIT_SNAPSHOT_LIMIT:].exists() and n_records <= AUDIT_SNAPSHOT_LIMIT
    before = _contents(inv, small, records=None)
    now = audit.now()
    before_records = live.update(deleted_at=now, deleted_by=access.as_user(user))
    if not small:
        before["records"] = {"count": before_records}
    ActivityRecord.all_objects.filter(inventory_id=pk, staged_as=token).update(deleted_at=None, staged_as="")
    inv.gpc_lines.filter(is_entered=True).update(**engine.CLEARED_LINE)
    existing = {ln.gpc_ref: ln for ln in inv.gpc_lines.all()}
    for parsed in lines:
        row = existing.get(parsed.gpc_ref) or GpcLine(inventory=inv, gpc_ref=parsed.gpc_ref)
        for name, value in engine.line_fields(parsed).items():
            setattr(row, name, value)
        row.save()
    if changes:
        apply(inv, changes, INVENTORY_FIELDS)
        validated(inv)
    engine.store_result(inv, result, rows=[])
    save(inv, user)
    after = _contents(inv, small, records=n_records)
    if source:
        after["file"] = source
    audit.record(user, "replace_contents", inv, before, after)
    return Replaced(inv, before_records, before_lines, n_records, len(lines), 0.0, 0.0)


def _contents(inv: Inventory, full: bool, records: int | None) -> dict[str, Any]:
    if full:
        return contents_snapshot(inv)
    snap = contents_snapshot(inv, records=False)
    if records is not None:
        snap["records"] = {"count": records}
    return snap
