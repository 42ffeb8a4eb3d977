"""Reporting frameworks as data (biodiversity, resilience, city indicators, mobility, water, health and
happiness): load and check framework files, check answers, derive values, score, compare and chart.

Pure Python: no Django, no database. A framework is a YAML file in ``frameworks/data``; see docs/frameworks.md.
"""

from __future__ import annotations

from localaction.core.frameworks.answers import Problem, Report, Value, check_answers, validate_answers
from localaction.core.frameworks.charts import RadarPoint, radar_chart, radar_data
from localaction.core.frameworks.compare import Comparison, IndicatorChange, SectionChange, compare_reports
from localaction.core.frameworks.expressions import Expression, ExpressionError, parse
from localaction.core.frameworks.forms import EXPORT_COLUMNS, export_rows, form_schema
from localaction.core.frameworks.loader import load_framework, parse_framework
from localaction.core.frameworks.model import (
    Band,
    Choice,
    Column,
    Framework,
    Indicator,
    IndicatorType,
    Rule,
    Section,
    Validation,
)
from localaction.core.frameworks.scoring import IndicatorScore, Scores, SectionScore, score
from localaction.core.frameworks.shipped import (
    example_report,
    example_reports,
    get_framework,
    load_answers,
    shipped_frameworks,
)

__all__ = [
    "EXPORT_COLUMNS",
    "Band",
    "Choice",
    "Column",
    "Comparison",
    "Expression",
    "ExpressionError",
    "Framework",
    "Indicator",
    "IndicatorChange",
    "IndicatorScore",
    "IndicatorType",
    "Problem",
    "RadarPoint",
    "Report",
    "Rule",
    "Scores",
    "Section",
    "SectionChange",
    "SectionScore",
    "Validation",
    "Value",
    "check_answers",
    "compare_reports",
    "example_report",
    "example_reports",
    "export_rows",
    "form_schema",
    "get_framework",
    "load_answers",
    "load_framework",
    "parse",
    "parse_framework",
    "radar_chart",
    "radar_data",
    "score",
    "shipped_frameworks",
    "validate_answers",
]
