"""Targets, progress and pathways from the registry's rows: the mapping to the targets core and the read-side
use-cases (validation on save, progress, pathway, double counting).

Which inventories count (our choice): the public sees each year's current published version; members of
the jurisdiction and the secretariat see each year's newest live version, drafts included (their own work
in progress), marked as such by ``InventoryPoint.verification``. Nothing here writes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from localaction.core import clock
from localaction.core.errors import Detail
from localaction.core.inventory.model import Severity
from localaction.core.targets import (
    ALL_GASES,
    BauInputs,
    Coverage,
    CoverageLevel,
    InterimTarget,
    InventoryPoint,
    Issue,
    Pathway,
    TargetProgress,
    VerificationStatus,
    pathway,
    target_progress,
    validate_target,
)
from localaction.core.targets import Action as CoreAction
from localaction.core.targets import ActionStatus as CoreActionStatus
from localaction.core.targets import ActionType as CoreActionType
from localaction.core.targets import Target as CoreTarget
from localaction.core.targets import TargetKind as CoreKind
from localaction.registry.actions.models import Action
from localaction.registry.base import access
from localaction.registry.base.access import Actor
from localaction.registry.base.models import Jurisdiction, JurisdictionStat, State
from localaction.registry.base.services.common import Ref
from localaction.registry.base.services.submissions import create_submission
from localaction.registry.inventories.models import ActivityRecord, GpcLine, Inventory
from localaction.registry.targets.models import Commitment, Target

# Registry kind -> core kind; the registry's older single "intensity" kind is per capita.
KIND_MAP: dict[str, CoreKind] = {k.value: k for k in CoreKind} | {"intensity": CoreKind.INTENSITY_PER_CAPITA}
# Core issue field -> registry form field (most are the same name).
FIELD_MAP = {"coverage.gpc_sectors": "gpc_sectors", "coverage.gases": "gases", "coverage.level": "level"}
_GAS_CANON = {g.upper(): g for g in ALL_GASES}
VERIFICATION = {
    "self_reported": VerificationStatus.SELF_REPORTED,
    "validated": VerificationStatus.VALIDATED,
    "verified": VerificationStatus.VERIFIED,
}
# Findings that refuse a save: contradictions in what was entered. The others (something missing, or a base
# the inventories do not give yet) are shown next to the fields but let a draft be saved (our choice: a draft
# may be incomplete; its progress then says what is missing instead of a figure). Sectors and gases are
# checked by services.submissions already (which also accepts sub-sectors the core cannot track yet).
SAVE_BLOCKING = frozenset(
    {
        "target.year_order",
        "target.reduction_range",
        "target.share_range",
        "target.direction",
        "interim.year_range",
        "interim.value_missing",
    }
)


# --- mapping ---------------------------------------------------------------------------------------------


def _interim(items: Any) -> list[InterimTarget]:
    out = []
    for it in items if isinstance(items, list) else []:
        if isinstance(it, dict) and isinstance(it.get("year"), int):
            value = it.get("value", it.get("emissions_tco2e"))
            out.append(InterimTarget(year=it["year"], reduction_pct=it.get("reduction_pct"), value=value))
    return out


def _gases(values: Iterable[str]) -> tuple[str, ...]:
    # "CO2e" is not a gas: a target stating it means every gas.
    return tuple(_GAS_CANON.get(str(g).strip().upper(), str(g)) for g in values if str(g).upper() != "CO2E")


def core_target(t: Target) -> CoreTarget:
    """A registry Target row as the core's Target (field by field; interim ``emissions_tco2e`` = value)."""
    return CoreTarget(
        target_id=str(t.series),
        jurisdiction=t.jurisdiction.slug if t.jurisdiction_id else "",
        kind=KIND_MAP[t.kind],
        title=t.title,
        description=t.description,
        base_year=t.base_year,
        base_emissions_tco2e=t.base_emissions_tco2e,
        base_intensity=t.base_intensity,
        intensity_unit=t.intensity_unit,
        target_year=t.target_year,
        reduction_pct=t.reduction_pct,
        target_emissions_tco2e=t.target_emissions_tco2e,
        base_value=t.base_value,
        target_value=t.target_value,
        unit=t.unit,
        coverage=Coverage(
            gpc_sectors=tuple(str(s) for s in t.gpc_sectors or ()),
            gases=_gases(t.gases or ()),
            level=CoverageLevel(t.level or "BASIC"),
            boundary=t.boundary,
        ),
        interim_targets=_interim(t.interim_targets),
        year_introduced=t.year_introduced,
        projected_population=t.projected_population,
        projected_gdp=t.projected_gdp,
        bau_emissions_tco2e=t.bau_emissions_tco2e,
        offsets_counted=t.offsets_counted,
        aligned_ndc=t.aligned_ndc,
        aligned_1_5c=t.aligned_1_5c,
    )


