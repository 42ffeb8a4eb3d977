"""The ``targets`` pages: every route × every role (a route of web/targets/urls.py without a row fails), and
what the pages show (numbers from the context, the CSV against the chart, warnings next to fields)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from localaction.faces.web import panels
from tests.access import check_table, run_matrix
from tests.factories import ROLES
from tests.registry.targets.conftest import City

A, E, B, P, R, V, D = ROLES
ALL = dict.fromkeys(ROLES, 200)
DRAFT = ALL | {A: 404, B: 404}
CREATE_IN_A = {A: 302, E: 200, P: 200, B: 403, R: 403, V: 403, D: 403}
EDIT_A = {A: 302, E: 200, P: 200, B: 404, R: 302, V: 302, D: 302}  # others are sent to the target page
POST_ONLY = {r: 405 for r in ROLES} | {A: 302}
DESK = {A: 302, E: 403, B: 403, P: 403, R: 200, V: 200, D: 200}

Case = tuple[Callable[[City], str], dict[str, int]]
_ROWS: dict[str, list[Case]] = {
    "target": [
        (lambda c: reverse("targets:target", args=[c.target.pk]), ALL),
        (lambda c: reverse("targets:target", args=[c.draft_target.pk]), DRAFT),
    ],
    "pathway_csv": [(lambda c: reverse("targets:pathway_csv", args=[c.target.pk]), ALL)],
    "target_new": [(lambda c: reverse("targets:target_new", args=["sao-paulo"]), CREATE_IN_A)],
    "target_edit": [(lambda c: reverse("targets:target_edit", args=[c.draft_target.pk]), EDIT_A)],
    "link_actions": [(lambda c: reverse("targets:link_actions", args=[c.target.pk]), POST_ONLY)],
    "milestones_edit": [(lambda c: reverse("targets:milestones_edit", args=["sao-paulo"]), CREATE_IN_A)],
    "efficiency": [
        (lambda c: reverse("targets:efficiency", args=[c.commitment.pk]), ALL),
        (lambda c: reverse("targets:efficiency", args=[c.draft_commitment.pk]), DRAFT),
    ],
    "reading_delete": [
        (lambda c: reverse("targets:reading_delete", args=[c.commitment.pk, c.reading.pk]), POST_ONLY)
    ],
    "overdue": [(lambda c: reverse("targets:overdue"), DESK)],
    "programme": [(lambda c: reverse("targets:programme"), DESK)],
}
TABLE = {f"targets:{name}": cases for name, cases in _ROWS.items()}


def client(city: City, role: str) -> Client:
    c = Client()
    user = city.world.users[role]
    if user is not None:
        c.force_login(user)
    return c


def test_every_route_has_a_row() -> None:
    assert check_table(TABLE, ROLES, ["targets"]) == []


@pytest.mark.django_db
def test_access_matrix(city: City) -> None:
    assert run_matrix(TABLE, city, ROLES, lambda role: client(city, role)) == []


@pytest.mark.today("2026-06-15")  # before the 2030 target year
@pytest.mark.django_db
def test_target_page_numbers(city: City) -> None:
    r = client(city, "anonymous").get(reverse("targets:target", args=[city.target.pk]))
    ctx = r.context
    assert ctx["progress"].target.progress_pct == pytest.approx(20.0)
    assert [m.milestone_year for m in ctx["milestones"]] == [2030, 2025]
    assert ctx["pathway"].gap_tco2e == pytest.approx(930_000)
    html = r.content.decode()
    assert "930,000" in html and "chart-pathway" in html
    csv_text = client(city, "anonymous").get(reverse("targets:pathway_csv", args=[city.target.pk])).content
    lines = csv_text.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("year,")
    assert len(lines) - 1 == len(ctx["chart"].rows)
    last = lines[-1].split(",")
    assert last[0] == "2030" and float(last[3]) == pytest.approx(2_530_000)


@pytest.mark.django_db
def test_target_form_shows_the_base_check_next_to_the_field(city: City) -> None:
    c = client(city, "editor_a")
    r = c.post(
        reverse("targets:target_new", args=["sao-paulo"]),
        {"kind": "base_year", "title": "Too high base", "base_year": 2019, "base_emissions_tco2e": 3_500_000,
         "reduction_pct": 40, "target_year": 2030, "level": "BASIC", "gases": "", "gpc_sectors": ""},
        follow=True,
    )  # fmt: skip
    html = r.content.decode()
    assert r.status_code == 200 and "id_base_emissions_tco2e_warnings" in html
    assert "3,500,000" in html and "3,200,000" in html
    bad = c.post(
        reverse("targets:target_new", args=["sao-paulo"]),
        {"kind": "base_year", "base_year": 2019, "base_emissions_tco2e": 1, "reduction_pct": 40, "target_year": 2010,
         "level": "BASIC"},
    )  # fmt: skip
    assert bad.status_code == 200 and bad.context["form"].errors["target_year"]


@pytest.mark.django_db
def test_link_actions_saves_with_revision(city: City) -> None:
    from localaction.registry import services

    ed = city.world.users["editor_a"]
    a = services.create_action(ed, city.world.city_a, title="Solar roofs", action_type="mitigation")
    c = client(city, "editor_a")
    r = c.post(
        reverse("targets:link_actions", args=[city.target.pk]), {"action": [a.pk], f"rev-{a.pk}": a.revision}
    )
    assert r.status_code == 302
    a.refresh_from_db()
    assert a.target_series == [str(city.target.series)]
    stale = c.post(reverse("targets:link_actions", args=[city.target.pk]), {f"rev-{a.pk}": 1}, follow=True)
    assert "changed by someone else" in stale.content.decode()
    a.refresh_from_db()
    assert a.target_series == [str(city.target.series)]  # nothing half-saved


@pytest.mark.django_db
def test_panels_on_jurisdiction_page_and_dashboard(city: City) -> None:
    assert "on-track" in {p.key for p in panels.JURISDICTION_PANELS}
    r = client(city, "anonymous").get(reverse("web:jurisdiction", args=["sao-paulo"]))
    shown = {p["key"]: p["p"] for p in r.context["panels"]}
    p = shown["on-track"]
    assert [t.title for t, _m in p["targets"]] == ["Half by 2030"]  # the draft is not public
    assert p["report"].badges[0].status == "earned"
    html = r.content.decode()
    assert reverse("targets:target", args=[city.target.pk]) in html
    d = client(city, "editor_a").get(reverse("web:workspace"))
    block = d.context["blocks"][0]
    dash = {p["key"]: p["p"] for p in block["panels"]}["on-track"]
    assert {t.title for t, _m in dash["targets"]} == {"Half by 2030", "Net zero"}
    assert len(dash["commitments"]) == 2


@pytest.mark.django_db
def test_overdue_and_programme_pages(city: City) -> None:
    r = client(city, "reviewer").get(reverse("targets:overdue"))
    assert [row.jurisdiction.slug for row in r.context["rows"]] == ["sao-paulo"]
    r = client(city, "reviewer").get(reverse("targets:programme"))
    assert r.context["summary"].committed == 2
    r = client(city, "editor_a").post(
        reverse("targets:efficiency", args=[city.commitment.pk]),
        {"start": "2024-07-01", "end": "2024-09-30", "value": "85000"},
    )
    assert r.status_code == 302
    r = client(city, "anonymous").get(reverse("targets:efficiency", args=[city.commitment.pk]))
    assert len(r.context["readings"]) == 2 and r.context["form"] is None
    html = r.content.decode()
    # Which readings decided: the 12 months July 2023 - June 2024; the quarter is an indication only.
    assert 'data-role="decides"' in html and 'data-role="indicative"' in html
    assert "2023-07-01 – 2024-06-30: 950.0" in html
    assert "no public programme document found" in html


@pytest.mark.django_db
def test_milestone_page_shows_which_rules_applied(city: City) -> None:
    c = client(city, "editor_a")
    html = c.get(reverse("targets:milestones_edit", args=["sao-paulo"])).content.decode()
    assert (
        "Rules applied: Global Covenant of Mayors (GCoM)" in html
        and "2018-03-01" in html
        and "unverified" in html
    )
    r = c.post(
        reverse("targets:milestones_edit", args=["sao-paulo"]),
        {"framework": "compact_of_mayors", "committed_on": "2015-06-01"},
    )
    assert r.status_code == 302
    html = c.get(reverse("targets:milestones_edit", args=["sao-paulo"])).content.decode()
    assert "Rules applied: Compact of Mayors" in html and "Initial community GHG inventory" in html
    bad = c.post(
        reverse("targets:milestones_edit", args=["sao-paulo"]),
        {"framework": "gcom", "committed_on": "2012-01-01"},
    )
    assert bad.status_code == 200 and bad.context["date_form"].errors
