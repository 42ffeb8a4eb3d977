"""The full-text index: an FTS5 table on SQLite, an expression GIN index on PostgreSQL (see gateway.search)."""

from __future__ import annotations

from typing import Any

from django.db import migrations

from localaction.registry.gateway import search


def forward(apps: Any, schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(search.FORWARD_SQLITE)
    elif vendor == "postgresql":
        schema_editor.execute(search.FORWARD_PG)


def backward(apps: Any, schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS gateway_solution_fts")
    elif vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS gateway_solution_fts_idx")


class Migration(migrations.Migration):
    dependencies = [("gateway", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
