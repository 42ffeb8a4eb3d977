"""export → fresh database → import → export gives the same data (JSON and the ZIP of CSVs)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from localaction.registry import services
from localaction.registry.backup.export import build_export, write_json, write_zip
from localaction.registry.base.access import SYSTEM
from localaction.registry.inventories.imports.cdp import import_cdp
from tests.factories import World, published_inventory, ready_inventory
from tests.registry.inventories.test_cdp import HEADER_2019, write

CLI = [sys.executable, "-m", "localaction"]


def _fresh(tmp_path: Path, name: str, *commands: list[str]) -> None:
    env = {**os.environ, "LOCALACTION_DATABASE_URL": f"sqlite:///{tmp_path / name}"}
    for cmd in (["db", "upgrade"], *commands):
        done = subprocess.run([*CLI, *cmd], env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr[-2000:]


def test_roundtrip(world: World, tmp_path: Path) -> None:
    inv = published_inventory(world)
    ed = world.users["editor_a"]
    draft = ready_inventory(world, 2023)  # drafts are not exported
    correction = services.open_correction(ed, inv)
    services.put_record(
        ed,
        correction,
        {
            "record_id": "r1",
            "gpc_ref": "I.1.1",
            "method": "direct_entry",
            "quantity": 12.5,
            "unit": "t",
            "activity": "CO2",
        },
        revision=correction.revision,
    )
    correction.refresh_from_db()
    for action in ("submit", "validate", "publish"):
        who = world.users[{"submit": "approver_a", "validate": "reviewer", "publish": "admin"}[action]]
        correction = services.transition(who, correction, action, revision=correction.revision)
    services.set_stat(SYSTEM, world.city_b, year=2020, population=9_600_000, area_km2=605.2)
    import_cdp(
        [write(tmp_path, "cdp.csv", HEADER_2019 + '2020,77,Org,Town,Chile,LatAm,2018,"1,000",,,,,,,\n')]
    )
    tables = build_export()
    assert draft.pk not in {r.get("id") for r in tables["inventories"]}
    assert len(tables["inventories"]) == 3 and len(tables["activity_records"]) == 1
    original = tmp_path / "export.json"
    with original.open("w", encoding="utf-8") as f:
        write_json(tables, f)
    write_zip(tables, tmp_path / "export.zip")
    again = tmp_path / "again.json"
    _fresh(tmp_path, "a.db", ["import", "export", str(original)], ["export", "-o", str(again)])
    assert json.loads(again.read_text()) == json.loads(original.read_text())
    from_zip = tmp_path / "from_zip.json"
    _fresh(
        tmp_path, "b.db", ["import", "export", str(tmp_path / "export.zip")], ["export", "-o", str(from_zip)]
    )
    assert json.loads(from_zip.read_text()) == json.loads(original.read_text())


@pytest.mark.django_db
def test_not_an_export(tmp_path: Path) -> None:
    from localaction.core.errors import InputError
    from localaction.registry.backup.export import restore

    bad = write(tmp_path, "x.json", '{"format": "other"}')
    with pytest.raises(InputError):
        restore(bad)
