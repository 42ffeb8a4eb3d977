"""`localaction inventory …`: compute, total and check GPC inventories from files."""

from __future__ import annotations

import typer

app = typer.Typer(help="Compute, total and check GPC inventories from files.", no_args_is_help=True)
