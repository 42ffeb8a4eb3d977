"""GPC reference numbers (I.1.1 … VI.1) and which totals each counts in."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from localaction.core.catalog._data import read_csv
from localaction.core.errors import InputError


@dataclass(frozen=True)
class GpcRef:
    gpc_ref: str
    sector_code: str  # roman numeral: I … VI
    sector: str
    subsector: str
    description: str
    scope: int
    in_basic: bool
    in_basic_plus: bool
    in_basic_plus_other_scope3: bool
    in_territorial: bool
    is_template_line: bool  # II.5.3: in the CDP/GCoM template, not in the GPC's own tables
    source: str

    @property
    def subsector_code(self) -> str:
        """``I.1`` for ``I.1.1``; the ref itself for two-part refs such as ``IV.1``."""
        parts = self.gpc_ref.split(".")
        return ".".join(parts[:2])

    @property
    def is_afolu(self) -> bool:
        return self.sector_code == "V"


def _flag(value: str) -> bool:
    return value.strip() == "True"


@cache
def gpc_refs() -> dict[str, GpcRef]:
    """Every GPC reference number, in GPC order."""
    out: dict[str, GpcRef] = {}
    for r in read_csv("gpc_refs.csv"):
        out[r["gpc_ref"]] = GpcRef(
            gpc_ref=r["gpc_ref"],
            sector_code=r["sector_code"],
            sector=r["sector"],
            subsector=r["subsector"],
            description=r["description"],
            scope=int(r["scope"]),
            in_basic=_flag(r["in_basic"]),
            in_basic_plus=_flag(r["in_basic_plus"]),
            in_basic_plus_other_scope3=_flag(r["in_basic_plus_other_scope3"]),
            in_territorial=_flag(r["in_territorial"]),
            is_template_line=_flag(r["is_template_line"]),
            source=r["source"],
        )
    return out


_REF_RE = re.compile(r"^(I|II|III|IV|V|VI)\.(\d{1,2})(?:\.(\d{1,2}))?$")


def normalise_gpc_ref(raw: str) -> str:
    """Tidy a reference as written in real files (``i.1.1``, `` I.1.1 ``, ``I.1.1.``) to ``I.1.1``.

    Raises InputError when the result is not a GPC reference number.
    """
    text = raw.strip().upper().rstrip(".").replace(" ", "")
    m = _REF_RE.match(text)
    candidate = text if m is None else ".".join(p for p in m.groups() if p is not None)
    if candidate not in gpc_refs():
        raise InputError(
            f"{raw!r} is not a GPC reference number; use one of I.1.1 … VI.1 "
            "(see `localaction factors refs` for the list)",
            code="unknown_gpc_ref",
        )
    return candidate


def gpc_ref(ref: str) -> GpcRef:
    return gpc_refs()[normalise_gpc_ref(ref)]
