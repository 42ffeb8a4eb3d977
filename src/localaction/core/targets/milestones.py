"""Framework milestones (Compact of Mayors / GCoM): what is due when, what was met, which badges hold.

The rules are data (``targets/data/<name>.yaml``, see ``MilestoneRuleSet``); this module only applies them.
Which rule set judges a commitment is data too (each file's ``applies``: the initiatives and the commitment
dates it covers), and the report says which one applied and why. Evaluation is a pure function of the rules,
the commitment date, the evidence and ``as_of``: no clock.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from importlib import resources
from typing import Any, Literal

import yaml
from pydantic import BaseModel, Field, ValidationError

from localaction.core.catalog.gpc import gpc_refs
from localaction.core.errors import Detail, InputError
from localaction.core.targets.coverage import SECTOR_CODES
from localaction.core.targets.double_counting import sector_of
from localaction.core.targets.model import (
    ALL_GASES,
    EVIDENCE_KINDS,
    Evidence,
    MilestoneRule,
    MilestoneRuleSet,
)

SHIPPED_RULES = ("compact_of_mayors", "gcom")  # files in targets/data/
DEFAULT_RULES = "gcom"  # by name, when a caller asks for no rule set and gives no commitment to choose by
INITIATIVES = {
    "compact_of_mayors": "Compact of Mayors",
    "gcom": "Global Covenant of Mayors for Climate & Energy",
}

ItemState = Literal["met", "due", "overdue", "expired"]


class ItemStatus(BaseModel):
    item: str
    label: str
    source: str = ""  # the rule's citation
    verified: bool = False  # the rule's values are all read in the initiative's own text
    accepts: tuple[str, ...] = ()  # the kinds of evidence that count
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
    verified: bool = False
    status: Literal["earned", "expired", "not_earned"]
    earned_on: dt.date | None = None
    expires_on: dt.date | None = None
    missing: list[str] = Field(default_factory=list)  # item ids not (or no longer) met


class MilestoneReport(BaseModel):
    framework: str  # the rule set that applied (its file name)
    version: str
    source: str = ""
    notes: str = ""  # what the rule set could not confirm ([check] items)
    initiative: str = ""  # what the jurisdiction committed to ("" when the rules were given by name)
    chosen_because: str = ""  # why this rule set judges the commitment
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
    gases = {g.upper() for g in ALL_GASES}
    for item in rules.items:
        where = (source, "items", item.id)
        problems += [
            Detail(
                (*where, "evidence"), f"unknown evidence kind {k!r}; use one of {', '.join(EVIDENCE_KINDS)}"
            )
            for k in item.evidence
            if k not in EVIDENCE_KINDS
        ]
        req = item.inventory
        if req is None:
            continue
        problems += [
            Detail((*where, "inventory", "required_sectors"), f"{c!r} is not a GPC sector (I … VI)")
            for c in req.required_sectors
            if c not in SECTOR_CODES
        ]
        problems += [
            Detail(
                (*where, "inventory", "required_gases"), f"{g!r} is not a GPC gas ({', '.join(ALL_GASES)})"
            )
            for g in req.required_gases
            if g.upper() not in gases
        ]
    if problems:
        raise InputError(
            f"{source}: inconsistent milestone rules", code="milestones.bad_rules", details=problems
        )
    return rules


def load_rules(name: str = DEFAULT_RULES) -> MilestoneRuleSet:
    """A rule set shipped in ``targets/data/`` (``compact_of_mayors`` or ``gcom``)."""
    path = resources.files("localaction.core.targets").joinpath("data", f"{name}.yaml")
    if name not in SHIPPED_RULES or not path.is_file():
        raise InputError(
            f"no milestone rules named {name!r}; use one of {', '.join(SHIPPED_RULES)}",
            code="milestones.unknown_rules",
        )
    return parse_rules(_shipped_yaml(name), f"{name}.yaml")


@functools.cache
def _shipped_yaml(name: str) -> Any:
    """A shipped file read once per process (parsing it took 60 ms, twice per jurisdiction page); the rule
    set is built afresh from it on each call, so no caller shares a mutable object."""
    path = resources.files("localaction.core.targets").joinpath("data", f"{name}.yaml")
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def select_rules(initiative: str, committed_on: dt.date) -> tuple[MilestoneRuleSet, str]:
    """The rule set that judges a commitment to ``initiative`` made on ``committed_on``, and why (each
    shipped file's ``applies`` says which initiatives and commitment dates it covers)."""
    if initiative not in INITIATIVES:
        raise InputError(
            f"unknown initiative {initiative!r}; use one of {', '.join(INITIATIVES)}",
            code="milestones.unknown_initiative",
        )
    for name in SHIPPED_RULES:
        rules = load_rules(name)
        scope = rules.applies
        if scope is None or initiative not in scope.initiatives:
            continue
        if scope.committed_from is not None and committed_on < scope.committed_from:
            continue
        if scope.committed_before is not None and committed_on >= scope.committed_before:
            continue
        bounds = [f"from {scope.committed_from}" if scope.committed_from else ""]
        bounds.append(f"before {scope.committed_before}" if scope.committed_before else "")
        when = " and ".join(b for b in bounds if b)
        why = (
            f"committed to the {INITIATIVES[initiative]} on {committed_on.isoformat()}: commitments made "
            f"{when} are judged on the {INITIATIVES.get(rules.framework, rules.framework)} rules "
            f"({rules.framework}, {rules.version}). {scope.reason}"
        )
        return rules, why
    raise InputError(
        f"no shipped milestone rules cover a {initiative} commitment made on {committed_on.isoformat()}",
        code="milestones.no_rules",
    )


def _sector_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for r in gpc_refs().values():
        names.setdefault(r.sector_code, r.sector)
    return names


def _why_not(rule: MilestoneRule, ev: Evidence) -> str | None:
    """Why ``ev`` does not count for ``rule`` (None: it counts); every shortfall at once."""
    req = rule.inventory
    if req is None:
        return None
    what = f"the inventory submitted on {ev.submitted_on.isoformat()}"
    sectors = {sector_of(s) for s in ev.gpc_sectors}
    gases = {g.strip().upper() for g in ev.gases}
    found: list[str] = []
    names = _sector_names()
    missing = [c for c in req.required_sectors if c not in sectors]
    if missing:
        listed = ", ".join(f"{names.get(c, c).lower()} ({c})" for c in missing)
        found.append(f"{listed} missing")
    if len(sectors) < req.min_sectors:
        found.append(f"covers {len(sectors)} sector(s); at least {req.min_sectors} are required")
    missing_gases = [g for g in req.required_gases if g.upper() not in gases]
    if missing_gases:
        found.append(f"gas(es) {', '.join(missing_gases)} missing")
    if len(gases) < req.min_gases:
        found.append(f"covers {len(gases)} gas(es); at least {req.min_gases} are required")
    if req.activity_data and not ev.activity_data:
        found.append("its activity data is not disclosed")
    if req.max_age_years is not None:
        if ev.inventory_year is None:
            found.append("does not say its inventory year")
        else:
            age = ev.submitted_on.year - ev.inventory_year
            if age > req.max_age_years:
                found.append(
                    f"is for {ev.inventory_year}, {age} years before its reporting year "
                    f"(at most {req.max_age_years})"
                )
    return f"{what}: {'; '.join(found)}" if found else None


def _status(rule: MilestoneRule, **fields: Any) -> ItemStatus:
    return ItemStatus(
        item=rule.id,
        label=rule.label,
        source=rule.source,
        verified=rule.verified,
        accepts=rule.accepts,
        **fields,
    )


def _item(
    rule: MilestoneRule, commitment: dt.date, evidence: Sequence[Evidence], as_of: dt.date
) -> ItemStatus:
    due = add_years(commitment, rule.due_within_years)
    mine = sorted(
        (e for e in evidence if e.item in rule.accepts and e.submitted_on <= as_of),
        key=lambda e: e.submitted_on,
    )
    problems = [p for e in mine if (p := _why_not(rule, e)) is not None]
    ok = [e for e in mine if _why_not(rule, e) is None]
    if not ok:
        status: ItemState = "due" if as_of <= due else "overdue"
        return _status(rule, status=status, due_on=due, problems=problems)
    first, last = ok[0], ok[-1]
    valid_until = add_years(last.submitted_on, rule.renew_every_years) if rule.renew_every_years else None
    expired = valid_until is not None and as_of > valid_until
    return _status(
        rule,
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
    *,
    initiative: str | None = None,
) -> MilestoneReport:
    """Each item's status (met / due / overdue / expired) with its dates, and the badges, as of ``as_of``.

    ``rules`` given: those apply. Otherwise they are chosen by ``initiative`` (default ``gcom``) and the
    commitment date (``select_rules``); the report says which rules applied and why.
    """
    why = ""
    if rules is None:
        initiative = initiative or "gcom"
        rules, why = select_rules(initiative, commitment_date)
    known = set(EVIDENCE_KINDS) | {k for r in rules.items for k in r.accepts}
    unknown = sorted({e.item for e in evidence} - known)
    if unknown:
        raise InputError(
            f"evidence of unknown kinds: {', '.join(unknown)}; use one of {', '.join(sorted(known))}",
            code="milestones.unknown_item",
        )
    items = [_item(r, commitment_date, evidence, as_of) for r in rules.items]
    by_id = {i.item: i for i in items}
    badges = []
    for b in rules.badges:
        req = [by_id[r] for r in b.requires]
        missing = [i.item for i in req if i.status != "met"]
        if not req:
            badges.append(
                BadgeStatus(
                    badge=b.id, label=b.label, verified=b.verified, status="earned", earned_on=commitment_date
                )
            )
            continue
        if any(i.first_met_on is None for i in req):
            badges.append(
                BadgeStatus(
                    badge=b.id, label=b.label, verified=b.verified, status="not_earned", missing=missing
                )
            )
            continue
        earned_on = max(i.first_met_on for i in req if i.first_met_on is not None)
        ends = [i.valid_until for i in req if i.valid_until is not None]
        badges.append(
            BadgeStatus(
                badge=b.id,
                label=b.label,
                verified=b.verified,
                status="expired" if missing else "earned",
                earned_on=earned_on,
                expires_on=min(ends) if ends else None,
                missing=missing,
            )
        )
    return MilestoneReport(
        framework=rules.framework,
        version=rules.version,
        source=rules.source,
        notes=rules.notes,
        initiative=initiative or "",
        chosen_because=why,
        commitment_date=commitment_date,
        as_of=as_of,
        items=items,
        badges=badges,
    )
