"""The back-office: secretariat admins load a file from the add page; datasets are read-only there."""

from __future__ import annotations

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from localaction.registry.datasets.models import Dataset
from tests.core.datasets import layouts as L
from tests.factories import World


def test_admin_loads_and_never_edits(world: World, tmp_path: Path) -> None:
    path = L.cdp_2019(tmp_path)
    c = Client()
    reviewer = world.users["reviewer"]
    reviewer.is_staff = True  # even with staff status, only secretariat admins load datasets
    reviewer.save()
    c.force_login(reviewer)
    assert c.get("/admin/datasets/dataset/add/").status_code == 403
    c.force_login(world.users["admin"])
    assert c.get("/admin/datasets/dataset/add/").status_code == 200
    upload = SimpleUploadedFile("cdp_2019.csv", path.read_bytes(), content_type="text/csv")
    r = c.post("/admin/datasets/dataset/add/", {"file": upload, "kind": "cdp", "version": "2019"})
    assert r.status_code == 302, r.content[:2000]
    ds = Dataset.objects.get()
    assert ds.version == "2019" and ds.loaded_by == world.users["admin"] and ds.figure_count == 12
    page = c.get(f"/admin/datasets/dataset/{ds.pk}/change/")
    assert page.status_code == 200 and b'type="submit" value="Save"' not in page.content  # read only
    # A bad file: the error is on the form, nothing stored.
    bad = SimpleUploadedFile("bad.csv", b"Account Number,Country\n1,Atlantis\n", content_type="text/csv")
    r = c.post("/admin/datasets/dataset/add/", {"file": bad, "kind": "cdp"})
    assert r.status_code == 200 and b"no column for" in r.content
    assert Dataset.objects.count() == 1
