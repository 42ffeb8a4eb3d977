from __future__ import annotations

import pytest

from localaction.core.errors import InputError
from localaction.core.inventory.model import NotationKey
from localaction.core.inventory.notation import NOTATION_MEANINGS, parse_notation

NO, IE, NE, C = NotationKey.NO, NotationKey.IE, NotationKey.NE, NotationKey.C


@pytest.mark.parametrize(
    ("raw", "keys", "included_in", "explanation"),
    [
        ("NO", (NO,), None, ""),
        ("NO ", (NO,), None, ""),
        (" no", (NO,), None, ""),
        ("NO; IE", (NO, IE), None, ""),
        ("NO/IE", (NO, IE), None, ""),
        ("NO, NE", (NO, NE), None, ""),
        ("NO and IE", (NO, IE), None, ""),
        ("NO; NO", (NO,), None, ""),
        ("IE (II.1.1)", (IE,), "II.1.1", ""),
        ("IE (I.1.1)", (IE,), "I.1.1", ""),
        ("IE - included in I.1.1", (IE,), "I.1.1", ""),
        ("IE: see I.2.1", (IE,), "I.2.1", ""),
        ("IE (ii.1.1)", (IE,), "II.1.1", ""),
        ("N/O", (NO,), None, ""),
        ("N.O.", (NO,), None, ""),
        ("n.e.", (NE,), None, ""),
        ("not occurring", (NO,), None, ""),
        ("Not estimated", (NE,), None, ""),
        ("included elsewhere", (IE,), None, ""),
        ("confidential", (C,), None, ""),
        ("C", (C,), None, ""),
        ("NE: no data on off-road vehicles", (NE,), None, "no data on off-road vehicles"),
        ("NO - no landfill in the city", (NO,), None, "no landfill in the city"),
        ("NO, no landfill in the city", (NO,), None, "no landfill in the city"),
        ("C - commercially sensitive", (C,), None, "commercially sensitive"),
        ("IE - with road transport in II.1.1", (IE,), "II.1.1", "with road transport in II.1.1"),
    ],
)
def test_messy_keys(
    raw: str, keys: tuple[NotationKey, ...], included_in: str | None, explanation: str
) -> None:
    parsed = parse_notation(raw)
    assert (parsed.keys, parsed.included_in, parsed.explanation) == (keys, included_in, explanation)


@pytest.mark.parametrize("raw", ["", "x", "NOx", "Cement", "N/A", "0", "yes"])
def test_unreadable_names_the_text_and_the_keys(raw: str) -> None:
    with pytest.raises(InputError) as exc:
        parse_notation(raw)
    assert exc.value.code == "unknown_notation_key"
    assert repr(raw) in exc.value.message
    for key in NotationKey:
        assert f"{key.value} (" in exc.value.message


def test_every_key_has_a_meaning() -> None:
    assert set(NOTATION_MEANINGS) == set(NotationKey)
