"""The CLI's consoles: what a user wrote (a unit cell ``[/x]``, a city called ``[red]``) is printed as
written, never read as Rich markup; styles are given explicitly with ``styled``."""

from __future__ import annotations

import sys
from typing import Any

import typer
from django.core.exceptions import ImproperlyConfigured
from rich.console import Console
from rich.text import Text
from typer.core import TyperGroup

from localaction.core.errors import LocalActionError


def console(*, stderr: bool = False) -> Console:
    """A console that reads no markup and highlights nothing; wide when writing to a file or a pipe."""
    made = Console(stderr=stderr, markup=False, highlight=False)
    if not made.is_terminal:
        made = Console(stderr=stderr, markup=False, highlight=False, width=200)
    return made


def styled(label: str, style: str, rest: str) -> Text:
    """``label`` in ``style``, then ``rest`` as plain text (``styled("error", "bold red", ": …")``)."""
    return Text.assemble((label, style), rest)


class Commands(TyperGroup):
    """Every command group of the CLI: a domain error (bad input, a refused action) ends the command with its
    message and every detail (file, row, field) on stderr and exit status 2; never a traceback. The one error
    exit: commands raise, this prints."""

    def invoke(self, ctx: Any) -> Any:  # a click Context (typer bundles its own click)
        try:
            return super().invoke(ctx)
        except LocalActionError as exc:
            fail(str(exc))
        except ImproperlyConfigured as exc:
            fail(f"configuration: {exc}")


def fail(message: str) -> None:
    console(stderr=True).print(styled("error", "bold red", f": {message}"))
    sys.exit(2)


def new_app(**kwargs: Any) -> typer.Typer:
    """A command group of ``localaction`` (errors handled by ``Commands``)."""
    kwargs.setdefault("no_args_is_help", True)
    return typer.Typer(cls=Commands, **kwargs)
