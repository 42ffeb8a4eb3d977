"""Demo framework reports: every shipped framework's worked example published for one demo city, a baseline
(an earlier, weaker Singapore Index report) so the trend shows, and a peer city's report so comparisons do.
Idempotent: a city that already has demo reports is left alone. Called from ``registry.demo.load_demo``."""

from __future__ import annotations

import copy
from typing import Any

from django.db import transaction

from localaction.core import frameworks
from localaction.demo import workflow as demo_workflow
from localaction.demo.accounts import LOADER
from localaction.registry.base.models import Jurisdiction, User
from localaction.registry.frameworks import services as reports
from localaction.registry.frameworks.models import FrameworkReport

HOME = "nova-esperanca"  # every framework's worked example
PEER = "port-meridian"  # a second Singapore Index report, for comparisons
SOURCE = "LocalAction demo (worked example)"
BASELINE_YEAR = 2019


def _weaker(answers: dict[str, Any], factor: float) -> dict[str, Any]:
    """The same answers with every percentage / ratio numerator scaled (an earlier, weaker year)."""
    out = copy.deepcopy(answers)
    for value in out.values():
        if isinstance(value, dict) and isinstance(value.get("numerator"), int | float):
            value["numerator"] = round(value["numerator"] * factor, 2)
            value.pop("year", None)
    return out


def _add(jur: Jurisdiction, doc: dict[str, Any], loader: User, reviewer: User, *, year: int) -> None:
    fw = frameworks.get_framework(doc["framework"], doc.get("edition"))
    answers = doc["answers"]
    if frameworks.check_answers(fw, {**doc, "year": year, "answers": answers}).errors:
        return  # a modified example that no longer checks is left out rather than published wrong
    r = reports.create_report(
        loader, jur, framework_id=fw.id, edition=fw.edition, year=year, answers=answers, data_source=SOURCE
    )
    demo_workflow.publish(r, _users())


def _users() -> dict[str, User]:
    names = ("demo-approver", "demo-reviewer", "demo-admin", "demo-verifier", LOADER)
    return {u.username: u for u in User.objects.filter(username__in=names)}


def load_framework_demo() -> None:
    loader = User.objects.filter(username="demo-loader").first()
    reviewer = User.objects.filter(username="demo-reviewer").first()
    if loader is None or reviewer is None:
        return
    home = Jurisdiction.objects.filter(slug=HOME).first()
    if home is not None and not FrameworkReport.all_objects.filter(jurisdiction=home).exists():
        with transaction.atomic():
            for doc in frameworks.example_reports():
                if doc["framework"] == "singapore_index":
                    baseline = {**doc, "answers": _weaker(doc["answers"], 0.6)}
                    _add(home, baseline, loader, reviewer, year=BASELINE_YEAR)
                _add(home, doc, loader, reviewer, year=int(doc.get("year") or 2023))
    peer = Jurisdiction.objects.filter(slug=PEER).first()
    if peer is not None and not FrameworkReport.all_objects.filter(jurisdiction=peer).exists():
        doc = frameworks.example_report("singapore_index")
        with transaction.atomic():
            _add(peer, {**doc, "answers": _weaker(doc["answers"], 1.3)}, loader, reviewer, year=2022)
