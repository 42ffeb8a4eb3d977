"""The insights' sentences in the reader's language. The engine (``core.insights``) states its rules and
groups in English for the API and the CSV files; a page says the same from the same facts, here."""

from __future__ import annotations

from typing import Any

from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from localaction.core.insights import POPULATION_BANDS
from localaction.core.insights.peers import GroupBy
from localaction.core.insights.rankings import MIN_SPAN_YEARS, RankingRule
from localaction.faces.web.labels import label


def ranking_rule(rule: RankingRule, measure_id: str) -> str:
    """What a top-performers list ranks, with its parameters (``rankings._rule_text`` in words)."""
    measure = str(label(measure_id))
    if rule == RankingRule.HIGHEST_REDUCTION:
        text = _(
            "Largest reduction of %(measure)s from the base to the latest inventory (the base is the "
            "jurisdiction's earliest inventory with the same level, boundary and GWP set, at least %(years)s "
            "years before its latest); ranked only against inventories of the same GPC level and boundary."
        )
    elif rule == RankingRule.FASTEST_ANNUAL_REDUCTION:
        text = _(
            "Fastest compound annual reduction of %(measure)s from the base to the latest inventory (the base "
            "is the jurisdiction's earliest inventory with the same level, boundary and GWP set, at least "
            "%(years)s years before its latest); ranked only against inventories of the same GPC level and "
            "boundary."
        )
    else:
        text = _(
            "Lowest %(measure)s in the latest inventory, within jurisdictions in the same population band; "
            "ranked only against inventories of the same GPC level and boundary."
        )
    return text % {"measure": measure, "years": MIN_SPAN_YEARS}


def ranking_unit(unit: str) -> str:
    names = {
        "% below base": _("% below base"),
        # xgettext:no-python-format
        "% reduction per year": _("% reduction per year"),
    }
    return str(names.get(unit) or label(unit))


def verdict(value: str) -> str:
    """A like-for-like verdict (``core.insights.comparable``: ok / warn / refuse) in words."""
    names = {"ok": _("comparable"), "warn": _("compare with care"), "refuse": _("not comparable")}
    return names.get(str(value), str(value))


def group_rule(group_by: GroupBy | str) -> str:
    """Who is in a peer group, in words (``PeerGroup.rule``)."""
    by = GroupBy(group_by)
    if by == GroupBy.POPULATION_BAND:
        bands = ", ".join(str(label(b)) for _upper, b in POPULATION_BANDS)
        return _("jurisdictions in the same population band (%(bands)s)") % {"bands": bands}
    names = {
        GroupBy.REGION: _("jurisdictions with the same region"),
        GroupBy.COUNTRY: _("jurisdictions with the same country"),
        GroupBy.CLIMATE_ZONE: _("jurisdictions with the same climate zone"),
        GroupBy.INCOME_GROUP: _("jurisdictions with the same income group"),
        GroupBy.KIND: _("jurisdictions of the same kind"),
    }
    return names.get(by, _("a custom group"))


def peers_rule(peers: dict[str, Any]) -> str:
    scope = peers.get("scope") or {}
    if not scope:
        return ""
    return _(
        "compared with each jurisdiction's latest inventory up to %(year)s of the same level (%(level)s) and "
        "boundary (%(boundary)s) only"
    ) % {
        "year": peers.get("year"),
        "level": scope.get("level"),
        "boundary": scope.get("boundary") or _("unknown"),
    }


class OwnWords(str):
    """A table cell in the city's own words (a boundary, a source, a note): plain text in a CSV, marked as
    content of no claimed language on a page."""

    __slots__ = ()

    def __html__(self) -> SafeString:
        return format_html('<span lang="" dir="auto">{}</span>', str(self))
