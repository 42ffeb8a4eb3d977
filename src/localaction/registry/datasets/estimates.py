"""What the loaded datasets say about one inventory version: the values they offer its lines (and its
population), and the independent estimates its figures are compared with.

- National inventories (PRIMAP-hist, CRF): each category's CO2e (``core.datasets.co2e``) × the city's share
  of the category's driver (population, GDP, floor area; ``core.datasets.downscale``). A category whose
  driver is "none" (plants, mines, ports, farms) is never downscaled; the reason is listed.
- Climate TRACE: the sources assigned to the city, per sub-sector, on the sub-sector's GPC line.
- CDP-ICLEI: the totals the city itself reported for the same year (cross-check only) and its population.
The year used is the inventory's; a national dataset without it lends its latest year up to three years
earlier, and the method text says so.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from localaction.core.catalog import gpc_refs
from localaction.core.datasets import Estimate, Share, method_text, share
from localaction.core.datasets.co2e import co2e
from localaction.core.datasets.crosscheck import SECTOR_LABELS
from localaction.core.datasets.mapping import DRIVER_LABELS, CategoryMap, category_map, subsector_maps
from localaction.core.errors import InputError
from localaction.registry.base.models import JurisdictionStat
from localaction.registry.datasets.matching import city_figures, national_figures
from localaction.registry.datasets.models import Dataset, DatasetFigure
from localaction.registry.inventories.models import Inventory

NATIONAL_KINDS = ("primap", "crf")
LOOK_BACK = 3  # years a national dataset may lend to a later inventory


@dataclass
class Candidate:
    dataset: Dataset
    target: str  # "line" or "population"
    gpc_ref: str
    value: float
    unit: str
    method: str
    trail: str = ""
    caveat: str = ""


@dataclass
class Offer:
    """Everything the datasets give one inventory: candidates, estimates, and what could not be done."""

    candidates: list[Candidate] = field(default_factory=list)
    estimates: list[tuple[Estimate, Dataset]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Driver:
    value: float
    year: int
    source: str
    unit: str


def _pick_year(years: Iterable[int], year: int) -> int | None:
    ys = sorted(set(years))
    if year in ys:
        return year
    earlier = [y for y in ys if year - LOOK_BACK <= y < year]
    return earlier[-1] if earlier else None


class _Context:
    def __init__(self, inv: Inventory, dataset_ids: list[int] | None) -> None:
        self.inv = inv
        self.jur = inv.jurisdiction
        self.year = inv.year
        self.gwp_set = inv.gwp_set or "AR5"
        self.dataset_ids = dataset_ids
        self._city: dict[str, Driver | None] = {}

    def city_driver(self, driver: str) -> Driver | None:
        if driver not in self._city:
            self._city[driver] = self._find_city(driver)
        return self._city[driver]

    def _find_city(self, driver: str) -> Driver | None:
        if driver == "population":
            if self.inv.population:
                return Driver(self.inv.population, self.year, "the inventory's population", "people")
            stat = JurisdictionStat.objects.filter(jurisdiction=self.jur, year=self.year).first()
            if stat is not None and stat.population:
                return Driver(
                    float(stat.population), self.year, stat.source or "the registry's statistics", "people"
                )
        figs = [
            f
            for f in city_figures(
                self.jur, kinds=("population", "cdp"), dataset_ids=self.dataset_ids, measures=(driver,)
            )
            if f.year == self.year
        ]
        figs.sort(
            key=lambda f: (f.dataset.kind != "population", -f.dataset_id)
        )  # tables before CDP, newest first
        if not figs:
            return None
        f = figs[0]
        return Driver(f.value, f.year, f"{f.dataset.short}, row {f.row}", f.unit)

    def national_driver(self, driver: str, unit: str) -> Driver | None:
        figs = [
            f
            for f in national_figures(
                self.jur.country, kinds=("population",), dataset_ids=self.dataset_ids, measures=(driver,)
            )
            if f.unit == unit
        ]
        year = _pick_year((f.year for f in figs), self.year)
        if year is None:
            return None
        f = max((f for f in figs if f.year == year), key=lambda f: f.dataset_id)
        note = "" if year == self.year else f" ({year} figure)"
        return Driver(f.value, year, f"{f.dataset.short}, row {f.row}{note}", f.unit)

    def share(self, m: CategoryMap) -> tuple[Share | None, str]:
        """The share for a category's driver (or its fallback); else None and why."""
        why = ""
        for driver in (m.driver, m.fallback):
            if not driver:
                continue
            city = self.city_driver(driver)
            if city is None:
                why = why or f"no {DRIVER_LABELS[driver]} of the city for {self.year}"
                continue
            nat = self.national_driver(driver, city.unit)
            if nat is None:
                why = (
                    why
                    or f"no national {DRIVER_LABELS[driver]} ({self.jur.country}, {self.year}) in a population table"
                )
                continue
            try:
                s = share(
                    driver,
                    city.value,
                    nat.value,
                    self.year,
                    city_source=city.source,
                    national_source=nat.source,
                    unit=city.unit,
                )
            except InputError as exc:
                why = exc.message
                continue
            return s, ""
        return None, why


