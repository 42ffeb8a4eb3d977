"""The published data set as one JSON document or a ZIP of CSV tables, and its exact restore.

Exported: live jurisdictions (profile, identifiers, population/area by year) and every published version of
every reported thing (inventories with GPC lines and activity records, targets, commitments, actions,
hazard assessments), keyed by natural keys (jurisdiction slug; series + version), never by database ids, so
that export → fresh database → import → export gives the same bytes. People are not exported.
"""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import io
import json
import uuid
import zipfile
from pathlib import Path
from typing import Any

from django.db import models, transaction

from localaction.core.errors import Detail, InputError
from localaction.registry.actions.models import Action
from localaction.registry.base.models import (
    Jurisdiction,
    JurisdictionIdentifier,
    JurisdictionStat,
    State,
    Submission,
)
from localaction.registry.hazards.models import HazardAssessment
from localaction.registry.inventories.imports.common import ImportSummary, Progress, record_created
from localaction.registry.inventories.models import ActivityRecord, GpcLine, Inventory
from localaction.registry.targets.models import Commitment, Target

FORMAT, VERSION = "localaction-export", 1
SUBMISSIONS: dict[str, type[Submission]] = {
    "inventories": Inventory,
    "targets": Target,
    "commitments": Commitment,
    "actions": Action,
    "hazards": HazardAssessment,
}
# Bookkeeping that is not data (ids, who, when edited, soft delete, the concurrency token).
_SKIP = frozenset(
    {
        "id",
        "revision",
        "created_at",
        "updated_at",
        "created_by",
        "updated_by",
        "deleted_at",
        "deleted_by",
        "submitted_by",
        "validated_by",
        "verified_by",
        "published_by",
    }
)
_JURISDICTION = (
    "slug",
    "name",
    "name_ascii",
    "kind",
    "country",
    "subdivision",
    "unlocode",
    "parent",
    "region",
    "climate_zone",
    "latitude",
    "longitude",
)


