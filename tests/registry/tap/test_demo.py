"""The TAP / gateway demo: every stage present, the accounts with their program roles, idempotent."""

from __future__ import annotations

import pytest

from localaction.demo import tap as demo
from localaction.demo.accounts import DEMO_PASSWORD, Report
from localaction.registry import services as reg
from localaction.registry.base.access import SYSTEM
from localaction.registry.base.models import User
from localaction.registry.gateway.models import Solution
from localaction.registry.tap import access
from localaction.registry.tap.models import Interest, Project

pytestmark = pytest.mark.django_db


def test_demo_covers_every_stage_and_is_idempotent() -> None:
    loader = reg.create_user(SYSTEM, "demo-loader")
    for slug in {p[0] for p in demo.PROJECTS} | {"kisiwa", "seohae"}:
        jur = reg.create_jurisdiction(
            SYSTEM, name=slug, name_ascii=slug, slug=slug, kind="city", country="BR"
        )
        reg.grant_role(SYSTEM, loader, jur, "approver")
    report = Report()
    demo.load(report, DEMO_PASSWORD)
    statuses = set(Project.objects.values_list("status", flat=True))
    assert statuses == {"draft", "returned", "submitted", "pipeline", "matched"}
    assert Interest.objects.count() == 2  # one pipeline project is left for the demo funder to try
    open_ = Project.objects.get(title__in=demo.LEFT_FOR_THE_FUNDER)
    assert open_.status == "pipeline" and not open_.interests.exists()
    assert access.can_express_interest(User.objects.get(username="demo-funder"), open_)
    assert Solution.objects.filter(status="approved").count() == len(demo.SOLUTIONS) - 1
    names = [a[0] for a in report.accounts]
    assert {"demo-funder", "demo-partner", "demo-tap-reviewer"} <= set(names)
    funder = User.objects.get(username="demo-funder")
    assert access.is_funder(funder) and funder.check_password(DEMO_PASSWORD)
    before = (Project.objects.count(), Solution.objects.count())
    demo.load(Report(), DEMO_PASSWORD)
    assert (Project.objects.count(), Solution.objects.count()) == before
