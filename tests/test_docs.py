"""The docs are tested against the code: every check code, method and CLI command is documented."""

from __future__ import annotations

from pathlib import Path

import typer.main

from localaction.core.inventory.checks import CHECK_CODES
from localaction.core.inventory.model import Method
from localaction.faces.cli import app

DOCS = Path(__file__).resolve().parents[1] / "docs"
README = Path(__file__).resolve().parents[1] / "README.md"


def test_every_check_code_is_documented() -> None:
    text = (DOCS / "inventory.md").read_text("utf-8")
    for code in CHECK_CODES:
        assert f"`{code}`" in text, code


def test_every_method_is_documented() -> None:
    text = (DOCS / "inventory.md").read_text("utf-8")
    for method in Method:
        assert f"`{method.value}`" in text, method


def test_readme_tour_names_only_real_commands() -> None:
    group = typer.main.get_command(app)
    tour = [
        ln.strip() for ln in README.read_text("utf-8").splitlines() if ln.strip().startswith("localaction ")
    ]
    assert tour
    for line in tour:
        words = line.split()[1:]
        cmd = group
        for word in words:
            sub = getattr(cmd, "commands", {}).get(word)
            if sub is None:
                break
            cmd = sub
        assert cmd is not group, line
        assert not hasattr(cmd, "commands"), f"{line}: names a group, not a command"
