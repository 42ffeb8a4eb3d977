"""GPC notation keys as real files write them: ``NO``, `` no``, ``NO; IE``, ``N/O``, ``N.O.``,
``not occurring``, ``IE (II.1.1)``, ``IE - included in I.1.1``, ``IE: see I.2.1``,
``NE: no data on off-road vehicles`` ...

Rules:

* The text starts with one or more keys, written as the code (``NO``, ``N/O``, ``N.O.``, any case) or in words
  (``not occurring``, ``included elsewhere``, ``not estimated``, ``confidential``), separated by ``;``, ``,``,
  ``/``, ``&``, ``+`` or ``and``. Repeated keys count once; order is kept.
* Whatever follows the keys (after ``-``, ``:``, brackets ...) is the explanation. When the keys include IE
  and the explanation names a GPC reference number, that is ``included_in``; an explanation that is only a
  reference (``(II.1.1)``, ``see I.2.1``, ``included in I.1.1``) is dropped, as ``included_in`` says it all.
* Anything else raises InputError ``unknown_notation_key``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from localaction.core.catalog.gpc import normalise_gpc_ref
from localaction.core.errors import InputError
from localaction.core.inventory.model import NotationKey

NOTATION_MEANINGS: dict[NotationKey, str] = {
    NotationKey.NO: "not occurring: the activity does not happen in the city",
    NotationKey.IE: "included elsewhere: the emissions are counted under another reference (say which)",
    NotationKey.NE: "not estimated: the emissions occur but are not estimated (say why)",
    NotationKey.C: "confidential: the value is withheld (it still counts in totals where known)",
}

# Each key as a regex; a key must not run on into a word ("NOx", "Cement").
_KEY_PATTERNS: tuple[tuple[NotationKey, str], ...] = (
    (NotationKey.NO, r"not\s+occurr?ing|n\s*[./]?\s*o\.?"),
    (NotationKey.IE, r"included\s+elsewhere|i\s*[./]?\s*e\.?"),
    (NotationKey.NE, r"not\s+estimated|n\s*[./]?\s*e\.?"),
    (NotationKey.C, r"confidential|c\.?"),
)
_KEY = re.compile(
    "(?:" + "|".join(f"(?P<{key.value}>{pattern})" for key, pattern in _KEY_PATTERNS) + r")(?![a-z0-9])",
    re.IGNORECASE,
)
_LIST_SEPARATOR = re.compile(r"\s*(?:[;,/&+]|\band\b)\s*", re.IGNORECASE)
# After a separator a further key must stand alone ("NO, no data" is NO with the explanation "no data").
_STANDS_ALONE = re.compile(r"\s*(?:$|[;,/&+(\[:\-–—]|\band\b)", re.IGNORECASE)
_REF = re.compile(r"\b(?:VI|IV|V|III|II|I)\.\d{1,2}(?:\.\d{1,2})?\b", re.IGNORECASE)
_ONLY_REF = re.compile(
    r"^[\s(\[]*(?:included\s+in|see|in|under|with)?\s*(?P<ref>(?:VI|IV|V|III|II|I)\.\d{1,2}(?:\.\d{1,2})?)"
    r"[\s)\].]*$",
    re.IGNORECASE,
)
_LEADING_PUNCTUATION = " \t-–—:;,."


@dataclass(frozen=True)
class ParsedNotation:
    keys: tuple[NotationKey, ...]
    included_in: str | None
    explanation: str


def valid_keys_text() -> str:
    return "; ".join(f"{key.value} ({meaning})" for key, meaning in NOTATION_MEANINGS.items())


def _error(raw: str) -> InputError:
    return InputError(
        f"cannot read the notation key {raw!r}; use {valid_keys_text()}. Several keys are separated by ';' "
        "and may be followed by an explanation, e.g. 'IE (II.1.1)' or 'NE: no data on off-road vehicles'",
        code="unknown_notation_key",
    )


def _key_of(match: re.Match[str]) -> NotationKey:
    assert match.lastgroup is not None  # every alternative is a named group
    return NotationKey(match.lastgroup)


def _ref(text: str) -> str:
    try:
        return normalise_gpc_ref(text)
    except InputError:
        return text.upper()  # a reference outside our table is kept as written, not lost


def parse_notation(raw: str) -> ParsedNotation:
    """Read notation keys, where an IE is included, and the explanation; see the module docstring."""
    text = raw.strip()
    match = _KEY.match(text)
    if match is None:
        raise _error(raw)
    keys = [_key_of(match)]
    pos = match.end()
    while True:
        sep = _LIST_SEPARATOR.match(text, pos)
        if sep is None:
            break
        nxt = _KEY.match(text, sep.end())
        if nxt is None or _STANDS_ALONE.match(text, nxt.end()) is None:
            break
        keys.append(_key_of(nxt))
        pos = nxt.end()
    rest = text[pos:].strip(_LEADING_PUNCTUATION)
    if rest.startswith(("(", "[")) and rest.endswith((")", "]")):
        rest = rest[1:-1].strip()
    included_in: str | None = None
    if NotationKey.IE in keys:
        only = _ONLY_REF.match(rest)
        if only is not None:
            included_in, rest = _ref(only.group("ref")), ""
        elif (found := _REF.search(rest)) is not None:
            included_in = _ref(found.group(0))
    return ParsedNotation(keys=tuple(dict.fromkeys(keys)), included_in=included_in, explanation=rest)