def _national(ctx: _Context, offer: Offer) -> None:
    figs = national_figures(
        ctx.jur.country, kinds=NATIONAL_KINDS, dataset_ids=ctx.dataset_ids, measures=("emissions",)
    ).filter(year__gte=ctx.year - LOOK_BACK, year__lte=ctx.year)
    by_ds: dict[int, list[DatasetFigure]] = defaultdict(list)
    for f in figs:
        by_ds[f.dataset_id].append(f)
    for rows in by_ds.values():
        ds = rows[0].dataset
        year = _pick_year((f.year for f in rows), ctx.year)
        if year is None:
            offer.notes.append(
                f"{ds.short}: no figures for {ctx.jur.country} in {ctx.year} or the {LOOK_BACK} years before"
            )
            continue
        lent = "" if year == ctx.year else f"national {year} figures for a {ctx.year} inventory"
        by_cat: dict[str, list[DatasetFigure]] = defaultdict(list)
        for f in rows:
            if f.year == year:
                by_cat[f.category].append(f)
        parts: list[tuple[str, CategoryMap, float, float, Share]] = []  # code, map, national, city, share
        for code, cat_rows in sorted(by_cat.items()):
            m = category_map(ds.kind, code)
            if m is None or not m.refs:
                continue
            if not m.downscalable:
                offer.notes.append(f"{ds.short} {code}: not downscaled ({m.caveat})")
                continue
            total = co2e(cat_rows, ctx.gwp_set, fossil_methane=code.startswith("1"))
            if total is None:
                continue
            s, why = ctx.share(m)
            if s is None:
                offer.notes.append(f"{ds.short} {code} {m.name}: not downscaled ({why})")
                continue
            parts.append((code, m, total.value_t, total.value_t * s.value, s))
        _national_lines(ds, parts, lent, offer)
        _national_estimates(ds, parts, lent, offer)


def _method(parts: list[tuple[str, CategoryMap, float, float, Share]], lent: str) -> str:
    shares = {p[4].describe() for p in parts}
    if len(shares) == 1:
        return method_text([(p[0], p[1].name) for p in parts], parts[0][4], note=lent)
    return " + ".join(method_text([(p[0], p[1].name)], p[4]) for p in parts) + (f" ({lent})" if lent else "")


def _trail(parts: list[tuple[str, CategoryMap, float, float, Share]]) -> str:
    figures = "; ".join(f"{p[0]}: {p[2]:,.0f} t CO2e national" for p in parts)
    shares = "; ".join(dict.fromkeys(p[4].trail() for p in parts))
    return f"{figures}; {shares}"


def _national_lines(
    ds: Dataset, parts: list[tuple[str, CategoryMap, float, float, Share]], lent: str, offer: Offer
) -> None:
    by_ref: dict[str, list[tuple[str, CategoryMap, float, float, Share]]] = defaultdict(list)
    for p in parts:
        if p[1].prefill_ref:
            by_ref[p[1].prefill_ref].append(p)
    for ref, group in by_ref.items():
        offer.candidates.append(
            Candidate(
                ds,
                "line",
                ref,
                sum(p[3] for p in group),
                "t CO2e",
                _method(group, lent),
                _trail(group),
                "; ".join(dict.fromkeys(p[1].caveat for p in group if p[1].caveat)),
            )
        )


def _without_descendants(
    parts: list[tuple[str, CategoryMap, float, float, Share]],
) -> list[tuple[str, CategoryMap, float, float, Share]]:
    codes = {p[0] for p in parts}
    return [p for p in parts if not any(p[0].startswith(c + ".") for c in codes if c != p[0])]


