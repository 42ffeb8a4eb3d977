"""The draft editor's overview: the inventory as sectors and sub-sectors with each line's state and a progress
bar, the checks grouped by sector (errors first), the form that sets one notation key on several lines at
once, and where each record's factors come from."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from localaction.core.catalog import gpc_refs
from localaction.core.catalog.factors import factor_library
from localaction.core.errors import LocalActionError
from localaction.core.inventory.model import NotationKey
from localaction.faces.web.forms import KEY_LABELS, gpc_choices
from localaction.faces.web.inventories.tables import SECTORS, LineRow
from localaction.registry.inventories.models import Inventory

# A line's state in the overview: what the officer has to do about it.
VALUE, KEY, MISSING, OPTIONAL = "value", "key", "missing", "optional"
STATE_LABELS = {
    VALUE: _("value"),
    KEY: _("notation key"),
    MISSING: _("missing"),
    OPTIONAL: _("not needed at this level"),
}


def required(inv: Inventory, row: LineRow) -> bool:
    """A line the inventory's level needs (BASIC or BASIC+); a government-operations inventory needs none."""
    if inv.boundary_type != "community":
        return False
    return row.in_basic if inv.level == "BASIC" else row.in_basic_plus


def state(inv: Inventory, row: LineRow) -> str:
    if row.value is not None:
        return VALUE
    if row.notation_keys:
        return KEY
    return MISSING if required(inv, row) else OPTIONAL


@dataclass
class SubSector:
    code: str  # "I.1"
    name: str
    rows: list[LineRow] = field(default_factory=list)


@dataclass
class SectorProgress:
    code: str
    name: str
    subsectors: list[SubSector] = field(default_factory=list)
    done: int = 0
    needed: int = 0

    @property
    def missing(self) -> int:
        return self.needed - self.done


def overview(inv: Inventory, rows: list[LineRow]) -> dict[str, Any]:
    """Sectors → sub-sectors → lines (each with ``state``), and the progress over the lines the level needs."""
    sectors: dict[str, SectorProgress] = {}
    for row in rows:
        row.state = state(inv, row)  # type: ignore[attr-defined]
        row.state_label = STATE_LABELS[row.state]  # type: ignore[attr-defined]
        sec = sectors.setdefault(
            row.sector_code,
            SectorProgress(row.sector_code, str(SECTORS.get(row.sector_code, row.sector_code))),
        )
        sub_code = ".".join(row.gpc_ref.split(".")[:2])
        if not sec.subsectors or sec.subsectors[-1].code != sub_code:
            sec.subsectors.append(SubSector(sub_code, row.subsector))
        sec.subsectors[-1].rows.append(row)
        if required(inv, row):
            sec.needed += 1
            sec.done += row.state in (VALUE, KEY)  # type: ignore[attr-defined]
    needed = sum(s.needed for s in sectors.values())
    done = sum(s.done for s in sectors.values())
    return {
        "sectors": list(sectors.values()),
        "progress": {
            "done": done,
            "needed": needed,
            "level": "BASIC" if inv.level == "BASIC" else "BASIC+",
            "empty": [r.gpc_ref for r in rows if r.state in (MISSING, OPTIONAL)],  # type: ignore[attr-defined]
        },
    }


@dataclass
class CheckGroup:
    code: str  # a sector code, or "" for the whole inventory
    name: str
    checks: list[dict[str, Any]] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for c in self.checks if c.get("severity") == "error")

    @property
    def warnings(self) -> int:
        return len(self.checks) - self.errors


def check_groups(checks: list[dict[str, Any]], records: list[Any]) -> list[CheckGroup]:
    """The checks by the sector of their line (or of their record's line), the whole-inventory ones apart;
    errors first inside each group, groups with errors first, then in GPC order."""
    record_ref = {r.record_id: r.gpc_ref for r in records}
    refs = gpc_refs()
    groups: dict[str, CheckGroup] = {}
    for c in checks:
        ref = c.get("gpc_ref") or record_ref.get((c.get("record_id") or "").split("#")[0], "")
        code = refs[ref].sector_code if ref in refs else ""
        name = str(SECTORS.get(code, "")) if code else str(_("Whole inventory"))
        groups.setdefault(code, CheckGroup(code, name)).checks.append(c)
    order = ["", *SECTORS]
    out = sorted(
        groups.values(), key=lambda g: (g.errors == 0, order.index(g.code) if g.code in order else 99)
    )
    for g in out:
        g.checks.sort(key=lambda c: c.get("severity") != "error")
    return out


def record_factors(records: list[Any]) -> None:
    """Give each record ``factors``: the value, unit and source of every factor its result used, and whether
    the factor library has a page entry for it (a custom factor does not)."""
    lib = factor_library()
    for r in records:
        shown = []
        for f in r.factors_used or []:
            fid = str(f.get("factor_id", ""))
            try:
                lib.get(fid)
                in_library = True
            except LocalActionError:
                in_library = False
            shown.append({**f, "in_library": in_library, "value_text": significant(f.get("value"))})
        r.factors = shown


def factors_in_use(records: list[Any]) -> list[dict[str, Any]]:
    """The distinct factors an inventory's records used (as ``record_factors`` shows them), each with the
    GPC lines it serves and how many records: the public page's "where the numbers come from"."""
    record_factors(records)
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for r in records:
        for f in r.factors:
            row = found.setdefault(
                (str(f.get("factor_id", "")), str(f.get("gas", ""))), {**f, "lines": set(), "records": 0}
            )
            row["lines"].add(r.gpc_ref)
            row["records"] += 1
    rows = sorted(found.values(), key=lambda f: (sorted(f["lines"])[0], str(f.get("gas", ""))))
    for row in rows:
        row["lines"] = sorted(row["lines"])
    return rows


def significant(value: Any, digits: int = 4) -> str:
    """A factor's value to ``digits`` significant figures in the reader's format: 56,100 · 0.05903."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return ""
    if number == 0 or not math.isfinite(number):
        return formats.number_format(number, use_l10n=True)
    places = min(8, max(0, digits - 1 - math.floor(math.log10(abs(number)))))
    text = formats.number_format(
        round(number, places), decimal_pos=places, use_l10n=True, force_grouping=True
    )
    sep = formats.get_format("DECIMAL_SEPARATOR")
    return text.rstrip("0").rstrip(sep) if places and sep in text else text


class NotationKeysForm(forms.Form):
    """One notation key and its explanation for the lines ticked in the overview."""

    gpc_refs = forms.MultipleChoiceField(
        label=_("Lines"),
        choices=lambda: gpc_choices(),
        error_messages={"required": _("Tick the lines the key applies to.")},
    )
    key = forms.ChoiceField(label=_("Notation key"), choices=[(k.value, KEY_LABELS[k]) for k in NotationKey])
    included_in = forms.ChoiceField(
        label=_("Included in (for IE)"), required=False, choices=lambda: gpc_choices(blank=True)
    )
    explanation = forms.CharField(
        label=_("Explanation"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Why the key applies to every ticked line: what does not occur, where it is included, why it is "
            "not estimated."
        ),
        error_messages={"required": _("Every notation key needs an explanation.")},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("key") == NotationKey.IE.value and not data.get("included_in"):
            self.add_error("included_in", _("Say on which line the emissions are included."))
        return data
