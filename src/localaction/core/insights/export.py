"""Aggregate export of published local climate action, per country, for the UN's climate action portals.

One definition per column (``EXPORT_COLUMNS``: name -> unit and meaning): the CSV header, the JSON layout
and docs/insights.md are all derived from it (a test checks the docs). The no-double-counting rules are
those of ``aggregate``.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pyarrow.compute as pc

from localaction.core.insights.aggregate import (
    GHG_TARGET_KINDS,
    emissions_covered,
    parent_rows,
    population_covered,
)
from localaction.core.insights.tables import RegistryTables, codes, index_of, strings
from localaction.core.io.writers import csv_text

LAYOUT = "localaction-un-portal"
LAYOUT_VERSION = 1

#: column -> (unit, meaning). Order is the CSV's column order.
EXPORT_COLUMNS: dict[str, tuple[str, str]] = {
    "country": ("ISO 3166-1 alpha-2", "country of the jurisdictions; empty = not stated"),
    "year": ("year", "the report year"),
    "jurisdictions": ("count", "local and regional governments in the registry"),
    "population_covered": (
        "people",
        "their population, each person once (a jurisdiction inside another counted only via the outer one)",
    ),
    "jurisdictions_with_inventory": ("count", "jurisdictions with a published inventory for the year"),
    "emissions_covered_tco2e": (
        "tCO2e",
        "sum of those inventories' BASIC totals, without double counting up the hierarchy",
    ),
    "jurisdictions_with_ghg_target": ("count", "jurisdictions with a GHG target introduced by the year"),
    "jurisdictions_with_net_zero_target": (
        "count",
        "jurisdictions with a net-zero target introduced by the year",
    ),
    "commitments": ("count", "targets and other commitments introduced by the year (all kinds)"),
    "actions": ("count", "actions started by the year (or without a start date)"),
    "actions_implemented": ("count", "of which implemented or monitoring"),
    "estimated_reduction_tco2e_per_yr": (
        "tCO2e/yr",
        "sum of the actions' own estimated annual reductions (as reported, not verified)",
    ),
}


def export_rows(tables: RegistryTables, year: int, window_years: int = 1) -> list[dict[str, Any]]:
    """One row per country (sorted by code), columns as ``EXPORT_COLUMNS``."""
    jur = tables.jurisdictions
    parent = parent_rows(tables)
    ctry, labels = codes(jur, "country")
    k = len(labels)

    def per_country(weights: Any) -> Any:
        return np.bincount(ctry, weights=np.asarray(weights, dtype=np.float64), minlength=k)

    cov = emissions_covered(tables, year, window_years, parent)
    pop = population_covered(tables, year, parent)

    tg = tables.targets
    tj = index_of(jur, "id", tg, "jurisdiction_id", "targets")
    intro = pc.fill_null(pc.less_equal(tg.column("year_introduced"), year), True).to_numpy(
        zero_copy_only=False
    )
    kind = np.array(strings(tg, "kind"), dtype=object)
    ghg = np.zeros(jur.num_rows, np.bool_)
    ghg[tj[intro & np.isin(kind, list(GHG_TARGET_KINDS))]] = True
    nz = np.zeros(jur.num_rows, np.bool_)
    nz[tj[intro & (kind == "net_zero")]] = True
    n_commit = np.bincount(tj[intro], minlength=jur.num_rows)

    act = tables.actions
    aj = index_of(jur, "id", act, "jurisdiction_id", "actions")
    started = pc.fill_null(pc.less_equal(act.column("start_year"), year), True).to_numpy(zero_copy_only=False)
    status = np.array(strings(act, "status"), dtype=object)
    done = started & np.isin(status, ["implemented", "monitoring"])
    red = np.nan_to_num(
        np.asarray(act.column("reduction_tco2e_per_yr").to_numpy(zero_copy_only=False), np.float64)
    )
    cols = {
        "jurisdictions": per_country(np.ones(jur.num_rows)),
        "population_covered": per_country(pop),
        "jurisdictions_with_inventory": per_country(cov.has_inventory),
        "emissions_covered_tco2e": per_country(cov.counted_tco2e),
        "jurisdictions_with_ghg_target": per_country(ghg),
        "jurisdictions_with_net_zero_target": per_country(nz),
        "commitments": per_country(n_commit),
        "actions": per_country(np.bincount(aj[started], minlength=jur.num_rows)),
        "actions_implemented": per_country(np.bincount(aj[done], minlength=jur.num_rows)),
        "estimated_reduction_tco2e_per_yr": per_country(
            np.bincount(aj[started], weights=red[started], minlength=jur.num_rows)
        ),
    }
    floats_ = {"population_covered", "emissions_covered_tco2e", "estimated_reduction_tco2e_per_yr"}
    rows = []
    for i in sorted(range(k), key=lambda i: labels[i]):
        row: dict[str, Any] = {"country": labels[i], "year": year}
        for name, values in cols.items():
            row[name] = float(values[i]) if name in floats_ else round(float(values[i]))
        rows.append(row)
    return rows


def to_csv(rows: list[dict[str, Any]]) -> str:
    return csv_text(list(EXPORT_COLUMNS), rows)


def to_json(rows: list[dict[str, Any]], year: int) -> str:
    """The JSON layout: the columns' units and meanings travel with the data."""
    totals = {c: sum(r[c] for r in rows) for c in EXPORT_COLUMNS if c not in ("country", "year")}
    doc = {
        "layout": LAYOUT,
        "version": LAYOUT_VERSION,
        "year": year,
        "columns": {c: {"unit": u, "meaning": m} for c, (u, m) in EXPORT_COLUMNS.items()},
        "totals": totals,
        "countries": rows,
    }
    return json.dumps(doc, ensure_ascii=False, indent=2)
