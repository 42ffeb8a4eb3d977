"""``localaction backup`` and ``localaction restore``: the whole database and its uploaded files, with a
verify step each way (docs/security.md, "Nothing lost").

  localaction backup registry-2025-06-01.zip       # write, then re-read and check every hash
  localaction restore registry-2025-06-01.zip --check   # only check the archive
  LOCALACTION_DATABASE_URL=sqlite:///fresh.db localaction db upgrade
  LOCALACTION_DATABASE_URL=sqlite:///fresh.db localaction restore registry-2025-06-01.zip
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

console = Console()


def _setup() -> Path:
    from localaction.site.bootstrap import setup

    setup()
    from django.conf import settings

    return Path(settings.MEDIA_ROOT)


def backup(
    path: Annotated[Path, typer.Argument(help="The archive to write (.zip).")],
) -> None:
    """Back up every table (users, roles, drafts, comments, the audit log, …) and every uploaded file into
    one ZIP with a manifest of hashes; then read it back and check it."""
    media = _setup()
    from localaction.registry.backup import full

    report = full.create_backup(path, media)
    checked = full.verify_archive(path)
    if not checked.ok:
        raise full.BackupError("the archive just written does not check: " + "; ".join(checked.problems))
    console.print(f"backup written and checked: {path} ({full.summary(report)})", highlight=False)
    for name in report.missing_files:
        console.print(f"[yellow]warning[/]: {name} is referenced but missing from {media}", highlight=False)


def restore(
    path: Annotated[Path, typer.Argument(help="The archive to restore (.zip).", exists=True, dir_okay=False)],
    replace: Annotated[
        bool, typer.Option("--replace", help="Empty this database (and overwrite its files) first.")
    ] = False,
    check: Annotated[bool, typer.Option("--check", help="Only check the archive; change nothing.")] = False,
) -> None:
    """Restore a backup into this (fresh, migrated) database: every row is compared with the backup's
    hashes before the transaction commits; a refused restore changes nothing."""
    media = _setup()
    from localaction.registry.backup import full

    if check:
        report = full.verify_archive(path)
        if not report.ok:
            raise full.BackupError("the archive is damaged: " + "; ".join(report.problems))
        console.print(f"archive checked: {path} ({full.summary(report)})", highlight=False)
        return
    report = full.restore(path, media, replace=replace)
    console.print(f"restored and checked: {path} ({full.summary(report)})", highlight=False)


def register(app: typer.Typer) -> None:
    app.command("backup")(backup)
    app.command("restore")(restore)
