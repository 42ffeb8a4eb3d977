"""Baseline versus latest: the change of every indicator and of every section's score.

The Singapore Index, for one, is meant to be applied first as a city's baseline and then again to show
progress against it; this is that comparison, for any framework.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, Field

from localaction.core.errors import InputError
from localaction.core.frameworks.answers import Report, ScalarOrList, validate_answers
from localaction.core.frameworks.model import Better, Framework, IndicatorType
from localaction.core.frameworks.scoring import Scores, score, scored_value


class IndicatorChange(BaseModel):
    id: str
    section: str
    label: str
    unit: str = ""
    baseline: ScalarOrList = None
    latest: ScalarOrList = None
    change: float | None = None  # latest - baseline, for numbers and counts
    change_percent: float | None = None
    changed: bool = False
    direction: str | None = None  # improved / worsened / unchanged, where the framework says which is better
    baseline_score: float | None = None
    latest_score: float | None = None
    score_change: float | None = None


class SectionChange(BaseModel):
    id: str
    title: str
    baseline: float | None
    latest: float | None
    change: float | None
    max_score: float


class Comparison(BaseModel):
    framework: str
    edition: str
    baseline_year: int | None
    latest_year: int | None
    indicators: list[IndicatorChange] = Field(default_factory=list)
    sections: list[SectionChange] = Field(default_factory=list)
    baseline_total: float | None = None
    latest_total: float | None = None
    total_change: float | None = None


def _diff(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else b - a


def _as_report(fw: Framework, doc: Report | Mapping[str, Any], which: str) -> Report:
    if isinstance(doc, Report):
        if (doc.framework, doc.edition) != (fw.id, fw.edition):
            raise InputError(
                f"the {which} report is for {doc.framework} ({doc.edition}), not {fw.id} ({fw.edition})",
                code="framework_mismatch",
            )
        return doc
    return validate_answers(fw, doc, complete=False)


def compare_reports(
    fw: Framework, baseline: Report | Mapping[str, Any], latest: Report | Mapping[str, Any]
) -> Comparison:
    """Per-indicator and per-section change from ``baseline`` to ``latest`` (both to the same edition)."""
    base, last = _as_report(fw, baseline, "baseline"), _as_report(fw, latest, "latest")
    base_scores, last_scores = score(fw, base), score(fw, last)
    out = Comparison(framework=fw.id, edition=fw.edition, baseline_year=base.year, latest_year=last.year)
    for section, ind in fw.indicators():
        b, lt = base.value_of(ind.id), last.value_of(ind.id)
        bx, lx = scored_value(ind, b), scored_value(ind, lt)
        if ind.type == IndicatorType.YES_NO:
            bx = None if b is None else float(bool(b))
            lx = None if lt is None else float(bool(lt))
        change = _diff(bx, lx)
        bs, ls = _score_of(base_scores, ind.id), _score_of(last_scores, ind.id)
        out.indicators.append(
            IndicatorChange(
                id=ind.id,
                section=section.id,
                label=ind.label,
                unit=ind.unit,
                baseline=b,
                latest=lt,
                change=change,
                change_percent=None if change is None or not bx else 100.0 * change / abs(bx),
                changed=b != lt,
                direction=_direction(ind.better, change, _diff(bs, ls)),
                baseline_score=bs,
                latest_score=ls,
                score_change=_diff(bs, ls),
            )
        )
    for bsec, lsec in zip(base_scores.sections, last_scores.sections, strict=True):
        out.sections.append(
            SectionChange(
                id=bsec.id,
                title=bsec.title,
                baseline=bsec.score,
                latest=lsec.score,
                change=_diff(bsec.score, lsec.score),
                max_score=bsec.max_score,
            )
        )
    out.baseline_total, out.latest_total = base_scores.total, last_scores.total
    out.total_change = _diff(base_scores.total, last_scores.total)
    return out


def _score_of(scores: Scores, indicator_id: str) -> float | None:
    return next((s.score for s in scores.indicators if s.id == indicator_id), None)


def _direction(better: Better | None, change: float | None, score_change: float | None) -> str | None:
    # A score says it best; otherwise the framework's "better" direction of the value.
    if score_change is not None:
        delta = score_change
    elif change is not None and better is not None:
        delta = change if better == Better.HIGHER else -change
    else:
        return None
    return "improved" if delta > 0 else "worsened" if delta < 0 else "unchanged"
