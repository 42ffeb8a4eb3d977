"""Actions as a submission kind: the fields the shared use-cases may set, and their rules."""

from __future__ import annotations

from localaction.core.errors import Detail
from localaction.registry.actions.models import Action
from localaction.registry.base import kinds
from localaction.registry.base.services.submissions import gpc_sector_problems

ACTION_FIELDS = (
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
)


def action_problems(obj: Action) -> list[Detail]:
    out = gpc_sector_problems(obj)
    out += [
        Detail(("sdgs",), f"{g!r} is not an SDG (1-17)")
        for g in obj.sdgs
        if not (isinstance(g, int) and 1 <= g <= 17)
    ]
    if obj.start_date and obj.end_date and obj.end_date < obj.start_date:
        out.append(Detail(("end_date",), "is before the start"))
    if obj.cost is not None and not (len(obj.currency) == 3 and obj.currency.isupper()):
        out.append(Detail(("currency",), "give the ISO 4217 code (e.g. EUR) with a cost"))
    return out


def register() -> None:
    kinds.register(
        kinds.Kind("action", Action, fields=ACTION_FIELDS, problems=action_problems, generic_pages=True)
    )