def core_action(a: Action) -> CoreAction:
    return CoreAction(
        action_id=str(a.pk),
        title=a.title,
        description=a.description,
        agenda=a.agenda,
        gpc_sectors=tuple(str(s) for s in a.gpc_sectors or ()),
        action_type=CoreActionType(a.action_type),
        status=CoreActionStatus(a.status),
        start_date=a.start_date,
        end_date=a.end_date,
        cost=float(a.cost) if a.cost is not None else None,
        currency=a.currency,
        funding_source=a.funding_source,
        reduction_tco2e_per_yr=a.reduction_tco2e_per_yr,
        energy_saved_mwh_per_yr=a.energy_saved_mwh_per_yr,
        renewable_generated_mwh_per_yr=a.renewable_generated_mwh_per_yr,
        co_benefits=tuple(str(c) for c in a.co_benefits or ()),
        sdgs=tuple(int(g) for g in a.sdgs or () if isinstance(g, int)),
        hazards_addressed=tuple(str(h) for h in a.hazards_addressed or ()),
        target_ids=tuple(str(s) for s in a.target_series or ()),
    )


def inventory_gases(inv: Inventory) -> tuple[str, ...]:
    """The gases an inventory reports (our rule): those with an amount in its activity records (an amount
    given only as CO2e, e.g. a grid factor, adds no gas); an inventory with lines entered as totals (no gas
    split, e.g. imports) is taken as reporting all seven."""
    return inventories_gases([inv])[inv.pk]


def inventories_gases(invs: Iterable[Inventory]) -> dict[int, tuple[str, ...]]:
    """``inventory_gases`` of several inventories in two queries (a jurisdiction page asks for a dozen)."""
    ids = [inv.pk for inv in invs]
    found: dict[int, set[str]] = {pk: set() for pk in ids}
    rows = ActivityRecord.objects.filter(inventory_id__in=ids, deleted_at__isnull=True).values_list(
        "inventory_id", "gases_t"
    )
    for pk, gases in rows:
        found[pk] |= {
            _GAS_CANON.get(g.upper(), g) for g, v in (gases or {}).items() if v and g.upper() != "CO2E"
        }
    entered = set(
        GpcLine.objects.filter(inventory_id__in=ids, is_entered=True, entered_value_tco2e__isnull=False)
        .values_list("inventory_id", flat=True)
        .distinct()
    )
    out: dict[int, tuple[str, ...]] = {}
    for pk, gases in found.items():
        if not gases or pk in entered:
            out[pk] = ALL_GASES
        else:
            out[pk] = tuple(g for g in ALL_GASES if g in gases) + tuple(sorted(gases - set(ALL_GASES)))
    return out


def inventory_point(
    inv: Inventory, population: float | None = None, gases: tuple[str, ...] | None = None
) -> InventoryPoint | None:
    """An inventory version as the core's totals; None when it has no BASIC total at all. The territorial
    total is kept for BASIC+ inventories only (a BASIC one need not compile every scope-1 line)."""
    basic = inv.basic_tco2e if inv.basic_tco2e is not None else inv.reported_basic_tco2e
    if basic is None:
        return None
    level = CoverageLevel.BASIC_PLUS if inv.level == "BASIC+" else CoverageLevel.BASIC
    totals: dict[CoverageLevel, float] = {CoverageLevel.BASIC: float(basic)}
    if level == CoverageLevel.BASIC_PLUS:
        bp = inv.basic_plus_tco2e if inv.basic_plus_tco2e is not None else inv.reported_basic_plus_tco2e
        if bp is not None:
            totals[CoverageLevel.BASIC_PLUS] = float(bp)
        terr = inv.territorial_tco2e if inv.territorial_tco2e is not None else inv.reported_territorial_tco2e
        if terr is not None:
            totals[CoverageLevel.TERRITORIAL] = float(terr)
    return InventoryPoint(
        year=inv.year,
        level=level,
        totals_tco2e=totals,
        by_sector_tco2e={str(k): float(v) for k, v in (inv.by_sector_tco2e or {}).items()},
        gases=inventory_gases(inv) if gases is None else gases,
        boundary=inv.boundary,
        population=inv.population or population,
        verification=VERIFICATION.get(inv.verification_status, VerificationStatus.SELF_REPORTED),
    )


def counted_inventories(user: Actor, jurisdiction: Jurisdiction) -> list[Inventory]:
    """One inventory per year: the current published one, or for members and the secretariat the newest
    live version (drafts included; withdrawn ones never)."""
    qs = Inventory.objects.filter(jurisdiction=jurisdiction).exclude(state=State.WITHDRAWN)
    members = bool(access.roles_in(user, jurisdiction.pk))
    if members:
        qs = access.visible_to(user, qs).filter(superseded_at__isnull=True)
    else:
        qs = access.public(qs).filter(superseded_at__isnull=True)
    by_year: dict[int, Inventory] = {}
    for inv in qs.order_by("year", "version"):
        by_year[inv.year] = inv
    return [by_year[y] for y in sorted(by_year)]


