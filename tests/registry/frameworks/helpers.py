"""Shared helpers: a published framework report made through the real workflow."""

from __future__ import annotations

from typing import Any

from localaction.core import frameworks
from localaction.registry import services
from localaction.registry.frameworks import services as reports
from localaction.registry.frameworks.models import FrameworkReport
from tests.factories import World


def example_answers(framework_id: str) -> dict[str, Any]:
    return dict(frameworks.example_report(framework_id)["answers"])


def publish(world: World, report: FrameworkReport) -> FrameworkReport:
    u = world.users
    for who, action in (("approver_a", "submit"), ("reviewer", "validate"), ("admin", "publish")):
        report = services.transition(u[who], report, action, revision=report.revision)
    return report


def published_report(
    world: World,
    framework_id: str = "singapore_index",
    year: int = 2023,
    answers: dict[str, Any] | None = None,
) -> FrameworkReport:
    r = reports.create_report(
        world.users["editor_a"],
        world.city_a,
        framework_id=framework_id,
        year=year,
        answers=answers if answers is not None else example_answers(framework_id),
    )
    return publish(world, r)
