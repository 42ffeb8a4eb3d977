"""The whole database and its uploaded files in one ZIP, and its exact restore into a fresh database.

Unlike ``export`` (published data only, by natural keys), a backup carries every row of every table, with
its database id: users and roles, drafts, soft-deleted rows, comments, the audit log, framework reports, TAP
projects and their attachment files, network data, gateway entries, sessions, login attempts, one-time
password devices. Layout of the archive:

- ``manifest.json``: format, version, when, the database vendor, the applied migrations, and per table its
  model, row count and a SHA-256 digest of its rows (in a canonical, vendor-independent form); per file
  (data and media) its size and SHA-256.
- ``data/<app_label>.<model>.json``: the rows (Django's JSON serializer, every row, ordered by id).
- ``media/<path>``: every file a FileField names (TAP attachments), at its storage path.

``verify_archive`` re-reads an archive and checks every hash; ``restore`` verifies the archive, refuses a
database that is not empty or not at the same migrations, loads everything in one transaction, recomputes
every table's digest and compares it with the manifest before committing (the verify step), then writes
the files. A refused or failed restore writes nothing to the database.
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import hashlib
import io
import json
import uuid
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core import serializers
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.migrations.recorder import MigrationRecorder

from localaction.core import clock
from localaction.core.errors import Detail, InputError
from localaction.registry.base import publiccache

FORMAT, VERSION = "localaction-backup", 1
# Rows Django makes by itself after migrate (post_migrate): a fresh database has them; restore replaces them.
_REGENERATED = frozenset({"contenttypes.contenttype", "auth.permission"})


class _ExactEncoder(DjangoJSONEncoder):
    """Django's encoder cuts datetimes to milliseconds; a backup keeps every microsecond."""

    def default(self, o: Any) -> Any:
        if isinstance(o, dt.datetime | dt.time):
            return o.isoformat()
        return super().default(o)


class BackupError(InputError):
    default_code = "backup_invalid"


@dataclass
class Report:
    tables: int = 0
    rows: int = 0
    files: int = 0
    missing_files: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


# --- what is carried -------------------------------------------------------------------------------------


def carried_models() -> list[type[models.Model]]:
    """Every concrete model with a table (auto-created many-to-many tables travel with their model)."""
    out = []
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed or meta.swapped:
            continue
        out.append(model)
    return sorted(out, key=lambda m: m._meta.label_lower)


def _through_models(model: type[models.Model]) -> list[type[models.Model]]:
    return [
        f.remote_field.through  # type: ignore[misc]
        for f in model._meta.local_many_to_many
        if f.remote_field.through._meta.auto_created  # type: ignore[union-attr]
    ]


def table_models() -> list[type[models.Model]]:
    """The models whose tables are compared: the carried ones and their auto-created M2M tables."""
    out: list[type[models.Model]] = []
    for model in carried_models():
        out.append(model)
        out += _through_models(model)
    return out


def _rows(model: type[models.Model], using: str) -> models.QuerySet[Any]:
    return model._base_manager.using(using).order_by("pk")


# --- digests: one canonical form of a row, whatever the vendor -------------------------------------------


def _canonical(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC)
        return value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode()
    if isinstance(value, float):
        return repr(value)
    return value


def _row_values(model: type[models.Model], using: str) -> Iterator[list[Any]]:
    fields = [f for f in model._meta.concrete_fields]
    names = [f.attname for f in fields]
    for row in _rows(model, using).values_list(*names):
        out = []
        for f, value in zip(fields, row, strict=True):
            if isinstance(f, models.JSONField):
                value = json.dumps(value, sort_keys=True, ensure_ascii=False)
            elif isinstance(f, models.FileField):
                value = str(value or "")
            out.append(_canonical(value))
        yield out


def table_digest(model: type[models.Model], using: str = DEFAULT_DB_ALIAS) -> tuple[int, str]:
    """(row count, SHA-256 of the canonical rows) of one table."""
    h = hashlib.sha256()
    n = 0
    for values in _row_values(model, using):
        h.update(json.dumps(values, ensure_ascii=False, default=str).encode())
        h.update(b"\n")
        n += 1
    return n, h.hexdigest()


def digests(using: str = DEFAULT_DB_ALIAS) -> dict[str, dict[str, Any]]:
    out = {}
    for model in table_models():
        n, digest = table_digest(model, using)
        out[model._meta.db_table] = {"model": model._meta.label_lower, "rows": n, "sha256": digest}
    return out


def applied_migrations(using: str = DEFAULT_DB_ALIAS) -> list[list[str]]:
    recorder = MigrationRecorder(connections[using])
    return sorted([app, name] for app, name in recorder.applied_migrations())


