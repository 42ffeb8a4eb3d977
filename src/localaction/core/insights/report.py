"""Report content as plain data: sections of text, tables and chart specs. Rendering is the faces' job.

Three reports: the yearly registry report, a thematic State of Cities report from the frameworks' data, and
a jurisdiction's own yearly report. Every chart carries the rows behind it (``ChartSpec.data``).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from pydantic import BaseModel, Field

from localaction.core.insights.aggregate import Counts, yearly_aggregates
from localaction.core.insights.charts import ChartSpec, bar_chart, line_chart
from localaction.core.insights.export import EXPORT_COLUMNS, export_rows
from localaction.core.insights.tables import RegistryTables, strings


class TableSpec(BaseModel):
    id: str
    title: str
    columns: list[str]
    units: list[str] = Field(default_factory=list)  # one per column ("" where none)
    rows: list[list[Any]]


class Section(BaseModel):
    id: str
    title: str
    text: list[str] = Field(default_factory=list)  # paragraphs
    tables: list[TableSpec] = Field(default_factory=list)
    charts: list[ChartSpec] = Field(default_factory=list)


class Report(BaseModel):
    kind: str  # yearly, thematic, jurisdiction
    title: str
    year: int
    subject: str = ""  # theme or jurisdiction id
    sections: list[Section]


def _counts_table(id: str, title: str, label: str, counts: Counts) -> TableSpec:
    return TableSpec(
        id=id,
        title=title,
        columns=[label, "count"],
        units=["", "count"],
        rows=[[k, v] for k, v in counts.items],
    )


def _counts_chart(id: str, title: str, counts: Counts, top: int = 15) -> ChartSpec:
    return bar_chart(id, title, [(k, float(v)) for k, v in counts.items[:top]], unit="count")


def _fmt(x: float) -> str:
    return f"{x:,.0f}"


def yearly_report(tables: RegistryTables, year: int, window_years: int = 1) -> Report:
    a = yearly_aggregates(tables, year, window_years)
    s: list[Section] = []
    s.append(
        Section(
            id="coverage",
            title="Jurisdictions, countries and population",
            text=[
                f"{_fmt(a.jurisdictions)} local and regional governments in {a.countries} countries, covering {_fmt(a.population_covered)} people."
            ],
            tables=[_counts_table("by_kind", "Jurisdictions by kind", "kind", a.jurisdictions_by_kind)],
            charts=[_counts_chart("by_kind", "Jurisdictions by kind", a.jurisdictions_by_kind)],
        )
    )
    s.append(
        Section(
            id="commitments",
            title="Commitments",
            text=[
                f"{_fmt(a.jurisdictions_with_target)} jurisdictions have at least one target or commitment."
            ],
            tables=[
                _counts_table("by_kind", "Commitments by kind", "kind", a.commitments_by_kind),
                _counts_table(
                    "by_ambition",
                    "GHG targets by ambition (reduction below base)",
                    "ambition",
                    a.ghg_targets_by_ambition,
                ),
            ],
            charts=[
                _counts_chart("by_kind", "Commitments by kind", a.commitments_by_kind),
                _counts_chart("by_ambition", "GHG targets by ambition", a.ghg_targets_by_ambition),
            ],
        )
    )
    s.append(
        Section(
            id="inventories",
            title="Inventories and emissions",
            text=[
                f"{_fmt(a.inventories)} inventories for {year}, with {_fmt(a.emissions_tco2e)} tCO2e (BASIC) counted once each.",
                f"{_fmt(a.inventories_left_out)} inventories of jurisdictions inside a reporting parent "
                f"({_fmt(a.emissions_left_out_tco2e)} tCO2e) are contained in their parent's total and not added again.",
            ],
            tables=[
                _counts_table("by_level", "Inventories by GPC level", "level", a.inventories_by_level),
                _counts_table(
                    "by_verification",
                    "Inventories by verification status",
                    "status",
                    a.inventories_by_verification,
                ),
            ],
            charts=[
                _counts_chart(
                    "by_verification", "Inventories by verification status", a.inventories_by_verification
                )
            ],
        )
    )
    median = a.trend_median_change_pct_per_year
    s.append(
        Section(
            id="trends",
            title="Emission trends",
            text=[
                f"Of the jurisdictions with two comparable inventories, {a.trend_falling} cut their BASIC emissions "
                f"and {a.trend_rising} raised them"
                + (f"; the median change is {median:+.1f} % a year." if median is not None else ".")
            ],
            tables=[
                TableSpec(
                    id="by_year",
                    title="Inventories and emissions by year (each tonne once)",
                    columns=["year", "inventories", "emissions"],
                    units=["", "count", "tCO2e"],
                    rows=[list(r) for r in a.emissions_by_year],
                )
            ],
            charts=[
                line_chart(
                    "by_year",
                    "Reported emissions by inventory year",
                    {"BASIC": [(y, e) for y, _, e in a.emissions_by_year]},
                    "tCO2e",
                )
            ],
        )
    )
    s.append(
        Section(
            id="hazards",
            title="Most reported hazards",
            tables=[
                _counts_table("hazards", "Jurisdictions naming each hazard", "hazard", a.hazards),
                _counts_table(
                    "subtypes", "Jurisdictions naming each sub-hazard", "sub-hazard", a.hazard_subtypes
                ),
            ],
            charts=[_counts_chart("hazards", "Most reported hazards", a.hazards, 10)],
        )
    )
    s.append(
        Section(
            id="actions",
            title="Actions",
            text=[
                f"{_fmt(a.actions)} actions; {_fmt(a.actions_with_funding_source)} name a funding source. "
                "An action serving several sectors counts in each; costs are totalled per currency."
            ],
            tables=[
                _counts_table("by_sector", "Actions by GPC sector", "sector", a.actions_by_sector),
                _counts_table("by_status", "Actions by status", "status", a.actions_by_status),
                _counts_table("by_type", "Actions by type", "type", a.actions_by_type),
                TableSpec(
                    id="finance",
                    title="Action costs by currency",
                    columns=["currency", "actions with a cost", "total cost"],
                    units=["ISO 4217", "count", "currency unit"],
                    rows=[list(r) for r in a.finance_by_currency],
                ),
                TableSpec(
                    id="reduction",
                    title="Estimated annual reduction by status",
                    columns=["status", "reduction"],
                    units=["", "tCO2e/yr"],
                    rows=[list(r) for r in a.reduction_tco2e_per_yr_by_status],
                ),
            ],
            charts=[
                _counts_chart("by_sector", "Actions by sector", a.actions_by_sector),
                _counts_chart("by_status", "Actions by status", a.actions_by_status),
            ],
        )
    )
    s.append(
        Section(
            id="co_benefits",
            title="Co-benefits",
            tables=[
                _counts_table("co_benefits", "Actions naming each co-benefit", "co-benefit", a.co_benefits)
            ],
            charts=[_counts_chart("co_benefits", "Co-benefits named", a.co_benefits)],
        )
    )
    rows = export_rows(tables, year, window_years)
    s.append(
        Section(
            id="countries",
            title="By country",
            tables=[
                TableSpec(
                    id="countries",
                    title="Local climate action by country",
                    columns=list(EXPORT_COLUMNS),
                    units=[u for u, _ in EXPORT_COLUMNS.values()],
                    rows=[[r[c] for c in EXPORT_COLUMNS] for r in rows],
                )
            ],
        )
    )
    s.append(Section(id="rules", title="How we count", text=a.rules))
    return Report(kind="yearly", title=f"Registry report {year}", year=year, sections=s)


def thematic_report(tables: RegistryTables, theme: str, year: int, top: int = 5) -> Report:
    """State of Cities for one theme: per framework, each indicator's spread and leaders (latest value up
    to ``year`` per jurisdiction)."""
    ind = tables.indicators
    rows = [r for r in ind.to_pylist() if r["theme"] == theme and r["year"] <= year]
    latest: dict[tuple[str, str, str], dict[str, Any]] = {}
    for r in sorted(rows, key=lambda r: r["year"]):
        latest[(r["framework"], r["indicator"], r["jurisdiction_id"])] = r
    names = dict(zip(strings(tables.jurisdictions, "id"), strings(tables.jurisdictions, "name"), strict=True))
    sections = []
    for fw in sorted({k[0] for k in latest}):
        table_rows = []
        reporting: list[tuple[str, float]] = []
        for indicator in sorted({k[1] for k in latest if k[0] == fw}):
            vals = [r for k, r in latest.items() if k[0] == fw and k[1] == indicator]
            v = np.array([r["value"] for r in vals], dtype=np.float64)
            higher = bool(vals[0]["higher_is_better"])
            best = sorted(vals, key=lambda r: (-r["value"] if higher else r["value"], r["jurisdiction_id"]))[
                :top
            ]
            q25, q50, q75 = (float(x) for x in np.percentile(v, [25, 50, 75]))
            table_rows.append(
                [
                    indicator,
                    vals[0]["unit"],
                    len(vals),
                    q50,
                    q25,
                    q75,
                    "higher" if higher else "lower",
                    ", ".join(names.get(r["jurisdiction_id"], r["jurisdiction_id"]) for r in best),
                ]
            )
            reporting.append((indicator, float(len(vals))))
        sections.append(
            Section(
                id=fw,
                title=fw,
                text=[
                    f"{len({k[2] for k in latest if k[0] == fw})} jurisdictions report on {fw} up to {year}."
                ],
                tables=[
                    TableSpec(
                        id=f"{fw}_indicators",
                        title="Indicators: spread and leaders (latest value per jurisdiction)",
                        columns=[
                            "indicator",
                            "unit",
                            "jurisdictions",
                            "median",
                            "lower quartile",
                            "upper quartile",
                            "better",
                            f"top {top}",
                        ],
                        units=["", "", "count", "", "", "", "", ""],
                        rows=table_rows,
                    )
                ],
                charts=[
                    bar_chart(
                        f"{fw}_reporting",
                        f"Jurisdictions reporting each {fw} indicator",
                        reporting,
                        unit="count",
                    )
                ],
            )
        )
    return Report(
        kind="thematic", title=f"State of Cities: {theme} {year}", year=year, subject=theme, sections=sections
    )
