"""The inventory exports over the API: the same files as the pages, public for published inventories,
the city's own for drafts; the CRF CSV reads back through the CRF reader."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from localaction.core.inventory.readers.crf import read_crf
from tests.faces.api.conftest import Api, assert_error_shape
from tests.factories import World, published_inventory, ready_inventory


def test_published_exports_are_public(world: World, apis: dict[str, Api], tmp_path: Path) -> None:
    inv = published_inventory(world)
    anon = apis["anonymous"]
    status, body = anon.get(f"/inventories/{inv.pk}/exports/crf?format=csv")
    assert status == 200 and body.startswith("\ufeffInventory year,GPC ref. no.".encode())
    path = tmp_path / "crf.csv"
    path.write_bytes(body)
    lines = {ln.gpc_ref: ln.value_tco2e for ln in read_crf(path).lines}
    stored = {ln.gpc_ref: ln.value_tco2e for ln in inv.gpc_lines.all() if ln.value_tco2e is not None}
    assert lines == pytest.approx(stored)
    status, body = anon.get(f"/inventories/{inv.pk}/exports/records?format=xlsx")
    assert status == 200
    assert "GPC table" in load_workbook(io.BytesIO(body)).sheetnames
    status, body = anon.get(f"/inventories/{inv.pk}/exports/records?format=pdf")
    assert status == 422


def test_draft_exports_are_the_citys_own(world: World, apis: dict[str, Api]) -> None:
    inv = ready_inventory(world)
    for role in ("anonymous", "editor_b"):
        status, body = apis[role].get(f"/inventories/{inv.pk}/exports/records")
        assert status == 404
        assert_error_shape(body)
    status, body = apis["editor_a"].get(f"/inventories/{inv.pk}/exports/records")
    assert status == 200 and b"# jurisdiction: S" in body
