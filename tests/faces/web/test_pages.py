"""Page tests on the template context (the numbers shown), downloads, escaping, CSRF and error pages."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from localaction.registry import services
from localaction.registry.base.access import SYSTEM
from localaction.registry.inventories.models import Inventory
from tests.faces.web.conftest import Site

pytestmark = pytest.mark.django_db
EXAMPLE = (
    Path(__file__).resolve().parents[3] / "src/localaction/core/inventory/templates/activity_example.csv"
)


def test_home_counts_what_is_published(site: Site) -> None:
    response = site.client("anonymous").get(reverse("web:home"))
    summary = response.context["summary"]
    assert (summary.jurisdictions, summary.countries, summary.inventories) == (2, 2, 1)
    assert summary.emissions_tco2e == pytest.approx(site.published.basic_tco2e)
    assert [obj.pk for obj, _kind in response.context["recent"]] == [site.published.pk]
    assert "1 jurisdiction" not in response.content.decode()  # the numbers are formatted, not sentences


@pytest.mark.parametrize("q", ["sao paulo", "SÃO", "São Paulo", "paulo", "sao-paulo"])
def test_directory_search_ignores_accents_and_case(site: Site, q: str) -> None:
    rows = site.client("anonymous").get(reverse("web:directory"), {"q": q}).context["page"].object_list
    assert [r.jurisdiction.slug for r in rows] == ["sao-paulo"]


def test_directory_finds_names_in_their_own_script_and_filters(site: Site) -> None:
    c = site.client("anonymous")
    assert [r.jurisdiction.slug for r in c.get(reverse("web:directory"), {"q": "서울"}).context["page"]] == [
        "seoul"
    ]
    assert [
        r.jurisdiction.slug for r in c.get(reverse("web:directory"), {"country": "KR"}).context["page"]
    ] == ["seoul"]
    # The population filtered on is the one beside the per-person figure: the published inventory's own
    # (1,000,000 for 2021) before the registry's figure for that year; Seoul has no inventory: its latest
    services.set_stat(SYSTEM, site.world.city_a, year=2021, population=12_000_000)
    services.set_stat(SYSTEM, site.world.city_b, year=2020, population=9_600_000)
    rows = c.get(reverse("web:directory"), {"population_min": "900,000"}).context["page"].object_list
    assert [r.jurisdiction.slug for r in rows] == ["sao-paulo", "seoul"]
    assert (rows[0].population, rows[0].population_year) == (1_000_000, 2021)
    assert (rows[1].population, rows[1].population_year) == (9_600_000, 2020)
    assert rows[0].emissions_tco2e == pytest.approx(site.published.basic_tco2e)
    rows = c.get(reverse("web:directory"), {"population_min": "5,000,000"}).context["page"].object_list
    assert [r.jurisdiction.slug for r in rows] == ["seoul"]
    empty = c.get(reverse("web:directory"), {"q": "atlantis"})
    assert empty.context["count"] == 0 and "No jurisdiction matches" in empty.content.decode()


def test_jurisdiction_page_shows_the_published_numbers(site: Site) -> None:
    response = site.client("anonymous").get(reverse("web:jurisdiction", args=["sao-paulo"]))
    ctx = response.context
    inv = site.published
    assert ctx["inventory"].pk == inv.pk  # the published one, not the newer draft
    totals = {t["key"]: t["value"] for t in ctx["totals"]}
    assert totals == pytest.approx(
        {"basic": inv.basic_tco2e, "basic_plus": inv.basic_plus_tco2e, "territorial": inv.territorial_tco2e}
    )
    shown = {r.gpc_ref: r.value for r in ctx["rows"]}
    stored = {ln.gpc_ref: ln.value_tco2e for ln in inv.gpc_lines.all() if ln.value_tco2e is not None}
    assert {k: v for k, v in shown.items() if v is not None} == pytest.approx(stored)
    charts = {c.key: c for c in ctx["charts"]}
    assert set(charts) == {"sectors", "trend"}
    assert sum(row[2] for row in charts["sectors"].rows) == pytest.approx(inv.basic_tco2e, rel=1e-3)
    assert charts["trend"].rows[0][:2] == [inv.year, pytest.approx(inv.basic_tco2e, abs=0.1)]
    html = response.content.decode()
    assert "t\u00a0CO2e" in html and f"{round(inv.basic_tco2e):,}" in html  # thousands separators, unit
    csv_text = site.client("anonymous").get(charts["sectors"].csv_url).content.decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(csv_text)))[1:] == [
        [str(c) for c in row] for row in charts["sectors"].rows
    ]


def test_target_progress_on_the_public_page(site: Site) -> None:
    t = services.submit(site.user("approver_a"), site.target, revision=site.target.revision)
    t = services.validate(site.user("reviewer"), t, revision=t.revision)
    services.publish(site.user("admin"), t, revision=t.revision)  # four eyes
    ctx = site.client("anonymous").get(reverse("web:jurisdiction", args=["sao-paulo"])).context
    [(target, progress)] = ctx["targets"]
    assert target.pk == site.target.pk
    assert (progress.base_tco2e, progress.target_tco2e) == (1_000_000, 500_000)
    assert progress.latest_year is None  # the only inventory is the base year


def test_downloads_match_the_page(site: Site) -> None:
    c = site.client("anonymous")
    page_rows = {
        r.gpc_ref: r.value
        for r in c.get(reverse("web:inventory", args=[site.published.pk])).context["all_rows"]
    }
    url = reverse("web:inventory_download", args=[site.published.pk, "csv"])
    response = c.get(url)
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0]["jurisdiction"] == "São Paulo"
    assert {r["gpc_ref"]: float(r["value_tco2e"]) if r["value_tco2e"] else None for r in rows} == page_rows
    data = json.loads(c.get(reverse("web:inventory_download", args=[site.published.pk, "json"])).content)
    assert data["totals_tco2e"]["basic"] == pytest.approx(site.published.basic_tco2e)
    assert data["jurisdiction"]["name"] == "São Paulo"
    xlsx = c.get(reverse("web:inventory_download", args=[site.published.pk, "xlsx"])).content
    sheet = load_workbook(io.BytesIO(xlsx))["gpc"]
    assert sheet.max_row == len(page_rows) + 1
    assert c.get(reverse("web:inventory_download", args=[site.published.pk, "pdf"])).status_code == 404


def test_user_text_is_escaped_everywhere(site: Site) -> None:
    evil = services.create_jurisdiction(
        SYSTEM,
        name="<script>alert('x')</script>",
        name_ascii="<b>bold</b>",
        slug="evil",
        kind="city",
        country="FR",
    )
    c = site.client("anonymous")
    for url in (
        reverse("web:jurisdiction", args=["evil"]),
        reverse("web:directory"),
        reverse("web:compare") + "?j=evil&j=seoul",
    ):
        html = c.get(url).content.decode()
        assert "<script>alert(" not in html and "&lt;script&gt;alert(" in html, url
        assert "<b>bold</b>" not in html
    assert evil.name in c.get(reverse("web:jurisdiction", args=["evil"])).context["jurisdiction"].name


def test_forms_refuse_posts_without_the_csrf_token(site: Site) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(site.user("approver_a"))
    url = reverse("web:act", args=["inventory", site.draft.pk])
    response = client.post(url, {"action": "submit", "revision": site.draft.revision})
    assert response.status_code == 403
    assert "Form expired" in response.content.decode()
    site.draft.refresh_from_db()
    assert site.draft.state == "draft"
    page = client.get(reverse("web:editor", args=[site.draft.pk]))
    token = page.cookies["csrftoken"].value
    ok = client.post(
        url,
        {"action": "submit", "revision": site.draft.revision, "declare": "1", "csrfmiddlewaretoken": token},
    )
    assert ok.status_code == 302
    site.draft.refresh_from_db()
    assert site.draft.state == "submitted"


def test_error_pages_are_in_the_site_style(site: Site) -> None:
    c = site.client("editor_b")
    missing = c.get(reverse("web:editor", args=[site.draft.pk]))
    assert missing.status_code == 404 and "Page not found" in missing.content.decode()
    assert "LocalAction" in missing.content.decode()
    refused = c.get(reverse("web:review"))
    assert refused.status_code == 403 and "Not allowed" in refused.content.decode()
    anonymous = site.client("anonymous").get(reverse("web:workspace"))
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("web:login"))


def test_logout_ends_the_session(site: Site) -> None:
    c = Client()
    c.force_login(site.user("editor_a"))
    assert c.get(reverse("web:workspace")).status_code == 200
    assert c.post(reverse("web:logout")).status_code == 302
    assert c.get(reverse("web:workspace")).status_code == 302


def test_editor_records_change_totals_and_preview_computes(site: Site) -> None:
    c = site.client("editor_a")
    inv = Inventory.objects.get(pk=site.draft.pk)
    before = inv.basic_tco2e
    data = {"gpc_ref": "I.2.1", "method": "fuel_combustion", "fuel": "diesel", "quantity": "1", "unit": "TJ",
            "sector_of_use": "commercial_institutional", "revision": inv.revision}  # fmt: skip
    preview = c.post(reverse("web:record_preview", args=[inv.pk]), data).json()
    assert preview["ok"] and preview["co2e_t"] == pytest.approx(
        74.539
    )  # 1 TJ diesel, AR5 (docs/inventory.md)
    no_js = c.post(reverse("web:record_new", args=[inv.pk]), {**data, "do": "preview"})
    assert no_js.context["result"]["co2e_t"] == pytest.approx(74.539)
    saved = c.post(reverse("web:record_new", args=[inv.pk]), {**data, "do": "save", "record_id": "gen"})
    assert saved.status_code == 302
    inv.refresh_from_db()
    assert inv.basic_tco2e == pytest.approx(before + 74.539)
    editor = c.get(reverse("web:editor", args=[inv.pk])).context
    assert {t["key"]: t["value"] for t in editor["totals"]}["basic"] == pytest.approx(inv.basic_tco2e)
    bad = c.post(reverse("web:record_new", args=[inv.pk]), {**data, "do": "save", "unit": "", "quantity": ""})
    assert bad.status_code == 200 and set(bad.context["form"].errors) == {"quantity", "unit"}
    stale = c.post(reverse("web:record_new", args=[inv.pk]), {**data, "do": "save", "revision": 1})
    assert stale.status_code == 200 and "changed by someone else" in stale.content.decode()


def test_line_form_needs_an_explanation_and_fixes_the_check(site: Site) -> None:
    c = site.client("editor_a")
    inv = services.create_inventory(site.user("editor_a"), site.world.city_a, year=2023, population=10)
    assert any(ch["code"] == "completeness.missing_line" and ch["gpc_ref"] == "I.1.1" for ch in inv.checks)
    url = reverse("web:line_edit", args=[inv.pk, "I.1.1"])
    refused = c.post(url, {"notation_keys": ["NO"], "revision": inv.revision, "do": "save"})
    assert "explanation" in refused.context["form"].errors
    c.post(url, {"notation_keys": ["NO"], "explanation": "No homes", "revision": inv.revision, "do": "save"})
    inv.refresh_from_db()
    assert not any(ch.get("gpc_ref") == "I.1.1" and ch["severity"] == "error" for ch in inv.checks)


def test_upload_previews_then_imports_and_reports_row_errors(site: Site, tmp_path: Path) -> None:
    c = site.client("editor_a")
    inv = Inventory.objects.get(pk=site.draft.pk)
    url = reverse("web:upload", args=[inv.pk])
    bad = tmp_path / "bad.csv"
    bad.write_text(
        EXAMPLE.read_text().replace(
            "res-gas,I.1.1,fuel_combustion,natural_gas,1650000",
            "res-gas,I.1.1,fuel_combustion,natural_gas,lots",
        )
    )
    with bad.open("rb") as fh:
        response = c.post(url, {"file": fh, "do": "preview"})
    problems = response.context["problems"]
    assert any("quantity" in [str(p) for p in d.loc] for d in problems)
    assert problems[0].loc[0] == "bad.csv"
    with EXAMPLE.open("rb") as fh:
        response = c.post(url, {"file": fh, "do": "preview"})
    assert len(response.context["parsed"].records) == 11
    inv.refresh_from_db()
    assert list(inv.activity_records.values_list("record_id", flat=True)) == ["rec"]  # nothing saved yet
    done = c.post(url, {"do": "import", "revision": inv.revision})
    assert done.status_code == 302
    inv.refresh_from_db()
    assert inv.activity_records.filter(deleted_at__isnull=True).count() == 11
    assert inv.level == "BASIC+" and inv.population == 120000


def test_target_form_puts_service_errors_next_to_fields(site: Site) -> None:
    c = site.client("editor_a")
    url = reverse("web:submission_new", args=["sao-paulo", "target"])
    response = c.post(url, {"kind": "base_year", "target_year": 2030, "gases": "CO2, XYZ"})
    errors = response.context["form"].errors
    assert {"base_year", "base_emissions_tco2e", "reduction_pct", "gases"} <= set(errors)
    ok = c.post(url, {"kind": "net_zero", "target_year": 2050, "title": "Net zero", "gases": "CO2, CH4"})
    assert ok.status_code == 302


def test_review_desk_request_changes_then_validate_and_publish(site: Site) -> None:
    approver, reviewer = site.client("approver_a"), site.client("reviewer")
    inv = services.submit(site.user("approver_a"), site.draft, revision=site.draft.revision)
    queue = reviewer.get(reverse("web:review")).context["rows"]
    waiting = [site.version("submitted").pk, site.version("validated").pk, inv.pk]  # oldest submission first
    assert [(obj.pk, kind) for obj, kind in queue] == [(pk, "inventory") for pk in waiting]
    detail = reviewer.get(reverse("web:review_detail", args=["inventory", inv.pk])).context
    assert detail["previous"].pk == site.published.pk
    changed = {r.gpc_ref: r.change for r in detail["rows"] if r.change}
    assert changed == {"I.1.1": pytest.approx(inv.gpc_lines.get(gpc_ref="I.1.1").value_tco2e - 100_000)}
    act = reverse("web:act", args=["inventory", inv.pk])
    reviewer.post(act, {"action": "request_changes", "revision": inv.revision})  # needs a comment
    inv.refresh_from_db()
    assert inv.state == "submitted"
    reviewer.post(
        reverse("web:comment", args=["inventory", inv.pk]), {"body": "Check this", "gpc_ref": "I.1.1"}
    )
    reviewer.post(act, {"action": "request_changes", "revision": inv.revision, "comment": "Fix I.1.1"})
    inv.refresh_from_db()
    assert inv.state == "changes_requested"
    dashboard = site.client("editor_a").get(reverse("web:workspace")).context["blocks"][0]
    assert {c.body for c in dashboard["comments"]} == {"Check this", "Fix I.1.1"}
    assert "changes_requested" in {d.code for d in dashboard["due"]}
    approver.post(act, {"action": "submit", "revision": inv.revision, "declare": "1"})
    inv.refresh_from_db()
    # Validate asks first; the confirmation lists both comments: the city has not answered them
    ask = reviewer.post(act, {"action": "validate", "revision": inv.revision})
    assert ask.status_code == 200 and 'name="comments_override"' in ask.content.decode()
    assert [c.body for c in ask.context["waiting"]] == ["Check this", "Fix I.1.1"]
    refused = reviewer.post(
        act, {"action": "validate", "revision": inv.revision, "confirmed": "1"}, follow=True
    )
    assert "no answer from" in refused.content.decode()
    inv.refresh_from_db()
    assert inv.state == "submitted"
    comment = reverse("web:comment", args=["inventory", inv.pk])
    city = site.client("editor_a")
    city.post(comment, {"body": "Corrected from the utility's bill.", "gpc_ref": "I.1.1"})
    city.post(comment, {"body": "Done: I.1.1 corrected."})
    assert reviewer.post(act, {"action": "validate", "revision": inv.revision}).context["waiting"] == []
    reviewer.post(act, {"action": "validate", "revision": inv.revision, "confirmed": "1"})
    inv.refresh_from_db()
    assert inv.state == "validated"
    reviewer.post(
        act, {"action": "publish", "revision": inv.revision, "confirmed": "1"}
    )  # four eyes: refused
    inv.refresh_from_db()
    assert inv.state == "validated"
    site.client("admin").post(act, {"action": "publish", "revision": inv.revision, "confirmed": "1"})
    inv.refresh_from_db()
    assert inv.state == "published"
    public = site.client("anonymous").get(reverse("web:jurisdiction", args=["sao-paulo"])).context
    assert public["inventory"].pk == inv.pk and len(public["series"]) == 2


def test_demo_data_is_idempotent(db: None) -> None:
    from localaction import demo
    from localaction.registry.base.models import User

    first = demo.load_demo(only=("kisiwa",))
    counts = demo.counts()
    assert first.created_jurisdictions == ["kisiwa"] and counts["inventories"] == 3
    # every account the demo made is listed, with its role
    assert {a[0] for a in first.accounts} == set(User.objects.values_list("username", flat=True))
    second = demo.load_demo(only=("kisiwa",))
    assert second.created_jurisdictions == [] and second.created_accounts == []
    assert demo.counts() == counts
    c = Client()
    signed_in = c.post(reverse("web:login"), {"username": "demo-reviewer", "password": demo.DEMO_PASSWORD})
    assert signed_in.status_code == 302  # through the real sign-in page (login throttling needs the request)
    page = c.get(reverse("web:jurisdiction", args=["kisiwa"]))
    assert page.context["demo_data"] and len(page.context["series"]) == 3
