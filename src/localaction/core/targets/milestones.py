"""Framework milestones (Compact of Mayors / GCoM): what is due when, what was met, which badges hold.

The rules are data (``targets/data/<name>.yaml``, see ``MilestoneRuleSet``); this module only applies them.
Evaluation is a pure function of the rules, the commitment date, the evidence and ``as_of``: no clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from importlib import resources
from typing import Literal

import yaml
from pydantic import BaseModel, Field, ValidationError

from localaction.core.errors import Detail, InputError
from localaction.core.targets.double_counting import sector_of
from localaction.core.targets.model import Evidence, MilestoneRule, MilestoneRuleSet

DEFAULT_RULES = "compact_of_mayors"

ItemState = Literal["met", "due", "overdue", "expired"]


class ItemStatus(BaseModel):
    item: str
    label: str
    status: ItemState
    due_on: dt.date
    first_met_on: dt.date | None = None  # the first qualifying submission
    met_on: dt.date | None = None  # the latest qualifying submission
    valid_until: dt.date | None = None  # when a renewal is due (None: never)
    late: bool = False  # first met after its due date
    reference: str = ""
    problems: list[str] = Field(default_factory=list)  # evidence that did not qualify, and why


class BadgeStatus(BaseModel):
    badge: str
    label: str
    status: Literal["earned", "expired", "not_earned"]
    earned_on: dt.date | None = None
    expires_on: dt.date | None = None
    missing: list[str] = Field(default_factory=list)  # item ids not (or no longer) met


class MilestoneReport(BaseModel):
    framework: str
    version: str
    commitment_date: dt.date
    as_of: dt.date
    items: list[ItemStatus]
    badges: list[BadgeStatus]


def add_years(d: dt.date, years: int) -> dt.date:
    """Same day and month ``years`` later; 29 February becomes 28 February."""
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return d.replace(year=d.year + years, day=28)


def parse_rules(data: object, source: str = "<rules>") -> MilestoneRuleSet:
    """Rules from a parsed YAML/JSON document; InputError listing every problem."""
    try:
        rules = MilestoneRuleSet.model_validate(data)
    except ValidationError as exc:
        details = [Detail((source, *e["loc"]), e["msg"]) for e in exc.errors()]
        raise InputError(
            f"{source}: not a valid milestone rule set", code="milestones.bad_rules", details=details
        ) from exc
    ids = [i.id for i in rules.items]
    problems = [
        Detail((source, "items", i), "duplicate id") for i in sorted({i for i in ids if ids.count(i) > 1})
    ]
    problems += [
        Detail((source, "badges", b.id), f"requires unknown item {r!r}")
        for b in rules.badges
        for r in b.requires
        if r not in ids
    ]
    if problems:
        raise InputError(
            f"{source}: inconsistent milestone rules", code="milestones.bad_rules", details=problems
        )
    return rules


def load_rules(name: str = DEFAULT_RULES) -> MilestoneRuleSet:
    """A rule set shipped in ``targets/data/`` (e.g. ``compact_of_mayors``)."""
    path = resources.files("localaction.core.targets").joinpath("data", f"{name}.yaml")
    if not path.is_file():
        raise InputError(f"no milestone rules named {name!r}", code="milestones.unknown_rules")
    return parse_rules(yaml.safe_load(path.read_text(encoding="utf-8")), f"{name}.yaml")


def _why_not(rule: MilestoneRule, ev: Evidence) -> str | None:
    """Why ``ev`` does not count for ``rule`` (None: it counts)."""
    req = rule.inventory
    if req is None:
        return None
    what = f"the inventory submitted on {ev.submitted_on.isoformat()}"
    sectors = {sector_of(s) for s in ev.gpc_sectors}
    if len(sectors) < req.min_sectors:
        return f"{what} covers {len(sectors)} sector(s); at least {req.min_sectors} are required"
    if len({g.strip().upper() for g in ev.gases}) < req.min_gases:
        return f"{what} covers {len(set(ev.gases))} gas(es); at least {req.min_gases} are required"
    if req.max_age_years is not None:
        if ev.inventory_year is None:
            return f"{what} does not say its inventory year"
        age = ev.submitted_on.year - ev.inventory_year
        if age > req.max_age_years:
            return (
                f"{what} is for {ev.inventory_year}, {age} years before its reporting year "
                f"(at most {req.max_age_years})"
            )
    return None


def _item(
    rule: MilestoneRule, commitment: dt.date, evidence: Sequence[Evidence], as_of: dt.date
) -> ItemStatus:
    due = add_years(commitment, rule.due_within_years)
    mine = sorted(
        (e for e in evidence if e.item == rule.id and e.submitted_on <= as_of), key=lambda e: e.submitted_on
    )
    problems = [p for e in mine if (p := _why_not(rule, e)) is not None]
    ok = [e for e in mine if _why_not(rule, e) is None]
    if not ok:
        status: ItemState = "due" if as_of <= due else "overdue"
        return ItemStatus(item=rule.id, label=rule.label, status=status, due_on=due, problems=problems)
    first, last = ok[0], ok[-1]
    valid_until = add_years(last.submitted_on, rule.renew_every_years) if rule.renew_every_years else None
    expired = valid_until is not None and as_of > valid_until
    return ItemStatus(
        item=rule.id,
        label=rule.label,
        status="expired" if expired else "met",
        due_on=due,
        first_met_on=first.submitted_on,
        met_on=last.submitted_on,
        valid_until=valid_until,
        late=first.submitted_on > due,
        reference=last.reference,
        problems=problems,
    )


def evaluate_milestones(
    commitment_date: dt.date,
    evidence: Sequence[Evidence],
    as_of: dt.date,
    rules: MilestoneRuleSet | None = None,
) -> MilestoneReport:
    """Each item's status (met / due / overdue / expired) with its dates, and the badges, as of ``as_of``."""
    rules = rules or load_rules()
    unknown = sorted({e.item for e in evidence} - {r.id for r in rules.items})
    if unknown:
        raise InputError(
            f"evidence for unknown milestone items: {', '.join(unknown)}; use one of "
            f"{', '.join(r.id for r in rules.items)}",
            code="milestones.unknown_item",
        )
    items = [_item(r, commitment_date, evidence, as_of) for r in rules.items]
    by_id = {i.item: i for i in items}
    badges = []
    for b in rules.badges:
        req = [by_id[r] for r in b.requires]
        missing = [i.item for i in req if i.status != "met"]
        if not req:
            badges.append(BadgeStatus(badge=b.id, label=b.label, status="earned", earned_on=commitment_date))
            continue
        if any(i.first_met_on is None for i in req):
            badges.append(BadgeStatus(badge=b.id, label=b.label, status="not_earned", missing=missing))
            continue
        earned_on = max(i.first_met_on for i in req if i.first_met_on is not None)
        ends = [i.valid_until for i in req if i.valid_until is not None]
        badges.append(
            BadgeStatus(
                badge=b.id,
                label=b.label,
                status="expired" if missing else "earned",
                earned_on=earned_on,
                expires_on=min(ends) if ends else None,
                missing=missing,
            )
        )
    return MilestoneReport(
        framework=rules.framework,
        version=rules.version,
        commitment_date=commitment_date,
        as_of=as_of,
        items=items,
        badges=badges,
    )
