"""Inventories as a submission kind: what blocks a transition (error-level MRV checks), what a correction
copies (activity records and GPC lines), and line-level review comments."""

from __future__ import annotations

from localaction.core.errors import Detail
from localaction.registry.base import kinds
from localaction.registry.inventories import public, recompute
from localaction.registry.inventories.models import ActivityRecord, GpcLine, Inventory


def blocking(inv: Inventory) -> list[Detail]:
    """Recompute with the current factors and inputs, then the error-level checks."""
    recompute.recompute(inv)
    return [
        Detail((c.get("gpc_ref") or c.get("record_id") or c["code"],), c["message"])
        for c in inv.checks
        if c["severity"] == "error"
    ]


def copy_contents(old: Inventory, new: Inventory) -> None:
    _copy_rows(old, new)
    recompute.recompute(new)
    new.save()


def _copy_rows(old: Inventory, new: Inventory) -> None:
    skip = {"id", "inventory", "deleted_at", "deleted_by"}
    ActivityRecord.objects.bulk_create(
        [
            ActivityRecord(
                inventory=new,
                **{
                    f.attname: getattr(r, f.attname)
                    for f in ActivityRecord._meta.concrete_fields
                    if f.name not in skip
                },
            )
            for r in old.activity_records.filter(deleted_at__isnull=True)
        ]
    )
    GpcLine.objects.bulk_create(
        [
            GpcLine(
                inventory=new,
                **{
                    f.attname: getattr(ln, f.attname)
                    for f in GpcLine._meta.concrete_fields
                    if f.name not in skip
                },
            )
            for ln in old.gpc_lines.all()
        ]
    )


def register() -> None:
    kinds.register(
        kinds.Kind(
            "inventory",
            Inventory,
            blocking=blocking,
            copy_contents=copy_contents,
            earlier_year=public.earlier_year,
            line_comments=True,
        )
    )
