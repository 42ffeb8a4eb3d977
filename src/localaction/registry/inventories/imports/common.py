"""What the bulk imports share: header matching that survives column-name drift, tolerant number reading,
country names to ISO codes, the summary, and recording imported rows in the audit log."""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from localaction.core.errors import Detail
from localaction.core.inventory.tables import parse_number
from localaction.registry.base import audit
from localaction.registry.base.models import AuditEntry

Progress = Callable[[int], None]  # advance by n rows

# Cells meaning "no value" in real open data (compared after normalising case and spaces).
NULL_TOKENS = frozenset(
    {
        "",
        "-",
        "--",
        "n/a",
        "na",
        "n.a.",
        "none",
        "null",
        "nan",
        "question not applicable",
        "not applicable",
        "do not know",
        "don't know",
        "unknown",
        "not available",
        "not reported",
        "not known",
        "#n/a",
    }
)
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)


def clean(text: str) -> str:
    """A cell without zero-width characters and with plain spaces."""
    return " ".join(text.translate(_INVISIBLE).replace("\u00a0", " ").split())


def header_key(title: str) -> str:
    """Case-, space- and punctuation-insensitive; the parenthesised unit is dropped too (it drifts)."""
    t = clean(title).lower()
    t = re.sub(r"\([^)]*\)", " ", t)
    return " ".join(re.sub(r"[^0-9a-z+]+", " ", t).split())


def match_columns(header: Sequence[str], aliases: Mapping[str, Sequence[str]]) -> dict[str, int]:
    """Field name → column index, by the field's name or any alias (first column wins)."""
    wanted = {header_key(a): name for name, names in aliases.items() for a in (name, *names)}
    found: dict[str, int] = {}
    for index, title in enumerate(header):
        name = wanted.get(header_key(title))
        if name is not None and name not in found:
            found[name] = index
    return found


def number(text: str) -> float | None:
    """``1,234,567.8``, ``1 234``, blanks and "Question not applicable" (None); ValueError otherwise."""
    t = clean(text)
    if t.lower().rstrip(".") in NULL_TOKENS or t.lower() in NULL_TOKENS:
        return None
    return parse_number(t)


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


def ascii_name(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().strip()
    return folded or text


@cache
def _countries() -> dict[str, str]:
    out: dict[str, str] = {}
    with (
        resources.files("localaction.registry.inventories.imports")
        .joinpath("countries.csv")
        .open(encoding="utf-8") as f
    ):
        rows = csv.reader(line for line in f if not line.startswith("#"))
        next(rows)
        for code, name in rows:
            out.setdefault(_country_key(name), code)
            out.setdefault(code.lower(), code)
    return out


def _country_key(name: str) -> str:
    t = fold(clean(name))
    t = re.sub(r"^the\s+", "", t)
    return " ".join(re.sub(r"[^0-9a-z]+", " ", t).split())


def country_code(name: str) -> str | None:
    """ISO 3166-1 alpha-2 for a country as open data writes it (``Viet Nam``, ``USA``, ``Taiwan, Greater
    China``, ``Bolivia (Plurinational State of)``), or None."""
    table = _countries()
    for candidate in (name, re.sub(r"\(.*?\)", "", name), name.split(",")[0]):
        code = table.get(_country_key(candidate))
        if code:
            return code
    return None


@dataclass
class ImportSummary:
    """What an import did (the CLI prints it as a table)."""

    files: list[str] = field(default_factory=list)
    rows: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[Detail] = field(default_factory=list)

    def add(self, key: str, n: int = 1) -> None:
        self.counts[key] = self.counts.get(key, 0) + n


def record_created(
    objs: Iterable[models.Model], comment: str, *, exclude: frozenset[str] = frozenset()
) -> None:
    """One audit entry per imported row (action ``import``, actor: the system), in one insert."""
    entries = []
    for obj in objs:
        ct = ContentType.objects.get_for_model(obj, for_concrete_model=True)
        entries.append(
            AuditEntry(
                actor=None,
                action="import",
                content_type=ct,
                object_id=str(obj.pk),
                object_repr=str(obj)[:300],
                jurisdiction_id=getattr(obj, "jurisdiction_id", None)
                or (obj.pk if obj._meta.model_name == "jurisdiction" else None),
                before=None,
                after=audit.snapshot(obj, exclude=exclude),
                comment=comment,
            )
        )
    AuditEntry.objects.bulk_create(entries, batch_size=500)


def cell(cells: Sequence[str], columns: Mapping[str, int], name: str) -> str:
    i = columns.get(name)
    return clean(cells[i]) if i is not None and i < len(cells) else ""


def any_value(values: Iterable[Any]) -> bool:
    return any(v is not None for v in values)
