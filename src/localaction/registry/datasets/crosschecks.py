"""The cross-check of an inventory version against every independent estimate for its city and year.

Computed when a version is submitted (``signals``: stored as a run with its checks, never blocking the
submission) and on demand. Each check is a gap beyond its threshold; the city answers it with an
explanation, the reviewer reads both beside the figures. A new run of the same version carries an earlier
explanation of the same subject forward.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from localaction.core.catalog import gpc_refs
from localaction.core.datasets import Comparison, compare
from localaction.core.datasets.crosscheck import gap_text, subject_label
from localaction.core.errors import Detail
from localaction.registry.base import access, audit
from localaction.registry.base.access import Actor
from localaction.registry.base.errors import InvalidTransition, NotFound, PermissionDenied, ValidationFailed
from localaction.registry.base.models import State
from localaction.registry.base.services.common import Ref, pk_of
from localaction.registry.base.states import EDIT_ROLES
from localaction.registry.datasets.estimates import offer_for
from localaction.registry.datasets.models import CrossCheck, CrossCheckRun
from localaction.registry.inventories import services as inventories
from localaction.registry.inventories.models import Inventory

SOURCE_CAVEATS = {  # shown to readers, in their language
    "national": _(
        "A national inventory brought down to the city by a share (population, GDP or floor area): it carries "
        "the national average and knows nothing of the city's own plants, fuels or climate."
    ),
    "climate_trace": _(
        "Climate TRACE models emissions from satellites and activity data per asset and area; city totals "
        "depend on which sources are assigned to the city and on the model."
    ),
    "cdp": _(
        "The city's own earlier report to CDP-ICLEI (self-reported, checked for form only): a gap means a "
        "restatement, a new method or a data error."
    ),
}


def reported(inv: Inventory) -> tuple[dict[str, float | None], dict[str, float | None]]:
    """The version's line values (0 for notation keys; unknown lines absent) and its totals."""
    lines: dict[str, float | None] = {}
    for ln in inv.gpc_lines.all():
        if ln.value_tco2e is not None:
            lines[ln.gpc_ref] = ln.value_tco2e
        elif ln.notation_keys:
            lines[ln.gpc_ref] = 0.0
    scope = {str(k): v for k, v in (inv.by_scope_tco2e or {}).items()}
    totals = {
        "basic": inv.basic_tco2e,
        "basic_plus": inv.basic_plus_tco2e,
        "scope1": scope.get("1"),
        "scope2": scope.get("2"),
        "scope3": scope.get("3"),
    }
    return lines, totals


def _as_json(c: Comparison, dataset_ids: dict[str, Any]) -> dict[str, Any]:
    e = c.estimate
    ds = dataset_ids.get(e.dataset)
    return {
        "subject": e.subject,
        "subject_label": subject_label(e.subject),
        "source": e.source,
        "label": e.label,
        "dataset_id": int(e.dataset) if e.dataset else None,
        "dataset": str(ds) if ds else "",
        "licence": ds.licence if ds else "",
        "estimate_tco2e": round(e.value_t, 3),
        "reported_tco2e": round(c.reported_t, 3),
        "gap_pct": round(c.gap_pct, 2),
        "gap_text": f"{'−' if c.gap_pct < 0 else '+'}{gap_text(c.gap_pct)}",
        "threshold_pct": c.threshold_pct,
        "beyond": c.beyond,
        "refs": list(e.refs),
        "method": e.method,
        "caveat": e.caveat,
        "source_caveat": str(SOURCE_CAVEATS.get(e.source, "")),
    }


@dataclass
class Result:
    comparisons: list[dict[str, Any]]
    findings: list[dict[str, Any]]  # {code, subject, message, comparisons}
    datasets: list[int]
    notes: list[str]


def compute(inv: Inventory, dataset_ids: list[int] | None = None) -> Result:
    """Compare the version with every estimate (nothing stored)."""
    offer = offer_for(inv, dataset_ids)
    lines, totals = reported(inv)
    sector_of = {r: m.sector_code for r, m in gpc_refs().items()}
    comparisons, findings = compare([e for e, _ds in offer.estimates], lines, totals, sector_of)
    by_id = {str(ds.pk): ds for _e, ds in offer.estimates}
    return Result(
        comparisons=[_as_json(c, by_id) for c in comparisons],
        findings=[
            {
                "code": f.code,
                "subject": f.subject,
                "message": f.message,
                "comparisons": [_as_json(c, by_id) for c in f.comparisons],
            }
            for f in findings
        ],
        datasets=sorted({ds.pk for _e, ds in offer.estimates}),
        notes=offer.notes,
    )


