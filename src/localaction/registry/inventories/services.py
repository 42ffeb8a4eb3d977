"""Use-cases for inventories: create, edit a draft (header, activity records, GPC lines), copy forward.

Every edit takes the version's ``revision`` as read by the client, re-runs the engine and stores its totals
and MRV checks with the version, and writes one audit entry, all in one transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

import pydantic
from django.db import transaction

from localaction.core.catalog import normalise_gpc_ref
from localaction.core.errors import Detail
from localaction.core.inventory import model as im
from localaction.registry.base import access, audit
from localaction.registry.base.access import Actor
from localaction.registry.base.errors import NotFound, ValidationFailed
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
from localaction.registry.inventories import recompute as engine
from localaction.registry.inventories.models import ActivityRecord, GpcLine, Inventory

INVENTORY_FIELDS = (
    "year",
    "period_start",
    "period_end",
    "period_label",
    "boundary",
    "gwp_set",
    "level",
    "region",
    "population",
    "reporting_year",
    "guidelines",
    "boundary_type",
    "reported_scope1_tco2e",
    "reported_scope2_tco2e",
    "reported_scope3_tco2e",
    "reported_basic_tco2e",
    "reported_basic_plus_tco2e",
    "reported_basic_plus_other_scope3_tco2e",
    "reported_territorial_tco2e",
    "reported_total_tco2e",
    "reported_total_scope",
)
# Derived columns stay out of the audit log (they follow from the audited inputs).
COMPUTED_FIELDS = frozenset(
    {
        "basic_tco2e",
        "basic_plus_tco2e",
        "basic_plus_other_scope3_tco2e",
        "territorial_tco2e",
        "biogenic_co2_t",
        "by_scope_tco2e",
        "by_sector_tco2e",
        "computed_at",
        "checks",
        "check_errors",
        "check_warnings",
        "checked_at",
    }
)
_RECORD_RESULT = frozenset({"co2e_t", "gases_t", "biogenic_co2_t", "factors_used", "steps", "inventory"})
_LINE_RESULT = frozenset({"value_tco2e", "biogenic_co2_t", "record_ids", "sector_code", "scope", "inventory"})


def _snap(inv: Inventory) -> dict[str, Any]:
    return audit.snapshot(inv, exclude=COMPUTED_FIELDS)


def get_inventory(user: Actor, ref: Ref) -> Inventory:
    return get_visible(user, Inventory, ref)


@transaction.atomic
def create_inventory(
    user: Actor, jurisdiction: Ref | str, *, year: int, data_source: str = "entered", **fields: Any
) -> Inventory:
    """A new draft inventory (version 1 of a new series)."""
    jur = get_jurisdiction(jurisdiction)
    access.require_create_in(user, jur, "an inventory")
    inv = Inventory(jurisdiction=jur, year=year, data_source=data_source)
    apply(inv, fields, INVENTORY_FIELDS)
    stamp_created(inv, user)
    validated(inv)
    inv.save()
    engine.recompute(inv)
    inv.save()
    audit.record(user, "create", inv, None, _snap(inv))
    return inv


@transaction.atomic
def update_inventory(user: Actor, inventory: Ref, *, revision: int, **changes: Any) -> Inventory:
    """Change header fields (year, period, boundary, GWP set, level, population, reported totals …)."""
    inv = get_inventory(user, inventory)
    require_edit(user, inv)
    before = _snap(inv)
    claim(inv, revision)
    apply(inv, changes, INVENTORY_FIELDS)
    validated(inv)
    engine.recompute(inv)
    save(inv, user)
    b, a = audit.changed(before, _snap(inv))
    audit.record(user, "update", inv, b, a)
    return inv


def _parse(kind: type[pydantic.BaseModel], data: Any, where: str) -> Any:
    if isinstance(data, kind):
        return data
    try:
        return kind.model_validate(data)
    except pydantic.ValidationError as exc:
        details = [Detail((where, *e["loc"]), e["msg"]) for e in exc.errors()]
        raise ValidationFailed(f"invalid {where}", details=details) from None


def parse_record(data: im.ActivityRecord | Mapping[str, Any]) -> im.ActivityRecord:
    rec: im.ActivityRecord = _parse(im.ActivityRecord, data, "activity record")
    if "#" in rec.record_id or not rec.record_id.strip():
        raise ValidationFailed(
            "invalid activity record", details=[Detail(("record_id",), "give a non-empty id without '#'")]
        )
    return rec.model_copy(update={"gpc_ref": normalise_gpc_ref(rec.gpc_ref)})


def parse_line(data: im.GpcLineInput | Mapping[str, Any]) -> im.GpcLineInput:
    line: im.GpcLineInput = _parse(im.GpcLineInput, data, "GPC line")
    return line.model_copy(update={"gpc_ref": normalise_gpc_ref(line.gpc_ref)})


def _record_snap(row: ActivityRecord) -> dict[str, Any]:
    return audit.snapshot(row, exclude=_RECORD_RESULT)


def _line_snap(row: GpcLine) -> dict[str, Any]:
    return audit.snapshot(row, exclude=_LINE_RESULT)


@transaction.atomic
def put_record(
    user: Actor, inventory: Ref, record: im.ActivityRecord | Mapping[str, Any], *, revision: int
) -> ActivityRecord:
    """Add an activity record, or replace the one with the same ``record_id``. Returns the stored row;
    ``row.inventory`` is the updated version (its new ``revision``, totals and checks)."""
    inv = get_inventory(user, inventory)
    require_edit(user, inv)
    rec = parse_record(record)
    claim(inv, revision)
    row = inv.activity_records.filter(record_id=rec.record_id).first()
    before = _record_snap(row) if row else None
    if row is None:
        row = ActivityRecord(inventory=inv, position=inv.activity_records.count())
    for name, value in engine.record_fields(rec).items():
        setattr(row, name, value)
    validated(row, exclude=["inventory"])
    row.save()
    engine.recompute(inv)
    save(inv, user)
    row.refresh_from_db()
    b, a = audit.changed(before or {}, _record_snap(row))
    audit.record(
        user,
        "update" if before else "create",
        row,
        b if before else None,
        a,
        jurisdiction_id=inv.jurisdiction_id,
    )
    row.inventory = inv
    return row


@transaction.atomic
def delete_record(user: Actor, inventory: Ref, record_id: str, *, revision: int) -> Inventory:
    inv = get_inventory(user, inventory)
    require_edit(user, inv)
    row = inv.activity_records.filter(record_id=record_id).first()
    if row is None:
        raise NotFound(f"activity record {record_id!r} not found in {inv}")
    claim(inv, revision)
    before = _record_snap(row)
    row.deleted_at = audit.now()
    row.deleted_by = access.as_user(user)
    row.save(update_fields=["deleted_at", "deleted_by"])
    engine.recompute(inv)
    save(inv, user)
    b, a = audit.changed(before, _record_snap(row))
    audit.record(user, "delete", row, b, a, jurisdiction_id=inv.jurisdiction_id)
    return inv


def _line_row(inv: Inventory, gpc_ref: str) -> GpcLine:
    row = inv.gpc_lines.filter(gpc_ref=gpc_ref).first()
    return row if row is not None else GpcLine(inventory=inv, gpc_ref=gpc_ref)


@transaction.atomic
def put_line(
    user: Actor, inventory: Ref, line: im.GpcLineInput | Mapping[str, Any], *, revision: int
) -> GpcLine:
    """Enter a GPC line directly: a value in tCO2e and/or notation keys with their explanation."""
    inv = get_inventory(user, inventory)
    require_edit(user, inv)
    parsed = parse_line(line)
    claim(inv, revision)
    row = _line_row(inv, parsed.gpc_ref)
    before = _line_snap(row) if row.pk else None
    for name, value in engine.line_fields(parsed).items():
        setattr(row, name, value)
    row.save()
    engine.recompute(inv)
    save(inv, user)
    row.refresh_from_db()
    b, a = audit.changed(before or {}, _line_snap(row))
    audit.record(
        user,
        "update" if before else "create",
        row,
        b if before else None,
        a,
        jurisdiction_id=inv.jurisdiction_id,
    )
    row.inventory = inv
    return row


@transaction.atomic
def set_notation_keys(
    user: Actor,
    inventory: Ref,
    gpc_refs: Iterable[str],
    *,
    keys: Iterable[str],
    explanation: str,
    included_in: str | None = None,
    revision: int,
) -> Inventory:
    """Give several lines without data the same notation keys and explanation at once: all or nothing (one
    refused line refuses them all), one revision, one recompute, one audit entry per line."""
    inv = get_inventory(user, inventory)
    require_edit(user, inv)
    refs: list[str] = []
    for ref in gpc_refs:
        ref = normalise_gpc_ref(ref)
        if ref not in refs:
            refs.append(ref)
    if not refs:
        raise ValidationFailed(
            "choose at least one line", details=[Detail(("gpc_refs",), "choose at least one line")]
        )
    parsed = [
        parse_line(
            {
                "gpc_ref": ref,
                "notation_keys": list(keys),
                "explanation": explanation,
                "included_in": included_in,
            }
        )
        for ref in refs
    ]
    if not parsed[0].notation_keys:
        raise ValidationFailed("choose a notation key", details=[Detail(("key",), "choose a notation key")])
    if not explanation.strip():
        raise ValidationFailed(
            "every notation key needs an explanation",
            details=[Detail(("explanation",), "say why the key applies to these lines")],
        )
    if im.NotationKey.IE in parsed[0].notation_keys and not included_in:
        raise ValidationFailed(
            "IE: say on which line the emissions are included",
            details=[Detail(("included_in",), "say on which line the emissions are included")],
        )
    rows = {ln.gpc_ref: ln for ln in inv.gpc_lines.filter(gpc_ref__in=refs)}
    with_data = sorted(
        ref
        for ref in refs
        if ref in rows and (rows[ref].value_tco2e is not None or rows[ref].entered_value_tco2e is not None)
    )
    if with_data:
        raise ValidationFailed(
            f"{', '.join(with_data)} already hold a value: a notation key is for a line without data",
            details=[Detail(("gpc_refs", ref), "this line already holds a value") for ref in with_data],
        )
    claim(inv, revision)
    changed: list[tuple[GpcLine, dict[str, Any] | None]] = []
    for line in parsed:
        row = rows.get(line.gpc_ref) or GpcLine(inventory=inv, gpc_ref=line.gpc_ref)
        before = _line_snap(row) if row.pk and row.is_entered else None
        for name, value in engine.line_fields(line).items():
            setattr(row, name, value)
        row.save()
        changed.append((row, before))
    engine.recompute(inv)
    save(inv, user)
    for row, before in changed:
        row.refresh_from_db()
        b, a = audit.changed(before or {}, _line_snap(row))
        audit.record(
            user,
            "update" if before else "create",
            row,
            b if before else None,
            a,
            comment=f"notation keys set on {len(changed)} line(s) at once",
            jurisdiction_id=inv.jurisdiction_id,
        )
    return inv


@transaction.atomic
def clear_line(user: Actor, inventory: Ref, gpc_ref: str, *, revision: int) -> GpcLine:
    """Remove what was entered on a line (the row stays: lines are never deleted)."""
    inv = get_inventory(user, inventory)
    require_edit(user, inv)
    ref = normalise_gpc_ref(gpc_ref)
    claim(inv, revision)
    row = _line_row(inv, ref)
    before = _line_snap(row) if row.pk else {}
    for name, value in engine.CLEARED_LINE.items():
        setattr(row, name, value)
    row.save()
    engine.recompute(inv)
    save(inv, user)
    row.refresh_from_db()
    b, a = audit.changed(before, _line_snap(row))
    audit.record(user, "clear", row, b, a, jurisdiction_id=inv.jurisdiction_id)
    row.inventory = inv
    return row


def _contents(inv: Inventory) -> dict[str, Any]:
    return contents_snapshot(inv)


def contents_snapshot(inv: Inventory, *, records: bool = True) -> dict[str, Any]:
    """The audit log's view of a version's contents: its live records (unless ``records`` is False) and
    entered lines."""
    snap: dict[str, Any] = {"lines": [_line_snap(ln) for ln in inv.gpc_lines.filter(is_entered=True)]}
    if records:
        snap = {
            "records": [_record_snap(r) for r in inv.activity_records.filter(deleted_at__isnull=True)],
            **snap,
        }
    return snap


@transaction.atomic
def replace_contents(
    user: Actor,
    inventory: Ref,
    *,
    revision: int,
    records: Iterable[im.ActivityRecord | Mapping[str, Any]] = (),
    lines: Iterable[im.GpcLineInput | Mapping[str, Any]] = (),
    source: str = "",
) -> Inventory:
    """Replace every activity record and entered line at once (file imports): all or nothing. ``source``
    names the file they came from (kept in the audit entry, so the history can say which upload it was)."""
    inv = get_inventory(user, inventory)
    require_edit(user, inv)
    new_records = [parse_record(r) for r in records]
    new_lines = [parse_line(ln) for ln in lines]
    refuse_duplicates([r.record_id for r in new_records], "record_id")
    refuse_duplicates([ln.gpc_ref for ln in new_lines], "gpc_ref")
    claim(inv, revision)
    before = _contents(inv)
    now = audit.now()
    inv.activity_records.filter(deleted_at__isnull=True).update(
        deleted_at=now, deleted_by=access.as_user(user)
    )
    inv.gpc_lines.filter(is_entered=True).update(**engine.CLEARED_LINE)
    ActivityRecord.objects.bulk_create(
        [
            ActivityRecord(inventory=inv, position=i, **engine.record_fields(r))
            for i, r in enumerate(new_records)
        ],
        batch_size=500,
    )
    existing = {ln.gpc_ref: ln for ln in inv.gpc_lines.all()}
    for parsed in new_lines:
        row = existing.get(parsed.gpc_ref) or GpcLine(inventory=inv, gpc_ref=parsed.gpc_ref)
        for name, value in engine.line_fields(parsed).items():
            setattr(row, name, value)
        row.save()
    engine.recompute(inv)
    save(inv, user)
    after = _contents(inv)
    if source:
        after["file"] = source[:200]
    audit.record(user, "replace_contents", inv, before, after)
    return inv


def refuse_duplicates(values: list[str], field: str) -> None:
    seen: set[str] = set()
    dupes = sorted({v for v in values if v in seen or seen.add(v)})  # type: ignore[func-returns-value]
    if dupes:
        raise ValidationFailed(
            f"duplicate {field}: {', '.join(dupes)}",
            details=[Detail((field,), f"{d} appears more than once") for d in dupes],
        )


def _shift(day: dt.date | None, years: int) -> dt.date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@transaction.atomic
def copy_forward(user: Actor, source: Ref, *, year: int, **fields: Any) -> Inventory:
    """Start a new inventory from an earlier one: its structure (records with their methods, factors and
    parameters; lines with their notation keys and explanations), not its values. Copied records have no
    quantity until entered (a check says so)."""
    src = get_inventory(user, source)
    access.require_create_in(user, src.jurisdiction, "an inventory")
    delta = year - src.year
    inv = Inventory(
        jurisdiction_id=src.jurisdiction_id,
        year=year,
        period_start=_shift(src.period_start, delta),
        period_end=_shift(src.period_end, delta),
        boundary=src.boundary,
        gwp_set=src.gwp_set,
        level=src.level,
        region=src.region,
        data_source="entered",
    )
    apply(inv, fields, INVENTORY_FIELDS)
    stamp_created(inv, user)
    validated(inv)
    inv.save()
    keep = (
        "gpc_ref",
        "method",
        "activity",
        "unit",
        "factor_id",
        "custom_factor",
        "params",
        "quality_activity",
        "quality_factor",
        "source",
        "notes",
        "record_id",
        "position",
    )
    ActivityRecord.objects.bulk_create(
        [
            ActivityRecord(inventory=inv, quantity=None, **{k: getattr(r, k) for k in keep})
            for r in src.activity_records.filter(deleted_at__isnull=True)
        ]
    )
    line_keep = (
        "gpc_ref",
        "is_entered",
        "notation_keys",
        "included_in",
        "explanation",
        "quality_activity",
        "quality_factor",
        "source",
    )
    GpcLine.objects.bulk_create(
        [
            GpcLine(inventory=inv, entered_value_tco2e=None, **{k: getattr(ln, k) for k in line_keep})
            for ln in src.gpc_lines.filter(is_entered=True)
        ]
    )
    engine.recompute(inv)
    inv.save()
    audit.record(
        user, "copy_forward", inv, None, _snap(inv), comment=f"structure copied from inventory {src.pk}"
    )
    return inv


def visible_inventories(user: Actor, jurisdiction: Ref | str | None = None) -> Any:
    """The inventory versions ``user`` may read, optionally of one jurisdiction (newest first)."""
    qs = access.visible_to(user, Inventory.objects.select_related("jurisdiction"))
    if jurisdiction is not None:
        qs = qs.filter(jurisdiction_id=get_jurisdiction(jurisdiction).pk)
    return qs.order_by("jurisdiction__name_ascii", "-year", "-version")


__all__ = [
    "INVENTORY_FIELDS",
    "clear_line",
    "copy_forward",
    "create_inventory",
    "delete_record",
    "get_inventory",
    "get_jurisdiction",
    "pk_of",
    "put_line",
    "put_record",
    "replace_contents",
    "update_inventory",
    "visible_inventories",
]
