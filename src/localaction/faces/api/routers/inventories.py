"""Inventory-specific routes: the GPC table and activity records (JSON or CSV), line and record edits,
file imports into a draft, and running the MRV checks."""

import tempfile
from pathlib import Path
from typing import Annotated, Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import File, Form, Router, UploadedFile
from pydantic import Field

from localaction.core.errors import InputError
from localaction.faces.api.auth import READ_AUTH, WRITE_AUTH, actor
from localaction.faces.api.params import Id, Revision
from localaction.faces.api.render import as_rows, csv_response
from localaction.faces.api.routers.kinds import INVENTORIES
from localaction.faces.api.routers.submissions import (
    READ_ERRORS,
    WRITE_ERRORS,
    ListFilters,
    add_routes,
)
from localaction.faces.api.schemas.inventories import (
    LINE_FIELDS,
    RECORD_FIELDS,
    ChecksOut,
    GpcLineOut,
    ImportOut,
    InventoryOut,
    LineIn,
    RecordIn,
    RecordOut,
)
from localaction.registry import services
from localaction.registry.inventories import exports
from localaction.registry.inventories import recompute as engine

router = Router(tags=["inventories"])
Format = Annotated[Literal["json", "csv"], Field(description="csv: the same rows as CSV")]


class InventoryFilters(ListFilters):
    year: int | None = Field(None, ge=1990, le=2100)

    def extra(self) -> dict[str, Any]:
        return {"year": self.year} if self.year is not None else {}


add_routes(router, INVENTORIES, InventoryFilters)


@router.get(
    "/{id}/lines",
    response={200: list[GpcLineOut], **READ_ERRORS},  # type: ignore[valid-type]
    auth=READ_AUTH,
    summary="The GPC table: one row per reference number (value, notation keys, quality)",
)
def list_inventory_lines(request: HttpRequest, id: Id, format: Format = "json") -> Any:
    inv = services.get_inventory(actor(request), id)
    lines = list(inv.gpc_lines.all().order_by("id"))
    if format == "csv":
        rows = as_rows(GpcLineOut, lines, {"request": request})
        return csv_response(f"inventory-{inv.pk}-gpc.csv", LINE_FIELDS, rows)
    return lines


@router.get(
    "/{id}/records",
    response={200: list[RecordOut], **READ_ERRORS},
    auth=READ_AUTH,
    summary="Activity records with their computed tCO2e (emissions_tco2e)",
)
def list_inventory_records(request: HttpRequest, id: Id, format: Format = "json") -> Any:
    inv = services.get_inventory(actor(request), id)
    rows = list(inv.activity_records.filter(deleted_at__isnull=True))
    if format == "csv":
        return csv_response(
            f"inventory-{inv.pk}-records.csv", RECORD_FIELDS, as_rows(RecordOut, rows, {"request": request})
        )
    return rows


ExportKind = Annotated[
    Literal["records", "crf"],
    Field(
        description="records: the activity file with factors and gases; crf: the Common Reporting Framework table"
    ),
]
ExportFormat = Annotated[Literal["csv", "xlsx"], Field(description="csv or xlsx")]
EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@router.get(
    "/{id}/exports/{kind}",
    response={200: None, **READ_ERRORS},
    auth=READ_AUTH,
    summary="An export file: the activity records (read back by the activity import) or the CRF table",
    openapi_extra={
        "responses": {200: {"description": "the file", "content": {t: {} for t in EXPORT_TYPES.values()}}}
    },
)
def export_inventory(request: HttpRequest, id: Id, kind: ExportKind, format: ExportFormat = "csv") -> Any:
    inv = services.get_inventory(actor(request), id)
    response = HttpResponse(exports.export(inv, kind, format), content_type=EXPORT_TYPES[format])
    response["Content-Disposition"] = f'attachment; filename="inventory-{inv.pk}-{kind}.{format}"'
    return response