def _json(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    return value


def _fields(model: type[models.Model], skip: frozenset[str] = frozenset()) -> list[models.Field[Any, Any]]:
    return [f for f in model._meta.concrete_fields if f.name not in _SKIP | skip]


def _submission_row(obj: Submission, fields: list[models.Field[Any, Any]]) -> dict[str, Any]:
    row: dict[str, Any] = {"jurisdiction": obj.jurisdiction.slug}
    for f in fields:
        if f.name == "supersedes":
            sup: Any = getattr(obj, "supersedes", None)
            row["supersedes_version"] = sup.version if sup is not None else None
        elif f.name != "jurisdiction":
            row[f.name] = _json(getattr(obj, f.attname))
    return row


def build_export() -> dict[str, list[dict[str, Any]]]:
    """Every table of the published data set, rows in a stable order."""
    tables: dict[str, list[dict[str, Any]]] = {}
    jurs = Jurisdiction.objects.select_related("parent").order_by("slug")
    tables["jurisdictions"] = [
        {k: (j.parent.slug if j.parent else None) if k == "parent" else getattr(j, k) for k in _JURISDICTION}
        for j in jurs
    ]
    tables["identifiers"] = [
        {"jurisdiction": i.jurisdiction.slug, "scheme": i.scheme, "value": i.value}
        for i in JurisdictionIdentifier.objects.select_related("jurisdiction").order_by(
            "jurisdiction__slug", "scheme", "value"
        )
    ]
    tables["stats"] = [
        {
            "jurisdiction": s.jurisdiction.slug,
            "year": s.year,
            "population": s.population,
            "area_km2": s.area_km2,
            "source": s.source,
        }
        for s in JurisdictionStat.objects.select_related("jurisdiction").order_by(
            "jurisdiction__slug", "year"
        )
    ]
    for name, model in SUBMISSIONS.items():
        fields = _fields(model)
        subs = model.objects.filter(state=State.PUBLISHED).select_related("jurisdiction", "supersedes")
        tables[name] = [
            _submission_row(o, fields) for o in subs.order_by("jurisdiction__slug", "series", "version")
        ]
    published = {"inventory__state": State.PUBLISHED, "inventory__deleted_at__isnull": True}
    line_model: type[models.Model]
    for name, line_model, order in (
        ("gpc_lines", GpcLine, ("gpc_ref",)),
        ("activity_records", ActivityRecord, ("position", "record_id")),
    ):
        fields = _fields(line_model, frozenset({"inventory"}))
        qs: Any = line_model._default_manager.filter(**published)
        if line_model is ActivityRecord:
            qs = qs.filter(deleted_at__isnull=True)
        qs = qs.select_related("inventory").order_by("inventory__series", "inventory__version", *order)
        tables[name] = [
            {
                "inventory_series": str(r.inventory.series),
                "inventory_version": r.inventory.version,
                **{f.name: _json(getattr(r, f.attname)) for f in fields},
            }
            for r in qs
        ]
    return tables


def write_json(tables: dict[str, list[dict[str, Any]]], out: io.TextIOBase | Any) -> None:
    json.dump(
        {"format": FORMAT, "version": VERSION, "tables": tables},
        out,
        ensure_ascii=False,
        indent=1,
        sort_keys=True,
    )
    out.write("\n")


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def write_zip(tables: dict[str, list[dict[str, Any]]], path: Path) -> None:
    """A ZIP with ``manifest.json`` and one ``<table>.csv`` per table (lists and objects as JSON cells)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        columns = {name: sorted({k for row in rows for k in row}) or [] for name, rows in tables.items()}
        zf.writestr(
            "manifest.json",
            json.dumps({"format": FORMAT, "version": VERSION, "columns": columns}, indent=1, sort_keys=True),
        )
        for name, rows in tables.items():
            buf = io.StringIO()
            writer = csv.writer(buf, lineterminator="\n")
            writer.writerow(columns[name])
            for row in rows:
                writer.writerow([_csv_cell(row.get(c)) for c in columns[name]])
            zf.writestr(f"{name}.csv", buf.getvalue())


# --- restore ---------------------------------------------------------------------------------------------


def read_export(path: Path) -> dict[str, list[dict[str, Any]]]:
    """The tables of a JSON export or a ZIP of CSVs (CSV cells typed back by the model fields on restore)."""
    if not path.is_file():
        raise InputError(f"file not found: {path}", code="file_not_found")
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as zf:
                manifest = json.loads(zf.read("manifest.json"))
                _check_format(path, manifest)
                return {
                    name[:-4]: list(csv.DictReader(io.StringIO(zf.read(name).decode("utf-8"))))
                    for name in zf.namelist()
                    if name.endswith(".csv")
                }
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (KeyError, ValueError, UnicodeDecodeError) as exc:
        raise InputError(f"{path.name} is not a LocalAction export: {exc}", code="invalid_file") from None
    _check_format(path, doc)
    tables: dict[str, list[dict[str, Any]]] = doc.get("tables", {})
    return tables


def _check_format(path: Path, doc: Any) -> None:
    if not isinstance(doc, dict) or doc.get("format") != FORMAT or doc.get("version") != VERSION:
        raise InputError(
            f"{path.name} is not a LocalAction export (format {FORMAT} version {VERSION})",
            code="invalid_file",
        )


def _value(field: models.Field[Any, Any], raw: Any) -> Any:
    """A cell back into the field's Python value (JSON values pass; CSV text is parsed)."""
    if isinstance(field, models.JSONField):
        if isinstance(raw, str):
            return json.loads(raw) if raw else None  # an empty CSV cell is a null JSON column
        return raw
    if raw == "" and (field.null or not isinstance(field, models.CharField | models.TextField)):
        return None
    if isinstance(field, models.BooleanField) and isinstance(raw, str):
        return {"true": True, "false": False, "": None}[raw.lower()]
    return field.to_python(raw)


def _typed(
    model: type[models.Model], row: dict[str, Any], where: tuple[str, int], problems: list[Detail]
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in _fields(model, frozenset({"jurisdiction", "supersedes", "inventory"})):
        if f.name in row:
            try:
                out[f.attname] = _value(f, row[f.name])
            except Exception as exc:  # a field's own parser: ValidationError, ValueError, KeyError
                problems.append(Detail((where[0], f"row {where[1]}", f.name), str(exc)))
    return out


def restore(path: Path, progress: Progress | None = None) -> ImportSummary:
    """Load an export (all or nothing); rows already present (same slug, same series and version) are kept."""
    tables = read_export(path)
    summary = ImportSummary(files=[path.name], rows=sum(len(t) for t in tables.values()))
    problems: list[Detail] = []
    with transaction.atomic():
        jurs = _restore_jurisdictions(tables, summary, problems)
        by_key: dict[tuple[str, int], Inventory] = {}
        for name, model in SUBMISSIONS.items():
            created = []
            for i, row in enumerate(tables.get(name, []), start=2):
                jur = jurs.get(row.get("jurisdiction", ""))
                if jur is None:
                    problems.append(Detail((name, f"row {i}", "jurisdiction"), "unknown jurisdiction"))
                    continue
                fields = _typed(model, row, (name, i), problems)
                series, version = str(fields.get("series")), fields.get("version")
                if model.all_objects.filter(series=series, version=int(version or 0)).exists():
                    summary.add(f"{name} already present")
                    continue
                obj = model(jurisdiction=jur, **fields)
                obj.save()
                created.append((obj, row.get("supersedes_version")))
                if isinstance(obj, Inventory):
                    by_key[(series, obj.version)] = obj
                if progress:
                    progress(1)
            for obj, sup in created:
                if sup not in (None, ""):
                    obj.supersedes = model.all_objects.filter(series=obj.series, version=int(sup)).first()
                    obj.save(update_fields=["supersedes"])
            record_created([o for o, _ in created], f"restored from {path.name}")
            summary.add(f"{name} restored", len(created))
        for name, line_model in (("gpc_lines", GpcLine), ("activity_records", ActivityRecord)):
            rows: list[Any] = []
            for i, row in enumerate(tables.get(name, []), start=2):
                inv = by_key.get((row.get("inventory_series", ""), int(row.get("inventory_version") or 0)))
                if inv is not None:
                    rows.append(line_model(inventory=inv, **_typed(line_model, row, (name, i), problems)))
            line_model._default_manager.bulk_create(rows, batch_size=1000)
            summary.add(f"{name} restored", len(rows))
        if problems:
            raise InputError(
                f"{len(problems)} value(s) could not be read; nothing was restored",
                code="invalid_file",
                details=problems,
            )
    return summary


def _restore_jurisdictions(
    tables: dict[str, list[dict[str, Any]]], summary: ImportSummary, problems: list[Detail]
) -> dict[str, Jurisdiction]:
    existing = {j.slug: j for j in Jurisdiction.all_objects.all()}
    rows = tables.get("jurisdictions", [])
    new = []
    for i, row in enumerate(rows, start=2):
        if row["slug"] in existing:
            continue
        fields = _typed(
            Jurisdiction, {k: v for k, v in row.items() if k != "parent"}, ("jurisdictions", i), problems
        )
        jur = Jurisdiction(**fields)
        jur.save()
        existing[jur.slug] = jur
        new.append(jur)
    for row in rows:
        if row.get("parent"):
            child, parent = existing[row["slug"]], existing.get(row["parent"])
            if child in new and parent is not None:
                child.parent = parent
                child.save(update_fields=["parent"])
    record_created(new, "restored")
    summary.add("jurisdictions restored", len(new))
    for row in tables.get("identifiers", []):
        found = existing.get(row["jurisdiction"])
        if (
            found is not None
            and not JurisdictionIdentifier.objects.filter(scheme=row["scheme"], value=row["value"]).exists()
        ):
            JurisdictionIdentifier.objects.create(
                jurisdiction=found, scheme=row["scheme"], value=row["value"]
            )
    for i, row in enumerate(tables.get("stats", []), start=2):
        owner = existing.get(row["jurisdiction"])
        fields = _typed(JurisdictionStat, row, ("stats", i), problems)
        if (
            owner is not None
            and not JurisdictionStat.objects.filter(jurisdiction=owner, year=fields["year"]).exists()
        ):
            JurisdictionStat.objects.create(jurisdiction=owner, **fields)
    return existing
