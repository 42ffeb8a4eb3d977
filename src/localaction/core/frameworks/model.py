"""A reporting framework as data: sections of indicators, with types, units, validation, formulas and
scoring bands (plain pydantic models: no Django, no database).

A form generator walks ``Framework.sections -> Section.indicators`` (and ``Indicator.columns`` for tables);
exports walk the same tree. Cross-field consistency (unique ids, formulas, band coverage, declared maxima) is
checked by :mod:`localaction.core.frameworks.checks` when a file is loaded, so every problem is reported at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

ID_PATTERN = r"^[a-z][a-z0-9_]*$"  # usable as a formula name and as a form field name

#: A text's translations, by language code (``{es: ..., fr: ..., pt-br: ..., zh-hans: ...}``): optional,
#: the English field is what every other language falls back to.
Translations = dict[str, str]


def pick(english: str, translations: Translations, language: str | None) -> str:
    """The text in ``language`` (``pt-br``; ``pt`` also serves ``pt-br``), else the English."""
    if not language or not translations:
        return english
    wanted = language.lower().replace("_", "-")
    by_code = {k.lower().replace("_", "-"): v for k, v in translations.items() if v}
    return by_code.get(wanted) or by_code.get(wanted.split("-")[0]) or english


class IndicatorType(StrEnum):
    NUMBER = "number"  # a quantity in ``unit``; ``formula`` makes it derived (computed, not entered)
    PERCENTAGE = "percentage"  # 100 x numerator / denominator
    RATIO = "ratio"  # ``per`` x numerator / denominator (e.g. per 100 000 population)
    YES_NO = "yes_no"
    CHOICE = "choice"
    MULTI_CHOICE = "multi_choice"
    TEXT = "text"
    TABLE = "table"  # rows of ``columns``


# Types a table column may take (no nested tables, no ratios: keep rows flat for exports).
COLUMN_TYPES = frozenset(
    {
        IndicatorType.NUMBER,
        IndicatorType.YES_NO,
        IndicatorType.CHOICE,
        IndicatorType.MULTI_CHOICE,
        IndicatorType.TEXT,
    }
)
NUMERIC_TYPES = frozenset({IndicatorType.NUMBER, IndicatorType.PERCENTAGE, IndicatorType.RATIO})


class Better(StrEnum):
    HIGHER = "higher"
    LOWER = "lower"


class _Strict(BaseModel):
    # Unknown keys are errors: a typo in a framework file must not pass silently.
    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)


class Source(_Strict):
    title: str
    publisher: str = ""
    year: int | None = None
    url: str = ""
    citation: str = ""
    licence: str = ""  # what we may carry (facts, names, thresholds) and what we wrote ourselves


class Choice(_Strict):
    value: str = Field(min_length=1)  # stored in answers
    label: str
    label_i18n: Translations = Field(default_factory=dict)
    help: str = ""
    help_i18n: Translations = Field(default_factory=dict)
    group: str = ""  # first level of a two-level list (e.g. the CDP hazard group)
    score: float | None = None


class Band(_Strict):
    """A score for a range of values: lower bound ``min`` (>=) or ``above`` (>), upper ``max`` (<=) or
    ``below`` (<); an absent bound is open-ended. ``label`` keeps the source's wording ("1-6.9 %")."""

    score: float
    min: float | None = None
    above: float | None = None
    max: float | None = None
    below: float | None = None
    label: str = ""
    label_i18n: Translations = Field(default_factory=dict)

    def contains(self, value: float) -> bool:
        return (
            (self.min is None or value >= self.min)
            and (self.above is None or value > self.above)
            and (self.max is None or value <= self.max)
            and (self.below is None or value < self.below)
        )


class Validation(_Strict):
    min: float | None = None
    max: float | None = None
    integer: bool = False
    max_length: int | None = None  # text
    pattern: str | None = None  # text, a regular expression the whole value must match
    min_selected: int | None = None  # multi_choice
    max_selected: int | None = None
    min_rows: int | None = None  # table
    max_rows: int | None = None


class Rule(_Strict):
    """A cross-check over answers, e.g. ``protected_area <= natural_area``; skipped when a name is unanswered."""

    check: str
    message: str
    severity: str = Field(default="error", pattern=r"^(error|warning)$")


class Part(_Strict):
    """The numerator or denominator of a percentage or ratio, as a form shows it."""

    label: str
    unit: str = ""


class Column(_Strict):
    id: str = Field(pattern=ID_PATTERN)
    label: str
    label_i18n: Translations = Field(default_factory=dict)
    help: str = ""
    help_i18n: Translations = Field(default_factory=dict)
    type: IndicatorType
    unit: str = ""
    unit_i18n: Translations = Field(default_factory=dict)
    required: bool = False
    choices: list[Choice] = Field(default_factory=list)
    validation: Validation = Field(default_factory=Validation)


