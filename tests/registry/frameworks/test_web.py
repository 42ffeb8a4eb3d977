"""Framework pages: every route × role (a new route of ours without a row fails), the generated form with
errors next to the fields, tables, the jurisdiction panel with scores, trend and radar data, the peer
comparison, the review desk and the import preview."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse

from localaction.registry.frameworks import services as reports
from localaction.registry.frameworks.exports.layouts import gcom_columns
from localaction.registry.frameworks.models import FrameworkReport
from tests.access import check_table, run_matrix
from tests.factories import ROLES, World, make_world
from tests.registry.frameworks.helpers import example_answers, published_report

ALL_200 = dict.fromkeys(ROLES, 200)
MEMBERS_OF_A = {"anonymous": 302, "editor_a": 200, "approver_a": 200, "editor_b": 404,
                "reviewer": 200, "verifier": 200, "admin": 200}  # fmt: skip
CREATE_IN_A = {"anonymous": 302, "editor_a": 200, "approver_a": 200, "editor_b": 403,
               "reviewer": 403, "verifier": 403, "admin": 403}  # fmt: skip


@dataclass
class Site:
    world: World
    draft: FrameworkReport
    published: FrameworkReport

    def client(self, role: str) -> Client:
        c = Client()
        user = self.world.users[role]
        if user is not None:
            c.force_login(user)
        return c


@pytest.fixture
def site(db: None) -> Site:
    world = make_world()
    draft = reports.create_report(
        world.users["editor_a"], world.city_a, framework_id="singapore_index", year=2024
    )
    return Site(world, draft, published_report(world, "resilience_self_assessment"))


Case = tuple[Callable[[Site], str], dict[str, int]]
_ROWS: dict[str, list[Case]] = {
    "index": [(lambda s: reverse("frameworks:index"), ALL_200)],
    "compare": [
        (
            lambda s: reverse("frameworks:compare", args=["singapore_index"]) + "?indicator=natural_areas",
            ALL_200,
        )
    ],
    "compare_csv": [(lambda s: reverse("frameworks:compare_csv", args=["singapore_index"]), ALL_200)],
    "report": [
        (lambda s: reverse("frameworks:report", args=[s.published.pk]), ALL_200),
        (lambda s: reverse("frameworks:report", args=[s.draft.pk]), MEMBERS_OF_A | {"anonymous": 404}),
    ],
    "radar_csv": [(lambda s: reverse("frameworks:radar_csv", args=[s.published.pk]), ALL_200)],
    "new": [(lambda s: reverse("frameworks:new", args=["sao-paulo"]), CREATE_IN_A)],
    "import": [(lambda s: reverse("frameworks:import", args=["sao-paulo"]), CREATE_IN_A)],
    "edit": [(lambda s: reverse("frameworks:edit", args=[s.draft.pk]), MEMBERS_OF_A)],
}
TABLE = {f"frameworks:{name}": cases for name, cases in _ROWS.items()}


def test_every_route_has_a_row() -> None:
    assert check_table(TABLE, ROLES, ["frameworks"]) == []


def test_access_matrix(site: Site) -> None:
    assert run_matrix(TABLE, site, ROLES, site.client) == []


def test_form_shows_engine_errors_next_to_fields_and_saves_nothing(site: Site) -> None:
    c = site.client("editor_a")
    url = reverse("frameworks:edit", args=[site.draft.pk])
    page = c.get(url).content.decode()
    assert 'name="natural_areas__numerator"' in page and "Proportion of natural areas" in page
    r = c.post(
        url,
        {"revision": site.draft.revision, "natural_areas__numerator": 50, "natural_areas__denominator": 0},
    )
    assert r.status_code == 200
    form = r.context["form"]
    assert form.errors.get("natural_areas__numerator") or form.errors.get("natural_areas__denominator")
    assert FrameworkReport.objects.get(pk=site.draft.pk).answers == {}
    r = c.post(
        url,
        {"revision": site.draft.revision, "natural_areas__numerator": 15, "natural_areas__denominator": 100},
    )
    assert r.status_code == 302
    saved = FrameworkReport.objects.get(pk=site.draft.pk)
    assert (
        saved.answers == {"natural_areas": {"numerator": 15.0, "denominator": 100.0}}
        and saved.score_total == 3
    )


def test_table_answers_are_workable(site: Site) -> None:
    u = site.world.users["editor_a"]
    r = reports.create_report(u, site.world.city_a, framework_id="hazard_register", year=2024)
    c = site.client("editor_a")
    url = reverse("frameworks:edit", args=[r.pk])
    page = c.get(url)
    form = page.context["form"]
    table_id = next(ind.id for _s, ind in form.fw.indicators() if ind.type.value == "table")
    example = example_answers("hazard_register")[table_id]
    data = {"revision": r.revision}
    fw_ind = form.fw.indicator(table_id)
    for i, row in enumerate(example):
        for col in fw_ind.columns:
            v = row.get(col.id)
            if v is None:
                continue
            if isinstance(v, list):
                v = ", ".join(v)
            elif isinstance(v, bool):
                v = "yes" if v else "no"
            data[f"{table_id}__{i}__{col.id}"] = v
    data[f"{table_id}__rows"] = max(len(example), 3)
    resp = c.post(url, data)
    assert resp.status_code == 302, resp.context["form"].errors
    saved = FrameworkReport.objects.get(pk=r.pk).answers[table_id]
    assert len(saved) == len(example)
    # the form shows the rows back
    again = c.get(url).context["form"]
    assert again.initial[f"{table_id}__0__{fw_ind.columns[0].id}"] == example[0][fw_ind.columns[0].id]


def test_jurisdiction_panel_shows_scores_trend_and_radar(site: Site) -> None:
    answers = example_answers("singapore_index")
    published_report(
        site.world, year=2020, answers={**answers, "natural_areas": {"numerator": 5, "denominator": 100}}
    )
    published_report(site.world, year=2023)
    page = Client().get(reverse("web:jurisdiction", args=["sao-paulo"])).content.decode()
    assert 'id="framework-reports"' in page and "Singapore Index" in page and "Resilience" in page
    assert "Compare with peers" in page and "Baseline 2020 against 2023" in page
    csv_text = Client().get(reverse("frameworks:radar_csv", args=[site.published.pk])).content.decode()
    scores = {s["id"]: s["score"] for s in site.published.scores["sections"]}
    first = csv_text.splitlines()[1].split(",")
    assert float(first[2]) == pytest.approx(scores[first[0]])


def test_peer_comparison_marks_the_city(site: Site) -> None:
    published_report(site.world, year=2023)
    url = (
        reverse("frameworks:compare", args=["singapore_index"])
        + "?indicator=natural_areas&jurisdiction=sao-paulo"
    )
    page = Client().get(url).content.decode()
    assert "this city" in page and "São Paulo" in page


def test_unverified_indicators_are_marked_on_public_pages(site: Site) -> None:
    # Every Singapore Index indicator that the file cannot source to the manual is verified: false, and the
    # public report and comparison pages say so, per indicator (issue 22).
    report = published_report(site.world, year=2023)
    page = Client().get(reverse("frameworks:report", args=[report.pk])).content.decode()
    assert 'data-unverified="natural_areas"' in page and 'data-unverified="permeable_areas"' in page
    url = reverse("frameworks:compare", args=["singapore_index"]) + "?indicator=natural_areas"
    assert 'id="indicator-unverified"' in Client().get(url).content.decode()


def test_review_desk_lists_and_shows_reports(site: Site) -> None:
    u = site.world.users
    r = reports.update_report(
        u["editor_a"], site.draft, revision=site.draft.revision, answers=example_answers("singapore_index")
    )
    c = site.client("approver_a")
    resp = c.post(reverse("web:act", args=["report", r.pk]), {"action": "submit", "revision": r.revision})
    assert resp.status_code == 302 and FrameworkReport.objects.get(pk=r.pk).state == "submitted"
    desk = site.client("reviewer")
    assert f"/review/report/{r.pk}/" in desk.get(reverse("web:review")).content.decode()
    assert desk.get(reverse("web:review_detail", args=["report", r.pk])).status_code == 200


def test_import_preview_names_rows_and_imports(site: Site) -> None:
    head = ",".join(gcom_columns())
    good = (
        f"{head}\nTown,2022,Stationary energy,Residential Buildings,I.1.1,10,,I.1.2,,NO,I.1.3,,,none here\n"
    )
    bad = f"{head}\nTown,2022,Stationary energy,Residential Buildings,I.1.1,abc,,,,,,,,\n"
    c = site.client("editor_a")
    url = reverse("frameworks:import", args=["sao-paulo"])
    resp = c.post(url, {"file": _upload("bad.csv", bad), "do": "import"})
    assert resp.status_code == 200 and "row 2" in resp.content.decode()
    resp = c.post(url, {"file": _upload("good.csv", good), "do": "preview"})
    assert "import-preview" in resp.content.decode()
    resp = c.post(url, {"file": _upload("good.csv", good), "do": "import"})
    assert resp.status_code == 302


def _upload(name: str, text: str) -> io.BytesIO:
    f = io.BytesIO(text.encode())
    f.name = name
    return f
