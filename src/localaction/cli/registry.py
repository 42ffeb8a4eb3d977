"""Registry commands (database, server, users, tokens, imports, exports): filled in by the registry work."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the registry's commands to the main app."""
