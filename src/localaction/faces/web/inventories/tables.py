"""An inventory as the pages show it: the GPC table with notation keys and quality, the totals, the sectors."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from localaction.core.catalog import gpc_refs
from localaction.core.inventory.checks.base import thresholds
from localaction.registry.base.models import ReviewComment
from localaction.registry.inventories.models import GpcLine, Inventory
from localaction.registry.inventories.public import population_used

NOTATION_KEYS = {
    "NO": _("Not occurring: the activity does not happen in the city."),
    "IE": _("Included elsewhere: the emissions are counted on another line (which one is named)."),
    "NE": _("Not estimated: emissions occur but are not yet estimated (the reason is given)."),
    "C": _("Confidential: the value is withheld; it still counts in the totals where known."),
}


SECTORS = {
    "I": _("Stationary energy"),
    "II": _("Transportation"),
    "III": _("Waste"),
    "IV": _("Industrial processes and product use"),
    "V": _("Agriculture, forestry and other land use"),
    "VI": _("Other scope 3"),
}


TOTALS = (
    (
        "basic",
        _("BASIC"),
        _("Stationary energy, transport and waste: scope 1 and 2, plus waste treated outside."),
    ),
    ("basic_plus", _("BASIC+"), _("BASIC plus IPPU, AFOLU and transboundary transport and T&D losses.")),
    ("territorial", _("Territorial (scope 1)"), _("Every emission inside the boundary.")),
)


QUALITY = {"high": _("High"), "medium": _("Medium"), "low": _("Low")}


@dataclass
class LineRow:
    gpc_ref: str
    sector_code: str
    subsector: str
    description: str
    scope: int
    value: float | None
    notation_keys: list[str]
    included_in: str
    explanation: str
    quality_activity: str
    quality_factor: str
    in_basic: bool
    in_basic_plus: bool
    in_territorial: bool
    record_ids: list[str]
    source: str
    previous: float | None = None
    previous_year: float | None = None  # the previous year's published inventory (what the checks compare)
    comments: list[ReviewComment] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return "line-" + self.gpc_ref.replace(".", "-")

    @property
    def sector_name(self) -> str:
        return str(SECTORS.get(self.sector_code, self.sector_code))

    @property
    def change(self) -> float | None:
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous

    @property
    def year_change(self) -> float | None:
        """The share this line moved against the previous year's published inventory (-0.48: fell 48 %)."""
        if self.value is None or not self.previous_year:
            return None
        return (self.value - self.previous_year) / abs(self.previous_year)

    @property
    def large_year_change(self) -> bool:
        """Beyond the share the line-total check warns at (``year_on_year.line_total_max_change``)."""
        change = self.year_change
        return change is not None and abs(change) > thresholds("year_on_year.line_total_max_change")

    @property
    def level(self) -> str:
        if self.in_basic:
            return "BASIC"
        if self.in_basic_plus:
            return "BASIC+"
        return str(_("Territorial")) if self.in_territorial else str(_("Other scope 3"))


def gpc_rows(
    inv: Inventory, previous: Inventory | None = None, previous_year: Inventory | None = None
) -> list[LineRow]:
    """Every GPC reference number in GPC order with the version's value or notation keys; ``previous``: the
    version compared with, ``previous_year``: the previous year's published inventory (for the % change)."""
    stored: dict[str, GpcLine] = {ln.gpc_ref: ln for ln in inv.gpc_lines.all()}
    before: dict[str, float | None] = (
        {ln.gpc_ref: ln.value_tco2e for ln in previous.gpc_lines.all()} if previous is not None else {}
    )
    last_year: dict[str, float | None] = (
        {ln.gpc_ref: ln.value_tco2e for ln in previous_year.gpc_lines.all()}
        if previous_year is not None
        else {}
    )
    # A line computed before its source was stored (older versions): named from its records' sources.
    record_source: dict[str, str] = {}
    if any(ln.record_ids and not ln.source for ln in stored.values()):
        record_source = dict(
            inv.activity_records.filter(deleted_at__isnull=True).values_list("record_id", "source")
        )
    rows = []
    for ref, meta in gpc_refs().items():
        ln = stored.get(ref)
        rows.append(
            LineRow(
                gpc_ref=ref,
                sector_code=meta.sector_code,
                subsector=meta.subsector,
                description=meta.description,
                scope=meta.scope,
                value=ln.value_tco2e if ln else None,
                notation_keys=list(ln.notation_keys) if ln else [],
                included_in=(ln.included_in or "") if ln else "",
                explanation=ln.explanation if ln else "",
                quality_activity=(ln.quality_activity or "") if ln else "",
                quality_factor=(ln.quality_factor or "") if ln else "",
                in_basic=meta.in_basic,
                in_basic_plus=meta.in_basic_plus,
                in_territorial=meta.in_territorial,
                record_ids=list(ln.record_ids) if ln else [],
                source=(ln.source or _sources(ln.record_ids, record_source)) if ln else "",
                previous=before.get(ref),
                previous_year=last_year.get(ref),
            )
        )
    return rows


def _sources(record_ids: list[str], record_source: dict[str, str]) -> str:
    out: list[str] = []
    for rid in record_ids:
        src = record_source.get(rid.split("#")[0], "")
        if src and src not in out:
            out.append(src)
    return "; ".join(out)


def reported_rows(rows: list[LineRow]) -> list[LineRow]:
    """The lines with something to show (a value or a notation key)."""
    return [r for r in rows if r.value is not None or r.notation_keys]


def totals(inv: Inventory) -> list[dict[str, Any]]:
    """BASIC / BASIC+ / territorial as computed, with the source's reported figure where there is one."""
    out = []
    people = population_used(inv)  # the one rule every page's per-person figure follows
    for key, label, help_text in TOTALS:
        computed = getattr(inv, f"{key}_tco2e")
        reported = getattr(inv, f"reported_{key}_tco2e")
        out.append(
            {
                "key": key,
                "label": label,
                "help": help_text,
                "value": computed if computed is not None else reported,
                "reported": reported,
                "per_capita": people.per_person(computed if computed is not None else reported)
                if people
                else None,
                "population": people,
            }
        )
    reported_total = getattr(inv, "reported_total_tco2e", None)
    if reported_total is not None and all(t["value"] is None for t in out):
        out.append(
            {
                "key": "reported_total",
                "label": _("Total as reported"),
                "help": getattr(inv, "reported_total_scope", "") or _("Coverage as the source defines it."),
                "value": reported_total,
                "reported": None,
                "per_capita": people.per_person(reported_total) if people else None,
                "population": people,
            }
        )
    return out


def sector_breakdown(inv: Inventory) -> list[tuple[str, str, float]]:
    """(sector code, name, tCO2e) at the inventory's level, in GPC order, sectors with a value only."""
    values = inv.by_sector_tco2e or {}
    return [(code, str(name), float(values[code])) for code, name in SECTORS.items() if values.get(code)]


def line_records(inv: Inventory) -> list[Any]:
    return list(inv.activity_records.filter(deleted_at__isnull=True).order_by("position", "id"))
