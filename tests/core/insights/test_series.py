"""Series and trends on worked examples."""

from __future__ import annotations

import math
from typing import Any

import pytest

from localaction.core.insights import (
    InventoryFact,
    JurisdictionFacts,
    Measure,
    Per,
    TargetFact,
    compound_annual_change,
    indicator_series,
    inventory_series,
    target_progress_series,
)
from localaction.core.insights.model import IndicatorFact, Total, VerificationStatus
from localaction.core.inventory.model import Level

CITY = JurisdictionFacts(id="c", name="City", population={2018: 1_000_000.0, 2020: 1_100_000.0})


def inv(year: int, basic: float, **kw: Any) -> InventoryFact:
    return InventoryFact(jurisdiction_id="c", year=year, basic_tco2e=basic, boundary="administrative", **kw)


def test_compound_annual_change_worked_example() -> None:
    # 100 -> 81 over two years: (81/100)^(1/2) - 1 = 0.9 - 1 = -10 % a year.
    trend, why = compound_annual_change([2018, 2020], [100.0, 81.0])
    assert why == "" and trend is not None
    assert trend.change_pct_per_year == pytest.approx(-10.0)
    assert (trend.first_year, trend.last_year, trend.years) == (2018, 2020, (2018, 2020))


def test_no_trend_for_one_year_or_non_positive_values() -> None:
    assert compound_annual_change([2020], [5.0])[0] is None
    trend, why = compound_annual_change([2018, 2020], [100.0, -3.0])  # net removals
    assert trend is None and "negative" in why


def test_series_trend_rests_on_comparable_years_only() -> None:
    # 2016 has another boundary: the trend starts at 2018 and says why.
    facts = [
        InventoryFact(jurisdiction_id="c", year=2016, basic_tco2e=50.0, boundary="metropolitan"),
        inv(2018, 100.0),
        inv(2019, 95.0, verification=VerificationStatus.VERIFIED),
        inv(2020, 81.0),
    ]
    s = inventory_series(CITY, facts)
    assert [p.year for p in s.points] == [2016, 2018, 2019, 2020]
    assert s.trend is not None and s.trend.years == (2018, 2019, 2020)
    assert s.trend.change_pct_per_year == pytest.approx(-10.0)
    assert "2018" in s.trend_note and "not comparable" in s.trend_note
    assert s.verification == {"self_reported": 3, "validated": 0, "verified": 1}


def test_gwp_change_keeps_the_trend_but_warns() -> None:
    s = inventory_series(CITY, [inv(2018, 100.0), inv(2020, 81.0, gwp_set="AR6")])
    assert s.trend is not None and s.trend.first_year == 2018
    assert "GWP sets differ" in s.trend_note


def test_per_capita_uses_inventory_population_then_the_jurisdictions() -> None:
    # 2019: no census that year -> 2018's 1.0 M (carried forward up to two years); 2020: the inventory's own.
    facts = [inv(2019, 2_000_000.0), inv(2020, 2_400_000.0, population=1_200_000.0)]
    s = inventory_series(CITY, facts, Measure(per=Per.CAPITA))
    assert [p.value for p in s.points] == [pytest.approx(2.0), pytest.approx(2.0)]
    assert s.unit == "tCO2e/person" and s.measure == "basic.per_capita"


def test_missing_population_is_a_note_not_a_zero() -> None:
    s = inventory_series(JurisdictionFacts(id="c", name="C"), [inv(2020, 10.0)], Measure(per=Per.CAPITA))
    assert s.points[0].value is None and "population" in s.points[0].note


def test_sector_measure_and_parse() -> None:
    m = Measure.parse("sector_II.per_gdp")
    assert (m.sector, m.per, m.id) == ("II", Per.GDP, "sector_II.per_gdp")
    assert Measure.parse("basic_plus").total == Total.BASIC_PLUS
    f = inv(2020, 10.0, by_sector_tco2e={"II": 4.0})
    s = inventory_series(CITY, [f], Measure(sector="II"))
    assert s.points[0].value == 4.0


def test_target_progress_worked_example() -> None:
    # Base 1000 t in 2015, -50 % by 2030 -> goal 500 t. 2020: 800 t -> (1000-800)/(1000-500) = 40 %.
    # The straight line in 2020 is 1000 - 500 x 5/15 = 833.3 t; 800 <= 833.3 -> on track.
    t = TargetFact(
        jurisdiction_id="c",
        kind="base_year",
        base_year=2015,
        base_emissions_tco2e=1000.0,
        target_year=2030,
        reduction_pct=50.0,
    )
    s = target_progress_series(t, [inv(2014, 1100.0), inv(2020, 800.0), inv(2021, 900.0)])
    assert [p.year for p in s.points] == [2020, 2021]
    assert s.points[0].value == pytest.approx(40.0) and s.points[0].on_track is True
    assert s.points[1].value == pytest.approx(20.0) and s.points[1].on_track is False  # line at 2021: 800


def test_indicator_series_trend() -> None:
    facts = [
        IndicatorFact(
            jurisdiction_id="c", framework="sics", indicator="score", year=y, value=v, unit="points"
        )
        for y, v in ((2018, 40.0), (2021, 40.0 * 1.1**3))
    ]
    s = indicator_series("c", facts, "sics", "score")
    assert s.trend is not None and math.isclose(s.trend.change_pct_per_year, 10.0)
    assert s.higher_is_better and s.unit == "points"


def test_level_change_refuses_basic_plus_trend() -> None:
    facts = [
        inv(2018, 100.0, basic_plus_tco2e=120.0),
        inv(2020, 90.0, basic_plus_tco2e=130.0, level=Level.BASIC_PLUS),
    ]
    s = inventory_series(CITY, facts, Measure(total=Total.BASIC_PLUS))
    assert s.trend is None  # only 2020 is comparable with itself


def test_target_progress_follows_the_kind_not_the_numbers() -> None:
    # A renewable-share commitment is not tracked against emissions at all.
    share = TargetFact(jurisdiction_id="c", kind="renewable_share", base_year=2015, target_year=2030,
                       base_emissions_tco2e=1000.0, reduction_pct=50.0)  # fmt: skip
    s = target_progress_series(share, [inv(2020, 800.0)])
    assert s.points == [] and "not about emissions" in s.trend_note
    # A cap above the base: emissions are still lower-is-better; no "% of a cut" is invented.
    cap = TargetFact(jurisdiction_id="c", kind="fixed_level", base_year=2015, target_year=2025,
                     base_emissions_tco2e=1000.0, target_emissions_tco2e=1200.0)  # fmt: skip
    s = target_progress_series(cap, [inv(2020, 1050.0), inv(2021, 1300.0)])
    assert [p.value for p in s.points] == [None, None]
    assert [p.on_track for p in s.points] == [True, False]  # line 1100 in 2020, 1120 in 2021
    assert "caps growth" in s.trend_note


def test_intensity_target_is_tracked_per_person() -> None:
    # -20 % per person from 2015: 1000 t / 100 people = 10 t/person -> goal 8 t/person by 2025.
    t = TargetFact(jurisdiction_id="c", kind="intensity_per_capita", base_year=2015, target_year=2025,
                   base_emissions_tco2e=1000.0, reduction_pct=20.0)  # fmt: skip
    base = inv(2015, 1000.0, population=100)
    later = inv(2020, 1100.0, population=125)  # 8.8 t/person: 60 % of the cut
    s = target_progress_series(t, [base, later])
    assert s.points[-1].value == pytest.approx(60.0)
    assert s.points[-1].on_track is True  # line at 2020: 9 t/person