# --- files -----------------------------------------------------------------------------------------------


def _file_fields(model: type[models.Model]) -> list[models.FileField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]


def referenced_files(using: str = DEFAULT_DB_ALIAS) -> list[str]:
    """Every storage path a FileField names, soft-deleted rows included."""
    names: set[str] = set()
    for model in carried_models():
        for f in _file_fields(model):
            names.update(n for n in _rows(model, using).values_list(f.attname, flat=True) if n)
    return sorted(names)


def _safe_media_path(root: Path, name: str) -> Path:
    target = (root / name).resolve()
    if not target.is_relative_to(root.resolve()):
        raise BackupError(f"file name {name!r} leaves the media folder: the archive is not ours")
    return target


# --- backup ----------------------------------------------------------------------------------------------


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def create_backup(path: Path, media_root: Path, using: str = DEFAULT_DB_ALIAS) -> Report:
    """Write the archive (in one read transaction, so every table is from the same moment)."""
    report = Report()
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "created_at": clock.now().isoformat(),
        "vendor": connections[using].vendor,
        "migrations": applied_migrations(using),
        "tables": {},
        "files": {},
        "media": {},
        "missing_media": [],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    connection = connections[using]
    outermost = not connection.in_atomic_block
    with transaction.atomic(using=using), zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        if outermost and connection.vendor == "postgresql":
            # One snapshot for every table, while the registry keeps running (SQLite's IMMEDIATE
            # transaction already holds writers off until the backup is written).
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        manifest["tables"] = digests(using)
        for model in carried_models():
            data = serializers.serialize("json", _rows(model, using), cls=_ExactEncoder).encode()
            name = f"data/{model._meta.label_lower}.json"
            zf.writestr(name, data)
            manifest["files"][name] = {"size": len(data), "sha256": _sha(data)}
        for name in referenced_files(using):
            src = _safe_media_path(media_root, name)
            if not src.is_file():
                manifest["missing_media"].append(name)
                continue
            data = src.read_bytes()
            zf.writestr(f"media/{name}", data)
            manifest["media"][name] = {"size": len(data), "sha256": _sha(data)}
        zf.writestr("manifest.json", json.dumps(manifest, indent=1, sort_keys=True))
    tmp.replace(path)
    report.tables = len(manifest["tables"])
    report.rows = sum(t["rows"] for t in manifest["tables"].values())
    report.files = len(manifest["media"])
    report.missing_files = list(manifest["missing_media"])
    return report


# --- verify ----------------------------------------------------------------------------------------------


def read_manifest(zf: zipfile.ZipFile) -> dict[str, Any]:
    try:
        manifest: dict[str, Any] = json.loads(zf.read("manifest.json"))
    except (KeyError, ValueError) as exc:
        raise BackupError(f"not a LocalAction backup (manifest.json unreadable: {exc})") from None
    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise BackupError(
            f"not a {FORMAT} version {VERSION} archive (found {manifest.get('format')} {manifest.get('version')})"
        )
    return manifest


def verify_archive(path: Path) -> Report:
    """Check every file of the archive against the manifest (sizes, hashes, row counts)."""
    report = Report()
    try:
        zf = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise BackupError(f"{path}: not a readable ZIP archive ({exc})") from None
    with zf:
        manifest = read_manifest(zf)
        names = set(zf.namelist())
        for section, prefix in (("files", ""), ("media", "media/")):
            for name, meta in manifest[section].items():
                member = prefix + name
                if member not in names:
                    report.problems.append(f"{member}: listed in the manifest but missing")
                    continue
                data = zf.read(member)
                if len(data) != meta["size"] or _sha(data) != meta["sha256"]:
                    report.problems.append(f"{member}: its content does not match the manifest (damaged)")
        by_model = {t["model"]: t for t in manifest["tables"].values()}
        for name in manifest["files"]:
            label = name.removeprefix("data/").removesuffix(".json")
            if name not in names or label not in by_model:
                continue
            rows = json.loads(zf.read(name))
            if len(rows) != by_model[label]["rows"]:
                report.problems.append(
                    f"{name}: {len(rows)} rows, the manifest says {by_model[label]['rows']}"
                )
        report.tables = len(manifest["tables"])
        report.rows = sum(t["rows"] for t in manifest["tables"].values())
        report.files = len(manifest["media"])
        report.missing_files = list(manifest.get("missing_media", []))
    return report


# --- restore ---------------------------------------------------------------------------------------------


