"""`localaction factors …`: browse the emission-factor library."""

from __future__ import annotations

import typer

app = typer.Typer(help="Browse the emission-factor library.", no_args_is_help=True)
