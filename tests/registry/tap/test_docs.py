"""docs/tap.md and docs/gateway.md move with the code: criteria, stages and API routes are all named."""

from __future__ import annotations

from pathlib import Path

from localaction.core.tap import rules as tap_rules
from tests.registry.tap.test_api import MATRIX

DOCS = Path(__file__).resolve().parents[3] / "docs"


def test_criteria_stages_and_routes_are_documented() -> None:
    tap = (DOCS / "tap.md").read_text("utf-8").lower()
    gateway = (DOCS / "gateway.md").read_text("utf-8")
    for c in tap_rules.config().criteria:
        assert f"{c.label.lower()} {c.weight:.2f}" in tap, c.key
    for status in tap_rules.STATUSES:
        assert status in tap, status
    for action in tap_rules.STEPS:
        assert action in tap, action
    for _method, path in MATRIX:
        short = path.removeprefix("/api/v1/tap").removeprefix("/api/v1")
        assert short.split("{")[0] in (tap + gateway.lower()), path
