"""The one clock: every use-case, check and rule that needs "today" or "now" asks here.

``pin(day)`` fixes the date for demos and tests; the site settings pin it from ``LOCALACTION_TODAY``
(``YYYY-MM-DD``), the CLI does the same before it runs a command. A pinned clock keeps the time of day
running, so events of one run still follow each other in order.
"""

from __future__ import annotations

import datetime as dt

_pinned: dt.date | None = None


def pin(day: dt.date | None) -> None:
    """Fix today's date (``None`` lets the wall clock decide again)."""
    global _pinned
    _pinned = day


def pinned() -> dt.date | None:
    return _pinned


def parse_day(text: str | None) -> dt.date | None:
    """``YYYY-MM-DD`` → a date; blank → None; anything else is a ValueError that names the expected form."""
    if text is None or not text.strip():
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"LOCALACTION_TODAY must be a date written YYYY-MM-DD, got {text!r}") from None


def now() -> dt.datetime:
    """The current moment, timezone-aware (UTC)."""
    wall = dt.datetime.now(dt.UTC)
    if _pinned is None:
        return wall
    return dt.datetime.combine(_pinned, wall.timetz())


def today() -> dt.date:
    """Today's date (UTC)."""
    return _pinned if _pinned is not None else now().date()