class Indicator(_Strict):
    id: str = Field(pattern=ID_PATTERN)
    number: str = ""  # the source's own number, for display ("1", "4-8")
    label: str
    label_i18n: Translations = Field(default_factory=dict)
    help: str = ""  # our own description: never the source's text
    help_i18n: Translations = Field(default_factory=dict)
    type: IndicatorType
    unit: str = ""
    unit_i18n: Translations = Field(default_factory=dict)
    required: bool = False
    level: str = ""  # e.g. core / supporting (ISO 37120 style)
    better: Better | None = None  # which direction is an improvement, for comparisons
    numerator: Part | None = None  # percentage / ratio
    denominator: Part | None = None
    per: float | None = None  # ratio multiplier
    choices: list[Choice] = Field(default_factory=list)
    columns: list[Column] = Field(default_factory=list)  # table
    key: str | None = None  # table column whose values must be unique
    validation: Validation = Field(default_factory=Validation)
    rules: list[Rule] = Field(default_factory=list)
    formula: str | None = None  # derived value (number only)
    bands: list[Band] = Field(default_factory=list)  # score of the numeric value (count for multi / table)
    scores: dict[str, float] = Field(default_factory=dict)  # yes_no: {"yes": 4, "no": 0}
    crosswalk: dict[str, str] = Field(default_factory=dict)  # field ids in other templates (CDP, GCoM)
    verified: bool | None = None  # None: as the framework
    notes: str = ""

    @field_validator("scores", mode="before")
    @classmethod
    def _yaml_booleans(cls, value: object) -> object:
        # YAML 1.1 reads a bare `yes:` key as True: accept it as "yes".
        if isinstance(value, dict):
            return {
                ({True: "yes", False: "no"}.get(k, k) if isinstance(k, bool) else k): v
                for k, v in value.items()
            }
        return value

    @property
    def derived(self) -> bool:
        return self.formula is not None

    @property
    def scored(self) -> bool:
        return bool(self.bands or self.scores or any(c.score is not None for c in self.choices))

    @property
    def max_score(self) -> float | None:
        candidates = [b.score for b in self.bands] + list(self.scores.values())
        candidates += [c.score for c in self.choices if c.score is not None]
        return max(candidates) if candidates else None


class Section(_Strict):
    id: str = Field(pattern=ID_PATTERN)
    title: str
    title_i18n: Translations = Field(default_factory=dict)
    help: str = ""
    indicators: list[Indicator] = Field(min_length=1)


class Scoring(_Strict):
    max_total: float | None = None  # declared, checked against the bands (Singapore Index: 92)
    section_aggregate: str = Field(default="sum", pattern=r"^(sum|mean)$")
    note: str = ""


class Chart(_Strict):
    kind: str = Field(default="radar", pattern=r"^radar$")
    axes: str = Field(default="sections", pattern=r"^(sections|indicators)$")
    value: str = Field(default="score", pattern=r"^(score|percent)$")  # percent: of the axis maximum
    title: str = ""
    title_i18n: Translations = Field(default_factory=dict)


class Framework(_Strict):
    format: int = Field(default=1, ge=1, le=1)  # the file format's version
    id: str = Field(pattern=ID_PATTERN)
    name: str
    name_i18n: Translations = Field(default_factory=dict)
    edition: str  # the source's edition ("2014"); several editions may share an id
    version: str = "1"  # our file's revision
    theme: str  # biodiversity, resilience, city_indicators, mobility, water, health_happiness ...
    description: str = ""
    source: Source
    verified: bool = False  # True only once every indicator and band was checked against the source
    notes: list[str] = Field(default_factory=list)
    require_data_year: bool = False  # every answer carries the year its data is for
    scoring: Scoring | None = None  # None: the framework does not score
    chart: Chart | None = None
    sections: list[Section] = Field(min_length=1)
    # A place to define YAML anchors (&levels) used further down; never read by the engine.
    anchors: dict[str, Any] = Field(default_factory=dict, exclude=True)

    @property
    def key(self) -> str:
        return f"{self.id}@{self.edition}"

    def localized(self, language: str | None) -> Framework:
        """The same framework with its name, section titles, indicator, column and choice labels in
        ``language`` where the file gives them (``name_i18n``, ``title_i18n``, ``label_i18n``); the rest, and
        every id, unchanged."""
        if not language or language.lower().startswith("en"):
            return self

        def choices(items: list[Choice]) -> list[Choice]:
            return [
                c.model_copy(
                    update={
                        "label": pick(c.label, c.label_i18n, language),
                        "help": pick(c.help, c.help_i18n, language),
                    }
                )
                for c in items
            ]

        def indicator(i: Indicator) -> Indicator:
            columns = [
                c.model_copy(
                    update={
                        "label": pick(c.label, c.label_i18n, language),
                        "help": pick(c.help, c.help_i18n, language),
                        "unit": pick(c.unit, c.unit_i18n, language),
                        "choices": choices(c.choices),
                    }
                )
                for c in i.columns
            ]
            bands = [b.model_copy(update={"label": pick(b.label, b.label_i18n, language)}) for b in i.bands]
            return i.model_copy(
                update={
                    "label": pick(i.label, i.label_i18n, language),
                    "help": pick(i.help, i.help_i18n, language),
                    "unit": pick(i.unit, i.unit_i18n, language),
                    "choices": choices(i.choices),
                    "columns": columns,
                    "bands": bands,
                }
            )

        sections = [
            s.model_copy(
                update={
                    "title": pick(s.title, s.title_i18n, language),
                    "indicators": [indicator(i) for i in s.indicators],
                }
            )
            for s in self.sections
        ]
        chart = self.chart
        if chart is not None:
            chart = chart.model_copy(update={"title": pick(chart.title, chart.title_i18n, language)})
        name = pick(self.name, self.name_i18n, language)
        return self.model_copy(update={"name": name, "sections": sections, "chart": chart})

    def indicators(self) -> Iterator[tuple[Section, Indicator]]:
        for section in self.sections:
            for indicator in section.indicators:
                yield section, indicator

    def indicator(self, indicator_id: str) -> Indicator:
        for _, ind in self.indicators():
            if ind.id == indicator_id:
                return ind
        raise KeyError(indicator_id)

    @property
    def indicator_count(self) -> int:
        return sum(len(s.indicators) for s in self.sections)

    def is_verified(self, indicator: Indicator) -> bool:
        return self.verified if indicator.verified is None else indicator.verified