@transaction.atomic
def run(inv: Inventory, *, trigger: str = "on_demand") -> CrossCheckRun:
    """Compute and store a run (and its checks) for a version; earlier explanations carry forward."""
    result = compute(inv)
    r = CrossCheckRun.objects.create(
        inventory=inv,
        trigger=trigger,
        submitted_at=inv.submitted_at,
        computed_at=audit.now(),
        comparisons=result.comparisons,
        datasets=result.datasets,
    )
    earlier = {
        c.subject: c for c in CrossCheck.objects.filter(inventory=inv).exclude(explanation="").order_by("id")
    }
    for f in result.findings:
        old = earlier.get(f["subject"])
        CrossCheck.objects.create(
            run=r,
            inventory=inv,
            code=f["code"],
            subject=f["subject"],
            message=f["message"],
            comparisons=f["comparisons"],
            explanation=old.explanation if old else "",
            explained_at=old.explained_at if old else None,
            explained_by=old.explained_by if old else None,
        )
    return r


def record_error(inv: Inventory, *, trigger: str, error: str) -> CrossCheckRun:
    return CrossCheckRun.objects.create(
        inventory=inv,
        trigger=trigger,
        submitted_at=inv.submitted_at,
        computed_at=audit.now(),
        error=error[:2000],
    )


def latest_run(inv: Inventory) -> CrossCheckRun | None:
    return CrossCheckRun.objects.filter(inventory=inv).order_by("-computed_at", "-id").first()


def crosscheck_of(user: Actor, inventory: Ref) -> tuple[Inventory, CrossCheckRun | None]:
    """A version's latest stored run, for whoever may see the version (its members, the secretariat; the
    public for published versions)."""
    inv = inventories.get_inventory(user, inventory)
    return inv, latest_run(inv)


def check_now(user: Actor, inventory: Ref) -> CrossCheckRun:
    """Run the cross-check now (members of the jurisdiction and the secretariat), e.g. on a draft."""
    inv = inventories.get_inventory(user, inventory)
    if not access.roles_in(user, inv.jurisdiction_id):
        raise PermissionDenied(
            f"only members of {inv.jurisdiction} and the secretariat can run the cross-check"
        )
    return run(inv, trigger="on_demand")


ANSWERABLE = frozenset({State.DRAFT, State.SUBMITTED, State.CHANGES_REQUESTED})


@transaction.atomic
def explain(user: Actor, check: Ref, text: str) -> CrossCheck:
    """The city's explanation of a gap (editors and approvers of the jurisdiction, until validation)."""
    c = CrossCheck.objects.filter(pk=pk_of(check)).select_related("inventory").first()
    if c is None:
        raise NotFound(f"cross-check {pk_of(check)} not found")
    inv = inventories.get_inventory(user, c.inventory_id)
    if not access.roles(user).by_jurisdiction.get(inv.jurisdiction_id, frozenset()) & EDIT_ROLES:
        raise PermissionDenied(f"only editors and approvers of {inv.jurisdiction} explain its figures")
    if inv.state not in ANSWERABLE:
        raise InvalidTransition(f"{inv} is {inv.state}: explanations are given before validation")
    text = text.strip()
    if len(text) < 10:
        raise ValidationFailed(
            "say what explains the gap", details=[Detail(("explanation",), "at least 10 characters")]
        )
    before = {"explanation": c.explanation}
    c.explanation = text
    c.explained_at = audit.now()
    c.explained_by = access.as_user(user)
    c.save(update_fields=["explanation", "explained_at", "explained_by"])
    audit.record(
        user, "explain_crosscheck", c, before, {"explanation": text}, jurisdiction_id=inv.jurisdiction_id
    )
    return c


def public_comparisons(inv: Inventory) -> Result | None:
    """How a published version compares with the independent estimates (computed now; None if not published)."""
    if inv.state != State.PUBLISHED:
        return None
    return compute(inv)
