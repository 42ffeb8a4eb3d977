"""The frameworks shipped in ``frameworks/data`` and their worked examples in ``data/examples``.

Adding a framework is adding a file there: nothing here names one.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from localaction.core.errors import InputError, NotFound
from localaction.core.frameworks.loader import load_framework, read_yaml
from localaction.core.frameworks.model import Framework

DATA_DIR = Path(__file__).resolve().parent / "data"
EXAMPLES_DIR = DATA_DIR / "examples"


def framework_files() -> list[Path]:
    return sorted(p for p in DATA_DIR.iterdir() if p.suffix in {".yaml", ".yml", ".json"})


@cache
def shipped_frameworks() -> tuple[Framework, ...]:
    """Every shipped framework, loaded and checked (a bad file fails loudly, naming its line)."""
    found = [load_framework(p) for p in framework_files()]
    keys = [fw.key for fw in found]
    twice = sorted({k for k in keys if keys.count(k) > 1})
    if twice:
        raise InputError(f"framework shipped twice: {', '.join(twice)}", code="invalid_framework")
    return tuple(found)


def _edition_order(fw: Framework) -> tuple[int, str]:
    return (fw.source.year or 0, fw.edition)


def get_framework(framework_id: str, edition: str | None = None) -> Framework:
    """A shipped framework by id; without ``edition``, its newest edition (by the source's year)."""
    matches = [fw for fw in shipped_frameworks() if fw.id == framework_id]
    if edition is not None:
        matches = [fw for fw in matches if fw.edition == str(edition)]
    if not matches:
        known = ", ".join(sorted({fw.key for fw in shipped_frameworks()}))
        raise NotFound(
            f"no framework {framework_id!r}{f' edition {edition}' if edition else ''}; known: {known}"
        )
    return max(matches, key=_edition_order)


def example_files() -> list[Path]:
    return sorted(p for p in EXAMPLES_DIR.iterdir() if p.suffix in {".yaml", ".yml", ".json"})


def load_answers(path: str | Path) -> dict[str, Any]:
    """An answers document from a YAML or JSON file (JSON is YAML), as a plain dict."""
    p = Path(path)
    try:
        text = p.read_text("utf-8")
    except OSError as exc:
        raise InputError(f"cannot read {p}: {exc.strerror}", code="not_readable") from None
    data, _ = read_yaml(text, p.name)
    if not isinstance(data, dict):
        raise InputError(f"{p.name}: an answers file is a mapping (framework, edition, answers …)")
    return data


def example_reports() -> list[dict[str, Any]]:
    """Every shipped worked example (``data/examples``), as answers documents, sorted by file name."""
    return [load_answers(p) for p in example_files()]


def example_report(framework_id: str, edition: str | None = None) -> dict[str, Any]:
    """The first worked example for a shipped framework (what the demo data loads)."""
    fw = get_framework(framework_id, edition)
    for doc in example_reports():
        if doc.get("framework") == fw.id and str(doc.get("edition", fw.edition)) == fw.edition:
            return doc
    raise NotFound(f"no worked example for {fw.key}")
