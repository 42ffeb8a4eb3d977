"""A jurisdiction's own yearly report: its inventory and trend, targets and progress, actions, framework
scores, and its peers (like-for-like only). Plain data, as ``report``."""

from __future__ import annotations

import math
from collections.abc import Sequence

from localaction.core.insights.charts import bar_chart, line_chart, peer_chart, radar_chart
from localaction.core.insights.comparable import scope_key
from localaction.core.insights.matching import match_peers, profiles_from_facts
from localaction.core.insights.model import (
    ActionFact,
    HazardFact,
    IndicatorFact,
    InventoryFact,
    JurisdictionFacts,
    Measure,
    Per,
    TargetFact,
)
from localaction.core.insights.peers import GroupBy, PeerGroup, group_label, peer_positions
from localaction.core.insights.report import Report, Section, TableSpec
from localaction.core.insights.series import (
    indicator_series,
    inventory_series,
    measure_value,
    target_progress_series,
)


def jurisdiction_report(
    subject: JurisdictionFacts,
    jurisdictions: Sequence[JurisdictionFacts],
    inventories: Sequence[InventoryFact],
    year: int,
    targets: Sequence[TargetFact] = (),
    actions: Sequence[ActionFact] = (),
    hazards: Sequence[HazardFact] = (),
    indicators: Sequence[IndicatorFact] = (),
    groups: Sequence[PeerGroup] = (
        PeerGroup(by=GroupBy.POPULATION_BAND),
        PeerGroup(by=GroupBy.REGION),
        PeerGroup(by=GroupBy.CLIMATE_ZONE),
        PeerGroup(by=GroupBy.INCOME_GROUP),
    ),
) -> Report:
    own = sorted(
        (f for f in inventories if f.jurisdiction_id == subject.id and f.year <= year), key=lambda f: f.year
    )
    sections: list[Section] = []
    if own:
        last = own[-1]
        sectors = sorted(last.by_sector_tco2e.items())
        totals = [
            ["BASIC", last.basic_tco2e],
            ["BASIC+", last.basic_plus_tco2e],
            ["territorial", last.territorial_tco2e],
        ]
        s_total = inventory_series(subject, own, Measure())
        s_cap = inventory_series(subject, own, Measure(per=Per.CAPITA))
        text = [
            f"Latest inventory: {last.year}, GPC {last.level.value}, GWP {last.gwp_set}, {last.verification.value.replace('_', ' ')}."
        ]
        if s_total.trend:
            tr = s_total.trend
            text.append(
                f"BASIC emissions changed {tr.change_pct_per_year:+.1f} % a year from {tr.first_year} to {tr.last_year}."
            )
        if s_total.trend_note:
            text.append(s_total.trend_note)
        sections.append(
            Section(
                id="inventory",
                title="Inventory",
                text=text,
                tables=[
                    TableSpec(
                        id="totals",
                        title=f"Totals {last.year}",
                        columns=["total", "emissions"],
                        units=["", "tCO2e"],
                        rows=totals,
                    )
                ],
                charts=[
                    bar_chart("by_sector", f"Emissions by sector {last.year}", sectors, unit="tCO2e"),
                    line_chart(
                        "series",
                        "BASIC emissions",
                        {"BASIC": [(p.year, p.value) for p in s_total.points]},
                        "tCO2e",
                    ),
                    line_chart(
                        "per_capita",
                        "BASIC emissions per person",
                        {"per person": [(p.year, p.value) for p in s_cap.points]},
                        "tCO2e/person",
                    ),
                ],
            )
        )
    mine = [t for t in targets if t.jurisdiction_id == subject.id]
    if mine:
        rows, lines = [], {}
        for t in mine:
            prog = target_progress_series(t, own)
            p = prog.points[-1] if prog.points else None
            rows.append(
                [
                    t.kind,
                    t.base_year,
                    t.target_year,
                    t.reduction_pct,
                    p.value if p else None,
                    p.on_track if p else None,
                ]
            )
            if prog.points:
                lines[f"{t.kind} {t.target_year}"] = [(q.year, q.value) for q in prog.points]
        sections.append(
            Section(
                id="targets",
                title="Targets and progress",
                tables=[
                    TableSpec(
                        id="targets",
                        title="Targets",
                        columns=["kind", "base year", "target year", "reduction", "progress", "on track"],
                        units=["", "", "", "%", "%", ""],
                        rows=rows,
                    )
                ],
                charts=[line_chart("progress", "Progress towards targets", lines, "%")] if lines else [],
            )
        )
    acts = [a for a in actions if a.jurisdiction_id == subject.id]
    if acts:
        by_status: dict[str, int] = {}
        for a in acts:
            by_status[a.status] = by_status.get(a.status, 0) + 1
        sections.append(
            Section(
                id="actions",
                title="Actions",
                tables=[
                    TableSpec(
                        id="actions",
                        title="Actions",
                        columns=["title", "sectors", "status", "reduction"],
                        units=["", "", "", "tCO2e/yr"],
                        rows=[
                            [a.title, ", ".join(a.gpc_sectors), a.status, a.reduction_tco2e_per_yr]
                            for a in acts
                        ],
                    )
                ],
                charts=[bar_chart("by_status", "Actions by status", sorted(by_status.items()), unit="count")],
            )
        )
    frameworks = sorted(
        {f.framework for f in indicators if f.jurisdiction_id == subject.id and f.year <= year}
    )
    if frameworks:
        rows_fw, charts = [], []
        for fw in frameworks:
            latest: dict[str, float] = {}
            for f in sorted(
                (
                    f
                    for f in indicators
                    if f.jurisdiction_id == subject.id and f.framework == fw and f.year <= year
                ),
                key=lambda f: f.year,
            ):
                latest[f.indicator] = f.value
            for ind, v in latest.items():
                trend = indicator_series(subject.id, indicators, fw, ind).trend
                rows_fw.append([fw, ind, v, trend.change_pct_per_year if trend else None])
            parts = {k: v for k, v in latest.items() if k != "score"}
            if len(parts) >= 3:
                charts.append(radar_chart(f"{fw}_radar", fw, parts))
        sections.append(
            Section(
                id="frameworks",
                title="Framework scores",
                tables=[
                    TableSpec(
                        id="scores",
                        title="Latest values",
                        columns=["framework", "indicator", "value", "change % per year"],
                        rows=rows_fw,
                    )
                ],
                charts=charts,
            )
        )
    if own:
        sections.append(
            _peer_section(subject, jurisdictions, inventories, hazards, actions, year, own[-1], groups)
        )
    return Report(
        kind="jurisdiction",
        title=f"{subject.name}: report {year}",
        year=year,
        subject=subject.id,
        sections=sections,
    )


