"""The draft editor's overview (issue 16): progress over the lines the level needs, each line's state, the
checks grouped by sector and collapsed, no year-on-year comparison for an empty draft, notation keys for
several lines at once, and each record's factors with their source."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from localaction.core.catalog import gpc_refs
from localaction.registry import services
from localaction.registry.inventories.models import GpcLine, Inventory
from tests.faces.web.conftest import Site

pytestmark = pytest.mark.django_db

BASIC = [ref for ref, m in gpc_refs().items() if m.in_basic]


def _empty(site: Site, year: int = 2023) -> Inventory:
    return services.create_inventory(
        site.user("editor_a"), site.world.city_a, year=year, population=1_000_000
    )


def test_an_empty_draft_shows_progress_not_a_wall_of_errors(site: Site) -> None:
    inv = _empty(site)  # the city has a published 2021 inventory to compare with
    page = site.client("editor_a").get(reverse("web:editor", args=[inv.pk]))
    html = page.content.decode()
    assert f"0 of {len(BASIC)} BASIC lines done" in html
    assert f'<progress id="progress-bar" max="{len(BASIC)}" value="0"' in html
    assert not any(c["code"].startswith("year_on_year.") for c in inv.checks)
    assert "changed -100" not in html and "changed −100" not in html
    # every check sits in a collapsed group: no <details open>, no check outside a group
    checks = html.split('<section id="checks"')[1].split("</section>")[0]
    assert "<details" in checks and "<details open" not in checks
    assert checks.count('data-check="completeness.missing_line"') == len(BASIC)
    groups = page.context["check_groups"]
    assert [g.code for g in groups][:3] == ["I", "II", "III"]  # groups with errors first, in GPC order
    assert sum(g.errors for g in groups) == inv.check_errors
    # the progress section comes before the checks and the record forms
    assert html.index('id="progress"') < html.index('id="checks"') < html.index('id="records"')
    states = dict(re.findall(r'data-line="([^"]+)" data-state="([a-z]+)"', html))
    assert all(states[ref] == "missing" for ref in BASIC)
    assert states["IV.1"] == "optional"


def test_progress_counts_values_and_notation_keys(site: Site) -> None:
    inv = Inventory.objects.get(pk=site.draft.pk)  # complete lines (values) on every BASIC+ line
    ed = site.user("editor_a")
    inv = services.clear_line(ed, inv, "II.1.1", revision=inv.revision).inventory
    inv = services.clear_line(ed, inv, "III.1.1", revision=inv.revision).inventory
    inv = services.put_line(
        ed, inv, {"gpc_ref": "III.1.1", "notation_keys": ["NO"], "explanation": "no landfill"},
        revision=inv.revision,
    ).inventory  # fmt: skip
    page = site.client("approver_a").get(reverse("web:editor", args=[inv.pk]))
    html = page.content.decode()
    n = len(BASIC)
    assert f"{n - 1} of {n} BASIC lines done" in html
    states = dict(re.findall(r'data-line="([^"]+)" data-state="([a-z]+)"', html))
    assert states["II.1.1"] == "missing" and states["III.1.1"] == "key" and states["I.1.1"] == "value"
    sectors = {s.code: s for s in page.context["sectors"]}
    assert (sectors["II"].done, sectors["II"].missing) == (sectors["II"].needed - 1, 1)
    assert sectors["III"].missing == 0


def test_notation_keys_for_several_lines_at_once(site: Site) -> None:
    inv = _empty(site)
    c = site.client("editor_a")
    url = reverse("web:notation_keys", args=[inv.pk])
    picked = ["I.4.1", "I.4.2", "I.4.3"]
    refused = c.post(url, {"revision": inv.revision, "nk-gpc_refs": picked, "nk-key": "NO"})
    assert refused.status_code == 200 and "explanation" in refused.context["notation_form"].errors
    assert 'value="I.4.1" id="pick-line-I-4-1" checked' in refused.content.decode()  # the ticks are kept
    assert not GpcLine.objects.filter(inventory=inv, is_entered=True).exists()
    done = c.post(
        url, {"revision": inv.revision, "nk-gpc_refs": picked, "nk-key": "NO", "nk-explanation": "No mines"}
    )
    assert done.status_code == 302 and done["Location"].endswith("#progress")
    lines = GpcLine.objects.filter(inventory=inv, gpc_ref__in=picked)
    assert {ln.gpc_ref: ln.notation_keys for ln in lines} == {ref: ["NO"] for ref in picked}
    inv.refresh_from_db()
    html = c.get(reverse("web:editor", args=[inv.pk])).content.decode()
    done_basic = sum(1 for ref in picked if ref in BASIC)
    assert f"{done_basic} of {len(BASIC)} BASIC lines done" in html
    # a stale page changes nothing
    stale = c.post(url, {"revision": inv.revision - 1, "nk-gpc_refs": ["II.1.1"], "nk-key": "NE",
                         "nk-explanation": "later"})  # fmt: skip
    assert stale.status_code == 200 and "changed by someone else" in stale.content.decode()
    assert not GpcLine.objects.filter(inventory=inv, gpc_ref="II.1.1", is_entered=True).exists()
    # IE needs the line it is included in
    ie = c.post(
        url, {"revision": inv.revision, "nk-gpc_refs": ["II.1.1"], "nk-key": "IE", "nk-explanation": "x"}
    )
    assert "included_in" in ie.context["notation_form"].errors
    # the reviewer reads the editor, but cannot set keys
    assert (
        site.client("reviewer")
        .post(
            url, {"revision": inv.revision, "nk-gpc_refs": ["II.1.1"], "nk-key": "NO", "nk-explanation": "x"}
        )
        .status_code
        == 403
    )


def test_each_record_shows_its_factors_value_unit_and_source(site: Site) -> None:
    page = site.client("editor_a").get(reverse("web:editor", args=[site.draft.pk]))
    html = page.content.decode()
    (rec,) = [r for r in page.context["records"] if r.record_id == "rec"]
    co2 = next(f for f in rec.factors if f["gas"] == "CO2")
    assert co2["in_library"] and co2["value"] > 0
    row = html.split('data-factors-of="rec"')[1].split("</tr>")[0]
    assert f"{co2['value_text']} {co2['unit']}" in row
    assert co2["source"][:40] in row
    assert reverse("web:factors") + "?q=" + co2["factor_id"] in row
