"""What forms and exports walk: a framework as a JSON-able form description, and a report as flat rows.

Both are derived from the framework file (one definition per fact), and a test checks that every indicator
and table column reaches both.
"""

from __future__ import annotations

from typing import Any

from localaction.core.frameworks.answers import Report
from localaction.core.frameworks.model import Framework, Indicator
from localaction.core.frameworks.scoring import Scores

EXPORT_COLUMNS = [
    "framework",
    "edition",
    "jurisdiction",
    "year",
    "section",
    "indicator",
    "number",
    "label",
    "level",
    "unit",
    "value",
    "numerator",
    "denominator",
    "data_year",
    "derived",
    "score",
    "max_score",
    "source",
    "note",
]


def _field(ind: Indicator, fw: Framework) -> dict[str, Any]:
    field = ind.model_dump(mode="json", exclude_defaults=True)
    field.update(
        type=ind.type.value,
        required=ind.required,
        input=not ind.derived,  # derived values are shown, not entered
        max_score=ind.max_score,
        verified=fw.is_verified(ind),
        year_required=fw.require_data_year and not ind.derived,
    )
    return field


def form_schema(fw: Framework) -> dict[str, Any]:
    """Sections -> fields (label, help, type, unit, choices, required, validation …) as plain JSON data."""
    head = fw.model_dump(mode="json", exclude={"sections"}, exclude_defaults=True)
    head.update(id=fw.id, name=fw.name, edition=fw.edition, key=fw.key)
    head["sections"] = [
        {
            "id": s.id,
            "title": s.title,
            "help": s.help,
            "fields": [_field(ind, fw) for ind in s.indicators],
        }
        for s in fw.sections
    ]
    return head


def export_rows(fw: Framework, report: Report, scores: Scores | None = None) -> list[dict[str, Any]]:
    """One row per indicator (answered or not), in framework order; tables keep their rows in ``value``."""
    by_score = {s.id: s for s in scores.indicators} if scores else {}
    rows = []
    for section, ind in fw.indicators():
        v = report.values.get(ind.id)
        sc = by_score.get(ind.id)
        rows.append(
            {
                "framework": fw.id,
                "edition": fw.edition,
                "jurisdiction": report.jurisdiction,
                "year": report.year,
                "section": section.id,
                "indicator": ind.id,
                "number": ind.number,
                "label": ind.label,
                "level": ind.level,
                "unit": ind.unit,
                "value": v.value if v else None,
                "numerator": v.numerator if v else None,
                "denominator": v.denominator if v else None,
                "data_year": v.year if v else None,
                "derived": ind.derived,
                "score": sc.score if sc else None,
                "max_score": ind.max_score,
                "source": v.source if v else "",
                "note": v.note if v else "",
            }
        )
    return rows
