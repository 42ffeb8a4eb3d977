"""Django's ``flush`` (empty every table), aware of the audit log's append-only triggers.

SQLite empties a table with ``DELETE``, which the triggers refuse: the triggers are dropped for the flush and
put back by the ``post_migrate`` that flush sends (or right after, when it is inhibited). PostgreSQL empties
with ``TRUNCATE``, which row triggers do not see. Used by the test runner between transactional tests and by
``localaction restore``; the product never deletes audit rows otherwise.
"""

from __future__ import annotations

from typing import Any

from django.core.management.commands import flush
from django.db import DEFAULT_DB_ALIAS, connections

from localaction.registry.base import audit


class Command(flush.Command):
    def handle(self, **options: Any) -> None:
        connection = connections[options.get("database") or DEFAULT_DB_ALIAS]
        if connection.vendor != "sqlite":
            super().handle(**options)
            return
        audit.drop_triggers(connection)
        try:
            super().handle(**options)
        finally:
            audit.install_triggers(connection)