def _peer_section(
    subject: JurisdictionFacts,
    jurisdictions: Sequence[JurisdictionFacts],
    inventories: Sequence[InventoryFact],
    hazards: Sequence[HazardFact],
    actions: Sequence[ActionFact],
    year: int,
    last: InventoryFact,
    groups: Sequence[PeerGroup],
) -> Section:
    """Peers on BASIC per capita, latest inventory up to ``year``, same level and boundary only."""
    m = Measure(per=Per.CAPITA)
    by_id = {j.id: j for j in jurisdictions}
    latest: dict[str, InventoryFact] = {}
    for f in inventories:
        if f.year <= year and (f.jurisdiction_id not in latest or f.year > latest[f.jurisdiction_id].year):
            latest[f.jurisdiction_id] = f
    values = {}
    for jid, f in latest.items():
        if scope_key(f) == scope_key(last):
            v, _ = measure_value(f, m, by_id.get(jid))
            if v is not None and math.isfinite(v):
                values[jid] = v
    pos = peer_positions(subject.id, jurisdictions, values, groups, year, m.unit)
    rows = [
        [p.group_by.value, p.group, p.n, p.percentile, p.median, p.best_quartile, p.distance_to_best_quartile]
        for p in pos
    ]
    charts = []
    if pos:
        first = pos[0]
        spec = next(g for g in groups if g.by == first.group_by)
        members = {
            jid: v
            for jid, v in values.items()
            if jid in by_id and group_label(by_id[jid], spec, year) == first.group
        }
        charts.append(
            peer_chart(
                "peers",
                f"Peers: {first.group}",
                members,
                subject.id,
                first.median,
                first.best_quartile,
                m.unit,
            )
        )
    matches = match_peers(
        subject.id, profiles_from_facts(jurisdictions, inventories, hazards, actions, year), limit=5
    )
    return Section(
        id="peers",
        title="Peers",
        text=[
            f"Compared on {m.label} with inventories of the same level ({last.level.value}) and boundary only."
        ],
        tables=[
            TableSpec(
                id="positions",
                title="Position in peer groups",
                columns=[
                    "grouped by",
                    "group",
                    "members",
                    "percentile",
                    "median",
                    "best quartile",
                    "distance to best quartile",
                ],
                units=["", "", "count", "", m.unit, m.unit, m.unit],
                rows=rows,
            ),
            TableSpec(
                id="similar",
                title="Similar jurisdictions",
                columns=["jurisdiction", "score", "reasons"],
                rows=[[x.name, x.score, [r.as_dict() for r in x.reasons]] for x in matches],
            ),
        ],
        charts=charts,
    )
