"""Report once, export to many: the registry's data as the GCoM / CDP-ICLEI city-wide table (CSV, XLSX), the
GPC reporting workbook (XLSX) and the JSON year document; and the same layouts imported back into drafts.

``export`` reads what the user may see (published only unless ``drafts``); ``preview_import`` parses a file
without writing; ``import_file`` writes drafts all-or-nothing (``ValidationFailed`` names every row).
The mapping from our fields to each layout is data: ``data/mapping.csv`` and ``data/gcom_rows.csv``.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from openpyxl import load_workbook

from localaction.core.errors import Detail, InputError
from localaction.registry.base import access
from localaction.registry.base.access import Actor
from localaction.registry.base.errors import NotFound, ValidationFailed
from localaction.registry.base.models import Jurisdiction
from localaction.registry.base.services.jurisdictions import get_jurisdiction
from localaction.registry.frameworks import services as report_services
from localaction.registry.frameworks.exports import document, gcom, gpc_workbook
from localaction.registry.frameworks.exports.layouts import FORMATS
from localaction.registry.frameworks.models import FrameworkReport
from localaction.registry.inventories import services as inventories
from localaction.registry.inventories.models import Inventory

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


@dataclass
class Exported:
    content: bytes
    filename: str
    content_type: str


def _current(user: Actor, qs: Any, drafts: bool) -> list[Any]:
    """Per series: the current published version, or (``drafts``) the newest version the user may see."""
    qs = access.visible_to(user, qs) if drafts else access.public(qs).filter(superseded_at__isnull=True)
    best: dict[Any, Any] = {}
    for obj in qs.order_by("series", "version"):
        best[obj.series] = obj
    return sorted(best.values(), key=lambda o: o.pk)


def pick(user: Actor, jurisdiction: Jurisdiction, year: int, *, drafts: bool = False) -> dict[str, Any]:
    inventories = _current(user, Inventory.objects.filter(jurisdiction=jurisdiction, year=year), drafts)
    reports = _current(user, FrameworkReport.objects.filter(jurisdiction=jurisdiction, year=year), drafts)
    others = {
        key: _current(user, model.objects.filter(jurisdiction=jurisdiction), drafts)
        for key, model in document.SECTIONS.items()
    }
    return {"inventories": inventories, "reports": reports, "others": others}


def export(
    user: Actor, jurisdiction: Jurisdiction | str | int, year: int, fmt: str, *, drafts: bool = False
) -> Exported:
    """One jurisdiction's year in format ``gcom`` (CSV), ``gcom-xlsx``, ``gpc-xlsx`` or ``json``."""
    jur = get_jurisdiction(jurisdiction)
    chosen = pick(user, jur, year, drafts=drafts)
    stem = f"{jur.slug}-{year}"
    if fmt == "json":
        doc = document.year_document(jur, year, **chosen)
        body = json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")
        return Exported(body, f"{stem}.json", CONTENT_TYPES["json"])
    if not chosen["inventories"]:
        what = "inventory" if drafts else "published inventory"
        raise NotFound(f"{jur} has no {what} for {year}")
    inv = chosen["inventories"][-1]
    if fmt == "gcom":
        return Exported(gcom.to_csv(gcom.gcom_table(inv)), f"{stem}-gcom.csv", CONTENT_TYPES["csv"])
    if fmt == "gcom-xlsx":
        return Exported(gcom.to_xlsx(gcom.gcom_table(inv)), f"{stem}-gcom.xlsx", CONTENT_TYPES["xlsx"])
    if fmt == "gpc-xlsx":
        return Exported(gpc_workbook.write_gpc_workbook(inv), f"{stem}-gpc.xlsx", CONTENT_TYPES["xlsx"])
    raise InputError(
        f"unknown format {fmt!r}; use {', '.join([*FORMATS, 'gcom-xlsx'])}", code="invalid_format"
    )


@dataclass
class ImportPreview:
    """What a file would create, and every problem (by sheet/row/column or JSON path)."""

    format: str
    year: int | None = None
    lines: list[dict[str, Any]] = field(default_factory=list)
    records: list[dict[str, Any]] = field(default_factory=list)
    inventory_fields: dict[str, Any] = field(default_factory=dict)
    reports: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Detail] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)  # the preview table

    @property
    def ok(self) -> bool:
        return not self.problems