def _national_estimates(
    ds: Dataset, parts: list[tuple[str, CategoryMap, float, float, Share]], lent: str, offer: Offer
) -> None:
    label = f"the downscaled national estimate ({ds.short})"
    compared = [p for p in parts if p[1].compare]
    by_sector: dict[str, list[tuple[str, CategoryMap, float, float, Share]]] = defaultdict(list)
    for p in _without_descendants(compared):
        if p[1].sector:
            by_sector[p[1].sector].append(p)
    for sector, group in by_sector.items():
        refs = tuple(dict.fromkeys(r for p in group for r in p[1].refs))
        caveat = "; ".join(dict.fromkeys(p[1].caveat for p in group if p[1].caveat))
        est = Estimate(
            f"sector:{sector}",
            "national",
            label,
            sum(p[3] for p in group),
            refs,
            _method(group, lent),
            caveat,
            str(ds.pk),
        )
        offer.estimates.append((est, ds))
    by_line: dict[tuple[str, ...], list[tuple[str, CategoryMap, float, float, Share]]] = defaultdict(list)
    for p in compared:
        if len(p[1].refs) == 1:
            by_line[p[1].refs].append(p)
    sector_refs = {e.refs for e, d in offer.estimates if d.pk == ds.pk and e.level == "sector"}
    for refs, group in by_line.items():
        if refs in sector_refs:
            continue  # the sector comparison already covers exactly this line
        caveat = "; ".join(dict.fromkeys(p[1].caveat for p in group if p[1].caveat))
        est = Estimate(
            f"line:{refs[0]}",
            "national",
            label,
            sum(p[3] for p in group),
            refs,
            _method(group, lent),
            caveat,
            str(ds.pk),
        )
        offer.estimates.append((est, ds))


def _climate_trace(ctx: _Context, offer: Offer) -> None:
    figs = [
        f
        for f in city_figures(
            ctx.jur, kinds=("climate_trace",), dataset_ids=ctx.dataset_ids, measures=("emissions",)
        )
        if f.year == ctx.year
    ]
    by_ds: dict[int, list[DatasetFigure]] = defaultdict(list)
    for f in figs:
        by_ds[f.dataset_id].append(f)
    for rows in by_ds.values():
        ds = rows[0].dataset
        by_ref: dict[str, list[tuple[str, float, str, set[str]]]] = defaultdict(list)
        for sub in sorted({f.category for f in rows}):
            m = subsector_maps().get(sub)
            if m is None:
                offer.notes.append(f"{ds.short} {sub}: no GPC line for this sub-sector")
                continue
            sub_rows = [f for f in rows if f.category == sub]
            per_source: dict[str, list[DatasetFigure]] = defaultdict(list)
            for f in sub_rows:
                per_source[f.place_id].append(f)
            total = 0.0
            notes = []
            for src_rows in per_source.values():
                c = co2e(src_rows, ctx.gwp_set, fossil_methane=m.ref.startswith(("I.", "II.")))
                if c is not None:
                    total += c.value_t
                    notes.append(c.note)
            names = {f"{f.place_name or f.place_id} (id {f.place_id})" for f in sub_rows}
            by_ref[m.ref].append((sub, total, "; ".join(dict.fromkeys(notes)), names))
        for ref, group in by_ref.items():
            value = sum(g[1] for g in group)
            subs = " + ".join(g[0] for g in group)
            sources = ", ".join(sorted({n for g in group for n in g[3]}))
            method = f"Climate TRACE {subs}: sources assigned to the city ({sources}), {group[0][2]}"
            caveat = subsector_maps()[group[0][0]].caveat
            offer.candidates.append(
                Candidate(ds, "line", ref, value, "t CO2e", method, f"{ds.short}, year {ctx.year}", caveat)
            )
            compared = [r for r, grp in by_ref.items() if all(subsector_maps()[g[0]].compare for g in grp)]
            alone = [r for r in compared if gpc_refs()[r].sector_code == gpc_refs()[ref].sector_code] == [ref]
            if ref in compared and not alone:  # a sector of one line: the sector comparison says it all
                offer.estimates.append(
                    (
                        Estimate(
                            f"line:{ref}",
                            "climate_trace",
                            "Climate TRACE",
                            value,
                            (ref,),
                            method,
                            caveat,
                            str(ds.pk),
                        ),
                        ds,
                    )
                )
        sectors: dict[str, list[tuple[str, float]]] = defaultdict(list)
        for ref, group in by_ref.items():
            if all(subsector_maps()[g[0]].compare for g in group):
                sectors[gpc_refs()[ref].sector_code].append((ref, sum(g[1] for g in group)))
        for sector, items in sectors.items():
            refs = tuple(r for r, _v in items)
            offer.estimates.append(
                (
                    Estimate(
                        f"sector:{sector}",
                        "climate_trace",
                        "Climate TRACE",
                        sum(v for _r, v in items),
                        refs,
                        f"Climate TRACE sources in the city, {SECTOR_LABELS[sector].lower()} lines {', '.join(refs)}",
                        "modelled asset and area estimates",
                        str(ds.pk),
                    ),
                    ds,
                )
            )


