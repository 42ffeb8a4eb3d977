"""What the bulk imports share: header matching that survives column-name drift, number reading (both through
``localaction.core.io``), country names to ISO codes, the report, and recording imported rows in the audit log."""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache
from importlib import resources
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from localaction.core.inventory.readers.cdp import NULL_TOKENS, clean
from localaction.core.io.headers import without_units
from localaction.core.io.numbers import DecimalMark, parse_number
from localaction.core.io.report import ImportReport
from localaction.registry.base import audit, publiccache
from localaction.registry.base.models import AuditEntry

Progress = Callable[[int], None]  # advance by n rows

__all__ = ["NULL_TOKENS", "ImportSummary", "clean", "header_key", "match_columns", "number"]


def header_key(title: str) -> str:
    """Case-, space- and punctuation-insensitive; the unit in brackets is dropped too (it drifts)."""
    return without_units(title)


def match_columns(header: Sequence[str], aliases: Mapping[str, Sequence[str]]) -> dict[str, int]:
    """Field name → column index, by the field's name or any alias (first column wins)."""
    wanted = {header_key(a): name for name, names in aliases.items() for a in (name, *names)}
    found: dict[str, int] = {}
    for index, title in enumerate(header):
        name = wanted.get(header_key(title))
        if name is not None and name not in found:
            found[name] = index
    return found


def number(text: str, decimal: DecimalMark | None = "point") -> float | None:
    """``1,234,567.8``, ``1 234``, blanks and "Question not applicable" (None); ValueError otherwise."""
    t = clean(text)
    if t.lower().rstrip(".") in NULL_TOKENS or t.lower() in NULL_TOKENS:
        return None
    return parse_number(t, decimal)


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


# What an import did: the one report of core.io (rows, figures stored and not used, columns, warnings).
ImportSummary = ImportReport


def record_created(
    objs: Iterable[models.Model], comment: str, *, exclude: frozenset[str] = frozenset()
) -> None:
    """One audit entry per imported row (action ``import``, actor: the system), in one insert. The rows
    came in bulk (no signals): the public cache's answers are out of date."""
    publiccache.bump()
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
