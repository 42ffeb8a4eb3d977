"""Between the registry's rows and the inventory engine's pydantic types (``localaction.core.inventory``).

``to_engine`` builds a ``model.Inventory`` from a stored version; ``recompute`` runs the engine and stores
totals, record results, line results and the MRV checks with the version (no audit: they are derived).
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from typing import Any

from localaction.core import clock
from localaction.core.catalog import gpc_refs
from localaction.core.errors import InputError
from localaction.core.inventory import compute
from localaction.core.inventory import model as im
from localaction.registry.base.models import State
from localaction.registry.inventories.models import ActivityRecord, GpcLine, Inventory

# Registry-level check: a record copied forward still waits for its value.
MISSING_QUANTITY = "record.quantity_missing"


def record_to_engine(row: ActivityRecord) -> im.ActivityRecord:
    return im.ActivityRecord(
        record_id=row.record_id,
        gpc_ref=row.gpc_ref,
        method=im.Method(row.method),
        activity=row.activity,
        quantity=row.quantity if row.quantity is not None else 0.0,
        unit=row.unit,
        factor_id=row.factor_id,
        custom_factor=im.CustomFactor.model_validate(row.custom_factor) if row.custom_factor else None,
        params=row.params or {},
        quality_activity=im.Quality(row.quality_activity) if row.quality_activity else None,
        quality_factor=im.Quality(row.quality_factor) if row.quality_factor else None,
        source=row.source,
        notes=row.notes,
    )


def record_fields(rec: im.ActivityRecord) -> dict[str, Any]:
    """The entered columns of an ``ActivityRecord`` row for an engine record."""
    return {
        "record_id": rec.record_id,
        "gpc_ref": rec.gpc_ref,
        "method": rec.method.value,
        "activity": rec.activity,
        "quantity": rec.quantity,
        "unit": rec.unit,
        "factor_id": rec.factor_id,
        "custom_factor": rec.custom_factor.model_dump(mode="json") if rec.custom_factor else None,
        "params": rec.params,
        "quality_activity": rec.quality_activity.value if rec.quality_activity else None,
        "quality_factor": rec.quality_factor.value if rec.quality_factor else None,
        "source": rec.source,
        "notes": rec.notes,
    }


def line_to_engine(row: GpcLine) -> im.GpcLineInput:
    return im.GpcLineInput(
        gpc_ref=row.gpc_ref,
        value_tco2e=row.entered_value_tco2e,
        notation_keys=tuple(im.NotationKey(k) for k in row.notation_keys),
        included_in=row.included_in,
        explanation=row.explanation,
        quality_activity=im.Quality(row.quality_activity) if row.quality_activity else None,
        quality_factor=im.Quality(row.quality_factor) if row.quality_factor else None,
        source=row.source,
        raw_notation=row.raw_notation,
    )


def line_fields(line: im.GpcLineInput) -> dict[str, Any]:
    """The entered columns of a ``GpcLine`` row for an engine line input."""
    return {
        "is_entered": True,
        "entered_value_tco2e": line.value_tco2e,
        "notation_keys": [k.value for k in line.notation_keys],
        "included_in": line.included_in,
        "explanation": line.explanation,
        "quality_activity": line.quality_activity.value if line.quality_activity else None,
        "quality_factor": line.quality_factor.value if line.quality_factor else None,
        "source": line.source,
        "raw_notation": line.raw_notation,
    }


CLEARED_LINE: dict[str, Any] = {
    "is_entered": False,
    "entered_value_tco2e": None,
    "notation_keys": [],
    "included_in": None,
    "explanation": "",
    "quality_activity": None,
    "quality_factor": None,
    "source": "",
    "raw_notation": "",
}


def _reported(inv: Inventory) -> im.ReportedTotals | None:
    values = {
        "basic": inv.reported_basic_tco2e,
        "basic_plus": inv.reported_basic_plus_tco2e,
        "basic_plus_other_scope3": inv.reported_basic_plus_other_scope3_tco2e,
        "territorial": inv.reported_territorial_tco2e,
    }
    if all(v is None for v in values.values()):
        return None
    return im.ReportedTotals(**values)


def previous_totals(inv: Inventory) -> dict[int, float]:
    """BASIC of the jurisdiction's published, current inventories of earlier years with the same boundary type
    (community or government operations), for the year-on-year checks."""
    rows = (
        Inventory.objects.filter(
            jurisdiction_id=inv.jurisdiction_id,
            state=State.PUBLISHED,
            superseded_at__isnull=True,
            year__lt=inv.year,
            basic_tco2e__isnull=False,
            boundary_type=inv.boundary_type,
        )
        .order_by("year", "version")
        .values_list("year", "basic_tco2e")
    )
    return {year: basic for year, basic in rows if basic is not None}


def _live_records(inv: Inventory) -> list[ActivityRecord]:
    return list(inv.activity_records.filter(deleted_at__isnull=True))


def to_engine(inv: Inventory, rows: list[ActivityRecord] | None = None) -> im.Inventory:
    """The engine's view of a stored version (records waiting for a value are left out); ``rows`` are its
    live records when the caller has them already."""
    records = [r for r in (_live_records(inv) if rows is None else rows) if r.quantity is not None]
    lines = inv.gpc_lines.filter(is_entered=True)
    start = inv.period_start or dt.date(inv.year, 1, 1)
    end = inv.period_end or dt.date(inv.year, 12, 31)
    return im.Inventory(
        jurisdiction=inv.jurisdiction.name,
        period=im.Period(start=start, end=end, year=inv.year, label=inv.period_label),
        boundary=inv.boundary,
        gwp_set=inv.gwp_set,
        level=im.Level(inv.level),
        region=inv.region,
        population=inv.population,
        records=[record_to_engine(r) for r in records],
        lines=[line_to_engine(ln) for ln in lines],
        reported=_reported(inv),
        previous_totals=previous_totals(inv),
        reporting_year=inv.reporting_year,
        guidelines=inv.guidelines,
        boundary_type=im.BoundaryType(inv.boundary_type),
    )


def previous_inventory(inv: Inventory) -> Inventory | None:
    """What the year-on-year checks compare with: the jurisdiction's current published inventory of the latest
    earlier year with the same boundary type (community or government operations)."""
    return (
        Inventory.objects.filter(
            jurisdiction_id=inv.jurisdiction_id,
            state=State.PUBLISHED,
            superseded_at__isnull=True,
            year__lt=inv.year,
            boundary_type=im.BoundaryType(inv.boundary_type),
        )
        .order_by("-year", "-version")
        .first()
    )


# A published version never changes (a correction is a new version), so its results are computed once per
# process for the year-on-year checks of every later edit, not once per edit.
_PREVIOUS_KEPT = 256
_previous: OrderedDict[tuple[Any, ...], im.InventoryResult] = OrderedDict()


def previous_results(inv: Inventory) -> list[im.InventoryResult]:
    before = previous_inventory(inv)
    if before is None:
        return []
    key = (before._state.db, before.pk, before.revision, before.computed_at)
    if key not in _previous:
        try:
            _previous[key] = compute(to_engine(before), checks=False)
        except InputError:  # the factor library changed under a published version: no comparison, no failure
            return []
        if len(_previous) > _PREVIOUS_KEPT:
            _previous.popitem(last=False)
    return [_previous[key]]


def _missing_quantity_checks(rows: list[ActivityRecord]) -> list[dict[str, Any]]:
    return [
        {
            "code": MISSING_QUANTITY,
            "severity": im.Severity.ERROR.value,
            "message": f"record {rid} ({ref}) has no quantity yet: enter this year's value or delete the record",
            "gpc_ref": ref,
            "record_id": rid,
        }
        for rid, ref in ((r.record_id, r.gpc_ref) for r in rows if r.quantity is None)
    ]


def recompute(inv: Inventory) -> im.InventoryResult:
    """Run the engine on ``inv`` and store the results with it (the caller holds the row lock).

    Raises the engine's InputError (nothing stored) when a record cannot be computed.
    """
    rows = _live_records(inv)  # read once: the engine's input and the rows its results are stored on
    result = compute(to_engine(inv, rows), previous=previous_results(inv))
    store_result(inv, result, rows)
    _store_records(rows, result)
    return result


def store_result(inv: Inventory, result: im.InventoryResult, rows: list[ActivityRecord]) -> None:
    """Store an engine result's totals, checks and line results with ``inv`` (not the records' results:
    the caller writes those, or has written them already, as a staged import does)."""
    now = clock.now()
    t = result.totals
    inv.basic_tco2e = t.basic
    inv.basic_plus_tco2e = t.basic_plus
    inv.basic_plus_other_scope3_tco2e = t.basic_plus_other_scope3
    inv.territorial_tco2e = t.territorial
    inv.biogenic_co2_t = t.biogenic_co2_t
    inv.by_scope_tco2e = {str(k): v for k, v in t.by_scope.items()}
    inv.by_sector_tco2e = dict(t.by_sector)
    inv.computed_at = now
    checks = _missing_quantity_checks(rows) + [c.model_dump(mode="json") for c in result.checks]
    checks.sort(key=lambda c: c["severity"] != im.Severity.ERROR.value)
    inv.checks = checks
    inv.check_errors = sum(1 for c in checks if c["severity"] == im.Severity.ERROR.value)
    inv.check_warnings = len(checks) - inv.check_errors
    inv.checked_at = now
    _store_lines(inv, result)


RECORD_RESULT_FIELDS = ("co2e_t", "gases_t", "biogenic_co2_t", "factors_used", "steps")
LINE_RESULT_FIELDS = (
    "sector_code",
    "scope",
    "value_tco2e",
    "biogenic_co2_t",
    "record_ids",
    "notation_keys",
    "quality_activity",
    "quality_factor",
    "source",
)
SOURCE_LENGTH = GpcLine._meta.get_field("source").max_length or 300


def record_results(result: im.InventoryResult) -> dict[str, dict[str, Any]]:
    """The result columns of each record's row, by record id.

    A record may yield a second result for another line (grid energy's T&D losses, id "<id>#td"): the row
    keeps its own line's result; the extra one shows up on its GPC line and in the steps."""
    main = {r.record_id: r for r in result.records}
    extra: dict[str, list[im.RecordResult]] = {}
    for r in result.records:
        base, sep, _ = r.record_id.rpartition("#")
        if sep and base in main:
            extra.setdefault(base, []).append(r)
    out: dict[str, dict[str, Any]] = {}
    for rid, own in main.items():
        if "#" in rid and rid.rpartition("#")[0] in main:
            continue
        parts = [own, *extra.get(rid, [])]
        out[rid] = {
            "co2e_t": own.co2e_t,
            "gases_t": dict(own.gases_t),
            "biogenic_co2_t": own.biogenic_co2_t,
            "factors_used": [f.model_dump(mode="json") for p in parts for f in p.factors],
            "steps": [s for p in parts for s in p.steps],
        }
    return out


NO_RESULT: dict[str, Any] = {
    "co2e_t": None,
    "gases_t": {},
    "biogenic_co2_t": None,
    "factors_used": [],
    "steps": [],
}


def _store_records(rows: list[ActivityRecord], result: im.InventoryResult) -> None:
    results = record_results(result)
    changed = []
    for row in rows:
        new = results.get(row.record_id, NO_RESULT)
        # Only rows whose results changed are written: one record's edit writes one row, not a thousand.
        if any(getattr(row, k) != v for k, v in new.items()):
            for k, v in new.items():
                setattr(row, k, v)
            changed.append(row)
    ActivityRecord.all_objects.bulk_update(changed, list(RECORD_RESULT_FIELDS), batch_size=500)


def _store_lines(inv: Inventory, result: im.InventoryResult) -> None:
    existing = {ln.gpc_ref: ln for ln in inv.gpc_lines.all()}
    refs = gpc_refs()
    new: list[GpcLine] = []
    changed: list[GpcLine] = []
    for res in result.lines:
        row = existing.get(res.gpc_ref)
        if row is None:
            row = GpcLine(inventory=inv, gpc_ref=res.gpc_ref)
            new.append(row)
        before = [getattr(row, f) for f in LINE_RESULT_FIELDS]
        meta = refs.get(res.gpc_ref)
        row.sector_code = res.sector_code or (meta.sector_code if meta else "")
        row.scope = res.scope
        row.value_tco2e = res.value_tco2e
        row.biogenic_co2_t = res.biogenic_co2_t
        row.record_ids = list(res.record_ids)
        if not row.is_entered:
            # Computed-only line: show the engine's view of keys / quality (e.g. the worst record quality).
            row.notation_keys = [k.value for k in res.notation_keys]
            row.quality_activity = res.quality_activity.value if res.quality_activity else None
            row.quality_factor = res.quality_factor.value if res.quality_factor else None
            # ... and where its records' activity data come from (the GPC table's source column)
            row.source = res.source[:SOURCE_LENGTH]
        if row.pk is not None and [getattr(row, f) for f in LINE_RESULT_FIELDS] != before:
            changed.append(row)
    GpcLine.objects.bulk_create(new, batch_size=500)
    GpcLine.objects.bulk_update(changed, list(LINE_RESULT_FIELDS), batch_size=500)
