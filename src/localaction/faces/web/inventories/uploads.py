"""Uploaded inventory files kept between their preview and their import.

The preview reads the file; the import reads the same file again through the same use-case (so the report
the user confirmed is the report of what is stored). In between, the file waits under the private media
root, named by a random token that only the user's session knows; it is removed after the import, when the
user uploads another file, and by the next upload once it is a day old.
"""

from __future__ import annotations

import datetime as dt
import secrets
import shutil
import time
from pathlib import Path
from typing import Any

from django.conf import settings

KEEP = dt.timedelta(days=1)


def _root() -> Path:
    return Path(settings.MEDIA_ROOT) / "pending-imports"


def keep(upload: Any) -> tuple[str, Path]:
    """Store an uploaded file; returns its token and path."""
    _sweep()
    token = secrets.token_hex(16)
    folder = _root() / token
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"upload{Path(upload.name).suffix.lower()}"
    with path.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return token, path


def find(token: str) -> Path | None:
    """The file kept under ``token``, or None when it is gone (or the token is not one of ours)."""
    if not token or not token.isalnum():
        return None
    folder = _root() / token
    files = sorted(folder.glob("upload.*")) if folder.is_dir() else []
    return files[0] if files else None


def discard(token: str) -> None:
    if token and token.isalnum():
        shutil.rmtree(_root() / token, ignore_errors=True)


def _sweep() -> None:
    root = _root()
    if not root.is_dir():
        return
    cutoff = time.time() - KEEP.total_seconds()
    for folder in root.iterdir():
        if folder.is_dir() and folder.stat().st_mtime < cutoff:
            shutil.rmtree(folder, ignore_errors=True)
