"""Reading helpers shared by the dataset readers: the file as a grid of text cells (CSV or XLSX, through
``core.inventory.tables``), numbers by the one parser, and problems collected so that a bad file reports
every bad cell at once (file, row, field) and yields nothing."""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterator
from pathlib import Path

from localaction.core.errors import Detail, InputError
from localaction.core.inventory.tables import parse_number, read_table

Grid = list[tuple[int, list[str]]]  # (row number in the file, cells)

# Cells that mean "no figure" in published files (never zero).
_EMPTY = frozenset({"", "-", "n/a", "na", "n-a", "null", "nan", "not applicable", "question not applicable"})


def grid(path: Path) -> Grid:
    """Every non-blank row, the first one included (readers find their own header)."""
    table = read_table(path)
    return [(table.header_row, table.header), *table.rows]


def stream(path: Path) -> Iterator[tuple[int, list[str]]]:
    """The non-blank rows of a CSV one at a time (national time series run to hundreds of MB; reading
    them whole would hold every cell in memory); other files through ``grid``."""
    if path.suffix.lower() != ".csv" or not path.is_file():
        yield from grid(path)
        return
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            sample = fh.readline()
            delimiter = max((",", ";", "\t"), key=sample.count)
            fh.seek(0)
            for number, cells in enumerate(csv.reader(fh, delimiter=delimiter), start=1):
                if any(c.strip() for c in cells):
                    yield number, cells
    except UnicodeDecodeError:
        yield from grid(path)  # the table reader says what to do about the encoding
    except csv.Error as exc:
        raise InputError(f"{path.name} cannot be read as CSV: {exc}", code="invalid_file") from exc


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class Problems:
    """Problems found while reading one file; ``raise_if_any`` raises them all at once."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.details: list[Detail] = []

    def add(self, row: int, field: str, msg: str) -> None:
        self.details.append(Detail((self.file, f"row {row}", field), msg))

    def number(self, row: int, field: str, text: str) -> float | None:
        """A number, or None for a blank / "not applicable" cell; a problem for anything else."""
        if text.strip().casefold() in _EMPTY:
            return None
        try:
            return parse_number(text)
        except ValueError as exc:
            self.add(row, field, f"{exc}; write a plain number or leave the cell empty")
            return None

    def raise_if_any(self, what: str) -> None:
        if self.details:
            n = len(self.details)
            raise InputError(
                f"{self.file}: {n} value(s) cannot be read as {what}; nothing was loaded. "
                "Correct the cells listed (or re-download the file) and load it again",
                code="invalid_dataset",
                details=self.details,
            )
