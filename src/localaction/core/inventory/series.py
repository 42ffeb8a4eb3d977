"""A jurisdiction's inventories as a series: one file holding several years (a ``param:year`` column) split
into one inventory per year, and inventories grouped by jurisdiction and boundary for year-on-year checks."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from localaction.core.errors import Detail, InputError
from localaction.core.inventory.model import BoundaryType, Inventory, InventoryResult, Period


def split_by_year(inventory: Inventory, source: str = "") -> list[Inventory]:
    """One inventory per ``param:year`` of its records (lines given without records apply to every year).

    An inventory whose records carry no year comes back as it is. A year that is not a whole number, or records
    with and without a year in one file, is an error naming the records."""
    years: dict[int, list[object]] = defaultdict(list)
    missing, bad = [], []
    for rec in inventory.records:
        raw = rec.params.get("year")
        if raw is None or raw == "":
            missing.append(rec.record_id)
            continue
        try:
            year = float(raw)
        except (TypeError, ValueError):
            bad.append(rec.record_id)
            continue
        if not year.is_integer():
            bad.append(rec.record_id)
            continue
        params = {k: v for k, v in rec.params.items() if k != "year"}
        years[int(year)].append(rec.model_copy(update={"params": params}))
    if not years:
        return [inventory]
    where = f"{source}: " if source else ""
    problems = [Detail((f"record {r}", "param:year"), "not a year, e.g. 2019") for r in bad]
    problems += [
        Detail((f"record {r}", "param:year"), "give the year of every record, or of none") for r in missing
    ]
    if problems:
        raise InputError(f"{where}the year column cannot be read", code="invalid_file", details=problems)
    out = []
    for year, records in sorted(years.items()):
        period = (
            inventory.period
            if inventory.period.year == year
            else Period(start=dt.date(year, 1, 1), end=dt.date(year, 12, 31), year=year, label=str(year))
        )
        out.append(inventory.model_copy(update={"records": records, "period": period}))
    return out


def by_jurisdiction(
    results: Iterable[InventoryResult],
) -> dict[tuple[str, BoundaryType], list[InventoryResult]]:
    """Results grouped by jurisdiction (case- and space-insensitive) and boundary type, each group in year order."""
    groups: dict[tuple[str, BoundaryType], list[InventoryResult]] = defaultdict(list)
    for r in results:
        key = (" ".join(r.inventory.jurisdiction.split()).casefold(), r.inventory.boundary_type)
        groups[key].append(r)
    return {
        k: sorted(v, key=lambda r: (r.inventory.period.year, r.inventory.period.start))
        for k, v in groups.items()
    }
