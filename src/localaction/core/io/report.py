"""The import report: every number a file brings in is stored or listed as not used, with the reason.

A *figure* is a cell that holds one number, plain or dressed (``1,234.5``, ``$763,955,224,976``, ``12 kWh``,
``12 %``; see ``numbers.looks_like_number``). Readers count each figure once: ``stored(field)`` when it lands
in what the import keeps, ``not_used(loc, text, reason)`` otherwise; figures in columns the reader does not
recognise are counted per column (``unrecognised``). ``figures_found == figures_stored + figures_not_used``
always holds for a finished report (``balanced``); the tests check it on every real file.

The same object travels to the CLI (a table, or JSON with ``--format json``), the web preview and the API
(``as_dict``). ``counts`` says what the import did (inventories created, jurisdictions matched …).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from localaction.core.errors import Detail

MAX_LISTED = 2000  # cells listed one by one per reason; the counts stay exact beyond it


@dataclass
class UnrecognisedColumn:
    title: str
    values: int = 0  # non-blank cells
    figures: int = 0  # of which numbers
    file: str = ""

    def as_dict(self) -> dict[str, object]:
        return {"column": self.title, "values": self.values, "figures": self.figures, "file": self.file}


@dataclass
class ImportReport:
    """What a read or an import did with every row, column and figure of its files."""

    files: list[str] = field(default_factory=list)
    rows: int = 0  # data rows read
    figures_found: int = 0
    figures_stored: int = 0
    stored_by_field: dict[str, int] = field(default_factory=dict)
    not_used: dict[str, int] = field(default_factory=dict)  # reason → figures
    not_used_cells: list[Detail] = field(default_factory=list)
    unrecognised: list[UnrecognisedColumn] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)  # field → the column it was read from
    warnings: list[Detail] = field(default_factory=list)
    notes: list[Detail] = field(default_factory=list)  # e.g. totals derived from their parts, per row
    counts: dict[str, int] = field(default_factory=dict)
    sheet: str = ""
    decimal: str = ""  # the number format used: declared or detected

    # What an import did -------------------------------------------------------------------------------
    def add(self, key: str, n: int = 1) -> None:
        self.counts[key] = self.counts.get(key, 0) + n

    # Figures ------------------------------------------------------------------------------------------
    def found(self, n: int = 1) -> None:
        self.figures_found += n

    def stored(self, name: str, n: int = 1) -> None:
        self.figures_stored += n
        self.stored_by_field[name] = self.stored_by_field.get(name, 0) + n

    def not_used_figure(self, loc: tuple[str | int, ...], text: str, reason: str) -> None:
        self.not_used[reason] = self.not_used.get(reason, 0) + 1
        if self.not_used[reason] <= MAX_LISTED:
            self.not_used_cells.append(Detail(loc, f"{text!r}: {reason}"))

    def drop_field(self, name: str, reason: str) -> None:
        """Figures read into ``name`` that a later stage does not keep (e.g. no such field in the registry)."""
        n = self.stored_by_field.pop(name, 0)
        if n:
            self.figures_stored -= n
            self.not_used[reason] = self.not_used.get(reason, 0) + n

    def unstore(self, name: str, n: int, reason: str) -> None:
        """``n`` figures of ``name`` counted as stored that were not, after all (e.g. an inventory skipped)."""
        n = min(n, self.stored_by_field.get(name, 0))
        if n <= 0:
            return
        self.stored_by_field[name] -= n
        if not self.stored_by_field[name]:
            del self.stored_by_field[name]
        self.figures_stored -= n
        self.not_used[reason] = self.not_used.get(reason, 0) + n

    def unrecognised_column(self, title: str, values: int, figures: int) -> None:
        self.unrecognised.append(
            UnrecognisedColumn(title, values, figures, self.files[0] if self.files else "")
        )
        if figures:
            reason = "column not recognised"
            self.not_used[reason] = self.not_used.get(reason, 0) + figures

    @property
    def figures_not_used(self) -> int:
        return sum(self.not_used.values())

    @property
    def balanced(self) -> bool:
        return self.figures_found == self.figures_stored + self.figures_not_used

    def warn(self, loc: tuple[str | int, ...], msg: str) -> None:
        self.warnings.append(Detail(loc, msg))

    def note(self, loc: tuple[str | int, ...], msg: str) -> None:
        self.notes.append(Detail(loc, msg))

    def merge(self, other: ImportReport) -> None:
        """Add another file's report to this one (an import of several files)."""
        self.files += [f for f in other.files if f not in self.files]
        self.rows += other.rows
        self.figures_found += other.figures_found
        self.figures_stored += other.figures_stored
        for k, v in other.stored_by_field.items():
            self.stored_by_field[k] = self.stored_by_field.get(k, 0) + v
        for k, v in other.not_used.items():
            self.not_used[k] = self.not_used.get(k, 0) + v
        self.not_used_cells += other.not_used_cells
        self.unrecognised += other.unrecognised
        self.warnings += other.warnings
        self.notes += other.notes
        for k, v in other.counts.items():
            self.add(k, v)
        self.decimal = self.decimal or other.decimal
        self.sheet = self.sheet or other.sheet
        for name, title in other.columns.items():
            self.columns.setdefault(name, title)

    # Output -------------------------------------------------------------------------------------------
    def summary_rows(self) -> list[tuple[str, str]]:
        """(what, count) rows for a table: the figures' accounting first, then what the import did."""
        rows = [
            ("files", ", ".join(self.files)),
            ("rows read", str(self.rows)),
            ("figures found", str(self.figures_found)),
            ("figures stored", str(self.figures_stored)),
        ]
        rows += [(f"not used: {reason}", str(n)) for reason, n in sorted(self.not_used.items())]
        rows += [(key, str(n)) for key, n in self.counts.items()]
        rows += [("unrecognised columns", str(len(self.unrecognised))), ("warnings", str(len(self.warnings)))]
        if self.decimal:
            rows.append(("number format", self.decimal))
        if self.sheet:
            rows.append(("sheet", self.sheet))
        return rows

    def as_dict(self) -> dict[str, Any]:
        return {
            "files": list(self.files),
            "sheet": self.sheet,
            "decimal": self.decimal,
            "rows": self.rows,
            "figures": {
                "found": self.figures_found,
                "stored": self.figures_stored,
                "not_used": self.figures_not_used,
                "stored_by_field": dict(self.stored_by_field),
                "not_used_by_reason": dict(self.not_used),
                "balanced": self.balanced,
            },
            "not_used_cells": [d.as_dict() for d in self.not_used_cells],
            "unrecognised_columns": [u.as_dict() for u in self.unrecognised],
            "columns": dict(self.columns),
            "counts": dict(self.counts),
            "warnings": [d.as_dict() for d in self.warnings],
            "notes": [d.as_dict() for d in self.notes],
        }


def details(items: Iterable[Detail]) -> list[dict[str, object]]:
    return [d.as_dict() for d in items]