def _rows_present(using: str) -> list[str]:
    return [
        f"{m._meta.label_lower} ({n})"
        for m in carried_models()
        if m._meta.label_lower not in _REGENERATED and (n := _rows(m, using).count())
    ]


def _objects(zf: zipfile.ZipFile, manifest: dict[str, Any], using: str) -> Iterable[Any]:
    for name in sorted(manifest["files"]):
        yield from serializers.deserialize("json", zf.read(name), using=using, ignorenonexistent=False)


def _rebuild_derived(using: str) -> None:
    """Indexes kept outside the models' tables are rebuilt from the rows, not carried: the gateway's SQLite
    full-text table (PostgreSQL indexes the columns themselves)."""
    from localaction.registry.gateway import search
    from localaction.registry.gateway.models import Solution

    for pk, title, body in Solution._base_manager.using(using).values_list(
        "pk", "search_title", "search_body"
    ):
        search.index(pk, title, body)


def restore(path: Path, media_root: Path, *, replace: bool = False, using: str = DEFAULT_DB_ALIAS) -> Report:
    """Restore an archive into this database (empty and migrated; ``replace`` empties a used one first)."""
    report = verify_archive(path)
    if not report.ok:
        raise BackupError(
            "the archive is damaged: nothing restored",
            details=[Detail(("archive",), p) for p in report.problems],
        )
    with zipfile.ZipFile(path) as zf:
        manifest = read_manifest(zf)
        here = applied_migrations(using)
        if here != manifest["migrations"]:
            missing = {tuple(m) for m in manifest["migrations"]} - {tuple(m) for m in here}
            extra = {tuple(m) for m in here} - {tuple(m) for m in manifest["migrations"]}
            raise BackupError(
                "this database is not at the backup's migrations: "
                f"{len(missing)} missing here, {len(extra)} not in the backup. Restore with the same LocalAction "
                "version, into a database made with `localaction db upgrade`",
                details=[Detail(("migrations",), ".".join(m)) for m in sorted(missing | extra)[:20]],
            )
        present = _rows_present(using)
        if present and not replace:
            raise BackupError(
                "this database is not empty: restore into a fresh one (or pass --replace to empty it first)",
                details=[Detail(("table",), p) for p in present[:20]],
            )
        for name in manifest["media"]:
            target = _safe_media_path(media_root, name)
            if (
                target.exists()
                and not replace
                and _sha(target.read_bytes()) != manifest["media"][name]["sha256"]
            ):
                raise BackupError(f"{target} exists with other content: move it away or pass --replace")
        connection = connections[using]
        with transaction.atomic(using=using):
            if connection.vendor == "postgresql":
                # Deferred foreign-key checks still pending in this transaction would make TRUNCATE fail.
                with connection.cursor() as cursor:
                    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            call_command("flush", database=using, interactive=False, verbosity=0, inhibit_post_migrate=True)
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:  # back to Django's deferred checks for the load
                    cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            with connection.constraint_checks_disabled():
                loaded = [obj for obj in _objects(zf, manifest, using)]
                for obj in loaded:
                    obj.save(using=using)
            connection.check_constraints(table_names=[m._meta.db_table for m in table_models()])
            sql = connection.ops.sequence_reset_sql(no_style(), table_models())
            if sql:
                with connection.cursor() as cursor:
                    for statement in sql:
                        cursor.execute(statement)
            _rebuild_derived(using)
            now = digests(using)
            wrong = [
                f"{table}: {now.get(table, {}).get('rows')} rows after restore, {meta['rows']} in the backup"
                if now.get(table, {}).get("rows") != meta["rows"]
                else f"{table}: the rows differ from the backup"
                for table, meta in manifest["tables"].items()
                if now.get(table, {}).get("sha256") != meta["sha256"]
            ]
            if wrong:
                raise BackupError(
                    "the restored rows do not match the backup: nothing restored",
                    details=[Detail(("table",), w) for w in wrong],
                )
        from django.contrib.contenttypes.models import ContentType

        ContentType.objects.clear_cache()  # the ids came from the backup
        publiccache.bump()  # rows loaded raw (no signals)
        for name in manifest["media"]:
            target = _safe_media_path(media_root, name)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(zf.read(f"media/{name}"))
    report.rows = sum(t["rows"] for t in manifest["tables"].values())
    return report


def summary(report: Report) -> str:
    buf = io.StringIO()
    buf.write(f"{report.tables} tables, {report.rows} rows, {report.files} files")
    if report.missing_files:
        buf.write(f"; {len(report.missing_files)} referenced file(s) missing from the media folder")
    return buf.getvalue()
