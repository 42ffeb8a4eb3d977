"""Column headers as publishers write them, matched by meaning.

Open-data headers drift: case, no-break and zero-width spaces, trailing spaces, renamed columns. A header
is normalised (NFKC, zero-width characters deleted, no-break spaces made spaces, spaces squeezed, case
folded) and then looked up among the spellings each meaning is known by. Every column the reader did not
use is listed (the raw header, so the operator sees what was left out).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from localaction.core.errors import Detail, InputError

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
_SPACES = re.compile(r"\s+")


def normalise(title: str) -> str:
    """``'\\u200bLand area (in square km)'`` → ``'land area (in square km)'``."""
    text = unicodedata.normalize("NFKC", title).translate(_ZERO_WIDTH)
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    return _SPACES.sub(" ", text).strip().casefold()


@dataclass
class Columns:
    """Where each meaning sits in a header, and the raw headers nothing used."""

    index: dict[str, int]
    unused: list[str] = field(default_factory=list)
    header: list[str] = field(default_factory=list)

    def title(self, meaning: str) -> str:
        """The column's header as the file writes it (tidied), for messages; the meaning if absent."""
        i = self.index.get(meaning)
        return meaning if i is None else self._tidy(self.header[i])

    @staticmethod
    def _tidy(title: str) -> str:
        return _SPACES.sub(" ", title.translate(_ZERO_WIDTH).replace("\u00a0", " ")).strip()

    def has(self, meaning: str) -> bool:
        return meaning in self.index

    def get(self, cells: Sequence[str], meaning: str) -> str:
        i = self.index.get(meaning)
        return cells[i].strip() if i is not None and i < len(cells) else ""


def match(
    file: str,
    header_row: int,
    header: Sequence[str],
    spellings: Mapping[str, Iterable[str]],
    required: Iterable[str] = (),
    *,
    extra: Iterable[int] = (),
) -> Columns:
    """Map each meaning to its column; ``extra`` indexes are used by the caller in another way (year
    columns) and are not listed as unused. Raises InputError naming the file when a required meaning is
    missing or a meaning appears twice."""
    wanted = {normalise(s): meaning for meaning, names in spellings.items() for s in (meaning, *names)}
    index: dict[str, int] = {}
    problems: list[Detail] = []
    taken = set(extra)
    for i, title in enumerate(header):
        meaning = wanted.get(normalise(title))
        if meaning is None:
            continue
        if meaning in index:
            problems.append(
                Detail(
                    (file, f"row {header_row}", title),
                    f"two columns mean {meaning!r} ({header[index[meaning]]!r} and {title!r}); keep one",
                )
            )
            continue
        index[meaning] = i
        taken.add(i)
    for meaning in required:
        if meaning not in index:
            known = ", ".join(repr(s) for s in list(spellings[meaning])[:3])
            problems.append(
                Detail(
                    (file, f"row {header_row}", meaning),
                    f"no column for {meaning!r} (expected a header such as {known})",
                )
            )
    if problems:
        raise InputError(
            f"{file}: the header does not have the columns this kind of file needs",
            code="invalid_header",
            details=problems,
        )
    unused = [h for i, h in enumerate(header) if i not in taken and h.strip()]
    return Columns(index=index, unused=unused, header=list(header))


def find_header(
    file: str, grid: Sequence[tuple[int, list[str]]], needles: Iterable[str], *, within: int = 40
) -> int:
    """The position in ``grid`` of the first row (among the first ``within``) holding every needle as a
    cell (normalised); publishers put titles and notes above the header."""
    wanted = {normalise(n) for n in needles}
    for pos, (_number, cells) in enumerate(grid[:within]):
        if wanted <= {normalise(c) for c in cells}:
            return pos
    raise InputError(
        f"{file}: no header row with the columns {', '.join(sorted(wanted))} in its first {within} rows",
        code="invalid_header",
        details=[Detail((file,), "is this the right kind of file? see docs/datasets.md")],
    )
