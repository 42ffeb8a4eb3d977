"""Data commands (`localaction import …`, `localaction export …`): filled in by the API/import work."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the import and export commands to the main app."""
