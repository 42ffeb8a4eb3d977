"""Use-cases for the other reported things: targets, commitments, actions, hazard assessments.

They share the inventories' life: drafts edited by the jurisdiction, the MRV workflow (services.workflow),
corrections as new versions. Field names are the model's; only the listed ones can be set.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import transaction

from localaction.core.catalog import GASES, gpc_refs
from localaction.core.errors import Detail
from localaction.registry.actions.models import Action
from localaction.registry.base import access, audit
from localaction.registry.base.access import Actor
from localaction.registry.base.errors import PermissionDenied, ValidationFailed
from localaction.registry.base.models import Submission
from localaction.registry.base.services.common import (
    Ref,
    apply,
    claim,
    get_visible,
    pk_of,
    save,
    stamp_created,
    validated,
)
from localaction.registry.frameworks.models import FrameworkReport
from localaction.registry.hazards.models import HazardAssessment
from localaction.registry.inventories.services import get_jurisdiction, require_edit
from localaction.registry.targets.models import Commitment, Target, TargetKind
from localaction.registry.targets.services import target_errors

S = TypeVar("S", bound=Submission)

FIELDS: dict[type[Submission], tuple[str, ...]] = {
    Target: (
        "kind",
        "title",
        "description",
        "base_year",
        "base_emissions_tco2e",
        "base_intensity",
        "intensity_unit",
        "target_year",
        "reduction_pct",
        "target_emissions_tco2e",
        "gases",
        "level",
        "gpc_sectors",
        "boundary",
        "interim_targets",
        "year_introduced",
        "projected_population",
        "projected_gdp",
        "base_value",
        "target_value",
        "unit",
        "bau_emissions_tco2e",
        "offsets_counted",
        "aligned_ndc",
        "aligned_1_5c",
    ),
    Commitment: (
        "kind",
        "title",
        "description",
        "unit",
        "baseline_year",
        "baseline_value",
        "target_value",
        "start_date",
        "deadline",
        "year_introduced",
    ),
    Action: (
        "title",
        "description",
        "agenda",
        "gpc_sectors",
        "action_type",
        "status",
        "start_date",
        "end_date",
        "cost",
        "currency",
        "funding_source",
        "reduction_tco2e_per_yr",
        "energy_saved_mwh_per_yr",
        "renewable_generated_mwh_per_yr",
        "co_benefits",
        "sdgs",
        "hazards_addressed",
        "target_series",
    ),
    HazardAssessment: (
        "hazard_type",
        "hazard_subtype",
        "probability",
        "magnitude",
        "timeframe",
        "vulnerable_groups",
        "affected_sectors",
        "description",
    ),
    FrameworkReport: ("framework_id", "edition", "year", "title", "answers"),
}

# What each target kind needs (GHG Protocol Mitigation Goal Standard).
TARGET_REQUIRES: dict[str, tuple[str, ...]] = {
    TargetKind.BASE_YEAR: ("base_year", "base_emissions_tco2e", "reduction_pct"),
    TargetKind.FIXED_LEVEL: ("target_emissions_tco2e",),
    TargetKind.BASELINE_SCENARIO: ("bau_emissions_tco2e", "reduction_pct"),
    TargetKind.INTENSITY: ("base_year", "base_intensity", "intensity_unit", "reduction_pct"),
    TargetKind.NET_ZERO: (),
    TargetKind.INTENSITY_PER_CAPITA: ("base_year", "reduction_pct"),
    TargetKind.INTENSITY_PER_GDP: ("base_year", "reduction_pct"),
    TargetKind.RENEWABLE_SHARE: ("base_year", "target_value"),
    TargetKind.ENERGY_EFFICIENCY: ("base_year", "unit"),
}
_GAS_NAMES = frozenset({*GASES, "HFCs", "PFCs", "CO2e"})
_SECTORS = frozenset({"I", "II", "III", "IV", "V", "VI"})


def _problems(obj: Submission) -> list[Detail]:
    out: list[Detail] = []
    if isinstance(obj, Target):
        out += [
            Detail((f,), f"required for a {obj.kind} target")
            for f in TARGET_REQUIRES.get(obj.kind, ())
            if getattr(obj, f) in (None, "")
        ]
        if obj.base_year and obj.target_year and obj.target_year <= obj.base_year:
            out.append(Detail(("target_year",), "must be after the base year"))
        out += [Detail(("gases",), f"unknown gas {g!r}") for g in obj.gases if g not in _GAS_NAMES]
        for i, it in enumerate(obj.interim_targets):
            if not isinstance(it, dict) or not isinstance(it.get("year"), int):
                out.append(
                    Detail(
                        ("interim_targets", i), 'give {"year": …, "reduction_pct" or "emissions_tco2e": …}'
                    )
                )
        out += target_errors(obj, already={d.loc[0] for d in out})  # the targets core's rules
    if isinstance(obj, Target | Action):
        refs = gpc_refs()
        out += [
            Detail(("gpc_sectors",), f"{s!r} is not a GPC sector (I … VI), sub-sector or reference number")
            for s in obj.gpc_sectors
            if s not in _SECTORS and s not in refs and s not in {m.subsector_code for m in refs.values()}
        ]
    if isinstance(obj, Action):
        out += [
            Detail(("sdgs",), f"{g!r} is not an SDG (1-17)")
            for g in obj.sdgs
            if not (isinstance(g, int) and 1 <= g <= 17)
        ]
        if obj.start_date and obj.end_date and obj.end_date < obj.start_date:
            out.append(Detail(("end_date",), "is before the start"))
        if obj.cost is not None and not (len(obj.currency) == 3 and obj.currency.isupper()):
            out.append(Detail(("currency",), "give the ISO 4217 code (e.g. EUR) with a cost"))
    for name in (
        "gases",
        "gpc_sectors",
        "interim_targets",
        "co_benefits",
        "sdgs",
        "hazards_addressed",
        "vulnerable_groups",
        "affected_sectors",
    ):
        if hasattr(obj, name) and not isinstance(getattr(obj, name), list):
            out.append(Detail((name,), "must be a list"))
    return out


def _check(obj: Submission) -> None:
    validated(obj, exclude=["jurisdiction", "supersedes"])
    problems = _problems(obj)
    if problems:
        raise ValidationFailed(f"invalid {obj._meta.verbose_name}", details=problems)


@transaction.atomic
def create_submission(user: Actor, model: type[S], jurisdiction: Ref | str, **fields: Any) -> S:
    """A new draft of ``model`` (Target, Commitment, Action or HazardAssessment) for a jurisdiction."""
    jur = get_jurisdiction(jurisdiction)
    if not access.can_create_in(user, jur):
        raise PermissionDenied(f"only editors and approvers of {jur} can add a {model._meta.verbose_name}")
    data_source = fields.pop("data_source", "entered")
    obj = model(jurisdiction=jur, data_source=data_source)
    apply(obj, fields, FIELDS[model])
    stamp_created(obj, user)
    _check(obj)
    obj.save()
    audit.record(user, "create", obj, None, audit.snapshot(obj))
    return obj


@transaction.atomic
def update_submission(user: Actor, obj: S, *, revision: int, **changes: Any) -> S:
    current = get_visible(user, type(obj), pk_of(obj))
    require_edit(user, current)
    before = audit.snapshot(current)
    claim(current, revision)
    apply(current, changes, FIELDS[type(current)])
    _check(current)
    save(current, user)
    b, a = audit.changed(before, audit.snapshot(current))
    audit.record(user, "update", current, b, a)
    return current


def create_target(user: Actor, jurisdiction: Ref | str, **fields: Any) -> Target:
    return create_submission(user, Target, jurisdiction, **fields)


def create_commitment(user: Actor, jurisdiction: Ref | str, **fields: Any) -> Commitment:
    return create_submission(user, Commitment, jurisdiction, **fields)


def create_action(user: Actor, jurisdiction: Ref | str, **fields: Any) -> Action:
    return create_submission(user, Action, jurisdiction, **fields)


def create_hazard(user: Actor, jurisdiction: Ref | str, **fields: Any) -> HazardAssessment:
    return create_submission(user, HazardAssessment, jurisdiction, **fields)


def visible(user: Actor, model: type[S], jurisdiction: Ref | str | None = None) -> Any:
    qs = access.visible_to(user, model.objects.select_related("jurisdiction"))
    if jurisdiction is not None:
        qs = qs.filter(jurisdiction_id=get_jurisdiction(jurisdiction).pk)
    return qs
