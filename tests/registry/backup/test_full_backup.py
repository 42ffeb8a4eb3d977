"""Nothing lost (issue 18): ``localaction backup`` → a fresh database (made by ``localaction db upgrade`` in
another process) → ``localaction restore`` → every table's rows equal, read straight from both databases,
and every attachment file equal. Runs on SQLite; on PostgreSQL when LOCALACTION_DATABASE_URL points there
(a fresh database is created beside the test database and dropped after)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse

from localaction.registry import services
from localaction.registry.backup import full
from tests.factories import World, complete_verification, make_world, ready_inventory

PDF = b"%PDF-1.7\n" + bytes(range(256)) * 4


def _populate(world: World, media: Path) -> None:
    """Every kind of thing the issue names: users and roles, drafts, comments, the audit log (with an
    override), framework reports, TAP projects and attachment files, network data, gateway entries; plus
    soft-deleted rows, API tokens, a session and a failed login."""
    from localaction import demo
    from localaction.registry.base import tokens
    from localaction.registry.tap import services as tap

    demo.load_demo(only=(demo.HOME,))  # cities, targets, frameworks, network, TAP and gateway demo data
    u = world.users
    draft = ready_inventory(world, 2023)
    services.add_comment(u["reviewer"], draft, "Check I.1.1 against the utility", gpc_ref="I.1.1")
    inv = ready_inventory(world, 2022)
    inv = services.submit(u["approver_a"], inv, revision=inv.revision)
    inv = services.validate(u["admin"], inv, revision=inv.revision)
    complete_verification(world, inv)
    inv.refresh_from_db()
    inv = services.verify(u["verifier"], inv, revision=inv.revision)
    services.publish(u["admin"], inv, revision=inv.revision, override_reason="Only one reviewer this week.")
    gone = ready_inventory(world, 2019)
    services.delete_submission(u["editor_a"], gone, revision=gone.revision)  # soft-deleted: carried too
    tokens.create_token(u["admin"], u["editor_a"], name="laptop")
    from localaction.registry.tap.models import Project

    project = Project.objects.filter(status="draft").select_related("jurisdiction").first()
    assert project is not None, "the TAP demo has a draft project"
    editor = project.jurisdiction.memberships.filter(role__in=["editor", "approver"]).first()
    assert editor is not None
    kept = tap.add_attachment(editor.user, project, SimpleUploadedFile("plan.pdf", PDF))
    removed = tap.add_attachment(editor.user, project, SimpleUploadedFile("old.pdf", PDF[:300]))
    tap.remove_attachment(editor.user, removed)
    assert (media / kept.file.name).is_file()
    c = Client()
    c.force_login(u["reviewer"])  # a session row
    Client().post(
        reverse("web:login"), {"username": "editor_a", "password": "wrong"}, REMOTE_ADDR="203.0.113.7"
    )


@pytest.fixture
def fresh_url(tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database of the same vendor as the test database."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'fresh.db'}"
        return
    import psycopg

    s = connection.settings_dict
    name = f"{s['NAME']}_restore_{os.getpid()}"
    auth = (
        f"{s['USER']}:{s['PASSWORD']}@" if s.get("PASSWORD") else (f"{s['USER']}@" if s.get("USER") else "")
    )
    server = f"postgresql://{auth}{s.get('HOST') or 'localhost'}:{s.get('PORT') or 5432}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{server}/{name}"
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _cli(args: list[str], url: str, media: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LOCALACTION_")}
    env |= {"LOCALACTION_DATABASE_URL": url, "LOCALACTION_MEDIA_ROOT": str(media)}
    if os.environ.get("LOCALACTION_TODAY"):
        env["LOCALACTION_TODAY"] = os.environ["LOCALACTION_TODAY"]
    return subprocess.run(
        [sys.executable, "-c", "from localaction.faces.cli import main; main()", *args],
        env=env, cwd=cwd, capture_output=True, text=True, timeout=600,
    )  # fmt: skip


# Derived search structures, rebuilt on restore rather than carried: FTS5's shadow tables hold its b-tree
# pages, whose layout depends on the order of past writes; the index's content is compared instead.
_DERIVED = ("gateway_solution_fts_",)


def _tables() -> list[str]:
    names = connection.introspection.table_names(include_views=False)
    return sorted(t for t in names if t != "django_migrations" and not t.startswith(_DERIVED))


def _select(table: str, columns: list[str]) -> str:
    cols = ", ".join(f'"{c}"' for c in columns)
    order = ", ".join(str(i + 1) for i in range(len(columns)))
    return f'SELECT {cols} FROM "{table}" ORDER BY {order}'


def _columns(table: str) -> list[str]:
    if table == "gateway_solution_fts":  # the FTS5 table: its rowid and text
        return ["rowid", "title", "body"]
    with connection.cursor() as cursor:
        return [c.name for c in connection.introspection.get_table_description(cursor, table)]


def _source_rows(table: str, columns: list[str]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(_select(table, columns))
        return [tuple(r) for r in cursor.fetchall()]


class _Fresh:
    def __init__(self, url: str):
        if url.startswith("sqlite:///"):
            # Read the columns with the converters Django's SQLite backend registers (dates, datetimes, bools),
            # as the test database's own cursor does.
            kinds = sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES
            self.conn: Any = sqlite3.connect(url.removeprefix("sqlite:///"), detect_types=kinds)
        else:
            import psycopg
            from psycopg.types.string import TextLoader

            self.conn = psycopg.connect(url)
            # read as Django's own connection does: JSON as text, addresses (inet) as text
            for kind in ("jsonb", "inet", "cidr"):
                self.conn.adapters.register_loader(kind, TextLoader)

    def rows(self, table: str, columns: list[str]) -> list[tuple[Any, ...]]:
        cursor = self.conn.cursor()
        cursor.execute(_select(table, columns))
        return [tuple(r) for r in cursor.fetchall()]

    def close(self) -> None:
        self.conn.close()


@pytest.mark.slow
def test_backup_restore_into_a_fresh_database_keeps_every_row_and_file(
    db: None, settings: Any, tmp_path: Path, fresh_url: str
) -> None:
    media = tmp_path / "media"
    settings.MEDIA_ROOT = str(media)
    world = make_world()
    _populate(world, media)
    archive = tmp_path / "registry.zip"
    made = full.create_backup(archive, media)
    assert full.verify_archive(archive).ok and made.files == 2 and made.missing_files == []

    fresh_media = tmp_path / "fresh-media"
    upgraded = _cli(["db", "upgrade"], fresh_url, fresh_media, tmp_path)
    assert upgraded.returncode == 0, upgraded.stderr
    restored = _cli(["restore", str(archive)], fresh_url, fresh_media, tmp_path)
    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert "restored and checked" in restored.stdout

    fresh = _Fresh(fresh_url)
    try:
        compared, rows, differ = 0, 0, []
        for table in _tables():
            columns = _columns(table)
            mine, theirs = _source_rows(table, columns), fresh.rows(table, columns)
            compared += 1
            rows += len(mine)
            if mine != theirs:
                first = (
                    next((a, b) for a, b in zip(mine, theirs, strict=False) if a != b)
                    if mine and theirs
                    else ()
                )
                differ.append(
                    f"{table}: {len(mine)} rows here, {len(theirs)} restored; first difference {first}"
                )
        assert differ == []
        migrations = {tuple(r) for r in fresh.rows("django_migrations", ["app", "name"])}
        assert migrations == {tuple(m) for m in full.applied_migrations()}
    finally:
        fresh.close()
    # Everything the issue names is there, not only present in the schema.
    counts = {m._meta.db_table: m._base_manager.count() for m in full.table_models()}
    for table in ("registry_user", "registry_membership", "registry_secretariatrole", "registry_reviewcomment",
                  "registry_auditentry", "registry_foureyesoverride", "framework_reports_frameworkreport",
                  "tap_project", "tap_attachment", "network_network", "gateway_solution", "registry_apitoken",
                  "verification_statement", "django_session", "axes_accessattempt"):  # fmt: skip
        assert counts[table] > 0, f"{table} is empty: the test data should cover it"
    assert compared >= len(full.table_models()) and rows > 1000
    for name in full.referenced_files():
        assert (fresh_media / name).read_bytes() == (media / name).read_bytes()


def test_a_damaged_archive_is_refused_and_restores_nothing(db: None, settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    world = make_world()
    ready_inventory(world)
    archive = tmp_path / "b.zip"
    full.create_backup(archive, tmp_path / "media")
    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(archive) as src, zipfile.ZipFile(damaged, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "data/registry.jurisdiction.json":
                rows = json.loads(data)
                rows[0]["fields"]["name"] = "Somewhere else"
                data = json.dumps(rows).encode()
            dst.writestr(item, data)
    report = full.verify_archive(damaged)
    assert not report.ok and "registry.jurisdiction" in report.problems[0]
    with pytest.raises(full.BackupError, match="damaged"):
        full.restore(damaged, tmp_path / "media2", replace=True)
    with pytest.raises(full.BackupError, match="not empty"):  # into a used database: refused
        full.restore(archive, tmp_path / "media2")
    assert services.get_jurisdiction("sao-paulo").name == "São Paulo"


def test_restore_with_replace_gives_back_the_same_rows(db: None, settings: Any, tmp_path: Path) -> None:
    """In place (the same database emptied first): the digests before and after are equal, the audit
    triggers are still there, and a row changed after the backup is back to its backed-up value."""
    from localaction.registry.base import audit

    settings.MEDIA_ROOT = str(tmp_path / "media")
    world = make_world()
    ready_inventory(world)
    archive = tmp_path / "b.zip"
    full.create_backup(archive, tmp_path / "media")
    before = full.digests()
    services.update_jurisdiction(
        world.users["admin"], world.city_a, revision=world.city_a.revision, region="X"
    )
    assert full.digests() != before
    full.restore(archive, tmp_path / "media", replace=True)
    assert full.digests() == before
    assert len(audit.triggers_present(connection)) == 4
