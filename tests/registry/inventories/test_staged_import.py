"""A file replaces a draft's contents by stage-then-swap: the row lock is held for the swap only, an edit
that lands while the file is being staged makes the swap refuse (nothing of the import stored), and the
staged rows never show up anywhere."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from localaction.core.errors import Conflict, InputError
from localaction.registry import services
from localaction.registry.base.models import AuditEntry
from localaction.registry.inventories import recompute, staged
from localaction.registry.inventories.imports.inventory_file import import_file, plan_import
from localaction.registry.inventories.models import ActivityRecord, Inventory
from tests.factories import World, make_world, ready_inventory

pytestmark = pytest.mark.django_db

HEADER = "record_id,gpc_ref,method,activity,quantity,unit,param:sector_of_use\n"


def activity_file(tmp_path: Path, n: int, name: str = "nova-2024.csv", quantity: str = "1000") -> Path:
    path = tmp_path / name
    rows = [f"gas-{i},I.1.1,fuel_combustion,natural_gas,{quantity},GJ,residential" for i in range(n)]
    path.write_text("# jurisdiction: São Paulo\n# period: 2022\n" + HEADER + "\n".join(rows) + "\n")
    return path


@pytest.fixture
def world() -> World:
    return make_world()


def _live(inv: Inventory) -> list[str]:
    return list(
        ActivityRecord.objects.filter(inventory=inv, deleted_at__isnull=True).values_list(
            "record_id", flat=True
        )
    )


def test_import_replaces_records_and_says_how_many(world: World, tmp_path: Path) -> None:
    editor = world.users["editor_a"]
    inv = ready_inventory(world)
    entered = inv.gpc_lines.filter(is_entered=True).count()
    first = import_file(editor, inv, activity_file(tmp_path, 3), kind=None, revision=inv.revision)
    assert (first.records, first.replaced_records, first.replaced_lines) == (
        3,
        0,
        entered,
    )
    inv.refresh_from_db()
    plan = plan_import(editor, inv, activity_file(tmp_path, 5, "second.csv"))
    assert (plan.replaces_records, len(plan.found.inventory.records)) == (3, 5)
    second = import_file(
        editor, inv, activity_file(tmp_path, 5, "second.csv"), kind=None, revision=inv.revision
    )
    assert second.replaced_records == 3 and second.report.counts["activity records replaced"] == 3
    inv.refresh_from_db()
    assert sorted(_live(inv)) == [f"gas-{i}" for i in range(5)]
    assert not ActivityRecord.all_objects.filter(inventory=inv).exclude(staged_as="").exists()
    # Results were computed before the swap and stored with the rows: the same as a recompute gives.
    stored = {r.record_id: r.co2e_t for r in ActivityRecord.objects.filter(inventory=inv)}
    assert all(v and v > 0 for v in stored.values())
    basic = inv.basic_tco2e
    again = Inventory.objects.get(pk=inv.pk)
    result = recompute.recompute(again)
    assert result.totals.basic == pytest.approx(basic)
    assert {r.record_id: r.co2e_t for r in ActivityRecord.objects.filter(inventory=inv)} == pytest.approx(
        stored
    )
    entry = AuditEntry.objects.filter(object_id=str(inv.pk), action="replace_contents").latest("pk")
    assert entry.after["file"] == "second.csv"


def test_an_edit_during_the_stage_makes_the_swap_refuse_and_nothing_is_stored(
    world: World, tmp_path: Path
) -> None:
    editor, approver = world.users["editor_a"], world.users["approver_a"]
    inv = ready_inventory(world)
    before_records = _live(inv)
    audits = AuditEntry.objects.filter(object_id=str(inv.pk), action="replace_contents").count()
    edited = []

    def someone_edits(n: int) -> None:
        if not edited:  # another person saves the draft while the file is being staged
            current = Inventory.objects.get(pk=inv.pk)
            edited.append(
                services.update_inventory(approver, current, revision=current.revision, boundary="edited")
            )

    with pytest.raises(Conflict):
        import_file(
            editor,
            inv,
            activity_file(tmp_path, 4100),
            kind=None,
            revision=inv.revision,
            progress=someone_edits,
        )
    inv.refresh_from_db()
    assert inv.boundary == "edited" and inv.revision == edited[0].revision
    assert _live(inv) == before_records
    assert not ActivityRecord.all_objects.filter(inventory=inv).exclude(staged_as="").exists()
    assert AuditEntry.objects.filter(object_id=str(inv.pk), action="replace_contents").count() == audits


def test_a_file_the_engine_cannot_compute_stages_nothing(world: World, tmp_path: Path) -> None:
    inv = ready_inventory(world)
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "x,I.1.1,fuel_combustion,no_such_fuel,10,GJ,residential\n")
    with pytest.raises(InputError):
        import_file(world.users["editor_a"], inv, bad, kind=None, revision=inv.revision)
    assert not ActivityRecord.all_objects.filter(inventory=inv).exists()


def test_a_large_import_audits_counts_not_every_record(
    world: World, tmp_path: Path, monkeypatch: Any
) -> None:
    monkeypatch.setattr(staged, "AUDIT_SNAPSHOT_LIMIT", 10)
    inv = ready_inventory(world)
    import_file(world.users["editor_a"], inv, activity_file(tmp_path, 25), kind=None, revision=inv.revision)
    entry = AuditEntry.objects.filter(object_id=str(inv.pk), action="replace_contents").latest("pk")
    assert entry.after["records"] == {"count": 25} and entry.before["records"] == {"count": 0}
    assert entry.after["lines"] == []  # the file gives no lines: the entered ones were replaced


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (LOCALACTION_DATABASE_URL)")
def test_a_concurrent_edit_is_not_blocked_by_a_long_import(tmp_path: Path) -> None:
    """While a 6,000-record file is staged, another user's edit of the same draft commits at once (it does
    not wait for the import); the import's swap then refuses and stores nothing."""
    world = make_world()
    editor, approver = world.users["editor_a"], world.users["approver_a"]
    inv = ready_inventory(world)
    path = activity_file(tmp_path, 6000)
    started, waited = threading.Event(), []
    outcome: list[Any] = []

    def slow_progress(n: int) -> None:
        started.set()
        time.sleep(0.2)  # each batch: long enough for the edit to land mid-stage

    def run_import() -> None:
        try:
            outcome.append(
                import_file(editor, inv, path, kind=None, revision=inv.revision, progress=slow_progress)
            )
        except Exception as exc:
            outcome.append(exc)
        finally:
            connection.close()

    def run_edit() -> None:
        try:
            started.wait(60)
            t0 = time.perf_counter()
            current = Inventory.objects.get(pk=inv.pk)
            services.update_inventory(
                approver, current, revision=current.revision, boundary="edited meanwhile"
            )
            waited.append(time.perf_counter() - t0)
        finally:
            connection.close()

    threads = [threading.Thread(target=run_import), threading.Thread(target=run_edit)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert waited and waited[0] < 0.5, waited  # the edit did not wait for the import
    assert isinstance(outcome[0], Conflict), outcome
    inv.refresh_from_db()
    assert inv.boundary == "edited meanwhile"
    assert not ActivityRecord.all_objects.filter(inventory=inv, deleted_at__isnull=True).exists()
    assert not ActivityRecord.all_objects.filter(inventory=inv).exclude(staged_as="").exists()
