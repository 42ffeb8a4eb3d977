"""Framework reports as a submission kind: the fields the shared use-cases may set, and what blocks a
submission (the complete check of the answers)."""

from __future__ import annotations

from localaction.core.errors import Detail
from localaction.registry.base import kinds
from localaction.registry.frameworks.models import FrameworkReport

REPORT_FIELDS = ("framework_id", "edition", "year", "title", "answers")


def blocking(report: FrameworkReport) -> list[Detail]:
    return report.blocking_problems()


def register() -> None:
    kinds.register(kinds.Kind("report", FrameworkReport, fields=REPORT_FIELDS, blocking=blocking))
