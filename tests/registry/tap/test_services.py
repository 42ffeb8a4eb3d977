"""TAP use-cases: the stages, eligibility shown on submission, who sees what (funders never see drafts or
other funders' interest), figures with currencies kept apart, attachments' limits, the audit log."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from localaction.registry.base import audit
from localaction.registry.base.errors import Conflict, InvalidTransition, PermissionDenied, ValidationFailed
from localaction.registry.tap import access, services
from localaction.registry.tap.models import Interest, Project
from localaction.registry.tap.queries import Filters, pipeline
from tests.registry.tap.conftest import FIELDS, SCORES, Tap

pytestmark = pytest.mark.django_db


def test_ineligible_project_is_refused_with_reasons_and_stays_a_draft(tap: Tap) -> None:
    u = tap.users
    p = services.create_project(u["editor_a"], tap.world.city_a, call_id=tap.call.pk,
                                **{**FIELDS, "project_type": "campaign", "council_approval": "none"})  # fmt: skip
    with pytest.raises(ValidationFailed) as info:
        services.step(u["approver_a"], p, "submit", p.revision)
    assert info.value.code == "ineligible"
    assert {d.loc[0] for d in info.value.details} == {"project_type", "council_approval"}
    p.refresh_from_db()
    assert p.status == "draft"


def test_closed_call_refuses_submission(tap: Tap) -> None:
    p = tap.draft
    with pytest.raises(ValidationFailed) as info:
        services.step(
            tap.users["approver_a"], p, "submit", p.revision, today=tap.call.closes_on + dt.timedelta(days=1)
        )
    assert [d.loc[0] for d in info.value.details] == ["call_id"]


def test_full_cycle_with_return_and_revision(tap: Tap) -> None:
    u, p = tap.users, tap.submitted
    services.review(u["tap_reviewer"], p, SCORES, "Add the council decision.")
    p.refresh_from_db()
    assert p.score == 3.7
    p = services.step(u["tap_reviewer"], p, "return", p.revision, "Add the council decision.")
    assert p.status == "returned"
    p = services.update_project(u["editor_a"], p, p.revision, council_approval_date=dt.date(2026, 3, 1))
    with pytest.raises(Conflict):
        services.update_project(u["editor_a"], p, p.revision - 1, title="stale")
    p = services.step(u["approver_a"], p, "submit", p.revision)
    p = services.step(u["tap_reviewer"], p, "screen", p.revision)
    p = services.step(u["tap_reviewer"], p, "admit", p.revision)
    assert p.status == "pipeline"
    actions = [e.action for e in audit.history(p)]
    assert actions[:3] == ["create", "submit", "return"] and "admit" in actions


def test_who_may_move_a_project(tap: Tap) -> None:
    u = tap.users
    with pytest.raises(PermissionDenied):
        services.step(u["editor_b"], tap.draft, "submit", tap.draft.revision)  # another city
    with pytest.raises(PermissionDenied):
        services.step(u["funder"], tap.submitted, "screen", tap.submitted.revision)
    with pytest.raises(InvalidTransition):  # no review yet
        services.step(u["tap_reviewer"], tap.submitted, "screen", tap.submitted.revision)
    with pytest.raises(PermissionDenied):
        services.review(u["funder"], tap.submitted, SCORES, "x")
    with pytest.raises(ValidationFailed):
        services.step(
            u["tap_reviewer"], tap.submitted, "return", tap.submitted.revision, ""
        )  # feedback required


def test_funders_never_see_drafts_or_other_funders_interest(tap: Tap) -> None:
    u = tap.users
    seen = set(access.projects_visible_to(u["funder"], Project.objects.all()).values_list("pk", flat=True))
    assert seen == {tap.pipeline.pk}
    assert not access.interests_visible_to(u["funder"], Interest.objects.all()).exists()
    services.express_interest(u["funder"], tap.pipeline, "concessional_loan", "mine")
    mine = access.interests_visible_to(u["funder"], Interest.objects.all())
    assert [i.message for i in mine] == ["mine"]
    city = access.interests_visible_to(u["editor_a"], Interest.objects.all())
    assert {i.message for i in city} == {"mine", "Funder two's secret terms"}
    assert access.interests_visible_to(u["editor_b"], Interest.objects.all()).count() == 0
    with pytest.raises(PermissionDenied):
        services.express_interest(u["funder"], tap.submitted)
    # the desk sees submitted work but never a draft
    desk = set(
        access.projects_visible_to(u["tap_reviewer"], Project.objects.all()).values_list("pk", flat=True)
    )
    assert tap.draft.pk not in desk and tap.submitted.pk in desk
    assert not access.projects_visible_to(None, Project.objects.all()).exists()


def test_portal_filters(tap: Tap) -> None:
    f = tap.users["funder"]
    assert list(pipeline(f, Filters(sector="II"))) == [tap.pipeline]
    assert list(pipeline(f, Filters(sector="III"))) == []
    assert list(pipeline(f, Filters(size="medium", stage="feasibility", instrument="concessional_loan"))) == [
        tap.pipeline
    ]
    assert list(pipeline(f, Filters(size="small"))) == []


def test_figures_keep_currencies_apart(tap: Tap) -> None:
    u = tap.users
    other = services.create_project(u["editor_b"], tap.world.city_b, call_id=tap.call.pk,
                                    **{**FIELDS, "currency": "KRW", "funding_sought": Decimal(5_000_000_000),
                                       "total_cost": Decimal(6_000_000_000)})  # fmt: skip
    other = services.step(u["editor_b"], other, "submit", other.revision)
    services.review(u["tap_reviewer"], other, SCORES, "ok")
    other.refresh_from_db()
    other = services.step(u["tap_reviewer"], other, "screen", other.revision)
    services.step(u["tap_reviewer"], other, "admit", other.revision)
    fig = services.figures(u["tap_reviewer"])
    assert fig["pipeline_projects"] == 2
    assert fig["sought"] == {"EUR": Decimal(10_000_000), "KRW": Decimal(5_000_000_000)}
    assert {(r["sector"], r["currency"]) for r in fig["by_sector"]} >= {
        ("I", "EUR"),
        ("I", "KRW"),
        ("II", "EUR"),
    }
    with pytest.raises(PermissionDenied):
        services.figures(u["funder"])


def test_attachments_are_limited_by_type(tap: Tap, settings: object, tmp_path: object) -> None:
    settings.MEDIA_ROOT = str(tmp_path)  # type: ignore[attr-defined]
    u = tap.users
    ok = services.add_attachment(u["editor_a"], tap.draft, SimpleUploadedFile("plan.pdf", b"%PDF-1.4 x"))
    assert ok.size == 10 and ok.file.name.startswith("tap/")
    with pytest.raises(ValidationFailed) as info:
        services.add_attachment(u["editor_a"], tap.draft, SimpleUploadedFile("run.exe", b"MZ"))
    assert info.value.details[0].loc == ("file",)
    with pytest.raises(PermissionDenied):
        services.add_attachment(u["editor_a"], tap.pipeline, SimpleUploadedFile("late.pdf", b"x"))


def test_bad_project_fields_are_named(tap: Tap) -> None:
    with pytest.raises(ValidationFailed) as info:
        services.create_project(tap.users["editor_a"], tap.world.city_a, call_id=tap.call.pk,
                                **{**FIELDS, "sectors": ["XX"], "stage": "someday", "sdgs": [18], "funding_sought": Decimal(99_000_000)})  # fmt: skip
    assert {d.loc[0] for d in info.value.details} == {"sectors", "sdgs", "funding_sought", "stage"}
    assert Project.objects.count() == 3
