"""Each MRV check on a small case that trips it, and on one that does not."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from localaction.core.inventory import (
    ActivityRecord,
    CustomFactor,
    GpcLineInput,
    Inventory,
    Level,
    Method,
    NotationKey,
    Period,
    ReportedTotals,
    Severity,
    compute,
)
from localaction.core.inventory.checks import CHECK_CODES
from tests.core.inventory.fakes import FakeLibrary

Y2020 = Period(start=dt.date(2020, 1, 1), end=dt.date(2020, 12, 31), year=2020)
BASIC_REFS = [
    "I.1.1",
    "I.1.2",
    "I.2.1",
    "I.2.2",
    "I.3.1",
    "I.3.2",
    "I.4.1",
    "I.4.2",
    "I.5.1",
    "I.5.2",
    "I.6.1",
    "I.6.2",
    "I.7.1",
    "I.8.1",
    "II.1.1",
    "II.1.2",
    "II.2.1",
    "II.2.2",
    "II.3.1",
    "II.3.2",
    "II.4.1",
    "II.4.2",
    "II.5.1",
    "II.5.2",
    "III.1.1",
    "III.1.2",
    "III.2.1",
    "III.2.2",
    "III.3.1",
    "III.3.2",
    "III.4.1",
    "III.4.2",
]


def complete(**overrides: float) -> list[GpcLineInput]:
    """A BASIC inventory: every BASIC line has a value (100 t) or, where overridden with None, a key."""
    return [GpcLineInput(gpc_ref=ref, value_tco2e=overrides.get(ref, 100.0)) for ref in BASIC_REFS]


def codes(inv: Inventory) -> dict[str, Severity]:
    return {c.code: c.severity for c in compute(inv, FakeLibrary()).checks}


def inv(lines: list[GpcLineInput], **kw: object) -> Inventory:
    base: dict[str, object] = {"jurisdiction": "X", "period": Y2020, "population": 1000.0, "lines": lines}
    base.update(kw)
    return Inventory.model_validate(base)


def test_a_complete_plausible_inventory_passes_every_check() -> None:
    assert codes(inv(complete())) == {}


def test_completeness_for_the_level() -> None:
    lines = complete()[1:]  # I.1.1 missing
    result = compute(inv(lines), FakeLibrary())
    missing = [c for c in result.checks if c.code == "completeness.missing_line"]
    assert [c.gpc_ref for c in missing] == ["I.1.1"]
    assert missing[0].severity == Severity.ERROR
    # BASIC+ also needs I.x.3, II.x.3, IV and V lines
    plus = compute(inv(complete(), level=Level.BASIC_PLUS), FakeLibrary())
    assert {c.gpc_ref for c in plus.checks if c.code == "completeness.missing_line"} >= {
        "I.1.3",
        "IV.1",
        "V.2",
    }


def test_notation_keys_need_explanations_and_ie_a_location() -> None:
    lines = complete()
    lines[0] = GpcLineInput(gpc_ref="I.1.1", notation_keys=(NotationKey.IE,))
    found = codes(inv(lines))
    assert found["notation.unexplained"] == Severity.WARNING
    assert found["notation.ie_without_location"] == Severity.WARNING
    lines[0] = GpcLineInput(
        gpc_ref="I.1.1",
        notation_keys=(NotationKey.IE,),
        included_in="I.2.1",
        explanation="billed with commercial customers",
    )
    assert codes(inv(lines)) == {}


def test_value_with_a_key_other_than_confidential() -> None:
    lines = complete()
    lines[0] = GpcLineInput(
        gpc_ref="I.1.1", value_tco2e=5.0, notation_keys=(NotationKey.NE,), explanation="x"
    )
    assert "notation.value_with_key" in codes(inv(lines))
    lines[0] = GpcLineInput(gpc_ref="I.1.1", value_tco2e=5.0, notation_keys=(NotationKey.C,), explanation="x")
    assert "notation.value_with_key" not in codes(inv(lines))


def test_reported_totals_must_equal_the_lines() -> None:
    # 32 BASIC lines x 100 t = 3,200 t; 17 of them are scope 1 (territorial 1,700 t)
    ok = inv(complete(), reported=ReportedTotals(basic=3200.0, basic_plus=3200.0, territorial=1700.0))
    assert codes(ok) == {}
    off = inv(complete(), reported=ReportedTotals(basic=3500.0))
    assert codes(off)["totals.mismatch"] == Severity.ERROR
    below = inv(complete(), reported=ReportedTotals(basic=3200.0, basic_plus=3100.0))
    assert codes(below)["totals.basic_plus_below_basic"] == Severity.ERROR


def test_negative_values_only_for_afolu_removals() -> None:
    lines = complete(**{"I.1.1": -5.0})
    assert codes(inv(lines))["values.negative_outside_afolu"] == Severity.ERROR
    removals = [*complete(), GpcLineInput(gpc_ref="V.2", value_tco2e=-5000.0)]
    found = codes(inv(removals))
    assert "values.negative_outside_afolu" not in found
    assert found["totals.basic_plus_below_basic"] == Severity.WARNING  # explained by the removals


def test_per_capita_band_and_population() -> None:
    assert (
        codes(inv(complete(), population=10.0))["per_capita.implausible"] == Severity.WARNING
    )  # 320 t/person
    assert codes(inv(complete(), population=None))["population.missing"] == Severity.WARNING


def test_year_on_year_jump_needs_explaining() -> None:
    assert "year_on_year.jump" in codes(inv(complete(), previous_totals={2019: 2000.0}))  # +60 %
    assert "year_on_year.jump" not in codes(inv(complete(), previous_totals={2019: 3000.0}))  # +7 %
    assert "year_on_year.jump" not in codes(inv(complete(), previous_totals={2021: 100.0}))  # a later year


def test_implied_factor_far_from_the_default_is_flagged() -> None:
    # kerosene-style mistake: 7x the default factor for diesel (74,539 kg CO2e/TJ)
    bad = ActivityRecord(
        record_id="k",
        gpc_ref="I.2.1",
        method=Method.FUEL_COMBUSTION,
        activity="diesel",
        quantity=1,
        unit="TJ",
        custom_factor=CustomFactor(value=7 * 74539, unit="kg/TJ", justification="supplier value"),
    )
    result = compute(inv(complete(**{"I.2.1": None}), records=[bad]), FakeLibrary())  # type: ignore[arg-type]
    flagged = [c for c in result.checks if c.code == "factor.implied_out_of_band"]
    assert flagged and flagged[0].record_id == "k" and "7.0 times" in flagged[0].message
    fine = bad.model_copy(
        update={"custom_factor": CustomFactor(value=80_000, unit="kg/TJ", justification="utility value")}
    )
    result = compute(inv(complete(**{"I.2.1": None}), records=[fine]), FakeLibrary())  # type: ignore[arg-type]
    assert not [c for c in result.checks if c.code == "factor.implied_out_of_band"]


def test_period_too_old_for_the_reporting_year() -> None:
    assert codes(inv(complete(), reporting_year=2024))["period.too_old"] == Severity.WARNING
    assert "period.too_old" not in codes(inv(complete(), reporting_year=2023))


def test_every_check_code_is_exercised_by_a_test() -> None:
    here = Path(__file__).parent
    source = "".join(p.read_text(encoding="utf-8") for p in sorted(here.glob("test_checks*.py")))
    for code in CHECK_CODES:
        assert f'"{code}"' in source, code


def test_docs_list_every_check_with_its_severity_and_every_threshold_with_its_value() -> None:
    from localaction.core.inventory.checks import load_thresholds

    text = (Path(__file__).resolve().parents[3] / "docs" / "inventory.md").read_text(encoding="utf-8")
    for code, (severity, _, keys) in CHECK_CODES.items():
        row = next((ln for ln in text.splitlines() if ln.startswith(f"| `{code}` |")), None)
        assert row is not None, code
        assert severity in row, code
        for key in keys:
            assert key.rstrip("*").rstrip(".") in text, (code, key)
    for section, values in load_thresholds().items():
        for key, value in values.items():
            row = next((ln for ln in text.splitlines() if ln.startswith(f"| `{section}.{key}` |")), None)
            assert row is not None, f"{section}.{key}"
            assert f"| {value} |" in row, (f"{section}.{key}", value)


def test_every_parameter_a_method_reads_is_documented() -> None:
    """Each param:<name> the methods' source reads is in methods.params.PARAMS (and so in the docs)."""
    import re

    from localaction.core.inventory.methods.params import PARAMS

    src = Path(__file__).resolve().parents[3] / "src" / "localaction" / "core" / "inventory" / "methods"
    code = "".join(p.read_text(encoding="utf-8") for p in src.glob("*.py"))
    read = set(re.findall(r'(?:param|text_param|flag)\(record, "([A-Za-z0-9_]+)"', code))
    read |= set(re.findall(r'(?:param|text_param|flag)\(rec, "([A-Za-z0-9_]+)"', code))
    missing = {name for name in read if name not in PARAMS}
    assert not missing, missing
