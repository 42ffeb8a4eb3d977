"""Column headers as real files write them, matched by meaning.

``normalise_header`` folds what drifts between files and years: Unicode forms (NFKC: ``CO₂`` is ``co2``), case,
zero-width characters (deleted), non-breaking and other spaces, tabs, underscores and punctuation (all one
space); ``+`` is kept (``BASIC+`` is not ``BASIC``). ``ColumnSpec`` says what a column means: exact synonyms,
then rules of words that must (``all_of``: one phrase of each group) and must not (``none_of``) occur, for the
spellings nobody has seen yet. ``match_columns`` returns the columns found, how each was found, and every
column it did not recognise (never dropped in silence: imports list them in their report).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_PUNCTUATION = re.compile(r"[^\w+]+|_")
_UNITS = re.compile(r"\([^)]*\)|\[[^\]]*\]")


def normalise_header(title: str) -> str:
    """``'\\u200bLand area (in square km)'`` → ``'land area in square km'``; ``'BASIC+S3'`` → ``'basic+ s3'``."""
    t = unicodedata.normalize("NFKC", str(title)).translate(_ZERO_WIDTH).casefold()
    t = _PUNCTUATION.sub(" ", t)
    t = re.sub(r"\s*\+\s*", "+ ", t)  # "basic + s3", "basic+s3" and "basic+ s3" are one spelling
    return " ".join(t.split())


def without_units(title: str) -> str:
    """The normalised header without what is in brackets (units drift: ``(metric tonnes CO2e)``, ``(tCO2e)``)."""
    return normalise_header(_UNITS.sub(" ", unicodedata.normalize("NFKC", str(title))))


def _has(key: str, phrase: str) -> bool:
    return f" {phrase} " in f" {key} "


@dataclass(frozen=True)
class ColumnSpec:
    """What one column means: its synonyms and, for unseen spellings, the words that say it."""

    name: str
    synonyms: tuple[str, ...] = ()
    all_of: tuple[tuple[str, ...], ...] = ()  # each group: at least one of its phrases occurs
    none_of: tuple[str, ...] = ()  # none of these phrases occurs
    figures: bool = False  # the column holds numbers the import accounts for
    note: str = ""

    def spellings(self) -> set[str]:
        return {normalise_header(s) for s in (self.name, *self.synonyms)} | {
            without_units(s) for s in self.synonyms
        }

    def means(self, title: str) -> bool:
        if not self.all_of:
            return False
        key = normalise_header(title)  # brackets kept: "(excluding generation …)" is meaning, not a unit
        words = [tuple(normalise_header(p) for p in group) for group in self.all_of]
        return all(any(_has(key, p) for p in group) for group in words) and not any(
            _has(key, normalise_header(p)) for p in self.none_of
        )

    @classmethod
    def from_data(cls, name: str, data: Mapping[str, Any]) -> ColumnSpec:
        """From a mapping as kept in YAML: ``synonyms``, ``all_of`` (list of lists), ``none_of``, ``figures``."""
        return cls(
            name=name,
            synonyms=tuple(str(s) for s in data.get("synonyms", ())),
            all_of=tuple(tuple(str(p) for p in group) for group in data.get("all_of", ())),
            none_of=tuple(str(p) for p in data.get("none_of", ())),
            figures=bool(data.get("figures", False)),
            note=str(data.get("note", "")),
        )


def specs(aliases: Mapping[str, Sequence[str]]) -> list[ColumnSpec]:
    """Specs from a plain ``{name: (synonym, …)}`` mapping."""
    return [ColumnSpec(name, tuple(names)) for name, names in aliases.items()]


@dataclass
class ColumnMatch:
    """Which column holds which field, how it was found, and what was left over."""

    header: list[str]
    found: dict[str, int] = field(default_factory=dict)
    by_meaning: dict[str, int] = field(default_factory=dict)  # found through rules, not a known spelling
    duplicates: list[tuple[int, str]] = field(default_factory=list)  # (index, field) seen a second time
    unrecognised: list[int] = field(default_factory=list)
    ambiguous: dict[int, list[str]] = field(default_factory=dict)  # index → fields whose rules all fit

    def title(self, name: str) -> str:
        return self.header[self.found[name]]


def match_columns(header: Sequence[str], wanted: Iterable[ColumnSpec]) -> ColumnMatch:
    """Map fields to column indexes: exact synonyms first (first column wins), then rules of meaning."""
    spec_list = list(wanted)
    by_key: dict[str, str] = {}
    for spec in spec_list:
        for key in spec.spellings():
            by_key.setdefault(key, spec.name)
    out = ColumnMatch(header=list(header))
    pending: list[int] = []
    for index, title in enumerate(header):
        if not str(title).strip():
            pending.append(index)
            continue
        name = by_key.get(normalise_header(title)) or by_key.get(without_units(title))
        if name is None:
            pending.append(index)
        elif name in out.found:
            out.duplicates.append((index, name))
        else:
            out.found[name] = index
    for index in pending:
        title = header[index]
        fits = [
            s.name for s in spec_list if str(title).strip() and s.name not in out.found and s.means(title)
        ]
        if len(fits) == 1:
            out.found[fits[0]] = index
            out.by_meaning[fits[0]] = index
        else:
            if len(fits) > 1:
                out.ambiguous[index] = fits
            out.unrecognised.append(index)
    return out
