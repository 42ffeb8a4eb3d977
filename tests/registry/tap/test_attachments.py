"""TAP attachments (issue 18): the type is checked by the content (magic bytes; Office files by their ZIP
package), each type has its size bound, and a soft-deleted attachment is no longer listed or served."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from localaction.registry.base.errors import NotFound, PermissionDenied, ValidationFailed
from localaction.registry.base.models import AuditEntry
from localaction.registry.tap import services
from localaction.registry.tap.models import MAX_BYTES_BY_TYPE, Attachment
from tests.registry.tap.conftest import Tap

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"


def _xlsx() -> bytes:
    wb = openpyxl.Workbook()
    wb.active.append(["year", "tCO2e"])  # type: ignore[union-attr]
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _zip(parts: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return buf.getvalue()


DOCX = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})


@pytest.fixture
def media(settings: Any, tmp_path: Any) -> Any:
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


def _add(tap: Tap, name: str, data: bytes) -> Attachment:
    return services.add_attachment(tap.users["editor_a"], tap.draft, SimpleUploadedFile(name, data))


@pytest.mark.parametrize(
    ("name", "data"),
    [("plan.pdf", PDF), ("site.png", PNG), ("photo.jpg", JPEG), ("photo.JPEG", JPEG), ("budget.xlsx", _xlsx()),
     ("letter.docx", DOCX), ("costs.csv", "year;custo\n2024;1.234,5\n".encode("cp1252")),
     ("notes.txt", "São Paulo — 서울\n".encode())],
)  # fmt: skip
def test_real_files_of_each_type_are_accepted(tap: Tap, media: Any, name: str, data: bytes) -> None:
    a = _add(tap, name, data)
    assert a.size == len(data) and (media / a.file.name).read_bytes() == data


@pytest.mark.parametrize(
    ("name", "data", "why"),
    [
        ("plan.pdf", b"<html><script>alert(1)</script>", "not a .pdf file"),
        ("site.png", PDF, "not a .png file"),
        ("photo.jpg", PNG, "not a .jpg file"),
        ("budget.xlsx", DOCX, "not a .xlsx document"),  # a Word package renamed
        ("letter.docx", b"PK\x03\x04 broken zip", "not a .docx document"),
        ("letter.docx", PDF, "not a .docx document"),
        ("costs.csv", b"MZ\x90\x00\x03", "binary"),  # an executable renamed
        ("costs.csv", _xlsx(), "binary"),
        ("notes.txt", b"a\x00b", "binary"),
        ("notes.txt", b"ok\x1b[31m", "control characters"),
        ("empty.pdf", b"", "empty"),
        ("run.exe", b"MZ", "allowed types"),
    ],
)
def test_content_that_does_not_match_the_name_is_refused(
    tap: Tap, media: Any, name: str, data: bytes, why: str
) -> None:
    with pytest.raises(ValidationFailed) as exc:
        _add(tap, name, data)
    (detail,) = exc.value.details
    assert detail.loc == ("file",) and why in detail.msg and name in detail.msg
    assert not Attachment.all_objects.exists()


def test_each_type_has_its_size_bound(tap: Tap, media: Any) -> None:
    assert (
        MAX_BYTES_BY_TYPE["png"] < MAX_BYTES_BY_TYPE["pdf"]
        and MAX_BYTES_BY_TYPE["csv"] < MAX_BYTES_BY_TYPE["png"]
    )
    big_png = PNG + b"\x00" * MAX_BYTES_BY_TYPE["png"]
    with pytest.raises(ValidationFailed, match="invalid attachment") as exc:
        _add(tap, "huge.png", big_png)
    assert "at most 5 MB" in exc.value.details[0].msg
    big_csv = b"a,b\n" * (MAX_BYTES_BY_TYPE["csv"] // 4 + 1)
    with pytest.raises(ValidationFailed) as exc2:
        _add(tap, "huge.csv", big_csv)
    assert "at most 2 MB" in exc2.value.details[0].msg
    assert (
        _add(tap, "same-size.pdf", PDF + b"\x00" * MAX_BYTES_BY_TYPE["png"]).size > MAX_BYTES_BY_TYPE["png"]
    )


def test_a_zip_bomb_disguised_as_xlsx_is_refused(tap: Tap, media: Any) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", b"<Types/>")
        z.writestr("xl/workbook.xml", b"<workbook/>")
        z.writestr("xl/huge.bin", b"\x00" * (101 * 1024 * 1024))
    with pytest.raises(ValidationFailed) as exc:
        _add(tap, "bomb.xlsx", buf.getvalue())
    assert "100 MB" in exc.value.details[0].msg


def test_a_soft_deleted_attachment_is_no_longer_listed_or_served(tap: Tap, media: Any) -> None:
    a = _add(tap, "plan.pdf", PDF)
    url = reverse("tap:attachment", args=[a.pk])
    city = tap.client("editor_a")
    served = city.get(url)
    assert served.status_code == 200 and b"".join(served.streaming_content) == PDF  # type: ignore[attr-defined]
    with pytest.raises(PermissionDenied):
        services.remove_attachment(tap.users["editor_b"], a)
    services.remove_attachment(tap.users["editor_a"], a)
    assert city.get(url).status_code == 404
    assert tap.client("admin").get(url).status_code == 404  # nobody is served it
    with pytest.raises(NotFound):
        services.live_attachment(tap.users["editor_a"], a.pk)
    sheet = city.get(reverse("tap:sheet", args=[tap.draft.pk]))
    assert "plan.pdf" not in sheet.content.decode()
    row = Attachment.all_objects.get(pk=a.pk)
    assert row.deleted_at is not None and (media / row.file.name).exists()  # kept for the record
    assert AuditEntry.objects.filter(action="delete", object_id=str(a.pk)).exists()
