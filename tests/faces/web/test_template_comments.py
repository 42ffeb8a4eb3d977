"""Django's ``{# … #}`` comment ends at the line's end: spread over lines, it is printed on the page."""

from __future__ import annotations

from pathlib import Path

import localaction


def test_no_template_comment_spans_lines() -> None:
    root = Path(localaction.__file__).parent
    found = [
        f"{path.relative_to(root)}:{n}"
        for path in root.rglob("*.html")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if line.count("{#") > line.count("#}")
    ]
    assert found == [], "use {% comment %} … {% endcomment %} for a comment over several lines: " + ", ".join(
        found
    )
