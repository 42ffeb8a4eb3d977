"""Loading: all or nothing, once per file, never edited, admins and the operator only."""

from __future__ import annotations

from pathlib import Path

import pytest

from localaction.core.errors import InputError
from localaction.registry.base.access import SYSTEM
from localaction.registry.base.errors import Conflict, PermissionDenied
from localaction.registry.base.models import AuditEntry
from localaction.registry.datasets import services
from localaction.registry.datasets.models import Dataset, DatasetFigure, DatasetImmutable
from tests.core.datasets import layouts as L
from tests.factories import World


def test_load_keeps_what_the_dataset_is(world: World, tmp_path: Path) -> None:
    path = L.cdp_2019(tmp_path)
    ds = services.load_dataset(SYSTEM, path, "cdp", meta={"version": "2019 (downloaded 2024-05-01)"})
    assert ds.publisher.startswith("CDP Worldwide") and ds.licence == "CDP Open Database Licence"
    assert ds.citation.startswith("This data was collected in partnership by CDP and ICLEI")
    assert ds.version == "2019 (downloaded 2024-05-01)"  # the operator's words win
    assert ds.countries == ["BR", "IT", "US"] and ds.years == [2017, 2018, 2019]
    assert len(ds.file_sha256) == 64 and ds.file_size == path.stat().st_size
    assert ds.figure_count == DatasetFigure.objects.filter(dataset=ds).count() == 12
    assert "Reason for change" in ds.unused_columns
    assert AuditEntry.objects.filter(action="load_dataset", object_id=str(ds.pk)).exists()
    with pytest.raises(Conflict, match="already loaded as dataset"):
        services.load_dataset(SYSTEM, path, "cdp")
    ds.title = "changed"
    with pytest.raises(DatasetImmutable):
        ds.save()
    with pytest.raises(DatasetImmutable):
        ds.delete()


def test_a_bad_file_writes_nothing(world: World, tmp_path: Path) -> None:
    rows = [list(r) for r in L.CDP_2019_ROWS]
    rows[1][29] = "seventy thousand"
    with pytest.raises(InputError) as exc:
        services.load_dataset(SYSTEM, L.cdp_2019(tmp_path, rows, "bad.csv"), "cdp")
    assert "bad.csv, row 3, Population: 'seventy thousand' is not a number" in str(exc.value)
    assert Dataset.objects.count() == 0 and DatasetFigure.objects.count() == 0


def test_only_admins_load(world: World, tmp_path: Path) -> None:
    for role in ("editor_a", "reviewer"):
        with pytest.raises(PermissionDenied):
            services.load_dataset(world.users[role], L.cdp_2019(tmp_path), "cdp")
    assert (
        services.load_dataset(world.users["admin"], L.cdp_2019(tmp_path), "cdp").loaded_by
        == world.users["admin"]
    )


def test_sectors_covered_come_from_the_correspondences(world: World, tmp_path: Path) -> None:
    from tests.registry.datasets.conftest import load_all

    loaded = load_all(tmp_path)
    assert loaded.crf.sectors == ["I", "II", "III"]
    assert loaded.trace.sectors == ["II"] and loaded.trace.version == "v4.8.0"
    assert loaded.population.sectors == []