def _cdp(ctx: _Context, offer: Offer) -> None:
    figs = [
        f for f in city_figures(ctx.jur, kinds=("cdp",), dataset_ids=ctx.dataset_ids) if f.year == ctx.year
    ]
    latest: dict[tuple[int, str], DatasetFigure] = {}
    for f in figs:
        key = (f.dataset_id, f.measure)
        if key not in latest or f.row > latest[key].row:
            latest[key] = f
    for (_ds_id, measure), f in sorted(latest.items()):
        ds = f.dataset
        if measure == "population":
            continue
        if measure == "total":
            offer.notes.append(
                f"{ds.short}: the city's 'total' ({f.note or 'coverage not stated'}) is not compared"
            )
            continue
        label = f"your report to CDP-ICLEI ({ds.version})" if ds.version else "your report to CDP-ICLEI"
        method = f"reported by the city to CDP ({ds.version}), row {f.row}" + (
            f"; {f.note}" if f.note else ""
        )
        offer.estimates.append(
            (
                Estimate(
                    f"total:{measure}",
                    "cdp",
                    label,
                    f.value,
                    (),
                    method,
                    "self-reported, checked by CDP only for form",
                    str(ds.pk),
                ),
                ds,
            )
        )


def _population(ctx: _Context, offer: Offer) -> None:
    if ctx.inv.population:
        return
    figs = [
        f
        for f in city_figures(
            ctx.jur, kinds=("population", "cdp"), dataset_ids=ctx.dataset_ids, measures=("population",)
        )
        if f.year == ctx.year
    ]
    best: dict[int, DatasetFigure] = {}
    for f in figs:
        if f.dataset_id not in best or f.row > best[f.dataset_id].row:
            best[f.dataset_id] = f
    for f in best.values():
        how = "as the city reported it to CDP" if f.dataset.kind == "cdp" else f"{f.place_name or f.place_id}"
        offer.candidates.append(
            Candidate(
                f.dataset,
                "population",
                "",
                f.value,
                "people",
                f"population {f.year} from {f.dataset.short} ({how}), row {f.row}",
                "",
                "",
            )
        )


def offer_for(inv: Inventory, dataset_ids: list[int] | None = None) -> Offer:
    """All suggestions and independent estimates for ``inv`` (from ``dataset_ids``, or every dataset)."""
    ctx = _Context(inv, dataset_ids)
    offer = Offer()
    _population(ctx, offer)
    _national(ctx, offer)
    _climate_trace(ctx, offer)
    _cdp(ctx, offer)
    return offer


@dataclass(frozen=True)
class EarlierReport:
    year: int
    measure: str
    value: float
    dataset: Dataset
    note: str


def earlier_reports(inv: Inventory) -> list[EarlierReport]:
    """The totals and scopes the city last reported to CDP-ICLEI (its latest inventory year there), for
    context on the prefill page."""
    figs = city_figures(
        inv.jurisdiction,
        kinds=("cdp",),
        measures=("total", "scope1", "scope2", "scope3", "basic", "basic_plus"),
    )
    if not figs:
        return []
    last = max(f.year for f in figs)
    latest: dict[str, DatasetFigure] = {}
    for f in sorted((f for f in figs if f.year == last), key=lambda f: (f.dataset_id, f.row)):
        latest[f.measure] = f
    order = ("basic", "basic_plus", "scope1", "scope2", "scope3", "total")
    shown = [latest[m] for m in order if m in latest]
    return [EarlierReport(f.year, f.measure, f.value, f.dataset, f.note) for f in shown]
