"""The JSON document of everything a jurisdiction reported in a year, and its published JSON Schema
(``data/registry_year.schema.json``). Reading one back validates it against the schema first, so every problem
is named by its JSON path before anything is written."""

from __future__ import annotations

import datetime as dt
import decimal
import json
from functools import cache
from typing import Any

import jsonschema

from localaction.core.errors import Detail
from localaction.core.inventory.model import ActivityRecord as EngineRecord
from localaction.registry.actions.models import Action
from localaction.registry.base.models import Jurisdiction
from localaction.registry.frameworks.exports.layouts import SCHEMA_PATH
from localaction.registry.frameworks.models import FrameworkReport
from localaction.registry.hazards.models import HazardAssessment
from localaction.registry.inventories.models import GpcLine, Inventory
from localaction.registry.targets.models import Commitment, Target

FORMAT = "localaction.registry-year"
SECTIONS: dict[str, type[Any]] = {
    "targets": Target,
    "commitments": Commitment,
    "actions": Action,
    "hazards": HazardAssessment,
}
_RECORD_FIELDS = tuple(EngineRecord.model_fields)  # one definition: the engine's activity record
_TOTALS = (
    "basic_tco2e",
    "basic_plus_tco2e",
    "basic_plus_other_scope3_tco2e",
    "territorial_tco2e",
    "biogenic_co2_t",
    "reported_basic_tco2e",
    "reported_basic_plus_tco2e",
    "reported_territorial_tco2e",
)


@cache
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text("utf-8"))  # type: ignore[no-any-return]


def schema_problems(doc: Any) -> list[Detail]:
    """Every place where ``doc`` breaks the published schema, by JSON path."""
    validator = jsonschema.Draft202012Validator(schema())
    return [
        Detail(tuple(err.absolute_path) or ("document",), err.message)
        for err in sorted(validator.iter_errors(doc), key=lambda e: list(map(str, e.absolute_path)))
    ]


def _json(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    return value


def inventory_doc(inv: Inventory) -> dict[str, Any]:
    lines = []
    for ln in GpcLine.objects.filter(inventory=inv).order_by("gpc_ref"):
        if not ln.is_entered and ln.value_tco2e is None:
            continue
        lines.append(
            {
                "gpc_ref": ln.gpc_ref,
                "value_tco2e": ln.entered_value_tco2e if ln.is_entered else None,
                "notation_keys": list(ln.notation_keys),
                "included_in": ln.included_in,
                "explanation": ln.explanation,
                "quality_activity": ln.quality_activity,
                "quality_factor": ln.quality_factor,
                "source": ln.source,
                "computed_tco2e": ln.value_tco2e,
            }
        )
    records = []
    for rec in inv.activity_records.filter(deleted_at__isnull=True).order_by("position", "id"):
        row = {f: getattr(rec, f) for f in _RECORD_FIELDS}
        row["params"] = row["params"] or {}
        row.update(co2e_t=rec.co2e_t, gases_t=rec.gases_t or {}, biogenic_co2_t=rec.biogenic_co2_t)
        records.append(row)
    return {
        "year": inv.year,
        "version": inv.version,
        "state": inv.state,
        "boundary": inv.boundary,
        "gwp_set": inv.gwp_set,
        "level": inv.level,
        "population": inv.population,
        "totals": {t: getattr(inv, t, None) for t in _TOTALS},
        "gpc_lines": lines,
        "records": records,
    }


def report_doc(r: FrameworkReport) -> dict[str, Any]:
    return {
        "framework": r.framework_id,
        "edition": r.edition,
        "year": r.year,
        "title": r.title,
        "version": r.version,
        "state": r.state,
        "answers": r.answers,
        "score_total": r.score_total,
        "score_max": r.score_max,
    }


def year_document(
    jurisdiction: Jurisdiction,
    year: int,
    *,
    inventories: list[Inventory],
    reports: list[FrameworkReport],
    others: dict[str, list[Any]],
) -> dict[str, Any]:
    """The document for what the caller chose (``exports.pick`` applies visibility)."""
    from localaction.registry.base.kinds import fields_of

    doc: dict[str, Any] = {
        "format": FORMAT,
        "format_version": 1,
        "jurisdiction": {
            "slug": jurisdiction.slug,
            "name": jurisdiction.name,
            "country": jurisdiction.country,
            "kind": jurisdiction.kind,
        },
        "year": year,
        "inventories": [inventory_doc(inv) for inv in inventories],
        "framework_reports": [report_doc(r) for r in reports],
    }
    for key, model in SECTIONS.items():
        doc[key] = [
            {
                "version": o.version,
                "state": o.state,
                "fields": {f: _json(getattr(o, f)) for f in fields_of(model)},
            }
            for o in others.get(key, [])
        ]
    return doc


def lines_and_records(inv_doc: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The entered part of an inventory in the document, as ``replace_contents`` takes it."""
    lines = []
    for ln in inv_doc.get("gpc_lines", []):
        if ln.get("value_tco2e") is None and not ln.get("notation_keys"):
            continue  # computed only (from records): the records bring it back
        lines.append(
            {
                k: ln.get(k)
                for k in (
                    "gpc_ref",
                    "value_tco2e",
                    "notation_keys",
                    "included_in",
                    "explanation",
                    "quality_activity",
                    "quality_factor",
                    "source",
                )
                if ln.get(k) is not None
            }
        )
    records = [
        {k: v for k, v in rec.items() if k in _RECORD_FIELDS and v is not None}
        for rec in inv_doc.get("records", [])
    ]
    return lines, records
