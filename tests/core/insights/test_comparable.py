"""Like-for-like rules."""

from __future__ import annotations

from localaction.core.insights import (
    ComparabilityRules,
    InventoryFact,
    Measure,
    Total,
    Verdict,
    compare,
    compare_all,
)
from localaction.core.inventory.model import Level

A = InventoryFact(jurisdiction_id="a", year=2020, boundary="administrative", gwp_set="AR5")


def test_identical_scope_is_ok() -> None:
    c = compare(A, A.model_copy(update={"jurisdiction_id": "b"}))
    assert c.verdict == Verdict.OK and c.reasons == ()


def test_level_warns_on_basic_and_refuses_on_basic_plus() -> None:
    b = A.model_copy(update={"level": Level.BASIC_PLUS})
    assert compare(A, b).verdict == Verdict.WARN
    c = compare(A, b, Measure(total=Total.BASIC_PLUS))
    assert c.verdict == Verdict.REFUSE and c.reasons[0].code == "level_differs"
    assert "BASIC+" in c.reasons[0].message
    assert compare(A, b, Measure(sector="I")).verdict == Verdict.REFUSE  # sectors are at the level


def test_boundary_refuses_and_unknown_boundary_warns() -> None:
    c = compare(A, A.model_copy(update={"boundary": "Metropolitan"}))
    assert c.verdict == Verdict.REFUSE and "metropolitan" in c.reasons[0].message
    assert compare(A, A.model_copy(update={"boundary": "  ADMINISTRATIVE "})).verdict == Verdict.OK
    assert compare(A, A.model_copy(update={"boundary": ""})).reasons[0].code == "boundary_unknown"


def test_gwp_warns_and_rules_are_data() -> None:
    b = A.model_copy(update={"gwp_set": "AR6"})
    assert compare(A, b).verdict == Verdict.WARN
    strict = ComparabilityRules(gwp_differs=Verdict.REFUSE)
    assert compare(A, b, rules=strict).verdict == Verdict.REFUSE


def test_compare_all_reports_every_reason() -> None:
    facts = [A, A.model_copy(update={"gwp_set": "AR6"}), A.model_copy(update={"boundary": "metropolitan"})]
    c = compare_all(facts)
    assert {r.code for r in c.reasons} == {"gwp_differs", "boundary_differs"}
    assert c.verdict == Verdict.REFUSE and not c.allowed
    assert c.as_dict()["verdict"] == "refuse"
