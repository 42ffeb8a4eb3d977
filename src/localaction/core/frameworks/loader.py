"""Load a framework file (YAML or JSON): every problem at once, each naming its line.

``yaml.compose`` keeps each node's start mark; we build a map from the path of every value
(``("sections", 0, "indicators", 3, "bands")``) to its line, then report pydantic's and the consistency
checks' problems as ``file.yaml, line 42, sections[0].indicators[3].bands: ...``.
"""

from __future__ import annotations

from pathlib import Path as FsPath
from typing import Any

import yaml
from pydantic import ValidationError

from localaction.core.errors import Detail, InputError
from localaction.core.frameworks.checks import Path, check_framework
from localaction.core.frameworks.model import Framework

LineMap = dict[Path, int]


def format_path(path: Path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top)"


def line_of(lines: LineMap, path: Path) -> int:
    """The line of ``path``, or of its nearest parent that has one (a missing key: its mapping)."""
    for cut in range(len(path), -1, -1):
        if path[:cut] in lines:
            return lines[path[:cut]]
    return 1


def read_yaml(text: str, name: str) -> tuple[Any, LineMap]:
    """Parse YAML, returning the data and the line of every value; raises InputError with the line."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.load(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        msg = f"{exc.context or ''} {exc.problem or ''}".strip() or "not valid YAML"
        raise InputError(
            f"{name} is not valid YAML",
            code="invalid_framework",
            details=[Detail((name, f"line {line}"), msg)],
        ) from None
    except yaml.YAMLError as exc:
        raise InputError(f"{name} is not valid YAML: {exc}", code="invalid_framework") from None
    lines: LineMap = {}
    duplicates: list[Detail] = []
    if node is not None:
        _walk(node, (), lines, duplicates, name)
    if duplicates:
        raise InputError(f"{name} has duplicate keys", code="invalid_framework", details=duplicates)
    return data, lines


def _walk(node: yaml.Node, path: Path, lines: LineMap, dups: list[Detail], name: str) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                where = format_path((*path, key))
                dups.append(Detail((name, f"line {key_node.start_mark.line + 1}", where), "key given twice"))
            seen.add(key)
            lines[(*path, key)] = key_node.start_mark.line + 1
            _walk(value_node, (*path, key), lines, dups, name)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, (*path, i), lines, dups, name)


def parse_framework(text: str, name: str = "<framework>") -> Framework:
    """A :class:`Framework` from YAML (or JSON) text; raises InputError listing every problem with its line."""
    data, lines = read_yaml(text, name)
    if not isinstance(data, dict):
        raise InputError(
            f"{name}: a framework file is a mapping (id, name, edition, source, sections …)",
            code="invalid_framework",
            details=[Detail((name, "line 1"), "expected a mapping at the top")],
        )
    problems: list[tuple[Path, str]] = []
    fw: Framework | None = None
    try:
        fw = Framework.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            problems.append((tuple(err["loc"]), _pydantic_msg(err)))
    if fw is not None:
        problems += check_framework(fw)
    if problems:
        details = [Detail((name, f"line {line_of(lines, p)}", format_path(p)), msg) for p, msg in problems]
        details.sort(key=lambda d: int(str(d.loc[1]).removeprefix("line ")))
        raise InputError(
            f"{name}: {len(details)} problem(s) in the framework file",
            code="invalid_framework",
            details=details,
        )
    assert fw is not None
    return fw


def _pydantic_msg(err: Any) -> str:
    msg = str(err["msg"])
    if err["type"] == "extra_forbidden":
        return "unknown field (a typo? see docs/frameworks.md for the fields)"
    if err["type"] == "missing":
        return "required field missing"
    return msg


def load_framework(path: str | FsPath) -> Framework:
    """Load and check one framework file; raises InputError naming the file, line and field of each problem."""
    p = FsPath(path)
    try:
        text = p.read_text("utf-8")
    except OSError as exc:
        raise InputError(f"cannot read {p}: {exc.strerror}", code="not_readable") from None
    except UnicodeDecodeError:
        raise InputError(f"{p} is not UTF-8 text", code="invalid_framework") from None
    return parse_framework(text, p.name)
