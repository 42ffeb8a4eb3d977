"""Downscaling, CO2 equivalents, the correspondences and the cross-check, worked by hand."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from localaction.core.catalog import gpc_refs
from localaction.core.datasets import Estimate, compare, downscale, method_text, percent, share
from localaction.core.datasets.co2e import co2e
from localaction.core.datasets.mapping import category_map, category_maps, subsector_maps, threshold
from localaction.core.errors import InputError


def test_population_share_by_hand() -> None:
    # 231,000 people of a country of 10,000,000 → 2.31 %; 1,000,000 t national residential → 23,100 t.
    s = share("population", 231_000, 10_000_000, 2021, city_source="the inventory", national_source="UN WPP")
    assert s.value == pytest.approx(0.0231)
    assert downscale(1_000_000, s) == pytest.approx(23_100)
    assert method_text([("1.A.4.b", "Residential")], s) == (
        "national 1.A.4.b residential × city population share 2.31 %"
    )
    assert s.trail() == "population 2021: city 231,000 (the inventory) / national 10,000,000 (UN WPP)"
    g = share("gdp", 50e9, 2000e9, 2021, unit="BRL")
    assert method_text([("1.A.2", "Manufacturing")], g, note="2020 figures") == (
        "national 1.A.2 manufacturing × city GDP share 2.50 % (2020 figures)"
    )
    assert percent(0.004123) == "0.00412 %" and percent(12.3456) == "12.35 %"


def test_share_refusals() -> None:
    with pytest.raises(InputError, match="larger than the country's"):
        share("population", 20_000_000, 10_000_000, 2021)
    with pytest.raises(InputError, match="must both be positive"):
        share("population", 0, 10_000_000, 2021)


@dataclass(frozen=True)
class G:
    gas: str
    gwp_set: str
    value: float


def test_co2e_prefers_the_publishers_basket_under_the_inventorys_set() -> None:
    rows = [G("KYOTOGHG", "AR4", 900.0), G("KYOTOGHG", "AR5", 1000.0), G("CO2", "", 800.0), G("CH4", "", 5.0)]
    got = co2e(rows, "AR5", fossil_methane=False)
    assert got is not None and got.value_t == 1000.0 and "publisher's CO2e under AR5" in got.note
    # No AR6 basket: the gases under AR6 (CH4 non-fossil 27.0): 800 + 5 × 27.0 = 935.
    got = co2e(rows, "AR6", fossil_methane=False)
    assert got is not None and got.value_t == pytest.approx(935.0) and "weighted with AR6" in got.note
    # Fossil methane (energy): AR6 29.8 → 800 + 149 = 949; an F-gas group given as CO2e is added as is.
    got = co2e([G("CO2", "", 800.0), G("CH4", "", 5.0), G("HFCs", "AR4", 10.0)], "AR6", fossil_methane=True)
    assert got is not None and got.value_t == pytest.approx(959.0) and "HFCs as published (AR4)" in got.note
    # PRIMAP-hist gives HFCS under three sets: counted once, under the inventory's (AR5 here).
    hfcs = [G("CO2", "", 100.0), G("HFCS", "AR4", 7.0), G("HFCS", "AR5", 8.0), G("HFCS", "AR6", 9.0)]
    got = co2e(hfcs, "AR5", fossil_methane=False)
    assert got is not None and got.value_t == pytest.approx(108.0)
    got = co2e(hfcs[:3], "AR6", fossil_methane=False)  # no AR6 group: the latest other set, once
    assert got is not None and got.value_t == pytest.approx(108.0) and "HFCS as published (AR5)" in got.note
    only = co2e([G("KYOTOGHG", "AR4", 900.0)], "AR6", fossil_methane=False)
    assert only is not None and only.value_t == 900.0 and "under AR4" in only.note
    assert co2e([], "AR5", fossil_methane=False) is None


def test_mapping_rows_are_valid_and_keep_terminologies_apart() -> None:
    for m in category_maps().values():
        assert m.source and m.confidence in {"high", "medium", "low"}
        assert all(r in gpc_refs() for r in m.refs)
        if m.prefill_ref:
            assert m.downscalable and m.prefill_ref in m.refs
    res = category_map("primap", "1.A.4.b")
    assert res is not None and res.prefill_ref == "I.1.1" and res.driver == "population"
    # CRF sector 4 is LULUCF, IPCC 2006 category 4 is waste: the kind decides.
    crf4, ipcc4 = category_map("crf", "4"), category_map("primap", "4")
    assert crf4 is not None and crf4.refs == ("V.2",) and not crf4.downscalable
    assert ipcc4 is not None and ipcc4.sector == "III" and ipcc4.compare
    assert category_map("primap", "1.A") is not None and not category_map("primap", "1.A").downscalable  # type: ignore[union-attr]
    assert category_map("crf", "1.A.1") is not None and not category_map("crf", "1.A.1").downscalable  # type: ignore[union-attr]
    assert category_map("crf", "9.Z") is None
    assert subsector_maps()["road-transportation"].ref == "II.1.1"


def test_thresholds_most_specific_row_wins() -> None:
    assert threshold("II", "national").pct == 40
    assert threshold("total", "cdp").pct == 10
    assert threshold("V", "climate_trace").pct == 50
    assert threshold("V", "national").pct == 50  # the * * default


def _est(subject: str, source: str, label: str, value: float, refs: tuple[str, ...] = ()) -> Estimate:
    return Estimate(subject, source, label, value, refs)


def test_cross_check_messages_and_codes() -> None:
    estimates = [
        _est("sector:II", "national", "the downscaled national estimate", 1_000_000, ("II.1.1", "II.2.1")),
        _est("sector:II", "climate_trace", "Climate TRACE", 908_000, ("II.1.1",)),
        _est("line:III.4.1", "national", "the downscaled national estimate", 10_000, ("III.4.1",)),
        _est("total:basic", "cdp", "your CDP report (2019)", 2_551_251),
        _est("sector:IV", "national", "the downscaled national estimate", 5_000, ("IV.2",)),
    ]
    lines = {"II.1.1": 590_000.0, "II.2.1": 0.0, "III.4.1": 10_400.0}  # II.2.1 is a notation key: 0
    comparisons, findings = compare(estimates, lines, {"basic": 2_100_000.0}, {"III.4.1": "III"})
    # IV.2 is unknown (neither a value nor a key): not compared.
    assert {c.estimate.subject for c in comparisons} == {"sector:II", "line:III.4.1", "total:basic"}
    by = {f.subject: f for f in findings}
    assert set(by) == {"sector:II", "total:basic"}  # III.4.1 is 4 % above: inside 50 %
    assert by["sector:II"].code == "crosscheck.sector_gap"
    # 590,000 vs 1,000,000 = −41 % (beyond 40 %), vs 908,000 = −35 % (inside 50 %, still named).
    assert by["sector:II"].message == (
        "Transport is 41 % below the downscaled national estimate and 35 % below Climate TRACE: "
        "explain the method difference"
    )
    # (2,100,000 − 2,551,251) / 2,551,251 = −17.7 % > 10 %.
    assert by["total:basic"].code == "crosscheck.total_gap"
    assert by["total:basic"].message == (
        "The BASIC total is 18 % below your CDP report (2019): explain the restatement or the change of method "
        "since your earlier report"
    )
    within = next(c for c in comparisons if c.estimate.subject == "line:III.4.1")
    assert within.gap_pct == pytest.approx(4.0) and not within.beyond and within.threshold_pct == 50