def _rows(lines: list[dict[str, Any]], records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The preview table: one shape for every kind of row."""
    out = [
        {
            "kind": "record",
            "ref": f"{r.get('gpc_ref', '')} {r.get('record_id', '')}",
            "value": f"{r.get('quantity', '')} {r.get('unit', '')}",
            "keys": "",
            "explanation": r.get("notes", ""),
        }
        for r in records
    ]
    out += [
        {
            "kind": "line",
            "ref": ln.get("gpc_ref", ""),
            "value": "" if ln.get("value_tco2e") is None else ln["value_tco2e"],
            "keys": ", ".join(ln.get("notation_keys") or []),
            "explanation": ln.get("explanation", ""),
        }
        for ln in lines
    ]
    return out


def detect_format(data: bytes, filename: str) -> str:
    suffix = Path(filename).suffix.lower()
    if suffix == ".json":
        return "json"
    if suffix == ".csv":
        return "gcom"
    if suffix == ".xlsx":
        try:
            names = load_workbook(io.BytesIO(data), read_only=True).sheetnames
        except Exception:  # not a workbook: read_gpc_workbook names the problem
            return "gpc-xlsx"
        return "gpc-xlsx" if "Summary" in names else "gcom"
    raise InputError(f"{filename}: give a .csv, .xlsx or .json file", code="invalid_file")


def preview_import(data: bytes, filename: str, fmt: str | None = None) -> ImportPreview:
    fmt = fmt or detect_format(data, filename)
    if fmt == "gcom":
        g = gcom.read_gcom(data, filename)
        return ImportPreview("gcom", g.year, lines=g.lines, problems=g.problems, rows=_rows(g.lines, []))
    if fmt == "gpc-xlsx":
        w = gpc_workbook.read_gpc_workbook(data, filename)
        year = w.fields.get("year")
        fields = {k: v for k, v in w.fields.items() if k in ("boundary", "gwp_set", "level", "population")}
        return ImportPreview(
            "gpc-xlsx",
            int(year) if year is not None else None,
            lines=w.lines,
            records=w.records,
            inventory_fields=fields,
            problems=w.problems,
            rows=_rows(w.lines, w.records),
        )
    if fmt == "json":
        try:
            doc = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            return ImportPreview("json", problems=[Detail((filename,), f"not JSON: {exc}")])
        problems = document.schema_problems(doc)
        if problems:
            return ImportPreview("json", problems=problems)
        out = ImportPreview("json", doc["year"], reports=doc["framework_reports"])
        if doc["inventories"]:
            inv = doc["inventories"][-1]
            out.lines, out.records = document.lines_and_records(inv)
            out.inventory_fields = {k: inv[k] for k in ("boundary", "gwp_set", "level", "population")}
        out.rows = _rows(out.lines, out.records) + [
            {"kind": "report", "ref": f"{r['framework']} {r['year']}", "value": r.get("title", ""), "keys": "",
             "explanation": ""}
            for r in out.reports
        ]  # fmt: skip
        return out
    raise InputError(f"unknown format {fmt!r}; use {', '.join(FORMATS)}", code="invalid_format")


@dataclass
class ImportResult:
    preview: ImportPreview
    inventory: Inventory | None
    reports: list[FrameworkReport]


@transaction.atomic
def import_file(
    user: Actor,
    jurisdiction: Jurisdiction | str | int,
    data: bytes,
    filename: str,
    *,
    fmt: str | None = None,
    year: int | None = None,
) -> ImportResult:
    """Create drafts from a file: an inventory (lines and records) and, from JSON, framework reports.
    All or nothing: any problem raises ValidationFailed listing every one, and nothing is saved."""
    jur = get_jurisdiction(jurisdiction)
    preview = preview_import(data, filename, fmt)
    year = year or preview.year
    if year is None:
        preview.problems.append(Detail(("year",), "the file names no year: give one"))
    if preview.problems:
        raise ValidationFailed(
            f"{filename}: {len(preview.problems)} problem(s); nothing was imported", details=preview.problems
        )
    assert year is not None
    source = f"import: {Path(filename).name}"
    inv = None
    if preview.lines or preview.records:
        fields = {k: v for k, v in preview.inventory_fields.items() if v not in (None, "")}
        inv = inventories.create_inventory(user, jur, year=year, data_source=source[:200], **fields)
        inv = inventories.replace_contents(
            user, inv, revision=inv.revision, records=preview.records, lines=preview.lines
        )
    reports = [
        report_services.create_report(
            user,
            jur,
            framework_id=r["framework"],
            edition=r.get("edition"),
            year=r["year"],
            title=r.get("title", ""),
            answers=r["answers"],
            data_source=source[:200],
        )
        for r in preview.reports
    ]
    return ImportResult(preview, inv, reports)


__all__ = ["Exported", "ImportPreview", "ImportResult", "export", "import_file", "pick", "preview_import"]