def _populations(jurisdiction: Jurisdiction) -> dict[int, float]:
    return {
        s.year: float(s.population or 0)
        for s in JurisdictionStat.objects.filter(jurisdiction=jurisdiction, population__isnull=False)
    }


def points_for(inventories: Iterable[Inventory], populations: dict[int, float]) -> list[InventoryPoint]:
    out = []
    invs = list(inventories)
    gases = inventories_gases(invs)
    for inv in invs:
        p = inventory_point(inv, populations.get(inv.year), gases[inv.pk])
        if p is not None:
            out.append(p)
    return out


def inventory_points(user: Actor, jurisdiction: Jurisdiction) -> list[InventoryPoint]:
    return points_for(counted_inventories(user, jurisdiction), _populations(jurisdiction))


# --- validation ------------------------------------------------------------------------------------------


def issues_for(target: Target, points: list[InventoryPoint]) -> list[Issue]:
    issues = validate_target(core_target(target), points)
    for i in issues:
        i.field = FIELD_MAP.get(i.field, i.field.split(".")[0].split("[")[0])
    return issues


def target_issues(user: Actor, target: Target) -> list[Issue]:
    """Every finding of the core's validation (errors and warnings, e.g. the 5 % base check with both
    numbers), each naming the registry field it concerns."""
    return issues_for(target, inventory_points(user, target.jurisdiction))


def target_errors(target: Target, already: Iterable[Any] = ()) -> list[Detail]:
    """The findings that refuse a save (``SAVE_BLOCKING``; ``services.submissions``); fields flagged already
    are skipped.
    Saving is done by the jurisdiction's members, so their drafts count (``access.SYSTEM`` sees all)."""
    if target.kind not in KIND_MAP or not target.target_year:
        return []
    seen = set(already)
    points = inventory_points(access.SYSTEM, target.jurisdiction) if target.jurisdiction_id else []
    try:
        issues = issues_for(target, points)
    except (ValueError, TypeError):  # malformed lists: the field checks report them
        return []
    return [
        Detail((i.field or "__all__",), i.message)
        for i in issues
        if i.severity == Severity.ERROR and i.code in SAVE_BLOCKING and i.field not in seen
    ]


# --- progress and pathway --------------------------------------------------------------------------------


def progress_of(user: Actor, target: Target, points: list[InventoryPoint] | None = None) -> TargetProgress:
    pts = points if points is not None else inventory_points(user, target.jurisdiction)
    return target_progress(core_target(target), pts, as_of_year=clock.today().year)


def actions_for(user: Actor, jurisdiction: Jurisdiction) -> list[Action]:
    """The jurisdiction's current actions ``user`` may see (published; members: drafts too)."""
    qs = access.visible_to(user, Action.objects.filter(jurisdiction=jurisdiction))
    qs = qs.filter(superseded_at__isnull=True).exclude(state=State.WITHDRAWN)
    if not access.roles_in(user, jurisdiction.pk):
        qs = access.public(qs)
    by_series: dict[Any, Action] = {}
    for a in qs.order_by("version"):
        by_series[a.series] = a
    return sorted(by_series.values(), key=lambda a: (a.start_date is None, a.start_date, a.title))


def pathway_of(user: Actor, target: Target) -> Pathway:
    """The BAU / with-actions / target pathway (core ``InputError`` when it cannot be drawn, with its code).
    BAU population: the jurisdiction's population statistics after the latest inventory year (projections),
    plus the target's ``projected_population``; none of them: BAU held constant (the method says so)."""
    jur = target.jurisdiction
    points = inventory_points(user, jur)
    actions = [core_action(a) for a in actions_for(user, jur)]
    pops = _populations(jur)
    latest = max((p.year for p in points), default=0)
    bau = BauInputs(population={y: v for y, v in pops.items() if y > latest})  # projections only
    return pathway(core_target(target), points, actions, bau)


def series_progress(target: Target, inventories: list[Inventory]) -> TargetProgress:
    """Progress over a given list of inventories (the public page's published series)."""
    points = points_for(inventories, _populations(target.jurisdiction))
    return target_progress(core_target(target), points, as_of_year=clock.today().year)


# --- drafts (the shared use-cases; the fields and rules are the kind's: targets/kind.py) -------------------


def create_target(user: Actor, jurisdiction: Ref | str, **fields: Any) -> Target:
    return create_submission(user, Target, jurisdiction, **fields)


def create_commitment(user: Actor, jurisdiction: Ref | str, **fields: Any) -> Commitment:
    return create_submission(user, Commitment, jurisdiction, **fields)