@router.put(
    "/{id}/lines/{gpc_ref}",
    response={200: InventoryOut, **WRITE_ERRORS},
    auth=WRITE_AUTH,
    summary="Enter a GPC line: a value in tCO2e and/or notation keys with their explanation",
    description="Replaces what was entered on the line: a field you leave out takes the empty value "
    "shown as its default (send every field you want to keep).",
)
def update_inventory_line(request: HttpRequest, id: Id, gpc_ref: str, payload: LineIn) -> Any:
    data = payload.model_dump()
    revision = data.pop("revision")
    row = services.put_line(actor(request), id, {"gpc_ref": gpc_ref, **data}, revision=revision)
    return row.inventory


@router.delete(
    "/{id}/lines/{gpc_ref}",
    response={200: InventoryOut, **WRITE_ERRORS},
    auth=WRITE_AUTH,
    summary="Clear what was entered on a line",
)
def clear_inventory_line(request: HttpRequest, id: Id, gpc_ref: str, revision: Revision) -> Any:
    return services.clear_line(actor(request), id, gpc_ref, revision=revision).inventory


@router.put(
    "/{id}/records/{record_id}",
    response={200: InventoryOut, **WRITE_ERRORS},
    auth=WRITE_AUTH,
    summary="Add or replace an activity record",
    description="The record is stored as sent (a replacement, not a merge).",
)
def put_inventory_record(request: HttpRequest, id: Id, record_id: str, payload: RecordIn) -> Any:
    record = {**payload.record, "record_id": record_id}
    return services.put_record(actor(request), id, record, revision=payload.revision).inventory


@router.delete(
    "/{id}/records/{record_id}",
    response={200: InventoryOut, **WRITE_ERRORS},
    auth=WRITE_AUTH,
    summary="Remove an activity record",
)
def delete_inventory_record(request: HttpRequest, id: Id, record_id: str, revision: Revision) -> Any:
    return services.delete_record(actor(request), id, record_id, revision=revision)


@router.post(
    "/{id}/checks",
    response={200: ChecksOut, **WRITE_ERRORS},
    auth=WRITE_AUTH,
    summary="Run the MRV checks now (nothing is stored; edits store them anyway)",
)
def run_inventory_checks(request: HttpRequest, id: Id) -> Any:
    inv = services.get_inventory(actor(request), id)
    engine.recompute(inv)  # in memory: the row is not saved
    return inv


@router.post(
    "/{id}/import",
    response={200: ImportOut, **WRITE_ERRORS},
    auth=WRITE_AUTH,
    summary="Replace a draft's contents with a file (activity data, GPC lines, CRF table, GPC workbook), "
    "with the report of every figure; dry_run=true previews without storing",
)
def import_inventory_file(
    request: HttpRequest,
    id: Id,
    revision: Form[Revision],
    file: File[UploadedFile],
    kind: Form[Literal["auto", "activity", "lines", "crf", "gpc-workbook"]] = "auto",
    decimal: Form[Literal["detect", "point", "comma"]] = "detect",
    sheet: Form[str] = "",
    dry_run: Form[bool] = False,
) -> Any:
    from localaction.registry.inventories.imports import inventory_file as files

    user = actor(request)
    inv = services.get_inventory(user, id)
    name = Path(file.name or "upload.csv").name
    if Path(name).suffix.lower() not in {".csv", ".xlsx", ".xlsm"}:
        raise InputError(f"{name}: upload a .csv or .xlsx file", details=[])
    options: dict[str, Any] = {
        "kind": None if kind == "auto" else kind,
        "decimal": None if decimal == "detect" else decimal,
        "sheet": sheet.strip() or None,
        "name": name,
    }
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"upload{Path(name).suffix.lower()}"
        with path.open("wb") as out:
            for chunk in file.chunks():
                out.write(chunk)
        if dry_run:
            plan = files.plan_import(user, inv, path, **options)
            found = plan.found
            return {
                "inventory": inv,
                "dry_run": True,
                "kind": found.kind,
                "records": len(found.inventory.records),
                "lines": len(found.inventory.lines),
                "replaced": {"records": plan.replaces_records, "lines": plan.replaces_lines},
                "report": found.report.as_dict(),
            }
        done = files.import_file(user, inv, path, revision=revision, **options)
    return {
        "inventory": done.inventory,
        "dry_run": False,
        "kind": done.kind,
        **done.as_dict(),
    }
