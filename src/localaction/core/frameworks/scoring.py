"""Scores of a checked report: per indicator (its band, choice or yes/no score), per section and overall."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, Field

from localaction.core.frameworks.answers import Report, validate_answers
from localaction.core.frameworks.model import Framework, Indicator, IndicatorType

T = IndicatorType


class IndicatorScore(BaseModel):
    id: str
    section: str
    number: str = ""
    label: str
    scored_value: float | None = None  # what the bands were applied to (the value, or a count)
    score: float | None = None  # None: not answered
    max_score: float
    band: str = ""  # the band's or choice's label


class SectionScore(BaseModel):
    id: str
    title: str
    score: float | None  # None: nothing answered in this section
    max_score: float
    percent: float | None
    answered: int
    scored: int  # indicators that carry a score


class Scores(BaseModel):
    framework: str
    edition: str
    indicators: list[IndicatorScore] = Field(default_factory=list)
    sections: list[SectionScore] = Field(default_factory=list)
    total: float | None = None
    max_total: float | None = None
    percent: float | None = None
    complete: bool = False  # every scored indicator answered

    def section(self, section_id: str) -> SectionScore:
        return next(s for s in self.sections if s.id == section_id)

    def indicator(self, indicator_id: str) -> IndicatorScore:
        return next(s for s in self.indicators if s.id == indicator_id)


def scored_value(ind: Indicator, value: object) -> float | None:
    """The number a band applies to: the value itself, or the count of choices / rows."""
    if value is None:
        return None
    if ind.type in {T.MULTI_CHOICE, T.TABLE}:
        return float(len(value)) if isinstance(value, list) else None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return None


def indicator_score(ind: Indicator, value: object) -> tuple[float | None, float | None, str]:
    """(score, scored value, label) of one answer; score None when unanswered or not scored."""
    if value is None or not ind.scored:
        return None, None, ""
    if ind.type == T.YES_NO:
        key = "yes" if value else "no"
        return ind.scores.get(key), None, key
    if ind.type == T.CHOICE:
        chosen = next((c for c in ind.choices if c.value == value), None)
        return (chosen.score, None, chosen.label) if chosen else (None, None, "")
    x = scored_value(ind, value)
    if x is None:
        return None, None, ""
    band = next((b for b in ind.bands if b.contains(x)), None)
    return (band.score, x, band.label) if band else (None, x, "")


def score(fw: Framework, report: Report | Mapping[str, Any]) -> Scores:
    """Scores of ``report`` (a checked :class:`Report`, or an answers document, validated as a draft)."""
    if not isinstance(report, Report):
        report = validate_answers(fw, report, complete=False)
    out = Scores(framework=fw.id, edition=fw.edition)
    if fw.scoring is None:
        return out
    mean = fw.scoring.section_aggregate == "mean"
    all_answered = True
    for section in fw.sections:
        got: list[float] = []
        maxima: list[float] = []
        for ind in section.indicators:
            if not ind.scored:
                continue
            s, x, label = indicator_score(ind, report.value_of(ind.id))
            max_score = ind.max_score or 0.0
            maxima.append(max_score)
            out.indicators.append(
                IndicatorScore(
                    id=ind.id,
                    section=section.id,
                    number=ind.number,
                    label=ind.label,
                    scored_value=x,
                    score=s,
                    max_score=max_score,
                    band=label,
                )
            )
            if s is None:
                all_answered = False
            else:
                got.append(s)
        if mean:
            sec_score = sum(got) / len(got) if got else None
            sec_max = max(maxima) if maxima else 0.0
        else:
            sec_score = sum(got) if got else None
            sec_max = sum(maxima)
        out.sections.append(
            SectionScore(
                id=section.id,
                title=section.title,
                score=sec_score,
                max_score=sec_max,
                percent=None if sec_score is None or not sec_max else 100.0 * sec_score / sec_max,
                answered=len(got),
                scored=len(maxima),
            )
        )
    answered = [i.score for i in out.indicators if i.score is not None]
    out.max_total = sum(i.max_score for i in out.indicators)
    out.total = sum(answered) if answered else None
    out.percent = None if out.total is None or not out.max_total else 100.0 * out.total / out.max_total
    out.complete = all_answered
    return out
