"""POST /inventories/{id}/import: the same use-case as the web upload. A dry run previews (the report of every
figure, what it would replace) and stores nothing; an import returns the same report and the new version."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from localaction.registry.inventories.models import ActivityRecord
from tests.faces.api.conftest import api_for
from tests.factories import World, ready_inventory

pytestmark = pytest.mark.django_db

CSV = (
    b"record_id,gpc_ref,method,activity,quantity,unit,param:sector_of_use,Comment no.\n"
    b'a,I.1.1,fuel_combustion,natural_gas,"1.234,5",GJ,residential,7\n'
    b"b,I.2.1,fuel_combustion,diesel,20,GJ,commercial_institutional,\n"
)


def _post(world: World, inv_id: int, revision: int, **fields: Any) -> tuple[int, Any]:
    api = api_for(world, "editor_a")
    upload = SimpleUploadedFile("utility-2022.csv", CSV, content_type="text/csv")
    r = api.client.post(
        f"/api/v1/inventories/{inv_id}/import",
        {"revision": revision, "file": upload, **fields},
        **api.headers,
    )
    return r.status_code, r.json()


def test_dry_run_reports_and_stores_nothing_then_the_import_stores(world: World) -> None:
    inv = ready_inventory(world)
    entered = inv.gpc_lines.filter(is_entered=True).count()
    status, body = _post(world, inv.pk, inv.revision, dry_run="true")
    assert status == 200, body
    assert body["dry_run"] is True and body["kind"] == "activity"
    assert (body["records"], body["replaced"]) == (2, {"records": 0, "lines": entered})
    figures = body["report"]["figures"]
    assert figures["balanced"] and figures["found"] == figures["stored"] + figures["not_used"]
    assert [u["column"] for u in body["report"]["unrecognised_columns"]] == ["Comment no."]
    assert body["report"]["files"] == ["utility-2022.csv"]
    assert body["report"]["decimal"].endswith("comma")  # 1.234,5: detected, the only reading
    assert not ActivityRecord.objects.filter(inventory=inv).exists()
    assert body["inventory"]["revision"] == inv.revision

    status, body = _post(world, inv.pk, inv.revision)
    assert status == 200, body
    assert body["dry_run"] is False and body["records"] == 2
    assert body["report"]["counts"]["activity records stored"] == 2
    assert body["inventory"]["revision"] > inv.revision
    stored = dict(ActivityRecord.objects.filter(inventory=inv).values_list("record_id", "quantity"))
    assert stored == {"a": 1234.5, "b": 20}


def test_declared_format_and_stale_revision(world: World) -> None:
    inv = ready_inventory(world)
    status, body = _post(world, inv.pk, inv.revision, decimal="point", dry_run="true")
    assert status == 422 and body["error"]["details"][0]["loc"] == ["utility-2022.csv", "row 2", "quantity"]
    _post(world, inv.pk, inv.revision)
    status, body = _post(world, inv.pk, inv.revision)  # the same revision again: someone already wrote
    assert status == 409 and body["error"]["code"] == "stale_version"
    assert ActivityRecord.objects.filter(inventory=inv).count() == 2
