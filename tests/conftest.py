"""Shared fixtures: the location of ../shared/data (tests that need it skip with a clear reason)."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """``../shared/data`` beside the project; skips the test when it is absent (CI always has it)."""
    if not (SHARED_DATA / "README.md").is_file():
        pytest.skip(f"reference data not found at {SHARED_DATA} (place ../shared/data beside the project)")
    return SHARED_DATA
