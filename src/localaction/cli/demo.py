"""`localaction demo`: create or upgrade the database and load the demo data (filled in by the web work)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the demo command to the main app."""
